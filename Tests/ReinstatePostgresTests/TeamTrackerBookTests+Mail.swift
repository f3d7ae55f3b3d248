import Foundation
import PostgresTestSupport
import ReinstateApp
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import ReinstateUI
import Testing

/// The tracker's filing of held mail on a team store: as `mail file` does it, through the book.
extension TeamTrackerBookTests {
    @Test func theTrackerFilesHeldMailOnATeamStore() async throws {
        let server = try TestPostgresServer.shared()
        let database = try await filledDatabase(server)
        let raw = Data("""
            Authentication-Results: mx.example.net; dkim=pass header.d=amazon.com
            From: seller-performance@amazon.com
            Subject: Re: Your Amazon selling account
            Date: Sun, 15 Nov 2026 10:00:00 +0000
            Message-ID: <held-1@amazon.com>

            Hello,

            We need more information. Please send the following: invoices covering the last 365 days.

            """.utf8)
        let reading = MessageReader().read(raw)
        let facts = MailFacts(raw: raw, envelope: try #require(MailEnvelope.read(raw)), reading: reading)
        let heldID = try await connect(server, database)().closing { store in
            try await store.holdMail(raw: raw, facts: facts, reason: "no case to follow", origin: "inbox.mbox, message 1", now: now)
        }
        let link = try await open(server, database)
        let book = StoreCaseBook(team: link)
        #expect(try book.heldMessages().map(\.id) == [try #require(heldID)])
        let added = try book.fileHeld(id: try #require(heldID), caseID: 2, at: now)
        #expect(added.caseID == 2)
        #expect(added.requestCount == reading.requested.count)
        #expect(try book.heldMessages().isEmpty)
        #expect(try book.caseHistory(id: 2)?.messages.contains { $0.id == added.id } == true)
        // Filed once: a second time it is not there any more, in one line, changing nothing.
        #expect(throws: StoreError.notFound(what: "Held message \(heldID ?? 0)")) { try book.fileHeld(id: heldID ?? 0, caseID: 2, at: now) }
        #expect(book.connectionProblem() == nil)
        await link.close()
    }

    /// A staff role's tracker shows no held mail (it is the owner's) and, asked for it, says why in
    /// the server's words; the owner's says nothing of the kind.
    @Test func aStaffRolesTrackerSaysHeldMailIsTheOwners() async throws {
        let server = try TestPostgresServer.shared()
        let database = try await filledDatabase(server)
        let role = "clerk_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \(role) LOGIN PASSWORD 'clerk-pw'")
        let account = try server.psql("SELECT account FROM suspension_case WHERE id = 1", database: database)
            .trimmingCharacters(in: .newlines)
        _ = try await loggedIn(database).closing { try await $0.grantAccount(role: role, account: account) }
        let owner = try await open(server, database)
        #expect(try StoreCaseBook(team: owner).heldMailNote() == nil)
        await owner.close()
        let address = try PostgresAddress(url: server.url(database: database, user: role, password: nil), loginName: "nobody")
        let staff = try await TeamStoreLink.open(readOnly: false, retryInterval: .milliseconds(200)) {
            try await PostgresStore.connect(to: address, password: "clerk-pw")
        }
        let book = StoreCaseBook(team: staff)
        #expect(try book.heldMessages().isEmpty)
        let note = try #require(try book.heldMailNote())
        #expect(note.contains("only the store's owner (postgres) sees and files it; you are connected as \(role)."), "\(note)")
        #expect(try book.heldMailNote() == note)  // asked once, remembered
        await staff.close()
    }
}
