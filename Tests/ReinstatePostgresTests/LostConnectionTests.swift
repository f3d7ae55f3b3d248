import Foundation
import PostgresTestSupport
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import Testing

/// A connection lost in the middle of a command: the server stopped as in a crash, or the session
/// terminated from another connection. The seller gets one line without the password, and the store
/// holds the write whole or not at all: looked at again after the server is back.
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct LostConnectionTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!
    let noteText = "Called seller support, ticket 4471 — whole or nothing"

    /// A store of 3 demo cases in a new database of `server`.
    func filledDatabase(_ server: TestPostgresServer) async throws -> String {
        let database = try server.newDatabase("lost")
        let local = try CaseStore()
        _ = try local.fillDemo(count: 3, seed: 7, now: now)
        try await using(try await connect(server, database)) { store in
            _ = try await store.initialize()
            try await store.importDocument(try local.exportDocument())
        }
        return database
    }

    /// Runs `body` with `store` and closes it however `body` ends (a store dropped unclosed is a crash
    /// in postgres-nio's debug build).
    func using<T>(_ store: PostgresStore, _ body: (PostgresStore) async throws -> T) async throws -> T {
        try await store.closing(body)
    }

    func connect(_ server: TestPostgresServer, _ database: String) async throws -> PostgresStore {
        let address = try PostgresAddress(url: server.url(database: database, password: nil), loginName: "nobody")
        return try await PostgresStore.connect(to: address, password: TestPostgresServer.password)
    }

    /// The notes of case 1 with this test's text, as the server holds them.
    func savedNotes(_ server: TestPostgresServer, _ database: String) throws -> [String] {
        try server.psql("SELECT text FROM note WHERE case_id = 1 AND text LIKE 'Called seller support%' ORDER BY id", database: database)
            .split(separator: "\n").map(String.init)
    }

    /// What every lost connection's message must be: one line, naming the store, never the password.
    func expectOneCleanLine(_ error: any Error) {
        let text = "\(error)"
        #expect(error is PostgresStoreError, "\(type(of: error)): \(text)")
        #expect(!text.contains("\n"), "\(text)")
        #expect(!text.contains(TestPostgresServer.password), "\(text)")
        #expect(text.contains("postgresql://"), "\(text)")
    }

    /// Makes every COMMIT that saves a note wait `seconds` on the server (a deferred constraint trigger),
    /// so that the connection can be cut while the server is answering it.
    func slowCommits(_ server: TestPostgresServer, _ database: String, seconds: Int) throws {
        try server.psql(
            """
            CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_sleep(\(seconds)); RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON note DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION slow_commit();
            """, database: database)
    }

    /// Waits until a session of `database` is running COMMIT, and returns its process id.
    func committingBackend(_ server: TestPostgresServer, _ database: String) async throws -> String {
        for _ in 0..<200 {
            let pid = try server.psql(
                "SELECT pid FROM pg_stat_activity WHERE datname = '\(database)' AND state = 'active' AND query = 'COMMIT'",
                database: "postgres"
            ).trimmingCharacters(in: .whitespacesAndNewlines)
            if !pid.isEmpty { return pid }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw TestServerError("no session of \(database) ever ran COMMIT")
    }

    @Test func aServerStoppedBeforeTheWriteSaysSoAndNothingIsSaved() async throws {
        let server = try TestPostgresServer.makePrivate(durable: true)
        defer { server.stop() }
        let database = try await filledDatabase(server)
        let store = try await connect(server, database)
        try server.stopImmediately()

        await #expect { _ = try await store.addNote(caseID: 1, text: noteText, at: now) } throws: { error in
            expectOneCleanLine(error)
            let text = "\(error)"
            return text.hasPrefix("Cannot reach the PostgreSQL server") && text.hasSuffix("Nothing was changed.")
        }
        await store.close()
        // A command started while the server is down: the same kind of line, from connect.
        await #expect { _ = try await connect(server, database) } throws: { error in
            expectOneCleanLine(error)
            return "\(error)".contains("Nothing was changed.")
        }
        try server.start()
        #expect(try savedNotes(server, database).isEmpty)
        // The store works again once the server is back.
        _ = try await using(try await connect(server, database)) { try await $0.addNote(caseID: 1, text: noteText, at: now) }
        #expect(try savedNotes(server, database) == [noteText])
    }

    @Test func aTerminatedSessionBeforeTheWriteSaysSoAndNothingIsSaved() async throws {
        let server = try TestPostgresServer.shared()
        let database = try await filledDatabase(server)
        let store = try await connect(server, database)
        _ = try? await store.caseSummary(1)
        try? server.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")

        await #expect { _ = try await store.addNote(caseID: 1, text: noteText, at: now) } throws: { error in
            expectOneCleanLine(error)
            return "\(error)".hasSuffix("Nothing was changed.")
        }
        await store.close()
        #expect(try savedNotes(server, database).isEmpty)
    }

    @Test func aSessionTerminatedDuringCommitIsToldTheOutcomeIsUnknownAndTheNoteIsWholeOrAbsent() async throws {
        let server = try TestPostgresServer.shared()
        let database = try await filledDatabase(server)
        try slowCommits(server, database, seconds: 5)
        let store = try await connect(server, database)
        let write = Task { try await store.addNote(caseID: 1, text: noteText, at: now) }
        do {
            let pid = try await committingBackend(server, database)
            try server.psql("SELECT pg_terminate_backend(\(pid))")
        } catch {
            _ = try? await write.value
            await store.close()
            throw error
        }

        await #expect { _ = try await write.value } throws: { error in
            expectOneCleanLine(error)
            let text = "\(error)"
            return text.contains("not known whether it was saved") && text.contains("reinstate case show")
                && !text.contains("Nothing was changed")
        }
        await store.close()
        // Whole or not at all: the note with its whole text, or no note.
        let saved = try savedNotes(server, database)
        #expect(saved.isEmpty || saved == [noteText], "\(saved)")
    }

    @Test func aServerStoppedDuringCommitIsToldTheOutcomeIsUnknownAndTheNoteIsWholeOrAbsent() async throws {
        let server = try TestPostgresServer.makePrivate(durable: true)
        defer { server.stop() }
        let database = try await filledDatabase(server)
        try slowCommits(server, database, seconds: 5)
        let store = try await connect(server, database)
        let write = Task { try await store.addNote(caseID: 1, text: noteText, at: now) }
        do {
            _ = try await committingBackend(server, database)
            try server.stopImmediately()
        } catch {
            _ = try? await write.value
            await store.close()
            throw error
        }

        await #expect { _ = try await write.value } throws: { error in
            expectOneCleanLine(error)
            return "\(error)".contains("not known whether it was saved")
        }
        await store.close()
        try server.start()
        let saved = try savedNotes(server, database)
        #expect(saved.isEmpty || saved == [noteText], "\(saved)")
        // The case itself is whole: it still reads, with its facts.
        _ = try await using(try await connect(server, database)) { try await $0.caseSummary(1) }
    }
}
