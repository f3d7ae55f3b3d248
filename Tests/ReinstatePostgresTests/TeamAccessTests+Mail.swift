import Foundation
import PostgresTestSupport
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import Testing

/// Mail intake under "each sees only their clients": held mail is tied to no account, so a staff role may
/// add to it but only the owner reads and files it; routing sees the role's own cases only; and whether
/// mail is known is answered for the whole store, so nothing a colleague imported is stored twice.
extension TeamAccessTests {
    /// A reply from Amazon in the thread of `thread`, with its own Message-ID.
    func reply(_ id: String, thread: String) -> (raw: Data, reading: MessageReading, facts: MailFacts) {
        let raw = Data("""
            Authentication-Results: mx.example.net; dkim=pass header.d=amazon.com
            From: seller-performance@amazon.com
            Subject: Re: Your Amazon selling account
            Date: Sun, 15 Nov 2026 10:00:00 +0000
            Message-ID: <\(id)>
            In-Reply-To: <\(thread)>

            Hello,

            We need more information. Please send the following: invoices covering the last 365 days.

            """.utf8)
        let reading = MessageReader().read(raw)
        return (raw, reading, MailFacts(raw: raw, envelope: MailEnvelope.read(raw)!, reading: reading))
    }

    func file(_ store: PostgresStore, _ mail: (raw: Data, reading: MessageReading, facts: MailFacts), into target: MailTarget)
        async throws -> MailFiling
    {
        try await store.fileMail(raw: mail.raw, reading: mail.reading, facts: mail.facts, into: target, attachments: [], now: now)
    }

    @Test func heldMailIsTheOwnersAndAColleaguesMailIsNeverStoredTwice() async throws {
        let (database, owner, _) = try await teamStore()
        // Cases 1, 3, 5, … are Acme Ltd's; 2, 4, 6, … Brightside's.
        let alice = try newRole("mail_alice")
        try await owner.grantAccount(role: alice, account: "Acme Ltd")
        let staff = try await connect(database, user: alice, password: staffPassword)
        do {
            try await heldMailAndDedupe(database, owner: owner, staff: staff, alice: alice)
        } catch {
            Issue.record(error)
        }
        await staff.close()
        await owner.close()
    }

    func heldMailAndDedupe(_ database: String, owner: PostgresStore, staff: PostgresStore, alice: String) async throws {
        // The owner files a reply into Brightside's case 2, which Alice cannot read.
        let theirs = reply("r2@amazon.com", thread: "n2@amazon.com")
        guard case .filed = try await file(owner, theirs, into: .existing(2)) else { throw StoreError.invalid("not filed") }
        // Alice's routing sees her own cases' facts and marks only…
        #expect(try await staff.routingCases().allSatisfy { $0.account == "Acme Ltd" })
        #expect(try await staff.casesMarked([MailMarkKey(.messageID, "n2@amazon.com")]).isEmpty)
        #expect(try await staff.casesMarked([MailMarkKey(.messageID, "n1@amazon.com")]) == [MailMarkKey(.messageID, "n1@amazon.com"): [1]])
        // …but knows the owner's message, and importing it again stores nothing, even into her own case.
        #expect(try await staff.knowsMail(theirs.facts.identity))
        let acmeMessages = try rows("message", account: "Acme Ltd", database)
        #expect(try await file(staff, theirs, into: .existing(1)) == .duplicate)
        #expect(try rows("message", account: "Acme Ltd", database) == acmeMessages)

        // Filing into a case she cannot see, or opening a case of an account not hers: refused, nothing written.
        let mine = reply("r9@amazon.com", thread: "n9@amazon.com")
        await #expect(throws: StoreError.notFound(what: "Case 2")) { try await file(staff, mine, into: .existing(2)) }
        let fields = MailRouter.fields(mine.facts, account: "Brightside")
        await #expect(throws: PostgresStoreError.self) { try await file(staff, mine, into: .new(fields)) }
        #expect(try await owner.knowsMail(mine.facts.identity) == false)

        // Holding: Alice may add to the held list, and not read it back; the owner sees it.
        let stray = reply("s1@amazon.com", thread: "nowhere@amazon.com")
        let heldID = try #require(
            try await staff.holdMail(raw: stray.raw, facts: stray.facts, reason: "no case", origin: "inbox.mbox, message 1", now: now))
        #expect(try await staff.holdMail(raw: stray.raw, facts: stray.facts, reason: "no case", origin: "x", now: now) == nil)
        #expect(try await owner.holdMail(raw: theirs.raw, facts: theirs.facts, reason: "no case", origin: "x", now: now) == nil)
        #expect(try await staff.heldMessages().isEmpty)
        #expect(try await staff.heldCount() == 0)
        await #expect(throws: StoreError.notFound(what: "Held message \(heldID)")) { try await staff.heldMessage(heldID) }
        #expect(try await owner.heldMessages().map(\.id) == [heldID])
        // Nor may she file it, even into her own case: one line, nothing changed.
        do {
            _ = try await staff.fileHeld(heldID, caseID: 1, now: now)
            Issue.record("a staff role filed held mail")
        } catch let refusal as StoreError {
            #expect("\(refusal)".contains("only the store's owner (postgres) sees and files it; you are connected as \(alice)"), "\(refusal)")
            #expect(!"\(refusal)".contains("\n"))
        }
        #expect(try await owner.heldCount() == 1)
        // Through plain SQL with her own login she cannot read held mail either.
        #expect(throws: (any Error).self) {
            try TestPostgresServer.shared().psql("SELECT count(*) FROM held_message", database: database, user: alice, password: staffPassword)
        }
        // The owner files it into Alice's case, which she then sees.
        let filed = try await owner.fileHeld(heldID, caseID: 1, now: now)
        #expect(try await staff.history(1).messages.contains { $0.id == filed.message.id })
        #expect(try await owner.heldCount() == 0)

        // A role with no grant may not ask what mail the store holds.
        let stranger = try newRole("mail_stranger")
        #expect(throws: (any Error).self) {
            try TestPostgresServer.shared().psql(
                "SELECT reinstate_mail_known('message-id:r2@amazon.com')", database: database, user: stranger, password: staffPassword)
        }
    }

    /// Two colleagues importing the same mailbox at the same moment: each message is stored (or held) once.
    @Test func twoColleaguesImportingTheSameMailAtOnceStoreItOnce() async throws {
        let (database, owner, _) = try await teamStore()
        let alice = try newRole("mail_twice")
        try await owner.grantAccount(role: alice, account: "Acme Ltd")
        let staff = try await connect(database, user: alice, password: staffPassword)
        do {
            try await importTwice(owner: owner, staff: staff)
        } catch {
            Issue.record(error)
        }
        await staff.close()
        await owner.close()
    }

    func importTwice(owner: PostgresStore, staff: PostgresStore) async throws {
        let before = try await owner.exportDocument().cases.flatMap(\.messages).count
        var filed = 0, duplicates = 0, held = 0, notHeld = 0
        for n in 0..<20 {
            let mail = reply("twice-\(n)@amazon.com", thread: "n1@amazon.com")
            async let a = file(owner, mail, into: .existing(1))
            async let b = file(staff, mail, into: .existing(1))
            for outcome in [try await a, try await b] {
                if outcome == .duplicate { duplicates += 1 } else { filed += 1 }
            }
            let stray = reply("stray-\(n)@amazon.com", thread: "nowhere@amazon.com")
            async let c = owner.holdMail(raw: stray.raw, facts: stray.facts, reason: "no case", origin: "x", now: now)
            async let d = staff.holdMail(raw: stray.raw, facts: stray.facts, reason: "no case", origin: "x", now: now)
            for id in [try await c, try await d] {
                if id == nil { notHeld += 1 } else { held += 1 }
            }
        }
        #expect(filed == 20 && duplicates == 20)
        #expect(held == 20 && notHeld == 20)
        #expect(try await owner.exportDocument().cases.flatMap(\.messages).count == before + 20)
        #expect(try await owner.heldCount() == 20)
    }
}

extension TeamAccessTests {
    /// A saved e-mail added by hand by a staff role (`message add reply.eml`) is kept as mail intake keeps
    /// one, its identity recorded only when no one has it yet, though held mail is not hers to read.
    @Test func aStaffRolesSavedEmailIsKnownAcrossTheTeam() async throws {
        let (database, owner, _) = try await teamStore()
        let alice = try newRole("mail_eml")
        try await owner.grantAccount(role: alice, account: "Acme Ltd")
        let staff = try await connect(database, user: alice, password: staffPassword)
        do {
            let saved = reply("saved-1@amazon.com", thread: "n1@amazon.com")
            let stored = try await staff.addMessage(caseID: 1, raw: saved.raw, reading: saved.reading, kind: nil, received: nil, now: now)
            #expect(stored.mailIdentityAdded == saved.facts.identity)
            #expect(try await owner.knowsMail(saved.facts.identity))
            // The owner holds a message; the same one saved by hand by Alice is stored, its identity not twice.
            let held = reply("held-2@amazon.com", thread: "nowhere@amazon.com")
            _ = try await owner.holdMail(raw: held.raw, facts: held.facts, reason: "no case", origin: "x", now: now)
            let again = try await staff.addMessage(caseID: 1, raw: held.raw, reading: held.reading, kind: nil, received: nil, now: now)
            #expect(again.mailIdentityAdded == nil)
        } catch {
            Issue.record(error)
        }
        await staff.close()
        await owner.close()
    }
}
