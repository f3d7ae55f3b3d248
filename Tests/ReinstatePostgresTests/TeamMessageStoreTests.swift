import Foundation
import PostgresTestSupport
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import Testing

/// The store side of `message show`, `message reparse`, `request edit` and `restore` on a team store:
/// the same answers and the same cases after as the local store given the same document and the same
/// reading; a staff role reaches none of another client's messages or requests; a replacement of the
/// whole store is the owner's, and all or nothing. Against a real, throwaway server (skipped, with the
/// reason, where PostgreSQL is not installed).
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct TeamMessageStoreTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    /// A local store in memory with demo cases of two accounts, and its team copy.
    func stores(accounts: Bool = false) async throws -> (local: CaseStore, team: PostgresStore, database: String) {
        let made = try CaseStore()
        try made.fillDemo(count: 8, seed: 5, now: now)
        var document = try made.exportDocument()
        if accounts {
            for i in document.cases.indices { document.cases[i].account = i.isMultiple(of: 2) ? "Acme Ltd" : "Brightside" }
        }
        // Writes recorded as made by the role the team store runs as, on both.
        let local = try CaseStore(author: TestPostgresServer.superuser)
        try local.importDocument(document)
        let database = try TestPostgresServer.shared().newDatabase("msg")
        let team = try await connect(database)
        try await team.initialize()
        try await team.importDocument(document)
        return (local, team, database)
    }

    func connect(_ database: String, user: String = TestPostgresServer.superuser, password: String = TestPostgresServer.password)
        async throws -> PostgresStore
    {
        try await loggedIn(database, user: user, password: password)
    }

    /// A message read again with a reading that differs from the stored one (a request in other words,
    /// one dropped, one more, no deadline) changes both stores alike.
    @Test func aReparseAndARequestEditChangeBothStoresAlike() async throws {
        let (local, connected, _) = try await stores()
        try await connected.closing { team in try await reparseAndEdit(local, team) }
    }

    func reparseAndEdit(_ local: CaseStore, _ team: PostgresStore) async throws {
        let history = try local.history(1)
        let message = try #require(history.messages.first { m in history.requests.filter { $0.messageID == m.id }.count >= 2 })
        let requests = history.requests.filter { $0.messageID == message.id }
        // The seller's word on the first, a correction on the second.
        for store in [local as any StoreContract, team as any StoreContract] {
            try await store.setRequestState(requests[0].id, to: .waived(reason: "Not asked of us"), at: now, seen: nil)
            try await store.editRequest(requests[1].id, aspect: .evidence, topic: "  supplier invoices ")
        }
        #expect(try local.request(requests[1].id).topic == "supplier invoices")
        #expect(try await team.request(requests[1].id) == (try local.request(requests[1].id)))
        var reading = MessageReader().read(message.raw)
        reading.requested[0].text = "The same request, in other words."
        reading.requested.append(ReadRequest(text: "A photo of the packing station.", aspect: .evidence, topic: "packing"))
        reading.deadline = nil
        reading.deadlineDate = nil
        let mine = try local.reparseMessage(message.id, reading: reading)
        let theirs = try await team.reparseMessage(message.id, reading: reading)
        #expect(theirs == mine)
        #expect(mine.added == 2 && mine.keptForYourWord == 1, "\(mine)")
        #expect(try await team.exportDocument() == (try local.exportDocument()))
        // The same reading twice changes nothing more.
        #expect(try await team.reparseMessage(message.id, reading: reading) == (try local.reparseMessage(message.id, reading: reading)))
        #expect(try await team.exportDocument() == (try local.exportDocument()))
        // Not found, in the same words.
        for store in [local as any StoreContract, team as any StoreContract] {
            await #expect(throws: StoreError.notFound(what: "Message 99999")) { try await store.reparseMessage(99999, reading: reading) }
            await #expect(throws: StoreError.notFound(what: "Requested detail 99999")) {
                try await store.editRequest(99999, aspect: .other, topic: nil)
            }
            await #expect(throws: StoreError.notFound(what: "Message 99999")) { try await store.attachmentData(messageID: 99999, number: 1) }
            await #expect(throws: StoreError.notFound(what: "Attachment 1 of message 1 (it has none)")) {
                try await store.attachmentData(messageID: 1, number: 1)
            }
            #expect(try await store.attachments(messageID: 1).isEmpty)
        }
        #expect(try await team.messageIDs(readBefore: MessageReader.version + 1) == (try local.messageIDs(readBefore: MessageReader.version + 1)))
        #expect(try await team.messageIDs(readBefore: MessageReader.version).isEmpty)
    }

    @Test func aStaffRoleReachesNoOtherClientsMessageOrRequest() async throws {
        let (_, connected, database) = try await stores(accounts: true)
        try await connected.closing { owner in try await staffReachesNothingElse(owner, database) }
    }

    func staffReachesNothingElse(_ owner: PostgresStore, _ database: String) async throws {
        let server = try TestPostgresServer.shared()
        let role = "dana_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \(role) LOGIN PASSWORD 'staff-pw'")
        try await owner.grantAccount(role: role, account: "Acme Ltd")
        try await connect(database, user: role, password: "staff-pw").closing { staff in
            try await staffReachesNothingElse(owner, staff, database)
        }
    }

    func staffReachesNothingElse(_ owner: PostgresStore, _ staff: PostgresStore, _ database: String) async throws {
        let server = try TestPostgresServer.shared()
        let document = try await owner.exportDocument()
        let theirs = try #require(document.cases.first { $0.account == "Brightside" })
        let ours = try #require(document.cases.first { $0.account == "Acme Ltd" })
        let message = try #require(theirs.messages.first)
        let request = try #require(theirs.messages.flatMap(\.requested).first)
        let reading = MessageReader().read(Data("Please send your invoices.".utf8))
        await #expect(throws: StoreError.notFound(what: "Message \(message.id)")) { try await staff.message(message.id) }
        await #expect(throws: StoreError.notFound(what: "Message \(message.id)")) { try await staff.reparseMessage(message.id, reading: reading) }
        await #expect(throws: StoreError.notFound(what: "Message \(message.id)")) {
            try await staff.attachmentData(messageID: message.id, number: 1)
        }
        #expect(try await staff.attachments(messageID: message.id).isEmpty)
        await #expect(throws: StoreError.notFound(what: "Requested detail \(request.id)")) {
            try await staff.editRequest(request.id, aspect: .other, topic: "x")
        }
        // Every message read before: the staff role's list holds its client's only.
        try server.psql("UPDATE message SET reader_version = 0", database: database)
        let listed = Set(try await staff.messageIDs(readBefore: MessageReader.version))
        let acme = Set(document.cases.filter { $0.account == "Acme Ltd" }.flatMap(\.messages).map(\.id))
        #expect(listed == acme && !listed.isEmpty)
        #expect(try await staff.message(try #require(ours.messages.first).id).caseID == ours.id)
        // Whole-store loads and replacements are the owner's.
        await #expect(throws: TeamAccessError.self) { try await staff.requireStoreOwner(to: "load a whole store into it") }
        await #expect(throws: TeamAccessError.self) { try await staff.replaceContents(with: StoreDocument(cases: [])) { _ in } }
        try server.psql("UPDATE message SET reader_version = \(MessageReader.version)", database: database)
        #expect(try await owner.exportDocument() == document)
    }

    @Test func aReplacementIsWholeOrNothingAndKeepsTheGrants() async throws {
        let (_, connected, _) = try await stores(accounts: true)
        try await connected.closing { owner in try await replaceWholeOrNothing(owner) }
    }

    func replaceWholeOrNothing(_ owner: PostgresStore) async throws {
        let server = try TestPostgresServer.shared()
        let role = "erin_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \(role) LOGIN PASSWORD 'staff-pw'")
        try await owner.grantAccount(role: role, account: "Acme Ltd")
        let before = try await owner.exportDocument()
        let other = try CaseStore()
        try other.fillDemo(count: 3, seed: 11, now: now)
        let incoming = try other.exportDocument()
        // The safety copy fails: nothing is replaced, and its error is said as it is.
        await #expect(throws: StoreError.backupFailed(path: "x", why: "full")) {
            try await owner.replaceContents(with: incoming) { _ in throw StoreError.backupFailed(path: "x", why: "full") }
        }
        #expect(try await owner.exportDocument() == before)
        // A document that cannot be loaded (a case twice): nothing is replaced either.
        var broken = incoming
        broken.cases.append(incoming.cases[0])
        var saved: StoreDocument? = nil
        await #expect(throws: (any Error).self) { try await owner.replaceContents(with: broken) { saved = $0 } }
        #expect(saved == before)
        #expect(try await owner.exportDocument() == before)
        // Replaced: the new cases, the old handed to the safety copy first, the grants kept.
        try await owner.replaceContents(with: incoming) { saved = $0 }
        #expect(saved == before)
        #expect(try await owner.exportDocument() == incoming)
        #expect(try await owner.teamListing().grants.map(\.role) == [role])
        #expect(try await owner.caseTotal() == 3)
        #expect(try await owner.createCase(SuspensionCase(id: 0, title: "After", account: "Acme Ltd", opened: now)) == 4)
    }
}
