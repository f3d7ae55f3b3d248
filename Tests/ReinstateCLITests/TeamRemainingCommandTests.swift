import Foundation
import GRDB
import PostgresTestSupport
import Testing

/// The commands that came last to the team store (`message show`, `message reparse`, `request edit`,
/// `import`, `demo`, `restore`), each run on a local file and on its team copy on a real, throwaway
/// PostgreSQL server: the same bytes out on both streams, the same exit status, and the same cases after
/// (`export --all --format json`). Where a team store differs on purpose (only the owner may fill or
/// replace it; `demo --add` is refused; restore's safety copy goes to the data folder) that is tested too.
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct TeamRemainingCommandTests {
    static let body = """
        Hello,

        We need more information before we can reinstate your account. Please send the following within 17 days:

        - Invoices from your supplier covering the last 365 days
        - A letter of authorization from the brand owner

        Seller Performance Team
        """

    static let invoice = Data("%PDF-1.4\ninvoice 2231\n".utf8)

    /// A saved e-mail with the reply above and one attached invoice.
    static var mail: String {
        """
        From: Amazon <seller-performance@amazon.com>
        To: ops@blueharbor.example
        Subject: Re: Your Amazon.com selling privileges
        Date: Fri, 20 Nov 2026 10:00:00 +0000
        Message-ID: <reply-7@amazon.com>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8

        \(body)
        --b1
        Content-Type: application/pdf; name="invoice.pdf"
        Content-Disposition: attachment; filename="invoice.pdf"
        Content-Transfer-Encoding: base64

        \(invoice.base64EncodedString())
        --b1--

        """
    }

    /// Runs `args` on the local file and on the team store: the same status and bytes on both streams.
    @discardableResult
    func same(_ cli: CLI, _ url: String, _ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLI.Result {
        try TeamCopy(cli: cli, url: url).same(args, sourceLocation: sourceLocation)
    }

    /// The same cases in both, byte for byte (`local`: another local store than the test's).
    func exportsMatch(_ cli: CLI, _ url: String, local: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try TeamCopy(cli: cli, url: url).sameStore(local: local, sourceLocation: sourceLocation)
    }

    /// Runs SQL on the local store file and on the team store alike.
    func sql(_ statement: String, _ cli: CLI, _ server: TestPostgresServer, _ database: String) throws {
        try StoreFile(path: cli.store).read { db in try db.execute(sql: statement) }
        try server.psql(statement, database: database)
    }

    func value(_ server: TestPostgresServer, _ database: String, _ query: String) throws -> String {
        try server.psql(query, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The ids of the requested details `message add` listed on stderr ("  #12 [evidence] …").
    func requestIDs(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").compactMap { line -> String? in
            guard let mark = line.range(of: ":   #") else { return nil }
            return String(line[mark.upperBound...].prefix { $0.isNumber })
        }
    }

    // MARK: - message show, message reparse, request edit

    @Test func messagesAndRequestsReadAndCorrectTheSameOnATeamStore() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let team = try TeamCopy(cli, cases: 5, seed: 3)
        let database = try #require(team.database), url = team.url
        let eml = cli.file("reply.eml", Self.mail)
        let added = try same(cli, url, ["message", "add", "--case", "2", eml])
        #expect(added.status == 0, "\(added.stderr)")
        let message = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let requests = requestIDs(added.stderr)
        try #require(requests.count == 2, "\(added.stderr)")

        // Reading: the text, the raw bytes, the attachments listed; refusals in one line.
        let shown = try same(cli, url, ["message", "show", message])
        #expect(shown.stdout.contains("Attachments (save one with --attachment N --output FILE):"), "\(shown.stdout)")
        #expect(shown.stdout.contains("1. invoice.pdf  application/pdf, \(Self.invoice.count) bytes"), "\(shown.stdout)")
        #expect(try same(cli, url, ["message", "show", message, "--raw"]).stdoutData == Data(Self.mail.utf8))
        #expect(try same(cli, url, ["message", "show", "1"]).status == 0)
        for bad in [
            ["message", "show", "99999"], ["message", "show", message, "--attachment", "3", "--output", cli.folder + "/x.pdf"],
            ["message", "show", "1", "--attachment", "1", "--output", cli.folder + "/x.pdf"],
            ["message", "show", "99999", "--attachment", "1", "--output", cli.folder + "/x.pdf"],
        ] {
            let refused = try same(cli, url, bad)
            #expect(refused.status == 2, "\(bad)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(bad): \(refused.stderr)")
        }
        #expect(!exists(cli.folder + "/x.pdf"))
        // Saving the attachment: the same bytes, the same words (but for the file's name).
        let localPDF = cli.folder + "/local.pdf", teamPDF = cli.folder + "/team.pdf"
        let savedLocal = try cli(["message", "show", message, "--attachment", "1", "--output", localPDF])
        let savedTeam = try cli(["message", "show", message, "--attachment", "1", "--output", teamPDF], store: url)
        #expect(savedLocal.status == 0 && savedTeam.status == 0, "\(savedTeam.stderr)")
        #expect(savedTeam.stderr == savedLocal.stderr.replacingOccurrences(of: localPDF, with: teamPDF))
        #expect(FileManager.default.contents(atPath: teamPDF) == Self.invoice)
        #expect(FileManager.default.contents(atPath: localPDF) == Self.invoice)
        #expect(fileMode(teamPDF) == 0o600)
        // An existing file is not replaced without --force, on both.
        #expect(try same(cli, url, ["message", "show", message, "--attachment", "1", "--output", localPDF]).status == 2)

        // Correcting what the reader took.
        let edited = try same(cli, url, ["request", "edit", requests[0], "--aspect", "evidence", "--topic", "  supplier invoices  "])
        #expect(edited.stdout == "Request \(requests[0]): [evidence] topic: supplier invoices\n", "\(edited.stdout)")
        #expect(try same(cli, url, ["request", "edit", requests[1], "--topic", ""]).stdout.contains("topic: –"))
        for bad in [["request", "edit", "99999", "--aspect", "other"], ["request", "edit", requests[0], "--aspect", "nonsense"]] {
            let refused = try same(cli, url, bad)
            #expect(refused.status != 0, "\(bad)")
        }

        // Reading again: nothing to do while every message was read by this reader.
        #expect(try same(cli, url, ["message", "reparse", message]).stdout == "message \(message): 2 unchanged, 0 added, 0 removed\n")
        #expect(try same(cli, url, ["message", "reparse", "--all"]).stdout == "Every message was read by this version's reader.\n")
        #expect(try same(cli, url, ["message", "reparse", "99999"]).status == 2)
        // As an older reader left them: one request in older words that the seller waived (kept for
        // their word; today's words are added), one found again (its corrected aspect and topic kept),
        // and a demo message of case 1 read before.
        #expect(try same(cli, url, ["request", "waive", requests[1], "--reason", "Not a brand item"]).status == 0)
        try sql(
            """
            UPDATE message SET reader_version = 0 WHERE id IN (1, \(message));
            UPDATE requested_detail SET text = 'A letter from the brand owner' WHERE id = \(requests[1]);
            """, cli, server, database)
        let reparsed = try same(cli, url, ["message", "reparse", "--all"])
        #expect(reparsed.stdout.contains("message \(message): 1 unchanged, 1 added, 0 removed, 1 kept because you marked them"), "\(reparsed.stdout)")
        #expect(reparsed.stdout.hasSuffix("1 of 2 checklists changed; states you set were kept.\n"), "\(reparsed.stdout)")
        #expect(try same(cli, url, ["case", "show", "2", "--json"]).stdout.contains("supplier invoices"))
        for args in [["case", "show", "2"], ["case", "show", "2", "--json"], ["case", "show", "1"], ["due", "--within", "60"]] {
            try same(cli, url, args)
        }
        try exportsMatch(cli, url)
        // --read-only: the team store is not changed by a correction.
        let readOnly = try cli(["--read-only", "request", "edit", requests[1], "--aspect", "other"], store: url)
        #expect(readOnly.status == 2 && readOnly.stderr.contains("read-only"), "\(readOnly.stderr)")
        try exportsMatch(cli, url)
    }

    // MARK: - Each sees only their clients

    @Test func aStaffRoleCannotReadReparseOrCorrectAnotherClientsMessages() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let team = try TeamCopy(cli, cases: 8, seed: 3)
        let database = try #require(team.database), url = team.url
        let account = try value(server, database, "SELECT account FROM suspension_case WHERE id = 1")
        let other = try value(server, database, "SELECT min(id) FROM suspension_case WHERE account <> $q$\(account)$q$")
        try #require(Int(other) != nil, "the demo's cases are of one account only")
        let role = "staff_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \(role) LOGIN PASSWORD 'staff-pw'")
        #expect(try cli(["team", "grant", role, "--account", account], store: url).status == 0)
        let staff = server.url(database: database, user: role, password: "staff-pw")
        let theirs = try value(server, database, "SELECT min(id) FROM message WHERE case_id = \(other)")
        let theirRequest = try value(server, database, "SELECT min(id) FROM requested_detail WHERE case_id = \(other)")
        let own = try value(server, database, "SELECT min(id) FROM message WHERE case_id = 1")
        try #require(Int(theirs) != nil && Int(theirRequest) != nil && Int(own) != nil)
        try server.psql("UPDATE message SET reader_version = 0", database: database)
        let before = try cli(["export", "--all", "--format", "json"], store: url).stdoutData

        #expect(try cli(["message", "show", own], store: staff).status == 0)
        for (args, said) in [
            (["message", "show", theirs], "Message \(theirs)"), (["message", "show", theirs, "--raw"], "Message \(theirs)"),
            (["message", "show", theirs, "--attachment", "1", "--output", cli.folder + "/x"], "Message \(theirs)"),
            (["message", "reparse", theirs], "Message \(theirs)"),
            (["request", "edit", theirRequest, "--aspect", "other"], "Requested detail \(theirRequest)"),
        ] {
            let refused = try cli(args, store: staff)
            #expect(refused.status == 2, "\(args)")
            #expect(refused.stdout.isEmpty, "\(args): \(refused.stdout)")
            #expect(refused.stderr.contains(said) && refused.stderr.split(separator: "\n").count == 1, "\(args): \(refused.stderr)")
        }
        // Reparsing every message reaches the role's own only.
        let all = try cli(["message", "reparse", "--all"], store: staff)
        #expect(all.status == 0, "\(all.stderr)")
        let ownCount = Int(try value(server, database, "SELECT count(*) FROM message m JOIN suspension_case c ON c.id = m.case_id WHERE c.account = $q$\(account)$q$")) ?? -1
        #expect(all.stdout.split(separator: "\n").filter { $0.hasPrefix("message ") }.count == ownCount, "\(all.stdout)")
        #expect(!all.stdout.contains("message \(theirs):"))
        #expect(try value(server, database, "SELECT reader_version FROM message WHERE id = \(theirs)") == "0")
        #expect(try value(server, database, "SELECT count(*) FROM message m JOIN suspension_case c ON c.id = m.case_id WHERE c.account <> $q$\(account)$q$ AND m.reader_version <> 0") == "0")
        // Whole-store loads and replacements are the owner's.
        let backup = cli.folder + "/b.sqlite"
        #expect(try cli(["backup", "--output", backup]).status == 0)
        let document = cli.file("doc.json", try cli(["export", "--all", "--format", "json"]).stdout)
        for args in [["demo", "--cases", "3"], ["import", document], ["restore", backup, "--yes"], ["store", "copy", cli.store, staff]] {
            let refused = try cli(args, store: staff)
            #expect(refused.status == 2, "\(args)")
            #expect(refused.stderr.contains("Only the store's owner"), "\(args): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(args): \(refused.stderr)")
        }
        // The other client's cases are as they were (the role's own were read again: reader version only).
        try server.psql("UPDATE message SET reader_version = 0", database: database)
        #expect(try cli(["export", "--all", "--format", "json"], store: url).stdoutData == before)
    }

    // MARK: - import and demo

    @Test func importAndDemoFillAnEmptyTeamStoreAsANewFile() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        // demo: a new file and an empty database get the same cases, and say the same.
        let demoFile = cli.folder + "/demo.sqlite"
        let database = try server.newDatabase()
        let url = server.url(database: database)
        let local = try cli(["demo", "--cases", "12", "--seed", "4"], store: demoFile)
        let team = try cli(["demo", "--cases", "12", "--seed", "4"], store: url)
        #expect(local.status == 0 && team.status == 0, "\(team.stderr)")
        #expect(team.stdout == local.stdout)
        let teamLines = team.stderr.split(separator: "\n").map(String.init)
        try #require(teamLines.count == 3, "\(team.stderr)")
        let prefix = "reinstate: Created an empty Reinstate store in "
        #expect(teamLines[0].hasPrefix(prefix), "\(teamLines[0])")
        let shown = String(teamLines[0].dropFirst(prefix.count).dropLast())
        #expect(!shown.contains(TestPostgresServer.password))
        #expect(teamLines.dropFirst().joined(separator: "\n") + "\n" == local.stderr.replacingOccurrences(of: demoFile, with: shown))
        try exportsMatch(cli, url, local: demoFile)
        // A store that holds cases: refused in one line, and with --add too (a local file takes --add).
        for args in [["demo", "--cases", "3"], ["demo", "--cases", "3", "--add"]] {
            let refused = try cli(args, store: url)
            #expect(refused.status == 2, "\(args)")
            #expect(refused.stderr.contains("already holds 12 cases"), "\(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1)
            if args.contains("--add") { #expect(refused.stderr.contains("--add works on a local store file only")) }
        }
        #expect(try cli(["demo", "--cases", "3"], store: demoFile).status == 2)
        try exportsMatch(cli, url, local: demoFile)

        // import: a JSON document into a new file and into a store set up without cases.
        let document = cli.file("doc.json", try cli(["export", "--all", "--format", "json"], store: demoFile).stdout)
        let imported = cli.folder + "/imported.sqlite"
        let initialized = try server.newDatabase()
        let target = server.url(database: initialized)
        #expect(try cli(["store", "init", target]).status == 0)
        let intoFile = try cli(["import", document], store: imported)
        let intoTeam = try cli(["import", document], store: target)
        #expect(intoFile.status == 0 && intoTeam.status == 0, "\(intoTeam.stderr)")
        #expect(intoFile.stdout == "Imported 12 cases into \(imported).\n")
        #expect(intoTeam.stdout.hasPrefix("Imported 12 cases into postgresql://postgres@/\(initialized)?"), "\(intoTeam.stdout)")
        #expect(intoTeam.stderr == intoFile.stderr)
        try exportsMatch(cli, target, local: imported)
        // Again: refused on both, one line, nothing changed. A broken document: the same refusal on both.
        let broken = cli.file("broken.json", "{\"cases\": [")
        for args in [["import", document], ["import", broken], ["import", cli.folder + "/missing.json"]] {
            let again = try cli(args, store: imported)
            let teamAgain = try cli(args, store: target)
            #expect(again.status == 2 && teamAgain.status == 2, "\(args): \(teamAgain.stderr)")
            #expect(teamAgain.stderr.split(separator: "\n").count == 1, "\(teamAgain.stderr)")
            if args[1] != document { #expect(teamAgain.stderr == again.stderr, "\(args)") }
        }
        try exportsMatch(cli, target, local: imported)
        // Into an empty database: set up first, and said so.
        let empty = server.url(database: try server.newDatabase())
        let fresh = try cli(["import", document], store: empty)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stdout.hasPrefix("Created an empty Reinstate store in "), "\(fresh.stdout)")
        #expect(fresh.stdout.contains("\nImported 12 cases into "))
        try exportsMatch(cli, empty, local: imported)
        // --read-only refuses both.
        let readOnly = try cli(["--read-only", "import", document], store: server.url(database: try server.newDatabase()))
        #expect(readOnly.status == 2 && readOnly.stderr.contains("read-only"), "\(readOnly.stderr)")
    }

    // MARK: - restore

    @Test func restoreReplacesATeamStoreWholeAfterASafetyCopy() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        let url = server.url(database: database)
        let data = ["XDG_DATA_HOME": cli.folder + "/data"]
        #expect(try cli(["demo", "--cases", "5", "--seed", "3"]).status == 0)
        #expect(try cli(["note", "add", "--case", "2", "Phoned Seller Support — ticket 4411"]).status == 0)
        #expect(try cli(["store", "copy", cli.store, url]).status == 0)
        let original = try cli(["export", "--all", "--format", "json"], store: url).stdoutData
        // The backup to restore: another store's.
        let other = cli.folder + "/other.sqlite", backup = cli.folder + "/other-backup.sqlite"
        #expect(try cli(["demo", "--cases", "8", "--seed", "9"], store: other).status == 0)
        #expect(try cli(["backup", "--output", backup], store: other).status == 0)

        // Refusals before anything is done: the same words on both.
        for bad in [["restore", backup], ["restore", cli.folder + "/missing.sqlite", "--yes"], ["restore", cli.folder, "--yes"]] {
            let refused = try same(cli, url, bad)
            #expect(refused.status == 2, "\(bad)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(bad): \(refused.stderr)")
        }
        #expect(try cli(["export", "--all", "--format", "json"], store: url).stdoutData == original)

        let local = try cli(["restore", backup, "--yes"])
        let team = try cli(["restore", backup, "--yes"], store: url, environment: data)
        #expect(local.status == 0 && team.status == 0, "\(team.stderr)")
        #expect(local.stderr.isEmpty && team.stderr.isEmpty, "\(team.stderr)")
        let localLines = local.stdout.split(separator: "\n").map(String.init)
        let teamLines = team.stdout.split(separator: "\n").map(String.init)
        try #require(localLines.count == 2 && teamLines.count == 2, "\(team.stdout)")
        let safety = cli.folder + "/data/reinstate/backups/team-\(database)-2026-11-22T0900.sqlite"
        #expect(teamLines[0] == "Backed up the current store (5 cases) to \(safety)")
        #expect(localLines[0].hasPrefix("Backed up the current store (5 cases) to "))
        #expect(teamLines[1].hasPrefix("Restored 8 cases from \(backup) into postgresql://postgres@/\(database)?"), "\(teamLines[1])")
        #expect(localLines[1] == "Restored 8 cases from \(backup) into \(cli.store)")
        #expect(!team.stdout.contains(TestPostgresServer.password))
        try exportsMatch(cli, url)
        #expect(try cli(["export", "--all", "--format", "json"], store: url).stdoutData == cli(["export", "--all", "--format", "json"], store: other).stdoutData)
        // The safety copy holds the team store as it was, and is private.
        #expect(try cli(["export", "--all", "--format", "json"], store: safety).stdoutData == original)
        #expect(fileMode(safety) == 0o600)
        // New cases take the ids after the restored ones, on both.
        let created = try same(cli, url, ["case", "new", "--title", "After the restore", "--account", "Acme"])
        #expect(created.stdout == "9\n")
        try exportsMatch(cli, url)
    }

    /// A restore killed while it replaces the cases (waiting, inside its transaction, on a lock another
    /// session holds) leaves the old cases whole.
    @Test func aRestoreKilledHalfwayLeavesTheOldCases() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let team = try TeamCopy(cli, cases: 5, seed: 3)
        let database = try #require(team.database), url = team.url
        let original = try cli(["export", "--all", "--format", "json"], store: url).stdoutData
        let backup = cli.folder + "/other.sqlite"
        #expect(try cli(["demo", "--cases", "8", "--seed", "9"], store: backup).status == 0)

        // Another session holds held mail's table: the restore, having deleted the cases in its
        // transaction, waits there. (psql blocks: it runs on a thread of its own.)
        let locker = "locker_\(UInt32.random(in: 0...UInt32.max))"
        let holding = DispatchSemaphore(value: 0)
        Thread {
            _ = try? server.psql(
                "SET application_name = '\(locker)'; BEGIN; LOCK TABLE held_message IN SHARE MODE; SELECT pg_sleep(60); COMMIT;",
                database: database)
            holding.signal()
        }.start()
        func activity(_ condition: String) throws -> Int {
            Int(try value(server, "postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND \(condition)")) ?? -1
        }
        let deadline = Date().addingTimeInterval(20)
        while try activity("application_name = '\(locker)' AND wait_event = 'PgSleep'") == 0, Date() < deadline { usleep(20_000) }

        let out = cli.folder + "/.out", err = cli.folder + "/.err"
        let started = Date()
        let child = try ChildProcess.spawn(
            [CLI.binary, "restore", backup, "--yes", "--store", url], environment: cliEnvironment(extra: ["XDG_DATA_HOME": cli.folder + "/data"]),
            stdout: out, stderr: err)
        var waited = false
        while Date() < deadline {
            if try activity("application_name = 'reinstate' AND wait_event_type = 'Lock' AND query LIKE 'DELETE FROM held_message%'") > 0 {
                waited = true
                break
            }
            usleep(20_000)
        }
        print("restore reached the held mail's lock after \(Int(Date().timeIntervalSince(started) * 1000)) ms: \(waited)")
        child.kill(SIGKILL)
        let ending = child.wait()
        #expect(ending == .signalled(SIGKILL), "\(ending)")
        #expect(waited, "the restore never waited on the lock")
        // The restore's backend goes once it finds its client gone; the lock is let go first.
        try server.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(locker)'", database: "postgres")
        holding.wait()
        let gone = Date().addingTimeInterval(20)
        while try activity("application_name = 'reinstate'") > 0, Date() < gone { usleep(20_000) }
        #expect(try cli(["export", "--all", "--format", "json"], store: url).stdoutData == original)
        // The safety copy was written before anything was replaced.
        let safety = cli.folder + "/data/reinstate/backups/team-\(database)-2026-11-22T0900.sqlite"
        #expect(try cli(["export", "--all", "--format", "json"], store: safety).stdoutData == original)
        // And a restore not killed still goes through.
        let restored = try cli(["restore", backup, "--yes"], store: url, environment: ["XDG_DATA_HOME": cli.folder + "/data"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try cli(["export", "--all", "--format", "json"], store: url).stdoutData == cli(["export", "--all", "--format", "json"], store: backup).stdoutData)
    }
}
