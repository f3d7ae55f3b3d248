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
        _ = try await both(store, reference) {
            try await $0.addEvidence(caseID: id, path: "/srv/evidence/loa.pdf", size: 2_048, sha256: String(repeating: "ab", count: 32), at: now)
        }
        await #expect(throws: StoreError.notFound(what: "Case 999")) {
            try await store.addEvidence(caseID: 999, path: "/x", size: 1, sha256: "00", at: now)
        }

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

// MARK: - Corrections and their undo

extension StoreContractTests {
    /// Runs `body` on a store of this kind and a reference SQLite store, both holding the sample, and
    /// closes the store however `body` ends.
    func withSample(_ kind: ContractStore, _ body: (any StoreContract, CaseStore) async throws -> Void) async throws {
        let (store, done) = try await kind.makeEmpty()
        do {
            let reference = try reference()
            try await store.importDocument(try reference.exportDocument())
            try await body(store, reference)
            await done()
        } catch {
            await done()
            throw error
        }
    }

    /// A case with a reply that asks for three things, a submitted version whose matcher marked some of
    /// them, and a note, on `store` and on `reference` alike.
    func correctionCase(_ store: any StoreContract, _ reference: CaseStore) async throws -> (id: Int64, reply: StoredMessage, note: Int64) {
        let id = try await both(store, reference) {
            try await $0.createCase(
                SuspensionCase(
                    title: "Inauthentic complaint", account: "Acme Outdoor", marketplace: "amazon.com",
                    scope: .listings(["B0C1234567"]), reason: .inauthentic, opened: now.addingTimeInterval(-86_400)))
        }
        let reply = try await both(store, reference) {
            try await $0.addMessage(
                caseID: id, raw: Self.reply, reading: MessageReader().read(Self.reply), kind: .reply, received: now, now: now)
        }
        let note = try await both(store, reference) { try await $0.addNote(caseID: id, text: "Asked the supplier", at: now) }
        _ = try await both(store, reference) {
            try await $0.addPlan(caseID: id, text: Self.plan, created: now, submitted: now.addingTimeInterval(3_600))
        }
        return (id, reply, note)
    }

    /// Runs a correction on both stores (the same answer from each), expects it to change the store, then
    /// runs its undo on both (the same answer) and expects every store byte for byte as before.
    func correctedAndPutBack<T: Equatable & Sendable, U: Equatable & Sendable>(
        _ store: any StoreContract, _ reference: CaseStore,
        _ correction: (any StoreContract) async throws -> T, undo: (any StoreContract, T) async throws -> U,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> T {
        let before = try await store.exportDocument().encoded()
        #expect(try reference.exportDocument().encoded() == before, sourceLocation: sourceLocation)
        let result = try await both(store, reference, correction, sourceLocation: sourceLocation)
        #expect(try await store.exportDocument().encoded() != before, "the correction changed nothing", sourceLocation: sourceLocation)
        #expect(try await store.exportDocument() == reference.exportDocument(), sourceLocation: sourceLocation)
        _ = try await both(store, reference, { try await undo($0, result) }, sourceLocation: sourceLocation)
        #expect(try await store.exportDocument().encoded() == before, sourceLocation: sourceLocation)
        #expect(try reference.exportDocument().encoded() == before, sourceLocation: sourceLocation)
        return result
    }

    /// The same, for an undo that answers nothing.
    func correctedAndPutBack<T: Equatable & Sendable>(
        _ store: any StoreContract, _ reference: CaseStore,
        _ correction: (any StoreContract) async throws -> T, undo: (any StoreContract, T) async throws -> Void,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> T {
        try await correctedAndPutBack(
            store, reference, correction, undo: { (store: any StoreContract, result: T) -> Bool in
                try await undo(store, result)
                return true
            }, sourceLocation: sourceLocation)
    }

    @Test(arguments: ContractStore.testable)
    func messageCorrectionsAndTheirUndoAreTheLocalStores(kind: ContractStore) async throws {
        try await withSample(kind) { store, reference in
            let (id, reply, _) = try await correctionCase(store, reference)
            let marked = try await store.history(id).requests.filter { if case .answered(_, .matcher) = $0.state { true } else { false } }
            #expect(!marked.isEmpty, "the submission's matcher marked something")
            let messageID = reply.message.id

            // A later date: the deadline is counted from it, and the submission now comes before the message.
            let later = try await correctedAndPutBack(store, reference, {
                try await $0.editMessageReceived(messageID, to: now.addingTimeInterval(7_200.4))
            }, undo: { try await $0.undoMessageCorrection($1) })
            #expect(later.before.received == now)
            #expect(!later.deadlineChanges.isEmpty)
            #expect(later.requestsBefore.map(\.id) == reply.requests.map(\.id))

            // An earlier date marks nothing new, but the deadline moves.
            let earlier = try await correctedAndPutBack(store, reference, {
                try await $0.editMessageReceived(messageID, to: now.addingTimeInterval(-3_600))
            }, undo: { try await $0.undoMessageCorrection($1) })
            #expect(!earlier.deadlineChanges.isEmpty)

            // Moved to a demo case with its requests and deadline: the marks of this case's version go.
            let moved = try await correctedAndPutBack(store, reference, { try await $0.moveMessage(messageID, toCase: 2) },
                undo: { try await $0.undoMessageCorrection($1) })
            #expect(moved.before.caseID == id)
            #expect(moved.deadlineChanges.contains { $0.before?.caseID == id && $0.after?.caseID == 2 })

            let removed = try await correctedAndPutBack(store, reference, { try await $0.removeMessage(messageID) },
                undo: { try await $0.restoreMessage($1) })
            #expect(removed.requests.map(\.id) == reply.requests.map(\.id))
            #expect(removed.deadlines.count == 1)
            #expect(removed.deadlineChanges.contains { $0.after == nil })

            // A message just added, taken back (the tracker's undo of `m`), with the status it moved the
            // case from; and a saved e-mail's identity and thread marks with it.
            // (Ids are not compared: the local store gives a removed message's id to the next, a server's
            // sequence never does.)
            for raw in [Self.reply, Self.mail] {
                let before = try await store.exportDocument().encoded()
                let reading = MessageReader().read(raw)
                let expected = try reference.addMessage(caseID: 2, raw: raw, reading: reading, kind: nil, received: now, now: now)
                let added = try await store.addMessage(caseID: 2, raw: raw, reading: reading, kind: nil, received: now, now: now)
                var renumbered = expected
                renumbered.message.id = added.message.id
                #expect(added == renumbered)
                let expectedRemoved = try reference.undoAddMessage(expected)
                let removed = try await store.undoAddMessage(added)
                #expect(removed.message.raw == expectedRemoved.message.raw)
                #expect(removed.requests.count == expectedRemoved.requests.count)
                #expect(removed.deadlineChanges.count == expectedRemoved.deadlineChanges.count)
                #expect(try await store.exportDocument().encoded() == before)
                #expect(try reference.exportDocument().encoded() == before)
            }
        }
    }

    @Test(arguments: ContractStore.testable)
    func caseNoteAndSubmissionCorrectionsAndTheirUndoAreTheLocalStores(kind: ContractStore) async throws {
        try await withSample(kind) { store, reference in
            let (id, reply, note) = try await correctionCase(store, reference)

            let edited = try await correctedAndPutBack(store, reference, {
                try await $0.editCase(
                    id, CaseEdit(title: "  Counterfeit claim ", account: " Acme ", marketplace: "Amazon.DE", asins: ["b0c7654321", "B0C1111111"],
                        reason: .other))
            }, undo: { try await $0.editCase(id, CaseEdit(restoring: $1)) })
            #expect(edited.title == "Inauthentic complaint")
            #expect(try await both(store, reference) { try await $0.editCase(id, CaseEdit(asins: [])) }.scope.asins == ["B0C1234567"])
            _ = try await both(store, reference) { try await $0.editCase(id, CaseEdit(asins: ["B0C1234567"])) }

            _ = try await correctedAndPutBack(store, reference, { try await $0.changeStatus(caseID: id, to: .reinstated, at: now, seen: nil) },
                undo: { try await $0.restoreStatus($1) })
            _ = try await correctedAndPutBack(store, reference, { try await $0.editNote(note, text: " Supplier answered ") },
                undo: { try await $0.restoreNote($1) })
            _ = try await correctedAndPutBack(store, reference, { try await $0.removeNote(note) }, undo: { try await $0.restoreNote($1) })
            let request = reply.requests[0]
            _ = try await correctedAndPutBack(store, reference, { try await $0.setRequestState(request.id, to: .waived(reason: "n/a"), at: now, seen: nil) },
                undo: { try await $0.restoreRequestStates([$1]) })

            let unsubmitted = try await correctedAndPutBack(store, reference, {
                try await $0.unsubmitPlan(caseID: id, number: 1, at: now.addingTimeInterval(7_200))
            }, undo: { try await $0.restoreSubmission($1) })
            #expect(!unsubmitted.unmarked.isEmpty)
            #expect(unsubmitted.statusBefore == CaseStatus.appealSubmitted)
            #expect(unsubmitted.statusAfter == CaseStatus.planDrafted)
            #expect(!unsubmitted.deadlineChanges.isEmpty)

            // A submission just recorded, taken back (the tracker's undo of `S`).
            let draft = try await both(store, reference) {
                try await $0.addPlan(caseID: id, text: Self.plan + "\nInvoices attached.", created: now, submitted: nil)
            }
            let submitted = try await correctedAndPutBack(store, reference, {
                try await $0.submitPlan(caseID: id, number: draft, at: now.addingTimeInterval(9_000))
            }, undo: { try await $0.undoSubmission($1) })
            #expect(submitted.number == draft)
        }
    }

    @Test(arguments: ContractStore.testable)
    func badCorrectionsAreRefusedInTheSameWordsAndChangeNothing(kind: ContractStore) async throws {
        try await withSample(kind) { store, reference in
            let (id, reply, note) = try await correctionCase(store, reference)
            let draft = try await both(store, reference) { try await $0.addPlan(caseID: id, text: Self.plan, created: now, submitted: nil) }
            let before = try await store.exportDocument().encoded()
            let messageID = reply.message.id

            let refusals: [(StoreError, @Sendable (any StoreContract) async throws -> Void)] = [
                (.notFound(what: "Message 99999"), { _ = try await $0.editMessageReceived(99999, to: self.now) }),
                (.notFound(what: "Message 99999"), { _ = try await $0.moveMessage(99999, toCase: 1) }),
                (.notFound(what: "Case 999"), { _ = try await $0.moveMessage(messageID, toCase: 999) }),
                (.invalid("Message \(messageID) is already in case \(id)."), { _ = try await $0.moveMessage(messageID, toCase: id) }),
                (.notFound(what: "Message 99999"), { _ = try await $0.removeMessage(99999) }),
                (.notFound(what: "Case 999"), { _ = try await $0.editCase(999, CaseEdit(title: "x")) }),
                (.invalid("A case needs a title; it was not changed."), { _ = try await $0.editCase(id, CaseEdit(title: " ")) }),
                (.invalid("B0BAD is not an ASIN (10 characters, like B0C1234567)."), {
                    _ = try await $0.editCase(id, CaseEdit(title: "New title", asins: ["b0bad"]))
                }),
                (.notFound(what: "Note 99999"), { _ = try await $0.editNote(99999, text: "x") }),
                (.invalid("The note would be empty; to remove it: reinstate note remove \(note)"), {
                    _ = try await $0.editNote(note, text: " \n")
                }),
                (.notFound(what: "Note 99999"), { _ = try await $0.removeNote(99999) }),
                (.notFound(what: "Plan version 42 of case \(id)"), { _ = try await $0.unsubmitPlan(caseID: id, number: 42, at: self.now) }),
                (.invalid("Version \(draft) of case \(id) is a draft; it was never submitted."), {
                    _ = try await $0.unsubmitPlan(caseID: id, number: draft, at: self.now)
                }),
                (.notFound(what: "Case 999"), { _ = try await $0.unsubmitPlan(caseID: 999, number: 1, at: self.now) }),
                (.notFound(what: "Requested detail 99999"), {
                    var missing = reply.requests[0]
                    missing.id = 99999
                    try await $0.restoreRequestStates([reply.requests[1], missing])
                }),
                (.notFound(what: "Case 999"), {
                    try await $0.restoreNote(Note(id: note, caseID: 999, created: self.now, text: "x"))
                }),
            ]
            for (expected, correction) in refusals {
                await #expect(throws: expected) { try await correction(reference) }
                await #expect(throws: expected) { try await correction(store) }
            }
            #expect(try await store.exportDocument().encoded() == before)
            #expect(try reference.exportDocument().encoded() == before)
        }
    }

    /// A saved e-mail with a Message-ID and an attachment: adding it records its identity and thread marks.
    static let mail = Data("""
        From: seller-performance@amazon.com
        To: ops@acme.example
        Subject: Your listing B0C1234567
        Message-ID: <undo1@amazon.com>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain

        Hello Acme Outdoor, we removed your listing B0C1234567. Order ID: 111-2223334-4445557
        --b1
        Content-Type: application/pdf; name="notice.pdf"
        Content-Disposition: attachment; filename="notice.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK/wA=
        --b1--

        """.utf8)
}
