import Foundation
import PostgresTestSupport
import ReinstateApp
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import ReinstateUI
import Testing

/// The bridge that lets the synchronous tracker call the async stores: values and errors come back as
/// they were, and waiting never starves the call, whatever thread waits.
@Suite struct StoreBridgeTests {
    struct Refusal: Error, Equatable {
        let code: Int
    }

    @Test func aValueAndAnErrorComeBackUnchanged() throws {
        #expect(try StoreBridge.wait { 41 + 1 } == 42)
        #expect(throws: Refusal(code: 7)) { try StoreBridge.wait { () async throws -> Int in throw Refusal(code: 7) } }
        #expect(throws: StoreError.notFound(what: "Case 9")) {
            try StoreBridge.wait { () async throws -> Int in throw StoreError.notFound(what: "Case 9") }
        }
    }

    /// Many callers blocking the concurrency pool's threads at once (more than there are cores), each
    /// waiting for a call that itself awaits a sleep and a nested bridged call: all finish.
    @Test func waitingOnEveryPoolThreadAtOnceDoesNotDeadlock() async throws {
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<32 {
                group.addTask {
                    try StoreBridge.wait {
                        try await Task.sleep(for: .milliseconds(5))
                        return try StoreBridge.wait { i }
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(total == (0..<32).reduce(0, +))
    }
}

/// The tracker's book over a team store on a real (throwaway) PostgreSQL server: what the tracker does
/// on it, a colleague's change seen without a key, a lost connection said and got over.
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct TeamTrackerBookTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    /// A new database on `server` holding 6 demo cases.
    func filledDatabase(_ server: TestPostgresServer) async throws -> String {
        let database = try server.newDatabase("book")
        let local = try CaseStore()
        _ = try local.fillDemo(count: 6, seed: 3, now: now)
        let store = try await connect(server, database)()
        try await store.closing { store in
            _ = try await store.initialize()
            try await store.importDocument(try local.exportDocument())
        }
        return database
    }

    func connect(_ server: TestPostgresServer, _ database: String) throws -> TeamStoreLink.Connect {
        let address = try PostgresAddress(url: server.url(database: database, password: nil), loginName: "nobody")
        return { try await PostgresStore.connect(to: address, password: TestPostgresServer.password) }
    }

    func open(_ server: TestPostgresServer, _ database: String, readOnly: Bool = false) async throws -> TeamStoreLink {
        try await TeamStoreLink.open(readOnly: readOnly, retryInterval: .milliseconds(200), connect: try connect(server, database))
    }


    @Test func theTrackerReadsAndWritesATeamStoreWithUndo() async throws {
        let server = try TestPostgresServer.shared()
        let database = try await filledDatabase(server)
        let link = try await open(server, database)
        let book = StoreCaseBook(team: link)
        let runtime = UIRuntime(book: book, options: UIOptions(timeZone: TimeZone(identifier: "UTC")!), width: 100, height: 30, clock: { now })
        runtime.start()
        #expect(runtime.state.list.total == 6)
        #expect(try book.countCases(matching: CaseFilter()) == 6)
        #expect(try book.caseHistory(id: 999) == nil)

        let before = try #require(try book.caseHistory(id: 2)).notes.count
        let token = try #require(try book.addNote(caseID: 2, text: "Called the seller, ticket 77", at: now))
        #expect(try #require(try book.caseHistory(id: 2)).notes.count == before + 1)
        // Undo goes through the team store's corrections (written apart, issue 17): until they are there
        // it is refused in one line and changes nothing; once they are, it takes the note back.
        try expectUndone(book, token, refusedLeaving: before + 1, undoneLeaving: before) {
            try #require(try book.caseHistory(id: 2)).notes.count
        }

        let status = try #require(try book.changeStatus(caseID: 2, to: .appealSubmitted, at: now, seen: nil))
        #expect(try book.caseHistory(id: 2)?.suspensionCase.status == .appealSubmitted)
        try expectUndone(book, status, refusedLeaving: true, undoneLeaving: false) {
            try book.caseHistory(id: 2)?.suspensionCase.status == .appealSubmitted
        }

        // Export from the tracker reads the team store.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("book-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try book.exportCase(id: 2, format: "json", to: folder + "/case.json", replacing: false, at: now)
        let exported = try JSONDecoder().decode(CaseDocument.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/case.json")))
        #expect(exported.id == 2)

        // Held mail is read; filing a held message that is not there is refused in one line, changing nothing.
        #expect(try book.heldMessages().isEmpty)
        #expect(throws: StoreError.self) { try book.fileHeld(id: 1, caseID: 2, at: now) }
        #expect(book.connectionProblem() == nil)
        await link.close()
    }

    /// Undoes `token`: either it is done (and `state` reads `undoneLeaving`, and a second undo is
    /// refused), or it is refused in one line as not written for a team store yet, leaving `refusedLeaving`.
    func expectUndone<T: Equatable>(
        _ book: StoreCaseBook, _ token: UndoToken, refusedLeaving: T, undoneLeaving: T, _ state: () throws -> T,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        do {
            try book.undo(token)
            #expect(try state() == undoneLeaving, sourceLocation: sourceLocation)
            #expect(throws: StoreError.self, sourceLocation: sourceLocation) { try book.undo(token) }
        } catch let refusal as PostgresStoreError {
            #expect("\(refusal)".contains("does not work on a team store yet"), "\(refusal)", sourceLocation: sourceLocation)
            #expect(!"\(refusal)".contains("\n"), sourceLocation: sourceLocation)
            #expect(try state() == refusedLeaving, sourceLocation: sourceLocation)
        }
    }

    @Test func aChangeByAnotherClientMovesTheMarkOnItsOwn() async throws {
        let server = try TestPostgresServer.shared()
        let database = try await filledDatabase(server)
        let link = try await open(server, database)
        let book = StoreCaseBook(team: link)
        let first = try #require(try book.changeMark())

        // A colleague's Reinstate adds a note.
        let started = Date()
        try await connect(server, database)().closing { _ = try await $0.addNote(caseID: 3, text: "Colleague's note", at: now) }
        // Not a timed assertion (CI machines are loaded): the mark must move on its own; how long it took
        // is printed, and measured end to end in TeamTrackerTerminalTests (0.8–1.1 s).
        #expect(await eventually(within: 15) { (try? book.changeMark()) != first }, "the change was announced")
        print("a colleague's change moved the mark after \(Date().timeIntervalSince(started)) s")

        // psql, which knows nothing of Reinstate: the triggers announce it all the same.
        let second = try #require(try book.changeMark())
        try server.psql("UPDATE suspension_case SET title = title || ' (checked)' WHERE id = 4", database: database)
        #expect(await eventually(within: 15) { (try? book.changeMark()) != second })
        #expect(try book.caseHistory(id: 4)?.suspensionCase.title.hasSuffix("(checked)") == true)
        await link.close()
    }

    @Test func aLostConnectionIsSaidAndTheBookGoesOnWhenTheServerIsBack() async throws {
        let server = try TestPostgresServer.makePrivate(durable: true)
        defer { server.stop() }
        let database = try await filledDatabase(server)
        let link = try await open(server, database)
        let book = StoreCaseBook(team: link)
        #expect(try book.countCases(matching: CaseFilter()) == 6)

        try server.stopImmediately()
        #expect(await eventually(within: 3) { book.connectionProblem() != nil }, "the lost connection is noticed without a call")
        let problem = try #require(book.connectionProblem())
        #expect(problem.contains("not reachable") && problem.contains("trying again"), "\(problem)")
        #expect(!problem.contains(TestPostgresServer.password) && !problem.contains("\n"))

        #expect(throws: TeamStoreLinkError.self) { try book.countCases(matching: CaseFilter()) }
        do {
            _ = try book.countCases(matching: CaseFilter())
        } catch let error as TeamStoreLinkError {
            #expect(error.outcome == .notRead)
        }
        do {
            _ = try book.addNote(caseID: 2, text: "Written while the server was down", at: now)
            Issue.record("a write with the server down succeeded")
        } catch let error as TeamStoreLinkError {
            #expect(error.outcome == .notSaved)
            #expect(error.description.contains("NOT saved"), "\(error)")
        }

        try server.start()
        #expect(await eventually(within: 5) { book.connectionProblem() == nil }, "the watcher is back")
        #expect(try book.countCases(matching: CaseFilter()) == 6)
        let notes = try server.psql("SELECT count(*) FROM note WHERE text LIKE 'Written while%'", database: database)
        #expect(notes.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "the refused write left nothing")
        // And changes are seen again.
        let mark = try #require(try book.changeMark())
        try server.psql("UPDATE suspension_case SET title = 'Back again' WHERE id = 1", database: database)
        #expect(await eventually(within: 15) { (try? book.changeMark()) != mark })
        await link.close()
    }

    @Test func aReadOnlyTrackerCannotWriteEvenPastItsKeys() async throws {
        let server = try TestPostgresServer.shared()
        let database = try await filledDatabase(server)
        let link = try await open(server, database, readOnly: true)
        let book = StoreCaseBook(team: link)
        #expect(try book.countCases(matching: CaseFilter()) == 6)
        #expect(throws: (any Error).self) { try book.addNote(caseID: 1, text: "Should not be kept", at: now) }
        let notes = try server.psql("SELECT count(*) FROM note WHERE text = 'Should not be kept'", database: database)
        #expect(notes.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        await link.close()
    }

    @Test func aStoreThatCannotBeReachedIsNotOpened() async throws {
        let server = try TestPostgresServer.shared()
        let address = try PostgresAddress(url: server.url(database: "no_such_db", password: nil), loginName: "nobody")
        await #expect(throws: PostgresStoreError.self) {
            _ = try await TeamStoreLink.open(readOnly: false) {
                try await PostgresStore.connect(to: address, password: TestPostgresServer.password)
            }
        }
    }
}

extension TeamTrackerBookTests {
    /// Only the tracker's working connection ended (its backend terminated), the server still up and the
    /// listening connection with it: the book connects again on its own, and no "not reachable" line
    /// stays behind.
    @Test func aConnectionEndedAloneIsMadeAgainWithoutAProblemLeft() async throws {
        let server = try TestPostgresServer.shared()
        let database = try await filledDatabase(server)
        let link = try await open(server, database)
        let book = StoreCaseBook(team: link)
        #expect(try book.countCases(matching: CaseFilter()) == 6)
        let ended = try server.psql(
            """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = '\(database)' AND pid <> pg_backend_pid() AND query NOT ILIKE 'LISTEN%'
            """, database: database)
        // The working connection (and, on a busy machine, the filling connection still on its way out).
        #expect((Int(ended.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 1, "ended: \(ended)")
        // The first call may still meet the connection going; the next one has a new one.
        _ = try? book.countCases(matching: CaseFilter())
        #expect(try book.countCases(matching: CaseFilter()) == 6)
        #expect(book.connectionProblem() == nil)
        // Changes are still seen.
        let mark = try #require(try book.changeMark())
        try server.psql("UPDATE suspension_case SET title = 'Still live' WHERE id = 2", database: database)
        #expect(await eventually(within: 15) { (try? book.changeMark()) != mark })
        await link.close()
    }
}

extension TeamTrackerBookTests {
    /// The tracker's own writes do not move the mark (it reads them again itself, as with SQLite's
    /// data_version); a colleague's do.
    @Test func theTrackersOwnChangesDoNotMoveTheMark() async throws {
        let server = try TestPostgresServer.shared()
        let database = try await filledDatabase(server)
        let link = try await open(server, database)
        let book = StoreCaseBook(team: link)
        let mark = try #require(try book.changeMark())
        _ = try book.addNote(caseID: 2, text: "My own note", at: now)
        // A colleague's change after it: once that is counted, the own one has been handled before it.
        try server.psql("UPDATE suspension_case SET title = 'Colleague' WHERE id = 3", database: database)
        #expect(await eventually(within: 15) { (try? book.changeMark()) != mark })
        #expect(try book.changeMark() == mark + 1, "only the colleague's change counted")
        await link.close()
    }
}

extension TeamTrackerBookTests {
    /// The server stopped while it was answering the tracker's COMMIT: the book says it is not known
    /// whether the change was saved (the note is whole or absent), and goes on when the server is back.
    @Test func aWriteLostDuringItsCommitSaysTheOutcomeIsNotKnown() async throws {
        let server = try TestPostgresServer.makePrivate(durable: true)
        defer { server.stop() }
        let database = try await filledDatabase(server)
        // Every COMMIT that saves a note waits on the server, so the server can be stopped during it.
        try server.psql(
            """
            CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_sleep(20); RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON note DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION slow_commit();
            """, database: database)
        let link = try await open(server, database)
        let book = StoreCaseBook(team: link)
        let text = "Tracker note, whole or absent"
        // The tracker's call, made on a thread of its own as the tracker makes it on the main thread (not
        // a pool thread, which other suites' blocking waits can leave it without); the same link.
        let write = Task { () -> String in
            await withCheckedContinuation { done in
                Thread.detachNewThread {
                    do {
                        _ = try StoreCaseBook(team: link).addNote(caseID: 1, text: text, at: Date(timeIntervalSince1970: 1_790_000_000))
                        done.resume(returning: "saved")
                    } catch let error as TeamStoreLinkError {
                        done.resume(returning: error.outcome == .unknown ? "unknown: \(error)" : "other outcome: \(error)")
                    } catch {
                        done.resume(returning: "other error: \(error)")
                    }
                }
            }
        }
        // Looked for until a deadline, not a number of tries, and from a thread outside the concurrency
        // pool: on a loaded CI machine each psql takes long, and a pool thread held by it can starve the
        // very write being waited for (CI once saw the write saved before any look caught its COMMIT).
        var committing = false
        let deadline = Date().addingTimeInterval(90)
        while !committing, Date() < deadline {
            let pid: String = try await withCheckedThrowingContinuation { done in
                DispatchQueue.global().async {
                    done.resume(with: Result {
                        try server.psql(
                            "SELECT pid FROM pg_stat_activity WHERE datname = '\(database)' AND state = 'active' AND query = 'COMMIT'")
                    })
                }
            }
            committing = !pid.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            if !committing { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(committing, "the tracker's COMMIT was seen running")
        try server.stopImmediately()
        let outcome = await write.value
        // Told which: not known (the usual case), or saved when the stop came too late on a loaded machine
        // (CI once saw it) — then the note must be there, checked below.
        if outcome != "saved" {
            #expect(outcome.hasPrefix("unknown: "), "\(outcome)")
            #expect(outcome.contains("not known whether it was saved") && !outcome.contains("\n"), "\(outcome)")
        }
        #expect(!outcome.contains(TestPostgresServer.password))

        try server.start()
        #expect(await eventually(within: 5) { book.connectionProblem() == nil })
        let saved = try server.psql("SELECT count(*) FROM note WHERE text = '\(text)'", database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(saved == "0" || saved == "1", "whole or absent: \(saved)")
        if outcome == "saved" { #expect(saved == "1", "said saved, yet absent") }
        #expect(try book.countCases(matching: CaseFilter()) == 6)
        await link.close()
    }
}
