import Foundation
import PostgresTestSupport
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import Testing

/// What the tracker reads besides the commands' reads, the same on every store as on the reference
/// SQLite store holding the same cases.
extension StoreContractTests {
    @Test(arguments: ContractStore.testable)
    func theLaunchWarningListsTheSameDeadlines(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let reference = try reference()
        try await store.importDocument(try reference.exportDocument())
        for (days, limit) in [(0.0, 5), (3, 1), (30, 3), (400, 0), (400, 100)] {
            let got = try await store.dueWarnings(now: now, within: days * 86_400, first: limit)
            #expect(got == (try reference.dueWarnings(now: now, within: days * 86_400, first: limit)), "\(days) days, first \(limit)")
        }
        // Every due date counted, only the first one whole.
        let all = try await store.dueWarnings(now: now, within: 400 * 86_400, first: 1)
        let due = try await store.due(now: now, within: 400 * 86_400)
        #expect(all.dues.count == due.count && all.dues.count >= 2 && all.first == Array(due.prefix(1)))
        await done()
    }

    @Test(arguments: ContractStore.testable)
    func aMessagesAttachmentsANoteAndHeldMailReadTheSame(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let reference = try reference()
        try await store.importDocument(try reference.exportDocument())
        for id in Int64(1)...8 {
            let history = try reference.history(id)
            #expect(try await store.attachments(of: history) == reference.attachments(of: history), "case \(id)")
        }
        // Case 4 holds the mail filed from a mailbox, with its invoice.
        let kept = try await store.attachments(of: try reference.history(4)).values.flatMap { $0 }
        #expect(kept.map(\.filename) == ["invoice.pdf"])

        let noteID = try #require(try reference.history(3).notes.last?.id)
        #expect(try await store.note(noteID) == reference.note(noteID))
        #expect(try await store.note(noteID).text == "Ticket 8812 — called twice ✓")
        await #expect(throws: StoreError.notFound(what: "Note 9999")) { try await store.note(9999) }

        let held = try await store.heldMessages()
        #expect(held == (try reference.heldMessages()))
        #expect(held.count == 1 && held[0].raw.isEmpty)
        #expect(try await store.heldCount() == 1)
        let whole = try await store.heldMessage(held[0].id)
        #expect(whole == (try reference.heldMessage(held[0].id)))
        #expect(whole.raw.suffix(3) == Data([0xFC, 0xDF, 0x65]))
        await #expect(throws: StoreError.notFound(what: "Held message 9999")) { try await store.heldMessage(9999) }
        await done()
    }

    @Test(arguments: ContractStore.testable)
    func aPlanCheckFindsTheSamePassagesCopiedFromOtherCases(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let reference = try reference()
        try await store.importDocument(try reference.exportDocument())
        // A case's own latest plan, another case's plan copied into case 2, and a text of its own.
        var copied: String?
        for id in Int64(3)...8 where copied == nil {
            if let number = try reference.latestPlanNumber(caseID: id) { copied = try reference.plan(caseID: id, number: number).text }
        }
        let texts = try [#require(copied), Self.plan, "Root cause: none found."]
        for text in texts {
            for version: Int? in [nil, 1] {
                let expected = try reference.checkPlan(caseID: 2, text: text, version: version)
                #expect(try await store.checkPlan(caseID: 2, text: text, version: version) == expected)
            }
        }
        let found = try await store.checkPlan(caseID: 2, text: try #require(copied), version: nil)
        #expect(found.findings.contains { $0.rule == .copiedFromAnotherCase }, "the other case's plan is found")
        await #expect(throws: StoreError.notFound(what: "Case 999")) { try await store.checkPlan(caseID: 999, text: "x", version: nil) }
        await done()
    }
}
