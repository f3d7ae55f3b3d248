import Foundation
import GRDB
import ReinstateCore
import Testing
@testable import ReinstateStore

/// What a reader returns for a typical reply, written out so these tests do not depend on the reader.
func replyReading(topic: String = "unresponsive or poor customer service", deadline: DeadlineRule? = .fourteenOfOriginal) -> MessageReading {
    MessageReading(
        kind: .reply, text: "We received your submission but do not have enough information …",
        requested: [
            ReadRequest(text: "Greater detail on the root cause(s) of \(topic).", aspect: .rootCause, topic: topic),
            ReadRequest(text: "Greater detail on the actions you have taken to resolve \(topic).", aspect: .correctiveAction, topic: topic),
            ReadRequest(text: "Greater detail on the steps you have taken to prevent \(topic) going forward.", aspect: .preventiveMeasure, topic: topic),
        ],
        deadline: deadline)
}

extension DeadlineRule {
    static let fourteenOfOriginal = DeadlineRule(amount: 14, unit: .days, anchor: .originalNotification, text: "within 14 days of the original notification")
    static let seventeen = DeadlineRule(amount: 17, unit: .days, anchor: .thisMessage, text: "within 17 days")
}

@Suite struct StoreHistoryTests {
    let day: TimeInterval = 86_400
    let t0 = Timestamp.parse("2026-11-01T08:00:00Z")!

    func newCase(_ store: CaseStore) throws -> Int64 {
        try store.createCase(SuspensionCase(title: "ODR over 1%", account: "Blue Harbor", marketplace: "amazon.com", reason: .orderDefectRate, opened: t0))
    }

    @Test func aReplysDeadlineCountsFromTheOriginalNoticeAndASubmissionClosesIt() throws {
        let store = try CaseStore()
        let id = try newCase(store)
        let notice = try store.addMessage(
            caseID: id, raw: Data("notice".utf8), reading: MessageReading(kind: .notice, text: "notice", deadline: .seventeen),
            received: t0, now: t0)
        #expect(notice.deadline?.due == t0.addingTimeInterval(17 * day))
        let v1 = try store.addPlan(caseID: id, text: "Root cause: …", created: t0.addingTimeInterval(day))
        #expect(v1 == 1)
        #expect(try store.suspensionCase(id).status == .planDrafted)
        try store.submitPlan(caseID: id, number: 1, at: t0.addingTimeInterval(2 * day))
        #expect(try store.suspensionCase(id).status == .appealSubmitted)
        #expect(try store.history(id).nextDeadline == nil)

        let reply = try store.addMessage(
            caseID: id, raw: Data("reply".utf8), reading: replyReading(), received: t0.addingTimeInterval(6 * day), now: t0.addingTimeInterval(6 * day))
        #expect(reply.requests.count == 3)
        #expect(reply.deadline?.due == t0.addingTimeInterval(14 * day))
        #expect(try store.suspensionCase(id).status == .moreInformationRequested)
        #expect(try store.caseSummary(id).nextDeadline == t0.addingTimeInterval(14 * day))
        #expect(try store.caseSummary(id).unanswered == 3)
        #expect(try store.caseSummary(id).appealsSubmitted == 1)

        // The first submission came before the reply, so it does not close the reply's deadline …
        let h = try store.history(id)
        #expect(h.deadlines.map(\.isOpen) == [false, true])
        #expect(h.deadlines[0].closure == .planSubmitted(version: 1, at: t0.addingTimeInterval(2 * day)))
        // … the next one does.
        let v2 = try store.addPlan(caseID: id, text: "v2", created: t0.addingTimeInterval(7 * day), submitted: t0.addingTimeInterval(8 * day))
        #expect(v2 == 2)
        #expect(try store.history(id).deadlines.allSatisfy { !$0.isOpen })
        #expect(try store.caseSummary(id).appealsSubmitted == 2)
    }

    @Test func anEarlierNoticeAddedLaterMovesTheOriginalNotification() throws {
        let store = try CaseStore()
        let id = try newCase(store)
        let reply = try store.addMessage(caseID: id, raw: Data("r".utf8), reading: replyReading(), received: t0.addingTimeInterval(6 * day), now: t0)
        // Without a notice, the reply itself is the earliest message.
        #expect(reply.deadline?.due == t0.addingTimeInterval(20 * day))
        _ = try store.addMessage(caseID: id, raw: Data("n".utf8), reading: MessageReading(kind: .notice, text: "n"), received: t0, now: t0)
        #expect(try store.history(id).deadlines.first?.due == t0.addingTimeInterval(14 * day))
    }

    @Test func finishingACaseClosesItsDeadlinesAndReopeningOpensThem() throws {
        let store = try CaseStore()
        let id = try newCase(store)
        _ = try store.addMessage(caseID: id, raw: Data("r".utf8), reading: replyReading(), received: t0, now: t0)
        try store.setStatus(caseID: id, to: .closed, at: t0.addingTimeInterval(day))
        #expect(try store.history(id).deadlines.first?.closure == .caseFinished(status: .closed, at: t0.addingTimeInterval(day)))
        #expect(try store.due(now: t0, within: 365 * day).isEmpty)
        try store.setStatus(caseID: id, to: .open, at: t0.addingTimeInterval(2 * day))
        #expect(try store.history(id).deadlines.first?.isOpen == true)
        #expect(try store.due(now: t0, within: 365 * day).count == 1)
    }

    @Test func aReinstatementFinishesTheCase() throws {
        let store = try CaseStore()
        let id = try newCase(store)
        _ = try store.addMessage(caseID: id, raw: Data("r".utf8), reading: replyReading(), received: t0, now: t0)
        _ = try store.addMessage(caseID: id, raw: Data("ok".utf8), reading: MessageReading(kind: .reinstatement, text: "ok"), received: t0.addingTimeInterval(day), now: t0)
        #expect(try store.suspensionCase(id).status == .reinstated)
        #expect(try store.caseSummary(id).nextDeadline == nil)
    }

    @Test func versionsAreNeverOverwrittenAndSubmittedOnce() throws {
        let store = try CaseStore()
        let id = try newCase(store)
        #expect(try store.addPlan(caseID: id, text: "one", created: t0) == 1)
        #expect(try store.addPlan(caseID: id, text: "one", created: t0) == 2)
        try store.submitPlan(caseID: id, number: 1, at: t0)
        #expect(throws: StoreError.self) { try store.submitPlan(caseID: id, number: 1, at: t0) }
        #expect(throws: StoreError.notFound(what: "Plan version 9 of case \(id)")) { try store.submitPlan(caseID: id, number: 9, at: t0) }
        #expect(throws: StoreError.invalid("The plan is empty; nothing was stored.")) { try store.addPlan(caseID: id, text: " \n", created: t0) }
        #expect(try store.plan(caseID: id, number: 1).text == "one")
        #expect(try store.history(id).plans.map(\.number) == [1, 2])
    }

    @Test func aSubmissionMarksWhatItAnswersAndKeepsTheSellersWord() throws {
        let store = try CaseStore()
        let id = try newCase(store)
        _ = try store.addMessage(caseID: id, raw: Data("r1".utf8), reading: replyReading(topic: "late shipment"), received: t0, now: t0)
        let requests = try store.history(id).requests
        try store.setRequestState(requests[1].id, to: .waived(reason: "asked Seller Support"))  // the seller's word
        // Reopening means "not answered by what I had": a version submitted after it that answers it counts.
        try store.setRequestState(requests[2].id, to: .reopened)
        let plan = """
            Root cause:
            Our warehouse in Leeds shipped 41 orders late in March because one of two packers was ill for 9 days.

            Corrective actions:
            To end the late shipments we hired a second full-time packer on 2 April and shipped every open order within 24 hours.

            Preventive measures:
            Every Monday our manager Anna Wood checks the shipping report for late shipment and adds staff.
            """
        let v1 = try store.addPlan(caseID: id, text: plan, created: t0.addingTimeInterval(day))
        #expect(try store.history(id).requests.map(\.state.isOpen) == [true, false, true])  // a draft marks nothing
        try store.submitPlan(caseID: id, number: v1, at: t0.addingTimeInterval(2 * day))
        let states = try store.history(id).requests.map(\.state)
        #expect(states == [.answered(version: 1, by: .matcher), .waived(reason: "asked Seller Support"), .answered(version: 1, by: .matcher)])
        // A request asked after the submission is not answered by it.
        _ = try store.addMessage(
            caseID: id, raw: Data("r2".utf8), reading: replyReading(topic: "late shipment"),
            received: t0.addingTimeInterval(5 * day), now: t0.addingTimeInterval(5 * day))
        #expect(try store.history(id).requests.suffix(3).allSatisfy { $0.state == .unanswered })
        // A vague version answers nothing.
        _ = try store.addPlan(caseID: id, text: "We are sorry. It will not happen again.", created: t0.addingTimeInterval(6 * day),
                              submitted: t0.addingTimeInterval(6 * day))
        #expect(try store.history(id).requests.suffix(3).allSatisfy { $0.state == .unanswered })
    }

    @Test func requestStatesAndTheirRules() throws {
        let store = try CaseStore()
        let id = try newCase(store)
        let stored = try store.addMessage(caseID: id, raw: Data("r".utf8), reading: replyReading(), received: t0, now: t0)
        let r = stored.requests[0].id
        #expect(throws: StoreError.notFound(what: "Plan version 1 of case \(id)")) {
            try store.setRequestState(r, to: .answered(version: 1, by: .user))
        }
        _ = try store.addPlan(caseID: id, text: "plan", created: t0)
        try store.setRequestState(r, to: .answered(version: 1, by: .user))
        #expect(try store.request(r).state == .answered(version: 1, by: .user))
        #expect(try store.caseSummary(id).unanswered == 3)  // v1 is a draft: Amazon has not seen the answer
        try store.submitPlan(caseID: id, number: 1, at: t0.addingTimeInterval(60))
        #expect(try store.caseSummary(id).unanswered == 2)
        #expect(throws: StoreError.self) { try store.setRequestState(r, to: .waived(reason: "  ")) }
        try store.setRequestState(r, to: .waived(reason: "asked Seller Support"))
        #expect(try store.request(r).state == .waived(reason: "asked Seller Support"))
        try store.setRequestState(r, to: .reopened)
        #expect(try store.request(r).state == .reopened)
        #expect(try store.caseSummary(id).unanswered == 3)
        #expect(throws: StoreError.notFound(what: "Requested detail 999")) { try store.setRequestState(999, to: .unanswered) }
    }

    @Test func aFailedWriteLeavesNothingBehind() throws {
        let store = try CaseStore()
        // A case with an invalid ASIN fails after nothing has been written; the store stays empty.
        #expect(throws: StoreError.self) {
            try store.createCase(SuspensionCase(title: "x", scope: .listings(["B0GOOD1234", "nope"]), opened: t0))
        }
        #expect(try store.caseCount() == 0)
        #expect(throws: StoreError.notFound(what: "Case 42")) {
            try store.addMessage(caseID: 42, raw: Data("x".utf8), reading: replyReading(), now: t0)
        }
        let messages = try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM message") }
        #expect(messages == 0)
    }

    @Test func notesEvidenceAndTheWholeHistory() throws {
        let store = try CaseStore()
        let id = try newCase(store)
        try store.addNote(caseID: id, text: "called support", at: t0)
        #expect(throws: StoreError.self) { try store.addNote(caseID: id, text: "", at: t0) }
        try store.addEvidence(caseID: id, path: "/tmp/invoice.pdf", size: 12, sha256: String(repeating: "a", count: 64), at: t0)
        let h = try store.history(id)
        #expect(h.notes.map(\.text) == ["called support"])
        #expect(h.evidence.map(\.size) == [12])
    }
}

@Suite struct ReparseTests {
    let t0 = Timestamp.parse("2026-11-01T08:00:00Z")!

    @Test func readingAgainKeepsStatesAndTheSellersWord() throws {
        let store = try CaseStore()
        let id = try store.createCase(SuspensionCase(title: "x", opened: t0))
        let stored = try store.addMessage(caseID: id, raw: Data("reply".utf8), reading: replyReading(), received: t0, now: t0)
        _ = try store.addPlan(caseID: id, text: "plan", created: t0)
        let (first, second, third) = (stored.requests[0], stored.requests[1], stored.requests[2])
        try store.setRequestState(first.id, to: .answered(version: 1, by: .user))

        var again = replyReading(deadline: .seventeen)
        again.requested = [
            again.requested[1],
            ReadRequest(text: "Please provide invoices from your supplier.", aspect: .evidence, topic: ""),
        ]
        let change = try store.reparseMessage(stored.message.id, reading: again)
        #expect(change == Reparse(added: 1, removed: 1, keptForYourWord: 1, unchanged: 1))
        let requests = try store.history(id).requests
        #expect(requests.map(\.id).contains(first.id))
        #expect(requests.map(\.id).contains(second.id))
        #expect(!requests.map(\.id).contains(third.id))
        #expect(try store.request(first.id).state == .answered(version: 1, by: .user))
        #expect(try store.history(id).deadlines.map(\.rule) == [.seventeen])
        #expect(try store.messageIDs(readBefore: MessageReader.version + 1) == [stored.message.id])
    }

    @Test func editingARequest() throws {
        let store = try CaseStore()
        let id = try store.createCase(SuspensionCase(title: "x", opened: t0))
        let r = try store.addMessage(caseID: id, raw: Data("reply".utf8), reading: replyReading(), received: t0, now: t0).requests[0]
        try store.editRequest(r.id, aspect: .evidence, topic: " packaging ")
        #expect(try store.request(r.id).aspect == .evidence)
        #expect(try store.request(r.id).topic == "packaging")
        #expect(throws: StoreError.notFound(what: "Requested detail 99")) { try store.editRequest(99, aspect: nil, topic: "x") }
        // Reading the message again keeps the correction.
        _ = try store.reparseMessage(r.messageID, reading: replyReading())
        #expect(try store.request(r.id).topic == "packaging")
    }
}
