import Foundation
import PostgresTestSupport
import ReinstateCore
import Testing

/// Kills `reinstate` processes writing to a team store with SIGKILL at random moments, and checks with
/// `psql` what the server kept: nothing half-written, and every command that said it succeeded is there.
///
/// - `message add`: one transaction (the message, its 3 requested details, its deadline, the case's
///   status). Every message of the case has exactly 3 requested details and one deadline.
/// - `poa add`: one transaction. The case's versions are numbered 1…n without a gap, each a whole text.
/// - `store copy FILE URL` into an empty database: one transaction for every case (a copy into an empty
///   database sets the schema up first, in its own). The database holds all 30 cases, exporting to the
///   same bytes as the file, or none.
///
/// A killed client's connection is closed by the kernel; the server rolls its open transaction back.
/// The kills fall between 0 and 1.2 times the command's un-killed run time (measured first).
/// `REINSTATE_KILL_LOOPS` sets the number of kills (default 9), `REINSTATE_KILL_SEED` replays a run.
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct PostgresKillTests {
    enum Command: CaseIterable { case message, plan, copy }

    @Test func aClientKilledMidWriteLeavesNoHalfCase() throws {
        let loops = Int(ProcessInfo.processInfo.environment["REINSTATE_KILL_LOOPS"] ?? "") ?? 9
        let seed = UInt64(ProcessInfo.processInfo.environment["REINSTATE_KILL_SEED"] ?? "") ?? UInt64.random(in: 1...999_999)
        var rng = SeededGenerator(seed: seed)
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase("kill")
        let url = server.url(database: database)
        func sql(_ query: String, _ db: String = database) throws -> String {
            try server.psql(query, database: db).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        /// The counts a check needs, read in one psql call.
        func counts() throws -> (messages: Int, plans: Int, broken: Int, numbers: String, wholePlans: Int) {
            let row = try sql(
                """
                SELECT (SELECT count(*) FROM message) || '|' || (SELECT count(*) FROM plan_version) || '|'
                    || (SELECT count(*) FROM message m
                        WHERE (SELECT count(*) FROM requested_detail r WHERE r.message_id = m.id) <> 3
                           OR (SELECT count(*) FROM deadline d WHERE d.message_id = m.id) <> 1) || '|'
                    || coalesce((SELECT string_agg(number::text, ',' ORDER BY number) FROM plan_version WHERE case_id = 1), '') || '|'
                    || (SELECT count(*) FROM plan_version WHERE text LIKE 'Plan of Action, attempt %' AND text LIKE '%End of plan.%')
                """).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard row.count == 5 else { throw CocoaError(.fileReadCorruptFile) }
            return (Int(row[0]) ?? -1, Int(row[1]) ?? -1, Int(row[2]) ?? -1, row[3], Int(row[4]) ?? -1)
        }
        #expect(try cli(["store", "init", url]).status == 0)
        #expect(try cli(["case", "new", "--title", "Late shipments", "--account", "Acme"], store: url).status == 0)
        let reply = cli.file("reply.txt", KillLoopTests.replyText)
        #expect(try cli(["demo", "--cases", "30", "--seed", "5"]).status == 0)
        let fileDocument = try cli(["export", "--all", "--format", "json"]).stdoutData

        // How long each takes un-killed (these runs are kept: a message, a version, a whole copy).
        var duration: [Command: Double] = [:]
        duration[.message] = try timed { try cli(["message", "add", "--case", "1", reply], store: url) }
        duration[.plan] = try timed { try cli(["poa", "add", "--case", "1", cli.file("plan-0.txt", Self.plan(0))], store: url) }
        let probe = try server.newDatabase("kill")
        duration[.copy] = try timed { try cli(["store", "copy", cli.store, server.url(database: probe)]) }

        var killed = 0, exited = 0, committedAfterKill = 0
        for attempt in 1...loops {
            let command = Command.allCases[attempt % Command.allCases.count]
            let before = try counts()
            var target = url
            var args: [String]
            switch command {
            case .message: args = ["message", "add", "--case", "1", reply, "--store", url]
            case .plan: args = ["poa", "add", "--case", "1", cli.file("plan-\(attempt).txt", Self.plan(attempt)), "--store", url]
            case .copy:
                target = server.url(database: try server.newDatabase("kill"))
                args = ["store", "copy", cli.store, target]
            }
            let out = cli.folder + "/.out", err = cli.folder + "/.err"
            let child = try ChildProcess.spawn([CLI.binary] + args, environment: cliEnvironment(), stdout: out, stderr: err)
            let delay = Double.random(in: 0...(1.2 * duration[command]!), using: &rng)
            usleep(UInt32(delay * 1_000_000))
            child.kill(SIGKILL)
            let ending = child.wait()
            let context = "attempt \(attempt) (\(command), kill after \(Int(delay * 1000)) ms, seed \(seed))"
            let succeeded: Bool
            switch ending {
            case .exited(0): succeeded = true; exited += 1
            case .signalled(SIGKILL): succeeded = false; killed += 1
            default:
                let stderr = String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self)
                Issue.record("\(context): \(ending): \(stderr)")
                return
            }
            // The server may still be rolling the killed session back: wait until it has gone.
            for _ in 0..<100 where try sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'reinstate' AND datname LIKE 'kill\\_%'", "postgres") != "0" {
                usleep(20_000)
            }
            // Nothing half-written in the case, whichever command ran (one psql for every count).
            let after = try counts()
            #expect(after.broken == 0, "\(context): \(after.broken) messages without their 3 requested details and deadline")
            #expect(after.numbers == (1...max(after.plans, 1)).map(String.init).joined(separator: ","), "\(context): versions \(after.numbers)")
            #expect(after.wholePlans == after.plans, "\(context): \(after.wholePlans) of \(after.plans) versions whole")

            let committed: Bool
            switch command {
            case .message: committed = after.messages > before.messages
            case .plan: committed = after.plans > before.plans
            case .copy:
                // All the cases, exporting the file's bytes, or none (an empty store, or not set up yet).
                let exported = try cli(["export", "--all", "--format", "json"], store: target)
                if exported.status == 0 {
                    committed = exported.stdoutData == fileDocument
                    if !committed {
                        let document = try JSONSerialization.jsonObject(with: exported.stdoutData) as? [String: Any]
                        #expect((document?["cases"] as? [Any])?.isEmpty == true, "\(context): a killed copy left part of the store")
                    }
                } else {
                    #expect(exported.stderr.contains("not a Reinstate store yet"), "\(context): \(exported.stderr)")
                    committed = false
                }
            }
            if succeeded { #expect(committed, "\(context): exited 0 but its change is missing") }
            if !succeeded && committed { committedAfterKill += 1 }
        }
        print("team store kill loop: \(killed) killed (\(committedAfterKill) after their commit), \(exited) exited first, seed \(seed)")
        #expect(killed + exited == loops)
    }

    static func plan(_ attempt: Int) -> String {
        "Plan of Action, attempt \(attempt)\n\nRoot cause: the carrier's cut-off was missed.\n"
            + String(repeating: "Corrective action: orders now ship the same day.\n", count: 40) + "End of plan.\n"
    }

    func timed(_ body: () throws -> CLI.Result) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        #expect(result.status == 0, "\(result.stderr)")
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
