import Foundation
import GRDB
import ReinstateCore
import Testing
@testable import ReinstateStore

/// Requests that are alternatives ("Please provide one of the following"): stored as such (migration
/// v5), one answered option makes the others not needed, and the store's open count says the same as
/// `CaseHistory.standing` in every state.
@Suite struct AlternativesTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    /// A reply written for these tests: one request on its own, then two documents of which one is enough.
    static let reply = """
        Hello,

        We have reviewed your appeal. We do not have enough information to reinstate your account.

        Please provide the following:
        - The root cause of the late shipments on your account.

        Please provide one of the following documents:
        - Invoices from your supplier dated within the last 365 days.
        - A letter of authorization from the brand owner.

        Seller Performance Team
        """

    /// A store with one case and the reply stored in it; the reply's three requests.
    func storeWithReply(_ tmp: TemporaryFolder) throws -> (CaseStore, Int64, [RequestedDetail]) {
        let store = try CaseStore(path: tmp.file("a.sqlite"))
        let id = try store.createCase(SuspensionCase(title: "Late shipments", reason: .lateShipmentRate, opened: now))
        let raw = Data(Self.reply.utf8)
        let stored = try store.addMessage(caseID: id, raw: raw, reading: MessageReader().read(raw), received: now, now: now)
        return (store, id, stored.requests)
    }

    /// The open count on the case row and the count by `CaseHistory.standing`, which must agree.
    func openCounts(_ store: CaseStore, _ id: Int64) throws -> (row: Int, history: Int) {
        (try store.caseSummary(id).unanswered, try store.history(id).unanswered.count)
    }

    @Test func theReadersAlternativesAreStored() throws {
        let tmp = TemporaryFolder()
        let (store, id, requests) = try storeWithReply(tmp)
        #expect(requests.map(\.alternative) == [nil, RequestAlternative(group: 1, option: 1), RequestAlternative(group: 1, option: 2)])
        let history = try store.history(id)
        #expect(history.requests.map(\.alternative) == requests.map(\.alternative))
        #expect(history.optionCount(of: history.requests[1]) == 2)
        #expect(history.alternatives(of: history.requests[0]).isEmpty)
        #expect(try openCounts(store, id) == (3, 3))
    }

    @Test func oneOptionAnsweredInASubmittedVersionMakesTheOtherNotNeeded() throws {
        let tmp = TemporaryFolder()
        let (store, id, requests) = try storeWithReply(tmp)
        _ = try store.addPlan(caseID: id, text: "Root cause: nothing specific yet.", created: now)
        try store.setRequestState(requests[1].id, to: .answered(version: 1, by: .user))
        // Answered only in a draft: Amazon has not seen it, so the other option is still needed.
        #expect(try store.history(id).standing(of: requests[2]) == .unanswered)
        #expect(try openCounts(store, id) == (3, 3))
        try store.submitPlan(caseID: id, number: 1, at: now.addingTimeInterval(3600))
        let history = try store.history(id)
        #expect(history.standing(of: history.requests[2]) == .notNeeded(option: 1))
        #expect(history.standingLabel(of: history.requests[2]) == "not needed: alternative A was answered")
        let counts = try openCounts(store, id)
        #expect(counts.row == counts.history)
        #expect(!history.unanswered.contains { $0.id == requests[2].id })
    }

    @Test func aWaivedOptionDoesNotAnswerTheOthers() throws {
        let tmp = TemporaryFolder()
        let (store, id, requests) = try storeWithReply(tmp)
        try store.setRequestState(requests[1].id, to: .waived(reason: "we buy from the brand itself"))
        let history = try store.history(id)
        #expect(history.standing(of: history.requests[2]) == .unanswered)
        #expect(try openCounts(store, id) == (2, 2))
    }

    @Test func aRequestTheSellerReopenedStaysOpen() throws {
        let tmp = TemporaryFolder()
        let (store, id, requests) = try storeWithReply(tmp)
        _ = try store.addPlan(caseID: id, text: "Root cause: nothing specific yet.", created: now, submitted: now.addingTimeInterval(60))
        try store.setRequestState(requests[2].id, to: .reopened)
        try store.setRequestState(requests[1].id, to: .answered(version: 1, by: .user))
        let history = try store.history(id)
        #expect(history.standing(of: history.requests[2]) == .reopened)
        let counts = try openCounts(store, id)
        #expect(counts.row == counts.history)
        #expect(history.unanswered.contains { $0.id == requests[2].id })
    }

    @Test func anOptionOfSeveralItemsNeedsEveryItem() throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("a.sqlite"))
        let id = try store.createCase(SuspensionCase(title: "Branches", opened: now))
        let reading = MessageReading(
            kind: .reply, text: "branches",
            requested: [
                ReadRequest(text: "Invoices for food products.", aspect: .evidence, topic: "", alternatives: 1, option: 1),
                ReadRequest(text: "Lab reports for food products.", aspect: .evidence, topic: "", alternatives: 1, option: 1),
                ReadRequest(text: "Invoices for other products.", aspect: .evidence, topic: "", alternatives: 1, option: 2),
            ])
        let requests = try store.addMessage(caseID: id, raw: Data("branches".utf8), reading: reading, now: now).requests
        _ = try store.addPlan(caseID: id, text: "Invoices attached.", created: now, submitted: now.addingTimeInterval(60))
        try store.setRequestState(requests[0].id, to: .answered(version: 1, by: .user))
        #expect(try store.history(id).standing(of: requests[2]) == .unanswered, "half of option A answers nothing yet")
        #expect(try openCounts(store, id) == (2, 2))
        try store.setRequestState(requests[1].id, to: .answered(version: 1, by: .user))
        #expect(try store.history(id).standing(of: requests[2]) == .notNeeded(option: 1))
        #expect(try openCounts(store, id) == (0, 0))
        // Taking the answer back opens the other option again, in the count too.
        try store.setRequestState(requests[1].id, to: .unanswered)
        #expect(try openCounts(store, id) == (2, 2))
    }

    @Test func aBackupKeepsAlternativesAndRefusesHalfOfOne() throws {
        let tmp = TemporaryFolder()
        let (store, _, _) = try storeWithReply(tmp)
        let document = try store.exportDocument()
        let copy = try CaseStore(path: tmp.file("b.sqlite"))
        try copy.importDocument(try StoreDocument.decode(try document.encoded()))
        #expect(try copy.exportDocument().encoded() == (try document.encoded()))
        #expect(try copy.history(1).requests.map(\.alternative) == (try store.history(1).requests.map(\.alternative)))

        var broken = document
        broken.cases[0].messages[0].requested[1].alternativeOption = nil
        let third = try CaseStore(path: tmp.file("c.sqlite"))
        #expect(throws: StoreError.self) { try third.importDocument(broken) }
        #expect(try third.caseSummaries(limit: 10).isEmpty, "nothing of a refused document is stored")
    }

    @Test func readingAnOlderMessageAgainFindsItsAlternativesAndKeepsStates() throws {
        let tmp = TemporaryFolder()
        let (store, id, requests) = try storeWithReply(tmp)
        try store.setRequestState(requests[2].id, to: .waived(reason: "not the brand owner's product"))
        // As reader 3 stored it: no alternatives.
        try store.queue.write { db in
            try db.execute(sql: "UPDATE requested_detail SET alternative_group = NULL, alternative_option = NULL")
            try db.execute(sql: "UPDATE message SET reader_version = 3")
        }
        let older = try store.messageIDs(readBefore: MessageReader.version)
        #expect(older.count == 1)
        let change = try store.reparseMessage(older[0], reading: MessageReader().read(Data(Self.reply.utf8)))
        #expect(change.regrouped == 2)
        #expect(change.changedChecklist)
        let history = try store.history(id)
        #expect(history.requests.map(\.alternative) == requests.map(\.alternative))
        #expect(history.requests[2].state == .waived(reason: "not the brand owner's product"))
        #expect(try store.messageIDs(readBefore: MessageReader.version).isEmpty)
        let again = try store.reparseMessage(older[0], reading: MessageReader().read(Data(Self.reply.utf8)))
        #expect(!again.changedChecklist)
    }

    @Test func undoingARemovedMessageBringsBackItsAlternatives() throws {
        let tmp = TemporaryFolder()
        let (store, id, requests) = try storeWithReply(tmp)
        let before = try store.history(id)
        let removed = try store.removeMessage(requests[0].messageID)
        #expect(try store.history(id).requests.isEmpty)
        try store.restoreMessage(removed)
        #expect(try store.history(id) == before)
    }

    @Test func aVersion4StoreUpgradesWithItsCountsAsTheyWere() throws {
        let tmp = TemporaryFolder()
        let path = tmp.file("v4.sqlite")
        try earlierStore(at: path, upTo: "v4", """
            INSERT INTO suspension_case (id, title, scope, reason, status, status_changed_at, opened_at)
            VALUES (1, 'ODR', 'account', 'order-defect-rate', 'more-information-requested',
                    '2026-11-01T08:00:00Z', '2026-11-01T08:00:00Z');
            INSERT INTO message (id, case_id, kind, received_at, raw, text, reader_version)
            VALUES (1, 1, 'reply', '2026-11-04T08:00:00Z', x'', 'We need more.', 3);
            INSERT INTO requested_detail (case_id, message_id, position, text, aspect, state)
            VALUES (1, 1, 0, 'Root cause?', 'root-cause', 'unanswered'),
                   (1, 1, 1, 'Actions?', 'corrective-action', 'reopened'),
                   (1, 1, 2, 'Prevention?', 'preventive-measure', 'waived');
            """)
        let store = try CaseStore(path: path)
        #expect(try store.caseSummary(1).unanswered == 2)
        #expect(try store.history(1).requests.allSatisfy { $0.alternative == nil })
        #expect(try store.messageIDs(readBefore: MessageReader.version) == [1])
    }
}
