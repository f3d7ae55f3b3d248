import Foundation
import PostgresTestSupport
import ReinstateCore
@testable import ReinstatePostgres
import ReinstateStore
import Testing

/// `store copy` into PostgreSQL writes many rows to a statement: a store big enough that every table
/// fills several statements must still arrive whole, byte for byte, and a bad row near the end must
/// still leave nothing behind.
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct PostgresCopyTests {
    static let tables = [
        "suspension_case", "case_asin", "message", "requested_detail", "plan_version", "deadline", "note", "evidence",
        "mail_mark", "held_message",
    ]

    func connect(_ database: String) async throws -> PostgresStore { try await loggedIn(database) }

    /// 250 demo cases, made once for the suite: more messages and requested details than one statement takes.
    static let demo: Result<StoreDocument, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try CaseStore(path: folder + "/cases.sqlite")
        _ = try store.fillDemo(count: 250, seed: 3, now: Timestamp.parse("2026-11-22T09:00:00Z")!)
        return try store.exportDocument()
    }

    @Test func aStoreFillingManyStatementsArrivesWhole() async throws {
        let document = try Self.demo.get()
        // More rows than one statement takes (two for requested details): batches fill and are sent mid-copy.
        #expect(document.cases.flatMap(\.messages).count > RowBatches.rowsPerStatement)
        #expect(document.cases.flatMap(\.messages).flatMap(\.requested).count > 2 * RowBatches.rowsPerStatement)
        let database = try TestPostgresServer.shared().newDatabase()
        let store = try await connect(database)
        try await store.initialize()
        try await store.importDocument(document)
        let copied = try await store.exportDocument()
        await store.close()
        #expect(try copied.encoded() == document.encoded())
    }

    @Test(arguments: ["a date that is not one", "an id already taken"])
    func aBadRowAfterManyStatementsLeavesEveryTableEmpty(_ fault: String) async throws {
        var document = try Self.demo.get()
        let last = document.cases.count - 1
        if fault == "a date that is not one" {
            // Refused by the store's own check, after many statements were sent.
            document.cases[last].notes.append(NoteDocument(id: 9_999_999, created: "the day after", text: "late"))
        } else {
            // Refused by the server, in one of the last statements.
            let taken = document.cases[0].messages[0].id
            document.cases[last].messages[document.cases[last].messages.count - 1].id = taken
        }
        let database = try TestPostgresServer.shared().newDatabase()
        let store = try await connect(database)
        try await store.initialize()
        do {
            try await store.importDocument(document)
            Issue.record("a bad document was copied")
        } catch {
            let text = "\(error)"
            #expect(text.contains(fault == "a date that is not one" ? "the day after" : "message"), "\(text)")
            #expect(!text.contains("\n"), "\(text)")
        }
        await store.close()
        let server = try TestPostgresServer.shared()
        for table in Self.tables {
            #expect(try server.psql("SELECT count(*) FROM \(table)", database: database) == "0\n", "\(table)")
        }
    }
}
