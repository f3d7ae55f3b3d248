import Foundation
import GRDB
import ReinstateCore
import Testing
@testable import ReinstateStore

/// Issue 13: every mistake can be put right, each correction recomputes what depends on it, and each
/// can be put back exactly (the tracker's undo).
@Suite struct CorrectionTests {
    let day: TimeInterval = 86_400
    let t0 = Timestamp.parse("2026-11-01T08:00:00Z")!

    /// A plan the matcher reads as answering all three "late shipment" requests of `replyReading`.
    let answering = """
        Root cause:
        Our warehouse in Leeds shipped 41 orders late in March because one of two packers was ill for 9 days.

        Corrective actions:
        To end the late shipments we hired a second full-time packer on 2 April and shipped every open order within 24 hours.

        Preventive measures:
        Every Monday our manager Anna Wood checks the shipping report for late shipment and adds staff.
        """

    /// A case with a notice (17 days) on t0 and a reply asking three things (14 days of the original
    /// notification) on t0 + 5 days.
    func caseWithReply(_ store: CaseStore) throws -> (id: Int64, notice: StoredMessage, reply: StoredMessage) {
        let id = try store.createCase(SuspensionCase(title: "Late shipments", account: "Blue Harbor", opened: t0))
        let notice = try store.addMessage(
            caseID: id, raw: Data("notice".utf8), reading: MessageReading(kind: .notice, text: "notice", deadline: .seventeen),
            received: t0, now: t0)
        let reply = try store.addMessage(
            caseID: id, raw: Data("reply".utf8), reading: replyReading(topic: "late shipment"),
            received: t0.addingTimeInterval(5 * day), now: t0.addingTimeInterval(5 * day))
        return (id, notice, reply)
    }

    // MARK: - Item 6: a draft does not count as sent

    @Test func anAnswerInADraftIsNotSentUntilTheVersionIs() throws {
        let store = try CaseStore()
        let (id, _, reply) = try caseWithReply(store)
        let r = reply.requests[0]
        _ = try store.addPlan(caseID: id, text: "v1 draft", created: t0.addingTimeInterval(6 * day))
        try store.setRequestState(r.id, to: .answered(version: 1, by: .user))
        var h = try store.history(id)
        #expect(h.standing(of: h.requests[0]) == .answeredInDraft(version: 1, by: .user))
        #expect(h.standingLabel(of: h.requests[0]) == "answered in draft v1 (not sent yet)")
        #expect(h.unanswered.count == 3)
        #expect(try store.caseSummary(id).unanswered == 3)
        #expect(try store.due(now: t0.addingTimeInterval(20 * day), within: 0).first?.summary.unanswered == 3)
        // Exports' "now" and "then" follow the same rule.
        let standing = RequestStanding.byMessage(in: h)[reply.message.id]?.first { $0.detail.id == r.id }
        #expect(standing?.now.isOpen == true)
        #expect(standing?.then == .notAnswered)
        // Another version goes out: v1 is still a draft, so the answer is still unsent.
        _ = try store.addPlan(caseID: id, text: "v2 vague", created: t0.addingTimeInterval(7 * day), submitted: t0.addingTimeInterval(7 * day))
        h = try store.history(id)
        #expect(h.standing(of: h.requests[0]) == .answeredInDraft(version: 1, by: .user))
        #expect(try store.caseSummary(id).unanswered == 3)
        // v1 goes out: now it counts.
        try store.submitPlan(caseID: id, number: 1, at: t0.addingTimeInterval(8 * day))
        h = try store.history(id)
        #expect(h.standing(of: h.requests[0]) == .answered(version: 1, by: .user))
        #expect(try store.caseSummary(id).unanswered == 2)
        #expect(h.unanswered.count == 2)
    }

    // MARK: - Item 8: reopen after waive

    @Test func aReopenedWaiverIsAnsweredByALaterSubmissionAndKeepsItsReason() throws {
        let store = try CaseStore()
        let (id, _, reply) = try caseWithReply(store)
        let r = reply.requests[0].id
        try store.setRequestState(r, to: .waived(reason: "Seller Support said invoices cover it"))
        try store.setRequestState(r, to: .reopened)
        #expect(try store.request(r).state == .reopened)
        #expect(try store.request(r).waivedBefore == "Seller Support said invoices cover it")
        #expect(try store.history(id).standingLabel(of: try store.request(r))
            == "unanswered (you reopened it); waived before: Seller Support said invoices cover it")
        // A draft check already reads it with the matcher; the submission marks it.
        let v1 = try store.addPlan(caseID: id, text: answering, created: t0.addingTimeInterval(6 * day))
        let check = try store.checkPlan(caseID: id, text: answering, version: v1)
        #expect(check.coverage.first { $0.request.id == r }?.answered == true)
        try store.submitPlan(caseID: id, number: v1, at: t0.addingTimeInterval(7 * day))
        #expect(try store.request(r).state == .answered(version: 1, by: .matcher))
        #expect(try store.request(r).waivedBefore == "Seller Support said invoices cover it")
        // The reason is in the case's JSON too, and comes back on import.
        let doc = try store.caseDocument(id)
        let request = doc.messages.flatMap(\.requested).first { $0.id == r }
        #expect(request?.state == "answered")
        #expect(request?.waivedReason == "Seller Support said invoices cover it")
        // Checking the submitted version after a reopen: what was sent does not answer it.
        try store.setRequestState(r, to: .reopened)
        let again = try store.checkPlan(caseID: id, text: answering, version: v1)
        #expect(again.coverage.first { $0.request.id == r }?.answered == false)
    }

    // MARK: - Item 4: messages

    @Test func correctingTheFirstNoticesDateMovesTheDeadlinesCountedFromIt() throws {
        let store = try CaseStore()
        let (id, notice, reply) = try caseWithReply(store)
        #expect(try store.caseSummary(id).nextDeadline == t0.addingTimeInterval(14 * day))
        let change = try store.editMessageReceived(notice.message.id, to: t0.addingTimeInterval(2 * day))
        #expect(change.before.received == t0)
        let h = try store.history(id)
        let fourteen = try #require(h.deadlines.first { $0.messageID == reply.message.id })
        let seventeen = try #require(h.deadlines.first { $0.messageID == notice.message.id })
        #expect(fourteen.due == t0.addingTimeInterval(16 * day))  // from the notice, not from the reply
        #expect(seventeen.due == t0.addingTimeInterval(19 * day))
        #expect(try store.caseSummary(id).nextDeadline == t0.addingTimeInterval(16 * day))
        #expect(change.deadlineChanges.map { $0.before?.due } == [t0.addingTimeInterval(17 * day), t0.addingTimeInterval(14 * day)])
        #expect(change.deadlineChanges.map { $0.after?.due } == [t0.addingTimeInterval(19 * day), t0.addingTimeInterval(16 * day)])
        // Undo: the old date back gives the old deadlines.
        _ = try store.editMessageReceived(notice.message.id, to: change.before.received)
        #expect(try store.caseSummary(id).nextDeadline == t0.addingTimeInterval(14 * day))
    }

    @Test func aReplyDatedAfterTheSubmissionIsNoLongerAnsweredByIt() throws {
        let store = try CaseStore()
        let (id, _, reply) = try caseWithReply(store)
        _ = try store.addPlan(caseID: id, text: answering, created: t0.addingTimeInterval(6 * day), submitted: t0.addingTimeInterval(6 * day))
        var h = try store.history(id)
        #expect(h.requests.allSatisfy { $0.state == .answered(version: 1, by: .matcher) })
        #expect(h.deadlines.allSatisfy { !$0.isOpen })
        // The reply really came after the submission: its deadline is open and its requests unanswered.
        let change = try store.editMessageReceived(reply.message.id, to: t0.addingTimeInterval(9 * day))
        h = try store.history(id)
        #expect(h.requests.allSatisfy { $0.state == .unanswered })
        #expect(h.deadlines.first { $0.messageID == reply.message.id }?.isOpen == true)
        #expect(try store.caseSummary(id).unanswered == 3)
        // Undo: date and states back, exactly.
        let before = try store.history(id)
        _ = try store.editMessageReceived(reply.message.id, to: change.before.received)
        try store.restoreRequestStates(change.requestsBefore)
        #expect(try store.history(id).requests == change.requestsBefore)
        #expect(try store.history(id).deadlines.allSatisfy { !$0.isOpen })
        // The same in one step.
        let again = try store.editMessageReceived(reply.message.id, to: t0.addingTimeInterval(9 * day))
        #expect(try store.history(id) == before)
        try store.undoMessageCorrection(again)
        #expect(try store.history(id).requests == change.requestsBefore)
        #expect(try store.history(id).deadlines.allSatisfy { !$0.isOpen })
    }

    @Test func movingAMessageCountsBothCasesAgain() throws {
        let store = try CaseStore()
        let (id, _, reply) = try caseWithReply(store)
        _ = try store.addPlan(caseID: id, text: "draft", created: t0.addingTimeInterval(6 * day))
        try store.setRequestState(reply.requests[1].id, to: .answered(version: 1, by: .user))
        try store.setRequestState(reply.requests[2].id, to: .waived(reason: "not asked of us"))
        let other = try store.createCase(SuspensionCase(title: "Other account", opened: t0.addingTimeInterval(3 * day)))
        let change = try store.moveMessage(reply.message.id, toCase: other)
        #expect(change.before.caseID == id)
        let a = try store.history(id), b = try store.history(other)
        #expect(a.requests.isEmpty)
        #expect(a.deadlines.count == 1)
        #expect(b.messages.map(\.id) == [reply.message.id])
        // "answered by v1" named the old case's version: taken off. The waiver stays.
        #expect(b.requests.map(\.state) == [.unanswered, .unanswered, .waived(reason: "not asked of us")])
        // 14 days of the original notification: in the new case, its own first message.
        #expect(b.deadlines.first?.due == t0.addingTimeInterval(19 * day))
        #expect(try store.caseSummary(other).unanswered == 2)
        #expect(try store.caseSummary(id).unanswered == 0)
        #expect(try store.caseSummaries(CaseFilter(text: "enough information")).map(\.id) == [other])
        #expect(throws: StoreError.self) { try store.moveMessage(reply.message.id, toCase: other) }
        #expect(throws: StoreError.notFound(what: "Case 99")) { try store.moveMessage(reply.message.id, toCase: 99) }
        // Undo, in one step.
        let changes = try store.undoMessageCorrection(change)
        #expect(try store.history(id).requests == change.requestsBefore)
        #expect(try store.history(id).deadlines.map(\.due) == [t0.addingTimeInterval(17 * day), t0.addingTimeInterval(14 * day)])
        #expect(try store.history(other).messages.isEmpty)
        #expect(try store.caseSummary(other).nextDeadline == nil)
        #expect(changes.contains { $0.after?.caseID == id && $0.before?.caseID == other })
        #expect(try store.caseSummaries(CaseFilter(text: "enough information")).map(\.id) == [id])
    }

    @Test func removingAMessageAndPuttingItBackExactly() throws {
        let store = try CaseStore()
        let (id, notice, reply) = try caseWithReply(store)
        try store.setRequestState(reply.requests[0].id, to: .waived(reason: "covered"))
        let before = try store.history(id)
        let removed = try store.removeMessage(notice.message.id)
        #expect(removed.message.raw == Data("notice".utf8))
        #expect(removed.deadlines.map(\.rule) == [.seventeen])
        let h = try store.history(id)
        #expect(h.messages.map(\.id) == [reply.message.id])
        // The reply is now the first message: 14 days from it.
        #expect(h.deadlines.map(\.due) == [t0.addingTimeInterval(19 * day)])
        #expect(removed.deadlineChanges.count == 2)
        #expect(throws: StoreError.notFound(what: "Message \(notice.message.id)")) { try store.removeMessage(notice.message.id) }
        // Undo.
        try store.restoreMessage(removed)
        #expect(try store.history(id) == before)
        // A reply's requests come back with their states.
        let gone = try store.removeMessage(reply.message.id)
        #expect(try store.caseSummary(id).unanswered == 0)
        try store.restoreMessage(gone)
        #expect(try store.history(id) == before)
        #expect(try store.caseSummary(id).unanswered == 2)
    }

    // MARK: - Item 5: cases, notes, submissions, status

    @Test func editingACaseAndPuttingItBack() throws {
        let store = try CaseStore()
        let id = try store.createCase(SuspensionCase(title: "Tpyo", account: "Blue", marketplace: "amazon.com", opened: t0))
        let previous = try store.editCase(
            id, CaseEdit(title: "Typo fixed", account: " Blue Harbor ", marketplace: "https://www.Amazon.de/",
                         asins: ["b0c1234567"], reason: .inauthentic))
        var c = try store.suspensionCase(id)
        #expect(c.title == "Typo fixed")
        #expect(c.account == "Blue Harbor")
        #expect(c.marketplace == "amazon.de")
        #expect(c.scope == .listings(["B0C1234567"]))
        #expect(c.reason == .inauthentic)
        #expect(try store.caseSummaries(CaseFilter(text: "B0C1234567")).map(\.id) == [id])
        #expect(throws: StoreError.self) { try store.editCase(id, CaseEdit(title: "  ")) }
        #expect(throws: StoreError.self) { try store.editCase(id, CaseEdit(asins: ["nope"])) }
        #expect(try store.suspensionCase(id) == c)  // a refused edit changes nothing
        try store.editCase(id, CaseEdit(asins: []))
        #expect(try store.suspensionCase(id).scope == .account)
        try store.editCase(id, CaseEdit(restoring: previous))
        c = try store.suspensionCase(id)
        #expect(c == previous)
    }

    @Test func notesCanBeEditedRemovedAndPutBack() throws {
        let store = try CaseStore()
        let id = try store.createCase(SuspensionCase(title: "Notes", opened: t0))
        let n = try store.addNote(caseID: id, text: "called suport", at: t0)
        let old = try store.editNote(n, text: "called Seller Support")
        #expect(old.text == "called suport")
        #expect(try store.history(id).notes.map(\.text) == ["called Seller Support"])
        // The search index follows the note.
        #expect(try store.caseSummaries(CaseFilter(text: "Seller Support")).map(\.id) == [id])
        #expect(try store.caseSummaries(CaseFilter(text: "suport")).isEmpty)
        #expect(throws: StoreError.self) { try store.editNote(n, text: " ") }
        let removed = try store.removeNote(n)
        #expect(try store.history(id).notes.isEmpty)
        #expect(try store.caseSummaries(CaseFilter(text: "Seller Support")).isEmpty)
        try store.restoreNote(removed)
        #expect(try store.history(id).notes == [removed])
        try store.restoreNote(old)  // undo of the edit
        #expect(try store.history(id).notes == [old])
        #expect(try store.caseSummaries(CaseFilter(text: "suport")).map(\.id) == [id])
        #expect(throws: StoreError.notFound(what: "Note 99")) { try store.removeNote(99) }
    }

    @Test func takingBackASubmissionReopensWhatItClosedAndOnlyTheMatchersMarks() throws {
        let store = try CaseStore()
        let (id, _, reply) = try caseWithReply(store)
        _ = try store.addPlan(caseID: id, text: answering, created: t0.addingTimeInterval(6 * day))
        try store.setRequestState(reply.requests[2].id, to: .answered(version: 1, by: .user))
        try store.submitPlan(caseID: id, number: 1, at: t0.addingTimeInterval(7 * day))
        let submitted = try store.history(id)
        #expect(submitted.deadlines.allSatisfy { !$0.isOpen })
        #expect(submitted.suspensionCase.status == .appealSubmitted)
        let u = try store.unsubmitPlan(caseID: id, number: 1, at: t0.addingTimeInterval(8 * day))
        let h = try store.history(id)
        #expect(h.plans[0].submitted == nil)
        #expect(h.deadlines.allSatisfy { $0.isOpen })
        #expect(h.requests.map(\.state) == [.unanswered, .unanswered, .answered(version: 1, by: .user)])
        #expect(h.suspensionCase.status == .planDrafted)
        #expect(u.unmarked.map(\.id) == [reply.requests[0].id, reply.requests[1].id])
        #expect(u.deadlineChanges.count == 2)
        #expect(try store.caseSummary(id).appealsSubmitted == 0)
        #expect(try store.caseSummary(id).unanswered == 3)
        #expect(throws: StoreError.self) { try store.unsubmitPlan(caseID: id, number: 1, at: t0) }
        // Undo: exactly as it was.
        try store.restoreSubmission(u)
        #expect(try store.history(id) == submitted)
        #expect(try store.caseSummary(id).unanswered == 0)
    }

    @Test func aStatusChangeReturnsWhatItReplaced() throws {
        let store = try CaseStore()
        let (id, _, _) = try caseWithReply(store)
        let before = try store.history(id)
        let change = try store.changeStatus(caseID: id, to: .closed, at: t0.addingTimeInterval(8 * day))
        #expect(change.before == .moreInformationRequested)
        #expect(change.deadlineChanges.count == 2)
        #expect(try store.history(id).deadlines.allSatisfy { !$0.isOpen })
        try store.restoreStatus(change)
        #expect(try store.history(id) == before)
    }
}

/// The undo of the ordinary writes the tracker makes: each puts the case back exactly.
@Suite struct UndoTests {
    let day: TimeInterval = 86_400
    let t0 = Timestamp.parse("2026-11-01T08:00:00Z")!

    @Test func addingAMessageSubmittingAndMarkingCanBeTakenBackExactly() throws {
        let store = try CaseStore()
        let id = try store.createCase(SuspensionCase(title: "Undo", opened: t0))
        _ = try store.addPlan(caseID: id, text: "v1", created: t0, submitted: t0.addingTimeInterval(day))
        let start = try store.history(id)
        #expect(start.suspensionCase.status == .appealSubmitted)

        // A reply moves the case to "more info requested"; undoing it puts back the status too.
        let stored = try store.addMessage(
            caseID: id, raw: Data("reply".utf8), reading: replyReading(topic: "late shipment"),
            received: t0.addingTimeInterval(3 * day), now: t0.addingTimeInterval(3 * day))
        #expect(stored.statusChange?.before == .appealSubmitted)
        #expect(try store.suspensionCase(id).status == .moreInformationRequested)
        try store.undoAddMessage(stored)
        #expect(try store.history(id) == start)

        // A submission, then its undo.
        let again = try store.addMessage(
            caseID: id, raw: Data("reply".utf8), reading: replyReading(topic: "late shipment"),
            received: t0.addingTimeInterval(3 * day), now: t0.addingTimeInterval(3 * day))
        let withReply = try store.history(id)
        let previous = try store.setRequestState(again.requests[0].id, to: .waived(reason: "covered"))
        #expect(previous.state == .unanswered)
        _ = try store.addPlan(caseID: id, text: CorrectionTests().answering, created: t0.addingTimeInterval(4 * day))
        let drafted = try store.history(id)
        let submission = try store.submitPlan(caseID: id, number: 2, at: t0.addingTimeInterval(5 * day))
        #expect(submission.marked.map(\.id) == [again.requests[1].id, again.requests[2].id])
        #expect(try store.history(id).deadlines.allSatisfy { !$0.isOpen })
        try store.undoSubmission(submission)
        #expect(try store.history(id) == drafted)
        // And the waiver's undo.
        try store.restoreRequestStates([previous])
        var expected = withReply
        expected.plans = drafted.plans
        expected.suspensionCase = drafted.suspensionCase
        #expect(try store.history(id) == expected)
    }
}

/// Checking a version when a request is answered only in another, unsent draft.
@Suite struct DraftAnswerCheckTests {
    let t0 = Timestamp.parse("2026-11-01T08:00:00Z")!

    @Test func anAnswerInAnotherDraftDoesNotCoverThisVersion() throws {
        let store = try CaseStore()
        let id = try store.createCase(SuspensionCase(title: "Drafts", opened: t0))
        let stored = try store.addMessage(
            caseID: id, raw: Data("reply".utf8), reading: replyReading(topic: "late shipment"), received: t0, now: t0)
        let r = stored.requests[0].id
        _ = try store.addPlan(caseID: id, text: CorrectionTests().answering, created: t0)
        try store.setRequestState(r, to: .answered(version: 1, by: .user))
        _ = try store.addPlan(caseID: id, text: "We are sorry. It will not happen again.", created: t0)
        // v2 is what would be sent: v1's answer does not count for it.
        let v2 = try store.checkPlan(caseID: id, text: "We are sorry. It will not happen again.", version: 2)
        let c = try #require(v2.coverage.first { $0.request.id == r })
        #expect(c.answered == false)
        #expect(c.answeredInDraft == 1)
        #expect(c.reason.hasPrefix("you marked it answered in draft v1, which was not sent"))
        #expect(v2.findings.contains { $0.what.contains("#\(r)") })
        // v1 itself keeps the seller's word.
        let v1 = try store.checkPlan(caseID: id, text: CorrectionTests().answering, version: 1)
        #expect(v1.coverage.first { $0.request.id == r }?.answered == true)
        #expect(v1.coverage.first { $0.request.id == r }?.by == .user)
    }
}
