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

    /// Who every store of the contract records as the author of its changes, so both give the same bytes.
    static let author = "dana"

    /// The stores that can be tested here. Without PostgreSQL only the SQLite store runs the contract;
    /// `PostgresStoreTests`, disabled then, names the reason in the test run's output.
    static var testable: [ContractStore] { TestPostgresServer.isAvailable ? allCases : [.sqlite] }

    /// A new, empty store of this kind, and what to do when the test is done.
    func makeEmpty() async throws -> (store: any StoreContract, done: @Sendable () async -> Void) {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let store = try CaseStore(path: folder + "/cases.sqlite", author: ContractStore.author)
            return (store, { try? FileManager.default.removeItem(atPath: folder) })
        case .postgres:
            let server = try TestPostgresServer.shared()
            let database = try server.newDatabase("contract")
            let address = try PostgresAddress(url: server.url(database: database, password: nil), loginName: "nobody")
            let store = try await PostgresStore.connect(to: address, password: TestPostgresServer.password, author: ContractStore.author)
            try await store.initialize()
            return (store, { await store.close() })
        }
    }
}

@Suite(.serialized) struct StoreContractTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    /// The cases every store is tried with: demo cases, a message that is not UTF-8, a note, evidence.
    func sample() throws -> StoreDocument { try reference().exportDocument() }

    /// The sample cases in an SQLite store of their own: what every store must read back the same.
    func reference() throws -> CaseStore {
        let store = try CaseStore(author: ContractStore.author)
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
        let held = try store.exportDocument().held?.count
        precondition(held == 1, "the sample carries held mail")
        return store
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

    // MARK: - Reads of the commands

    @Test(arguments: ContractStore.testable)
    func everyCaseReadsBackAsTheSameHistory(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let reference = try reference()
        try await store.importDocument(try reference.exportDocument())
        for id in Int64(1)...8 {
            #expect(try await store.history(id) == reference.history(id))
            #expect(try await store.caseSummary(id) == reference.caseSummary(id))
        }
        await #expect(throws: StoreError.notFound(what: "Case 999")) { try await store.history(999) }
        await #expect(throws: StoreError.notFound(what: "Case 999")) { try await store.caseSummary(999) }
        await done()
    }

    @Test(arguments: ContractStore.testable)
    func theCaseListFiltersAndSortsAsTheLocalStoreDoes(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let reference = try reference()
        try await store.importDocument(try reference.exportDocument())
        let titles = try reference.caseSummaries().map(\.title)
        let word = String(titles[0].split(separator: " ").first ?? "a")
        let filters = [
            CaseFilter(), CaseFilter(status: .unfinished), CaseFilter(status: .only(.open)),
            CaseFilter(status: .only(.moreInformationRequested)), CaseFilter(text: "3"), CaseFilter(text: "ticket 88"),
            CaseFilter(text: word.uppercased()), CaseFilter(text: "am"), CaseFilter(text: "üß"), CaseFilter(text: "100%_"),
            CaseFilter(text: "b0"), CaseFilter(text: word, status: .unfinished),
        ]
        for filter in filters {
            #expect(try await store.caseCount(filter) == reference.caseCount(filter), "\(filter)")
            for sort in CaseSort.allCases {
                #expect(
                    try await store.caseSummaries(filter, sort: sort, offset: 0, limit: 100)
                        == reference.caseSummaries(filter, sort: sort), "\(filter) \(sort)")
            }
        }
        #expect(
            try await store.caseSummaries(CaseFilter(), sort: .urgency, offset: 2, limit: 3)
                == reference.caseSummaries(CaseFilter(), sort: .urgency, offset: 2, limit: 3))
        await done()
    }

    @Test(arguments: ContractStore.testable)
    func dueListsTheSameDeadlinesWithTheirCases(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let reference = try reference()
        try await store.importDocument(try reference.exportDocument())
        for days in [0.0, 3, 30, 400] {
            let due = try await store.due(now: now, within: days * 86_400)
            #expect(due == (try reference.due(now: now, within: days * 86_400)), "within \(days) days")
        }
        #expect(try await !store.due(now: now, within: 400 * 86_400).isEmpty)
        await done()
    }

    // MARK: - Writes of the commands

    /// A reply from Amazon that asks for three things within a deadline.
    static let reply = Data(
        """
        Subject: Your Amazon.com selling privileges

        Hello,

        We reviewed the information you provided and need more before we can reinstate your account.
        Please send the following within 17 days:

        - Invoices from your supplier covering the last 365 days
        - A letter of authorization from the brand owner
        - The steps you have taken to prevent this issue in the future

        Seller Performance Team
        """.utf8)

    static let plan = """
        Root cause: we sold items bought from a distributor without invoices from the supplier.
        Actions taken: we attached invoices from our supplier for the last 365 days and removed the listings.
        Preventive steps to prevent this issue in the future: every new supplier is checked by our compliance lead.
        """

    /// Runs the same write on `store` and on the reference SQLite store, expects the same answer from
    /// both, and returns it.
    func both<T: Equatable & Sendable>(
        _ store: any StoreContract, _ reference: CaseStore, _ write: (any StoreContract) async throws -> T,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> T {
        let expected = try await write(reference)
        let got = try await write(store)
        #expect(got == expected, sourceLocation: sourceLocation)
        return got
    }

    @Test(arguments: ContractStore.testable)
    func theEverydayWritesLeaveTheSameCasesAsOnTheLocalStore(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let reference = try reference()
        try await store.importDocument(try reference.exportDocument())
        let later = now.addingTimeInterval(3_600)

        let id = try await both(store, reference) {
            try await $0.createCase(
                SuspensionCase(
                    title: "  Counterfeit complaint  ", account: "Acme Outdoor", marketplace: "amazon.de",
                    scope: .listings(["B0C1234567", "B0C7654321"]), reason: .inauthentic, opened: now.addingTimeInterval(0.7)))
        }
        #expect(try await store.history(id).suspensionCase.title == "Counterfeit complaint")
        _ = try await both(store, reference) { try await $0.addNote(caseID: id, text: " Called Seller Support. ", at: now) }

        let reading = MessageReader().read(Self.reply)
        #expect(reading.requested.count >= 2)
        let stored = try await both(store, reference) {
            try await $0.addMessage(caseID: id, raw: Self.reply, reading: reading, kind: .reply, received: now, now: later)
        }
        #expect(stored.statusChange?.after == .moreInformationRequested)
        #expect(stored.deadline != nil)
        // A saved e-mail added by hand keeps its attachment and teaches routing its thread, on every store.
        let eml = Data("""
            From: seller-performance@amazon.com
            To: ops@acme.example
            Subject: Your listing B0C1234567
            Message-ID: <h1@amazon.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain

            Hello Acme Outdoor, we removed your listing B0C1234567. Order ID: 111-2223334-4445556
            --b1
            Content-Type: application/pdf; name="notice.pdf"
            Content-Disposition: attachment; filename="notice.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK/wA=
            --b1--

            """.utf8)
        let saved = try await both(store, reference) {
            try await $0.addMessage(caseID: id, raw: eml, reading: MessageReader().read(eml), kind: nil, received: now, now: later)
        }
        #expect(saved.mailIdentityAdded == "message-id:h1@amazon.com")
        let withMail = try await store.caseDocument(id)
        #expect(withMail.messages.first { $0.id == saved.message.id }?.attachments?.first?.filename == "notice.pdf")
        #expect(withMail.mailMarks?.contains(MailMarkDocument(kind: "message-id", value: "h1@amazon.com")) == true)
        #expect(try await store.caseSummary(id).status == .moreInformationRequested)

        let draft = try await both(store, reference) { try await $0.addPlan(caseID: id, text: Self.plan, created: later, submitted: nil) }
        #expect(try await both(store, reference) { try await $0.latestPlanNumber(caseID: id) } == draft)
        #expect(try await both(store, reference) { try await $0.plan(caseID: id, number: draft) }.isDraft)
        let first = stored.requests[0], second = stored.requests[1]
        _ = try await both(store, reference) { try await $0.setRequestState(first.id, to: .answered(version: draft, by: .user), at: later, seen: .unanswered) }
        _ = try await both(store, reference) { try await $0.setRequestState(second.id, to: .waived(reason: "Not a brand item"), at: later, seen: nil) }
        _ = try await both(store, reference) { try await $0.setRequestState(second.id, to: .reopened, at: later, seen: nil) }
        #expect(try await both(store, reference) { try await $0.request(second.id) }.waivedBefore == "Not a brand item")

        let submission = try await both(store, reference) { try await $0.submitPlan(caseID: id, number: draft, at: later) }
        #expect(!submission.deadlineChanges.isEmpty)
        #expect(try await store.caseSummary(id).status == .appealSubmitted)
        let sent = try await both(store, reference) {
            try await $0.addPlan(caseID: id, text: Self.plan + "\nMore.", created: later, submitted: later.addingTimeInterval(60))
        }
        #expect(sent == draft + 1)

        let closed = try await both(store, reference) { try await $0.changeStatus(caseID: id, to: .closed, at: later, seen: .appealSubmitted) }
        #expect(closed.before == .appealSubmitted)
        _ = try await both(store, reference) { try await $0.changeStatus(caseID: id, to: .open, at: later.addingTimeInterval(60), seen: nil) }
        // A message on an existing demo case, and a status change on one with open deadlines.
        _ = try await both(store, reference) {
            try await $0.addMessage(caseID: 2, raw: Self.reply, reading: reading, kind: nil, received: nil, now: later)
        }
        _ = try await both(store, reference) { try await $0.changeStatus(caseID: 4, to: .denied, at: later, seen: nil) }

        #expect(try await store.exportDocument() == reference.exportDocument())
        for caseID in [id, 2, 4] {
            #expect(try await store.history(caseID) == reference.history(caseID))
        }
        #expect(try await store.due(now: later, within: 90 * 86_400) == reference.due(now: later, within: 90 * 86_400))
        await done()
    }

    @Test(arguments: ContractStore.testable)
    func badWritesAreRefusedAndChangeNothing(kind: ContractStore) async throws {
        let (store, done) = try await kind.makeEmpty()
        let reference = try reference()
        try await store.importDocument(try reference.exportDocument())
        let before = try await store.exportDocument()
        let request = try #require(try reference.history(3).requests.first ?? reference.allHistories().flatMap(\.requests).first)

        await #expect(throws: StoreError.invalid("The note is empty; nothing was stored.")) {
            try await store.addNote(caseID: 1, text: "  \n ", at: now)
        }
        await #expect(throws: StoreError.notFound(what: "Case 999")) { try await store.addNote(caseID: 999, text: "x", at: now) }
        await #expect(throws: StoreError.notFound(what: "Case 999")) { try await store.changeStatus(caseID: 999, to: .closed, at: now, seen: nil) }
        await #expect(throws: StoreError.invalid("A case needs a title (--title).")) {
            try await store.createCase(SuspensionCase(title: " ", opened: now))
        }
        await #expect(throws: StoreError.invalid("B0BAD is not an ASIN (10 characters, like B0C1234567).")) {
            try await store.createCase(SuspensionCase(title: "Listings", scope: .listings(["B0BAD"]), opened: now))
        }
        await #expect(throws: StoreError.notFound(what: "Plan version 99 of case \(request.caseID)")) {
            try await store.setRequestState(request.id, to: .answered(version: 99, by: .user), at: now, seen: nil)
        }
        await #expect(throws: StoreError.invalid("Say why the request is waived (--reason).")) {
            try await store.setRequestState(request.id, to: .waived(reason: " "), at: now, seen: nil)
        }
        await #expect(throws: StoreError.notFound(what: "Requested detail 99999")) {
            try await store.setRequestState(99999, to: .reopened, at: now, seen: nil)
        }
        await #expect(throws: StoreError.invalid("The plan is empty; nothing was stored.")) {
            try await store.addPlan(caseID: 1, text: " ", created: now, submitted: nil)
        }
        await #expect(throws: StoreError.notFound(what: "Plan version 42 of case 1")) {
            try await store.submitPlan(caseID: 1, number: 42, at: now)
        }
        let far = Timestamp.parse("9999-12-30T00:00:00Z")!
        await #expect(throws: StoreError.self) {
            try await store.addMessage(
                caseID: 1, raw: Self.reply, reading: MessageReader().read(Self.reply), kind: nil, received: far, now: now)
        }
        #expect(try await store.exportDocument() == before)

        // A version submitted once is not submitted again; the second try changes nothing.
        let number = try await store.addPlan(caseID: 1, text: Self.plan, created: now, submitted: now)
        let once = try await store.exportDocument()
        await #expect(throws: StoreError.self) { try await store.submitPlan(caseID: 1, number: number, at: now) }
        #expect(try await store.exportDocument() == once)
        await done()
    }
}
