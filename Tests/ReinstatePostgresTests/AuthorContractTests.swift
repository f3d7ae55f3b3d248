import Foundation
import PostgresTestSupport
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import Testing

/// "Who did what" and "nothing lost between colleagues" (issue 17), on every store of the contract:
/// each change records its author, the documents carry them, and a change made on what a colleague
/// already changed is refused with one line naming them.
@Suite(.serialized) struct AuthorContractTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!
    static let reply = StoreContractTests.reply
    static let plan = StoreContractTests.plan

    /// A case with one of every kind of change, made by the store's author (`ContractStore.author`).
    func makeChanges(_ store: any StoreContract) async throws -> (caseID: Int64, requests: [RequestedDetail]) {
        let id = try await store.createCase(SuspensionCase(title: "Packaging", account: "Acme", opened: now))
        let later = now.addingTimeInterval(3_600)
        try await store.addNote(caseID: id, text: "Called Seller Support", at: later)
        let stored = try await store.addMessage(
            caseID: id, raw: Self.reply, reading: MessageReader().read(Self.reply), kind: nil, received: now, now: later)
        let draft = try await store.addPlan(caseID: id, text: Self.plan, created: later, submitted: nil)
        try await store.setRequestState(stored.requests[1].id, to: .waived(reason: "covered by phone"), at: later, seen: .unanswered)
        try await store.submitPlan(caseID: id, number: draft, at: later.addingTimeInterval(60))
        let status = try await store.caseSummary(id).status
        try await store.changeStatus(caseID: id, to: .reinstated, at: later.addingTimeInterval(120), seen: status)
        return (id, stored.requests)
    }

    @Test(arguments: ContractStore.testable)
    func everyChangeRecordsItsAuthorAndTheDocumentsCarryThem(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let (id, requests) = try await makeChanges(store)
        let h = try await store.history(id)
        let dana = ContractStore.author
        #expect(h.notes.map(\.author) == [dana])
        #expect(h.messages.map(\.addedBy) == [dana])
        #expect(h.plans.map(\.createdBy) == [dana])
        #expect(h.plans.map(\.submittedBy) == [dana])
        #expect(h.suspensionCase.statusSetBy == dana)
        // The waiver is the seller's; the answer is the coverage check's, found when dana submitted v1.
        let waived = try #require(h.requests.first { $0.id == requests[1].id })
        #expect(waived.stateSetBy == dana)
        #expect(waived.stateSetAt == now.addingTimeInterval(3_600))
        let matched = try #require(h.requests.first { $0.id == requests[0].id })
        if case .answered(_, .matcher) = matched.state {
            #expect(matched.stateSetBy == dana)
            #expect(matched.stateSetAt == now.addingTimeInterval(3_660))
        }
        // The document carries every author, and the other store reads it back the same.
        let document = try await store.exportDocument()
        let c = try #require(document.cases.first)
        #expect(c.statusSetBy == dana)
        #expect(c.notes.first?.author == dana)
        #expect(c.messages.first?.addedBy == dana)
        #expect(c.plans.first?.createdBy == dana && c.plans.first?.submittedBy == dana)
        #expect(c.messages.first?.requested.first { $0.id == requests[1].id }?.stateSetBy == dana)
        #expect(c.messages.first?.requested.first { $0.id == requests[1].id }?.stateSetAt == "2026-11-22T10:00:00Z")
        let text = String(decoding: try document.encoded(), as: UTF8.self)
        #expect(text.contains("\"statusSetBy\" : \"dana\"") && text.contains("\"author\" : \"dana\""))
        for other in ContractStore.testable {
            let (copy, closeCopy) = try await other.makeEmpty()
            try await copy.importDocument(document)
            #expect(try await copy.exportDocument().encoded() == document.encoded())
            #expect(try await copy.history(id) == h)
            await closeCopy()
        }
        await done()
    }

    @Test(arguments: ContractStore.testable)
    func bothStoresRecordTheSameBytes(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let reference = try CaseStore(author: ContractStore.author)
        _ = try await makeChanges(store)
        _ = try await makeChanges(reference)
        #expect(try await store.exportDocument().encoded() == reference.exportDocument().encoded())
        await done()
    }

    @Test(arguments: ContractStore.testable)
    func rowsWrittenBeforeAuthorsHaveNoneAndDocumentsWithoutThemReadTheSame(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        // A document of a store written before authors were kept: no author keys at all.
        let old = try CaseStore()
        try old.fillDemo(count: 3, seed: 7, now: now)
        let document = try old.exportDocument()
        let bytes = String(decoding: try document.encoded(), as: UTF8.self)
        for key in ["statusSetBy", "addedBy", "stateSetBy", "stateSetAt", "createdBy", "submittedBy", "\"author\""] {
            #expect(!bytes.contains(key), "\(key)")
        }
        try await store.importDocument(document)
        #expect(try await store.exportDocument().encoded() == document.encoded())
        let h = try await store.history(1)
        #expect(h.suspensionCase.statusSetBy == nil)
        #expect(h.messages.allSatisfy { $0.addedBy == nil })
        #expect(h.requests.allSatisfy { $0.stateSetBy == nil && $0.stateSetAt == nil })
        // An author that is not one line is refused, and the store stays empty.
        var bad = document
        bad.cases[0].statusSetBy = "dana\nroot"
        let (other, closeOther) = try await kind.makeEmpty()
        await #expect(throws: StoreError.self) { try await other.importDocument(bad) }
        #expect(try await other.caseTotal() == 0)
        await closeOther()
        await done()
    }

    @Test(arguments: ContractStore.testable)
    func aChangeOnWhatAColleagueChangedIsRefusedWithWhoAndWhen(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let id = try await store.createCase(SuspensionCase(title: "Packaging", opened: now))
        let stored = try await store.addMessage(
            caseID: id, raw: Self.reply, reading: MessageReader().read(Self.reply), kind: nil, received: now, now: now)
        let request = stored.requests[0].id
        let at = Timestamp.parse("2026-11-27T10:42:00Z")!
        // dana waives it; a colleague who still saw it unanswered then tries to reopen it.
        try await store.setRequestState(request, to: .waived(reason: "asked by phone"), at: at, seen: .unanswered)
        let before = try await store.exportDocument()
        await #expect(
            throws: StoreError.conflict(
                "Request \(request) was waived (asked by phone) by dana at 2026-11-27 10:42 (UTC) while you had it open; "
                    + "nothing was changed. Look at it again and decide.")
        ) {
            try await store.setRequestState(request, to: .reopened, at: at.addingTimeInterval(60), seen: .unanswered)
        }
        // Setting what it already is, is no conflict and changes nothing (not even who set it, or when).
        try await store.setRequestState(request, to: .waived(reason: "asked by phone"), at: at.addingTimeInterval(90), seen: .unanswered)
        #expect(try await store.exportDocument() == before)
        // The status: the case moved to "more information requested" when the reply arrived.
        let status = try await store.caseSummary(id).status
        try await store.changeStatus(caseID: id, to: .closed, at: at, seen: status)
        await #expect(
            throws: StoreError.conflict(
                "Case \(id) was set to closed by dana at 2026-11-27 10:42 (UTC) while you had it open; "
                    + "nothing was changed. Look at it again and decide.")
        ) {
            try await store.changeStatus(caseID: id, to: .denied, at: at.addingTimeInterval(60), seen: status)
        }
        let same = try await store.changeStatus(caseID: id, to: .closed, at: at.addingTimeInterval(60), seen: status)
        #expect(same.before == .closed && same.after == .closed && same.deadlineChanges.isEmpty)
        #expect(try await store.caseDocument(id).statusChanged == "2026-11-27T10:42:00Z")
        // Without `seen` (a script that does not care) the change goes through.
        try await store.changeStatus(caseID: id, to: .open, at: at.addingTimeInterval(120), seen: nil)
        #expect(try await store.caseSummary(id).status == .open)
        await done()
    }
}

/// Two colleagues on one SQLite file: two `CaseStore`s, writing at once from two threads.
@Suite struct LocalColleaguesTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    @Test func twoStoresOnOneFileKeepEveryNoteAndRefuseTheSecondMark() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("colleagues-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cases.sqlite"
        let alice = try CaseStore(path: path, author: "alice"), bob = try CaseStore(path: path, author: "bob")
        let id = try alice.createCase(SuspensionCase(title: "Packaging", opened: now))
        var requests: [Int64] = []
        for _ in 0..<10 {
            let stored = try alice.addMessage(
                caseID: id, raw: AuthorContractTests.reply, reading: MessageReader().read(AuthorContractTests.reply), now: now)
            requests += stored.requests.map(\.id)
        }
        let seenStatus = try alice.caseSummary(id).status
        let marked = requests
        let refused = Refusals()
        DispatchQueue.concurrentPerform(iterations: 2) { n in
            let (store, name) = n == 0 ? (alice, "alice") : (bob, "bob")
            for i in 0..<100 {
                do {
                    try store.addNote(caseID: id, text: "\(name) note \(i)", at: now)
                    if i < 10 {
                        try store.setRequestState(
                            marked[i], to: .waived(reason: "\(name) says so"), at: now.addingTimeInterval(Double(i)), seen: .unanswered)
                    }
                    if i % 10 == 0 {
                        try store.changeStatus(
                            caseID: id, to: n == 0 ? .closed : .denied, at: now, seen: seenStatus)
                    }
                } catch let error as StoreError {
                    refused.add(error)
                } catch {
                    refused.add(StoreError.writeFailed("\(error)"))
                }
            }
        }
        let h = try alice.history(id)
        #expect(h.notes.count == 200)
        #expect(Set(h.notes.map(\.author)) == ["alice", "bob"])
        // Each of the first ten requests was waived by exactly one of them; the other was told who.
        for request in requests.prefix(10) {
            let r = try #require(h.requests.first { $0.id == request })
            let winner = try #require(r.stateSetBy)
            #expect(r.state == .waived(reason: "\(winner) says so"))
        }
        let lines = refused.all.map(\.description)
        #expect(lines.allSatisfy { $0.contains("while you had it open; nothing was changed.") }, "\(lines)")
        #expect(lines.filter { $0.hasPrefix("Request ") }.count == 10)
        // The status was set once, by one of them; every later try by either was refused (naming them).
        let winner = try #require(h.suspensionCase.statusSetBy)
        #expect(h.suspensionCase.status == (winner == "alice" ? .closed : .denied))
        #expect(lines.filter { $0.hasPrefix("Case ") }.allSatisfy { $0.contains("by \(winner) at") })
    }
}

/// Undo puts the author back with what it undoes (the local store's corrections).
@Suite struct AuthorUndoTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    @Test func undoingAChangePutsItsAuthorBack() throws {
        let dana = try CaseStore(author: "dana")
        let id = try dana.createCase(SuspensionCase(title: "Packaging", opened: now))
        let stored = try dana.addMessage(
            caseID: id, raw: StoreContractTests.reply, reading: MessageReader().read(StoreContractTests.reply), now: now)
        let number = try dana.addPlan(caseID: id, text: StoreContractTests.plan, created: now)
        let submission = try dana.submitPlan(caseID: id, number: number, at: now.addingTimeInterval(60))
        let before = try dana.history(id)
        #expect(before.plans[0].submittedBy == "dana")
        // Taken back and put back: the submission is dana's again, and so is the status.
        let taken = try dana.unsubmitPlan(caseID: id, number: number, at: now.addingTimeInterval(120))
        #expect(try dana.history(id).plans[0].submittedBy == nil)
        try dana.restoreSubmission(taken)
        #expect(try dana.history(id) == before)
        // A submission undone leaves the status as it was, with its author (the message's: dana).
        try dana.undoSubmission(submission)
        #expect(try dana.history(id).suspensionCase.statusSetBy == stored.statusChange.map { _ in "dana" })
        // A request's state put back carries who had set it.
        let request = stored.requests[2].id
        try dana.setRequestState(request, to: .waived(reason: "phone"), at: now, seen: nil)
        let waived = try dana.request(request)
        let previous = try dana.setRequestState(request, to: .reopened, at: now.addingTimeInterval(60), seen: waived.state)
        try dana.restoreRequestStates([previous])
        #expect(try dana.request(request) == waived)
    }
}

/// Errors collected from several threads.
final class Refusals: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [StoreError] = []
    func add(_ error: StoreError) { lock.withLock { errors.append(error) } }
    var all: [StoreError] { lock.withLock { errors } }
}
