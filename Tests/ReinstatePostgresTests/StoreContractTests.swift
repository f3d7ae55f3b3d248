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
    func sample() throws -> StoreDocument { try reference().exportDocument() }

    /// The sample cases in an SQLite store of their own: what every store must read back the same.
    func reference() throws -> CaseStore {
        let store = try CaseStore()
        try store.fillDemo(count: 8, seed: 5, now: now)
        var raw = Data("Subject: Ihr Konto\n\nWir haben Ihr Konto deaktiviert. Gr".utf8)
        raw.append(contentsOf: [0xFC, 0xDF, 0x65])  // Latin-1 "üße": not UTF-8
        _ = try store.addMessage(caseID: 3, raw: raw, reading: MessageReader().read(raw), received: now, now: now)
        _ = try store.addNote(caseID: 3, text: "Ticket 8812 — called twice ✓", at: now)
        _ = try store.addEvidence(caseID: 3, path: "/srv/evidence/invoice.pdf", size: 1_024, sha256: String(repeating: "0f", count: 32), at: now)
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
}
