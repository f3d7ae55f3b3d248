import Foundation
import PostgresTestSupport
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import Testing

/// The store contract, written once and run against every store: the SQLite file and the PostgreSQL
/// database (on a throwaway server; skipped, with the reason, where PostgreSQL is not installed).
/// A store that passes these can stand behind the commands that use the contract.
enum ContractStore: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The stores that can be tested here. Without PostgreSQL only the SQLite store runs the contract;
    /// `PostgresStoreTests`, disabled then, names the reason in the test run's output.
    static var testable: [ContractStore] { TestPostgresServer.isAvailable ? allCases : [.sqlite] }

    /// A new, empty store of this kind, and what to do when the test is done.
    func makeEmpty() async throws -> (store: any StoreContract, done: @Sendable () async -> Void) {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let store = try CaseStore(path: folder + "/cases.sqlite")
            return (store, { try? FileManager.default.removeItem(atPath: folder) })
        case .postgres:
            let server = try TestPostgresServer.shared()
            let database = try server.newDatabase("contract")
            let address = try PostgresAddress(url: server.url(database: database, password: nil), loginName: "nobody")
            let store = try await PostgresStore.connect(to: address, password: TestPostgresServer.password)
            try await store.initialize()
            return (store, { await store.close() })
        }
    }
}

@Suite(.serialized) struct StoreContractTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    /// The cases every store is tried with: demo cases, a message that is not UTF-8, a note, evidence.
    func sample() throws -> StoreDocument {
        let store = try CaseStore()
        try store.fillDemo(count: 8, seed: 5, now: now)
        var raw = Data("Subject: Ihr Konto\n\nWir haben Ihr Konto deaktiviert. Gr".utf8)
        raw.append(contentsOf: [0xFC, 0xDF, 0x65])  // Latin-1 "üße": not UTF-8
        _ = try store.addMessage(caseID: 3, raw: raw, reading: MessageReader().read(raw), received: now, now: now)
        _ = try store.addNote(caseID: 3, text: "Ticket 8812 — called twice ✓", at: now)
        _ = try store.addEvidence(caseID: 3, path: "/srv/evidence/invoice.pdf", size: 1_024, sha256: String(repeating: "0f", count: 32), at: now)
        // Mail intake's records: a message filed from a mailbox (identity, attachment, the marks it leaves
        // on its case) and one held aside, whose bytes are not UTF-8.
        let mail = Data("""
            From: seller-performance@amazon.com
            To: ops@blueharbor.example
            Subject: Your Amazon selling account
            Message-ID: <n1@amazon.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain

            Hello Blue Harbor Goods LLC, we have deactivated your account. Order ID: 111-2223334-4445556
            --b1
            Content-Type: application/pdf; name="invoice.pdf"
            Content-Disposition: attachment; filename="invoice.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK/wA=
            --b1--

            """.utf8)
        let reading = MessageReader().read(mail)
        let facts = MailFacts(raw: mail, envelope: MailEnvelope.read(mail)!, reading: reading)
        _ = try store.fileMail(raw: mail, reading: reading, facts: facts, into: .existing(4), attachments: MailAttachments.read(mail), now: now)
        var heldRaw = Data("From: seller-notification@amazon.com\nSubject: Re: your account\n\nDear seller, Gr".utf8)
        heldRaw.append(contentsOf: [0xFC, 0xDF, 0x65])
        _ = try store.holdMail(
            raw: heldRaw, facts: MailFacts(identity: "sha256:" + SHA256.hex(heldRaw), subject: "Re: your account"),
            reason: "no case to follow", origin: "inbox.mbox, message 2", now: now)
        let document = try store.exportDocument()
        precondition(document.held?.count == 1 && document.cases.contains { $0.mailMarks != nil }, "the sample carries mail records")
        return document
    }

    @Test(arguments: ContractStore.testable)
    func aWholeStoreGoesInAndComesOutTheSame(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let document = try sample()
        #expect(try await store.caseTotal() == 0)
        try await store.importDocument(document)
        #expect(try await store.caseTotal() == document.cases.count)
        let out = try await store.exportDocument()
        #expect(out == document)
        #expect(try out.encoded() == document.encoded())
        await done()
    }

    @Test(arguments: ContractStore.testable)
    func oneCaseIsItsDocumentAndAMissingOneIsNotFound(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let document = try sample()
        try await store.importDocument(document)
        #expect(try await store.caseDocument(3) == document.cases.first { $0.id == 3 })
        await #expect(throws: StoreError.notFound(what: "Case 999")) { try await store.caseDocument(999) }
        await done()
    }

    @Test(arguments: ContractStore.testable)
    func anImportIntoAStoreWithCasesIsRefusedAndChangesNothing(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let document = try sample()
        try await store.importDocument(document)
        var other = document
        other.cases = [document.cases[0]]
        other.cases[0].id = 500
        await #expect(throws: (any Error).self) { try await store.importDocument(other) }
        #expect(try await store.exportDocument() == document)
        await done()
    }
}
