import Foundation
import PostgresTestSupport
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import Testing

/// Mail intake's reads and writes, the same on every store as on the reference SQLite store holding the
/// same cases: the same answers, the same refusals (nothing written), and the same store after.
extension StoreContractTests {
    /// An e-mail from Amazon as a mailbox holds it.
    static func mail(id: String, inReplyTo: String? = nil, greeting: String = "Hello Blue Harbor Goods LLC,", order: String = "111-2223334-4445556")
        -> Data
    {
        Data("""
            Authentication-Results: mx.example.net; dkim=pass header.d=amazon.com
            From: seller-performance@amazon.com
            To: ops@blueharbor.example
            Subject: Re: Your Amazon selling account
            Date: Sun, 15 Nov 2026 10:00:00 +0000
            Message-ID: <\(id)>
            \(inReplyTo.map { "In-Reply-To: <\($0)>" } ?? "X-Thread: none")
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain

            \(greeting)

            We received your submission but need more information. Please send the following within 17 days:
            - Invoices from your supplier covering the last 365 days

            Order ID: \(order)
            --b1
            Content-Type: application/pdf; name="letter.pdf"
            Content-Disposition: attachment; filename="letter.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK/wA=
            --b1--

            """.utf8)
    }

    /// What an import hands the store for `raw`: its reading, facts and attachments.
    static func intake(_ raw: Data) -> (reading: MessageReading, facts: MailFacts, attachments: [MailAttachment]) {
        let reading = MessageReader().read(raw)
        return (reading, MailFacts(raw: raw, envelope: MailEnvelope.read(raw)!, reading: reading), MailAttachments.read(raw))
    }

    /// Runs the intake's writes on `store` and returns what each said, in words, to compare.
    func intakeWrites(_ store: any StoreContract) async -> [String] {
        var said: [String] = []
        func record(_ what: String, _ body: () async throws -> String) async {
            do { said.append("\(what): \(try await body())") } catch { said.append("\(what): refused: \(error)") }
        }
        let reply = Self.mail(id: "r1@amazon.com", inReplyTo: "n1@amazon.com")
        let (reading, facts, attachments) = Self.intake(reply)
        await record("file reply") {
            guard case .filed(let stored, let opened) = try await store.fileMail(
                raw: reply, reading: reading, facts: facts, into: .existing(4), attachments: attachments, now: now)
            else { return "duplicate" }
            return "message \(stored.message.id) in case \(stored.message.caseID), opened \(opened), "
                + "\(stored.requests.count) requests, status \(stored.statusChange.map { "\($0.before) → \($0.after)" } ?? "kept"), "
                + "deadline \(stored.deadline.map { Timestamp.utc($0.due) } ?? "none")"
        }
        await record("file reply again") {
            "\(try await store.fileMail(raw: reply, reading: reading, facts: facts, into: .existing(5), attachments: attachments, now: now))"
        }
        let lost = Self.mail(id: "x1@amazon.com", order: "111-0000000-0000001")
        let lostIntake = Self.intake(lost)
        await record("file into a missing case") {
            "\(try await store.fileMail(raw: lost, reading: lostIntake.reading, facts: lostIntake.facts, into: .existing(999), attachments: [], now: now))"
        }
        await record("known after the refusal") { "\(try await store.knowsMail(lostIntake.facts.identity))" }
        let fields = MailRouter.fields(lostIntake.facts, account: "Blue Harbor Goods LLC")
        await record("file into a new case") {
            guard case .filed(let stored, let opened) = try await store.fileMail(
                raw: lost, reading: lostIntake.reading, facts: lostIntake.facts, into: .new(fields), attachments: lostIntake.attachments,
                now: now)
            else { return "duplicate" }
            return "message \(stored.message.id) in case \(stored.message.caseID), opened \(opened)"
        }
        let stray = Self.mail(id: "s1@amazon.com", greeting: "Hello,", order: "111-0000000-0000002")
        let strayIntake = Self.intake(stray)
        await record("hold") {
            "\(try await store.holdMail(raw: stray, facts: strayIntake.facts, reason: "no case", origin: "inbox.mbox, message 3", now: now) ?? -1)"
        }
        await record("hold again") {
            "\(try await store.holdMail(raw: stray, facts: strayIntake.facts, reason: "no case", origin: "inbox.mbox, message 3", now: now) ?? -1)"
        }
        await record("hold what was filed") {
            "\(try await store.holdMail(raw: reply, facts: facts, reason: "no case", origin: "inbox.mbox, message 1", now: now) ?? -1)"
        }
        await record("file what is held") {
            "\(try await store.fileMail(raw: stray, reading: strayIntake.reading, facts: strayIntake.facts, into: .existing(4), attachments: [], now: now))"
        }
        await record("held") { "\(try await store.heldMessages().map(\.id)), \(try await store.heldCount())" }
        await record("file held into a missing case") { "\(try await store.fileHeld(2, caseID: 999, now: now).message.id)" }
        await record("file held into a new case") {
            let stored = try await store.fileHeld(2, caseID: nil, now: now)
            return "message \(stored.message.id) in case \(stored.message.caseID), \(stored.requests.count) requests"
        }
        await record("file held again") { "\(try await store.fileHeld(2, caseID: 4, now: now).message.id)" }
        await record("file held into a case") {
            let stored = try await store.fileHeld(1, caseID: 6, now: now)
            return "message \(stored.message.id) in case \(stored.message.caseID)"
        }
        await record("held after") { "\(try await store.heldMessages().map(\.id)), \(try await store.heldCount())" }
        await record("known") {
            "\(try await store.knowsMail(facts.identity)) \(try await store.knowsMail(strayIntake.facts.identity)) \(try await store.knowsMail("message-id:none@amazon.com"))"
        }
        return said
    }

    @Test(arguments: ContractStore.testable)
    func routingReadsTheSameFacts(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let reference = try reference()
        try await store.importDocument(try reference.exportDocument())
        let cases = try await store.routingCases().sorted { $0.id < $1.id }
        #expect(cases == (try reference.routingCases()).sorted { $0.id < $1.id })
        #expect(cases.count == 8)
        let marks: Set<MailMarkKey> = [
            MailMarkKey(.messageID, "n1@amazon.com"), MailMarkKey(.order, "111-2223334-4445556"), MailMarkKey(.order, "111-0000000-0000000"),
            MailMarkKey(.address, "ops@blueharbor.example"),
        ]
        let found = try await store.casesMarked(marks)
        #expect(found == (try reference.casesMarked(marks)))
        #expect(found[MailMarkKey(.messageID, "n1@amazon.com")] == [4])
        #expect(found[MailMarkKey(.order, "111-0000000-0000000")] == nil)
        #expect(try await store.casesMarked([]).isEmpty)
        let heldIdentity = try #require(try reference.heldMessages().first?.identity)
        for identity in ["message-id:n1@amazon.com", heldIdentity, "message-id:nobody@amazon.com"] {
            #expect(try await store.knowsMail(identity) == (try reference.knowsMail(identity)), "\(identity)")
        }
        await done()
    }

    @Test(arguments: ContractStore.testable)
    func theIntakeWritesDoTheSameAndLeaveTheSameStore(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let reference = try reference()
        try await store.importDocument(try reference.exportDocument())
        let expected = await intakeWrites(reference)
        let got = await intakeWrites(store)
        #expect(got == expected)
        // Refused where nothing fits, each refusal leaving nothing behind.
        #expect(expected.contains("file into a missing case: refused: Case 999 does not exist."), "\(expected)")
        #expect(expected.contains("known after the refusal: false"), "\(expected)")
        #expect(expected.contains("file reply again: duplicate"), "\(expected)")
        #expect(expected.contains("hold again: -1") && expected.contains("hold what was filed: -1"), "\(expected)")
        #expect(expected.contains("file held into a missing case: refused: Case 999 does not exist."), "\(expected)")
        #expect(expected.contains("file held again: refused: Held message 2 does not exist."), "\(expected)")
        #expect(expected.contains("held after: [], 0"), "\(expected)")
        let after = try await store.exportDocument()
        #expect(try after.encoded() == (try reference.exportDocument()).encoded())
        await done()
    }
}
