import Foundation
import PostgresTestSupport
import Testing

/// `reinstate store init` and `store copy` against a real, throwaway PostgreSQL server, and the other
/// commands' one-line refusal of a PostgreSQL store. Skipped (with the reason) where PostgreSQL is not installed.
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct StoreCommandTests {
    @Test func initSaysWhatItDidAndRefusesAForeignDatabase() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        let url = server.url(database: database)
        let first = try cli(["store", "init", url])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("Created an empty Reinstate store in postgresql://postgres@/\(database)?host="))
        #expect(!first.stdout.contains(TestPostgresServer.password))
        let again = try cli(["store", "init", url])
        #expect(again.stdout.contains("is already a Reinstate store; nothing was changed"))

        let other = try server.newDatabase()
        try server.psql("CREATE TABLE orders (id int)", database: other)
        let refused = try cli(["store", "init", server.url(database: other)])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("holds something else (tables orders)"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(!refused.stderr.contains(TestPostgresServer.password))
    }

    @Test func thePasswordComesFromPGPASSWORDOrThePasswordFileAndIsNeverShown() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        let bare = server.url(database: database, password: nil)
        let wrong = try cli(["store", "init", bare], environment: ["PGPASSWORD": "wrong-one", "HOME": cli.folder])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("refused the login"))
        #expect(!wrong.stderr.contains("wrong-one"))
        let pgpass = cli.file(".pgpass", "localhost:*:*:postgres:\(TestPostgresServer.password)\n")
        chmod(pgpass, 0o644)
        let loose = try cli(["store", "init", bare], environment: ["HOME": cli.folder])
        #expect(loose.status == 2)
        #expect(loose.stderr.contains("warning: the password file"))
        chmod(pgpass, 0o600)
        let fromFile = try cli(["store", "init", bare], environment: ["HOME": cli.folder])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
    }

    @Test func aCopyToPostgreSQLAndBackExportsTheSameBytes() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        let url = server.url(database: database)
        #expect(try cli(["demo", "--cases", "25", "--seed", "3"]).status == 0)
        #expect(try cli(["note", "add", "--case", "1", "Phoned Seller Support — ticket 4411"]).status == 0)
        let there = try cli(["store", "copy", cli.store, url])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("Copied 25 cases"))
        let backPath = cli.folder + "/back.sqlite"
        let back = try cli(["store", "copy", url, backPath])
        #expect(back.status == 0, "\(back.stderr)")
        let original = try cli(["export", "--all", "--format", "json"])
        let copied = try cli(["export", "--all", "--format", "json"], store: backPath)
        #expect(original.status == 0 && copied.status == 0)
        #expect(!original.stdoutData.isEmpty)
        #expect(original.stdoutData == copied.stdoutData)
        // The team store itself exports the same bytes.
        let team = try cli(["export", "--all", "--format", "json"], store: url)
        #expect(team.status == 0, "\(team.stderr)")
        #expect(team.stdoutData == original.stdoutData)
        // Into a store that holds cases: refused, nothing changed.
        let twice = try cli(["store", "copy", cli.store, url])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("already holds cases"))
        let onto = try cli(["store", "copy", url, cli.store])
        #expect(onto.status == 2)
    }
}

extension StoreCommandTests {
    /// The reading commands print the same bytes (and exit with the same status) on a team store as on
    /// the local file it was copied from.
    @Test func theReadingCommandsPrintTheSameOnATeamStore() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let url = server.url(database: try server.newDatabase())
        #expect(try cli(["demo", "--cases", "25", "--seed", "3"]).status == 0)
        #expect(try cli(["note", "add", "--case", "2", "Phoned Seller Support — ticket 4411"]).status == 0)
        let copied = try cli(["store", "copy", cli.store, url])
        #expect(copied.status == 0, "\(copied.stderr)")
        var commands: [[String]] = [
            ["case", "list"], ["case", "list", "--json"], ["case", "list", "--status", "unfinished", "--sort", "account"],
            ["case", "list", "--sort", "status"], ["case", "list", "--sort", "updated"], ["case", "list", "--sort", "newest"],
            ["case", "list", "--search", "ticket 44"], ["case", "list", "--search", "no such words"],
            ["case", "show", "999"], ["case", "show", "999", "--json"],
            ["due"], ["due", "--json"], ["due", "--within", "0"], ["due", "--within", "60"],
            ["export", "--case", "999", "--format", "markdown"],
        ]
        for id in ["1", "2", "7", "19"] {
            commands += [["case", "show", id], ["case", "show", id, "--json"]]
            for format in ["markdown", "html", "json", "text", "ics"] { commands.append(["export", "--case", id, "--format", format]) }
            commands += [["export", "--case", id, "--format", "json", "--redact"], ["export", "--case", id, "--format", "html", "--redact"]]
        }
        var printed = 0
        for args in commands {
            let local = try cli(args)
            let team = try cli(args, store: url)
            #expect(team.status == local.status, "\(args): \(team.stderr)")
            #expect(team.stdoutData == local.stdoutData, "\(args)")
            #expect(team.stderr == local.stderr, "\(args)")
            if !local.stdoutData.isEmpty { printed += 1 }
        }
        #expect(printed >= commands.count - 3)
        // `due` says something is due with its exit status, on both.
        #expect(try cli(["due", "--within", "60"], store: url).status == 1)
    }
}

extension StoreCommandTests {
    /// A reader that goes away early (`| head -1`) ends the command quietly on both stores: on a team
    /// store SIGPIPE is ignored (for the server connection), so the write fails with EPIPE instead, which
    /// once crashed the process with a backtrace.
    @Test func aReaderThatGoesAwayEndsTheCommandQuietly() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let url = server.url(database: try server.newDatabase())
        #expect(try cli(["demo", "--cases", "40", "--seed", "3"]).status == 0)
        #expect(try cli(["store", "copy", cli.store, url]).status == 0)
        for store in [cli.store, url] {
            for command in ["case list", "case show 3", "due --within 60", "export --all --format json", "store init '\(url)'"] {
                let invocation = command.hasPrefix("store") ? "\"$BIN\" \(command)" : "\"$BIN\" \(command) --store \"$STORE\""
                // The command's own status (a pipeline gives head's): 0, or 141 when SIGPIPE ended it.
                let script = "{ \(invocation); echo $? > \"$FOLDER/status\"; } | head -c 1 >/dev/null"
                let run = try runScript(script, variables: ["BIN": CLI.binary, "STORE": store, "FOLDER": cli.folder], in: cli.folder)
                let status = (try? String(contentsOfFile: cli.folder + "/status", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                // `due` says with 1 that something is due, when its lines fit in the pipe before head left.
                #expect(status == "0" || status == "141" || (command.hasPrefix("due") && status == "1"), "\(command) on \(store): status \(status ?? "none")")
                #expect(run.stderr.isEmpty, "\(command) on \(store): \(run.stderr.prefix(300))")
            }
        }
    }
}

extension StoreCommandTests {
    /// The everyday writes do on a team store what they do on the local file: the same output, the same
    /// refusals (exit status 2, nothing changed), and in the end the same cases, byte for byte.
    @Test func theEverydayWritesDoTheSameOnATeamStore() throws {
        let cli = CLI()
        defer { cli.remove() }
        let team = try TeamCopy(cli)
        let url = team.url
        let reply = team.replyFile(), plan = team.planFile()
        let created = try team.same(["case", "new", "--title", "Brand complaint", "--account", "Acme", "--asin", "b0c1234567"])
        #expect(created.stdout == "6\n")
        #expect(try team.same(["note", "add", "--case", "6", "Called Seller Support — ticket 4411"]).status == 0)
        let added = try team.same(["message", "add", "--case", "6", "--received", "2026-11-20T10:00:00Z", reply])
        #expect(added.status == 0, "\(added.stderr)")
        // "reinstate:   #12 [evidence] …": the requested details read from it, by id.
        let requests = added.stderr.split(separator: "\n").compactMap { line -> String? in
            guard let mark = line.range(of: ":   #") else { return nil }
            return String(line[mark.upperBound...].prefix { $0.isNumber })
        }
        try #require(requests.count == 2, "\(added.stderr)")
        #expect(try team.same(["poa", "add", "--case", "6", plan]).stdout == "1\n")
        #expect(try team.same(["request", "answer", requests[0]]).status == 0)
        #expect(try team.same(["request", "waive", requests[1], "--reason", "Not a brand item"]).status == 0)
        #expect(try team.same(["request", "reopen", requests[1]]).status == 0)
        #expect(try team.same(["poa", "submit", "--case", "6", "--date", "2026-11-21T12:00:00Z", "1"]).status == 0)
        #expect(try team.same(["case", "status", "6", "closed", "--yes"]).stdout.contains("is now closed"))
        #expect(try team.same(["case", "status", "6", "open"]).status == 0)
        #expect(try team.same(["message", "add", "--case", "2", reply]).status == 0)
        // Refusals: one line, exit status 2, the same words, nothing changed.
        for bad in [
            ["note", "add", "--case", "999", "x"], ["note", "add", "--case", "6", "  "], ["case", "status", "999", "closed", "--yes"],
            ["request", "answer", "99999"], ["request", "answer", requests[0], "--version", "7"],
            ["request", "waive", requests[0], "--reason", " "], ["poa", "submit", "--case", "6", "1"],
            ["case", "new", "--title", " "], ["case", "new", "--title", "x", "--asin", "nope"],
            ["message", "add", "--case", "999", reply],
        ] {
            let refused = try team.same(bad)
            #expect(refused.status == 2, "\(bad)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(bad): \(refused.stderr)")
        }
        // A second version written in the editor (a script standing in for it), then the two compared.
        let editor = cli.file("editor.sh", "#!/bin/sh\nprintf 'Preventive steps: a second person checks every invoice.\\n' >> \"$1\"\n")
        chmod(editor, 0o700)
        for store in [cli.store, url] {
            let drafted = try cli(["poa", "draft", "--case", "6"], store: store, environment: ["VISUAL": editor, "EDITOR": editor])
            #expect(drafted.status == 0 && drafted.stdout == "2\n", "\(drafted.stderr)")
        }
        for args in [["poa", "diff", "--case", "6", "1", "2"], ["poa", "diff", "--case", "6", "1", "9"], ["poa", "show", "--case", "6"]] {
            _ = try team.same(args)
        }
        for args in [["case", "show", "6"], ["case", "show", "2", "--json"], ["due", "--within", "60"], ["case", "list"]] {
            _ = try team.same(args)
        }
        let document = try team.sameStore()
        // --read-only: the team store is not changed.
        let readOnly = try cli(["--read-only", "note", "add", "--case", "1", "x"], store: url)
        #expect(readOnly.status == 2)
        #expect(readOnly.stderr.contains("read-only"), "\(readOnly.stderr)")
        #expect(try cli(["export", "--all", "--format", "json"], store: url).stdoutData == document)
    }
}

/// What needs no server: every command given a team store it cannot reach, malformed and unreachable
/// addresses, and `store = ` in the configuration file.
@Suite struct PostgresStoreRefusalTests {
    /// Every command that opens a store takes a postgresql:// URL as a team store: given one whose server
    /// is not there, each says so in one line (exit status 2) without the password, and none takes the
    /// URL for a file name (no file called "postgresql:" appears, in the test's folder or here).
    @Test func everyCommandTakesATeamStoreAndSaysWhenItCannotBeReached() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "2", "--seed", "1"]).status == 0)
        let document = cli.file("all.json", try cli(["export", "--all", "--format", "json"]).stdout)
        let reply = cli.file("reply.txt", TeamCopy.reply), plan = cli.file("plan.txt", TeamCopy.plan)
        let mbox = cli.file("inbox.mbox", "From MAILER-DAEMON Thu Nov 19 10:00:00 2026\n" + MailCommandTests.reply + "\n")
        let url = "postgresql://alice:hunter2@/reinstate?host=/tmp/no-such-server-\(getpid())"
        let commands: [[String]] = [
            ["case", "list"], ["case", "show", "1"], ["case", "new", "--title", "x"], ["case", "status", "1", "closed", "--yes"],
            ["case", "edit", "1", "--title", "x"], ["due"], ["note", "add", "--case", "1", "x"], ["note", "edit", "1", "x"],
            ["note", "remove", "1", "--yes"], ["message", "add", "--case", "1", reply], ["message", "show", "1"],
            ["message", "reparse", "--all"], ["message", "edit", "1", "--received", "2026-11-20"],
            ["message", "move", "1", "--case", "2"], ["message", "remove", "1", "--yes"], ["mail", "import", mbox],
            ["mail", "held"], ["mail", "file", "1", "--case", "1"], ["poa", "add", "--case", "1", plan],
            ["poa", "submit", "--case", "1", "1"], ["poa", "show", "--case", "1"], ["poa", "diff", "--case", "1", "1", "2"],
            ["poa", "unsubmit", "--case", "1", "1"], ["request", "answer", "1"], ["request", "waive", "1", "--reason", "x"],
            ["request", "reopen", "1"], ["request", "edit", "1", "--aspect", "root-cause"],
            ["evidence", "add", "--case", "1", plan], ["check", "--case", "1"], ["export", "--case", "1"],
            ["export", "--all", "--format", "json"], ["import", document], ["backup", "--output", cli.folder + "/b.sqlite"],
            ["restore", cli.store, "--yes"], ["demo"], ["team", "list"],
        ]
        for args in commands {
            let result = try cli(args, store: url)
            #expect(result.status == 2, "\(args): \(result.stderr)")
            #expect(result.stderr.contains("Cannot reach the PostgreSQL server"), "\(args): \(result.stderr)")
            #expect(!result.stderr.contains("hunter2"), "\(args)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(args): \(result.stderr)")
        }
        // Through the environment too.
        let viaEnv = try cli(["mail", "held"], store: "", environment: ["REINSTATE_STORE": url])
        #expect(viaEnv.status == 2 && viaEnv.stderr.contains("Cannot reach the PostgreSQL server"), "\(viaEnv.stderr)")
        let made = try FileManager.default.contentsOfDirectory(atPath: cli.folder).filter { $0.hasPrefix("postgres") }
        #expect(made.isEmpty, "\(made)")
        #expect(!FileManager.default.fileExists(atPath: "postgresql:"))
    }

    @Test func malformedAndUnreachableAddressesGetOneLine() throws {
        let cli = CLI()
        defer { cli.remove() }
        let malformed = try cli(["store", "init", "postgresql://alice:pw@host:notaport/db"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("port"))
        #expect(!malformed.stderr.contains(":pw@"))
        let nowhere = try cli(["store", "init", "postgresql://alice:pw@/db?host=/tmp/no-such-server-\(getpid())"])
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("Cannot reach the PostgreSQL server"))
        #expect(nowhere.stderr.split(separator: "\n").count == 1)
        // A command that works on a team store says in one line that the server is not there.
        let list = try cli(["case", "list"], store: "postgresql://alice:pw@/db?host=/tmp/no-such-server-\(getpid())")
        #expect(list.status == 2)
        #expect(list.stderr.contains("Cannot reach the PostgreSQL server"), "\(list.stderr)")
        #expect(list.stderr.split(separator: "\n").count == 1)
        #expect(!list.stderr.contains(":pw@"))
        let help = try cli(["store", "copy", "--help"])
        #expect(help.stdout.contains("USAGE: reinstate store copy <from> <to>"))
    }

    @Test func theConfigurationFileCanNameTheStore() throws {
        let cli = CLI()
        defer { cli.remove() }
        let config = cli.folder + "/config"
        try FileManager.default.createDirectory(atPath: config + "/reinstate", withIntermediateDirectories: true)
        // A file named there is used by every command when neither --store nor REINSTATE_STORE is given.
        #expect(try cli(["demo", "--cases", "3", "--seed", "1"]).status == 0)
        try "store = \(cli.store)\n".write(toFile: config + "/reinstate/config", atomically: true, encoding: .utf8)
        let listed = try cli(["case", "list"], store: "", environment: ["XDG_CONFIG_HOME": config])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.split(separator: "\n").count >= 3)
        // A PostgreSQL URL there names a team store, as --store URL does (shown without its password).
        try "store = postgresql://bob:s3cret@/team?host=/tmp/no-such-server-\(getpid())\n".write(
            toFile: config + "/reinstate/config", atomically: true, encoding: .utf8)
        let refused = try cli(["check", "--case", "1"], store: "", environment: ["XDG_CONFIG_HOME": config])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("Cannot reach the PostgreSQL server of postgresql://bob@"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("s3cret"))
    }
}

extension StoreCommandTests {
    /// The corrections do on a team store what they do on the local file: the same output on both
    /// streams, the same refusals (exit status 2, one line, nothing changed), and the same cases after.
    @Test func theCorrectionsDoTheSameOnATeamStore() throws {
        let cli = CLI()
        defer { cli.remove() }
        let team = try TeamCopy(cli)
        let url = team.url
        let reply = team.replyFile(), plan = team.planFile()
        #expect(try team.same(["case", "new", "--title", "Brand complaint", "--account", "Acme", "--asin", "b0c1234567"]).stdout == "6\n")
        let note = try team.same(["note", "add", "--case", "6", "Called Seller Support — ticket 4411"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let message = try team.same(["message", "add", "--case", "6", "--received", "2026-11-20T10:00:00Z", reply]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(message) != nil && Int(note) != nil)
        #expect(try team.same(["poa", "add", "--case", "6", "--submitted", "2026-11-21T12:00:00Z", plan]).status == 0)
        // Reading and checking plans, as on the local file (check's exit status 3: something blocking).
        for args in [
            ["check", "--case", "6"], ["check", "--case", "6", "--json"], ["check", "--case", "6", plan], ["check", "--case", "999"],
            ["check", "--case", "6", "--version", "7"], ["poa", "show", "--case", "6"], ["poa", "show", "--case", "6", "1"],
            ["poa", "show", "--case", "6", "7"], ["poa", "show", "--case", "1"],
        ] {
            _ = try team.same(args)
        }

        let edited = try team.same(["message", "edit", message, "--received", "2026-11-22T08:30:00Z"])
        #expect(edited.status == 0 && edited.stdout.contains("Message \(message) received"), "\(edited.stderr)")
        #expect(try team.same(["message", "move", message, "--case", "2"]).stdout.contains("moved from case 6 to case 2"))
        #expect(try team.same(["message", "move", message, "--case", "6"]).status == 0)
        #expect(try team.same(["poa", "unsubmit", "--case", "6", "1"]).stdout.contains("is a draft again"))
        #expect(try team.same(["note", "edit", note, "Seller Support called back"]).stdout.contains("it was: Called Seller Support"))
        let caseEdit = try team.same(["case", "edit", "6", "--title", "Counterfeit claim", "--asin", "b0c7654321", "--marketplace", "Amazon.DE"])
        #expect(caseEdit.stdout.contains("title: Brand complaint → Counterfeit claim"), "\(caseEdit.stdout)")
        #expect(try team.same(["case", "edit", "6", "--clear-asins"]).status == 0)
        let invoice = cli.file("invoice.pdf", "%PDF-1.4 invoice 2231")
        let evidence = try team.same(["evidence", "add", "--case", "6", invoice])
        #expect(evidence.status == 0 && evidence.stderr.contains("recorded \(invoice): 21 bytes"), "\(evidence.stderr)")
        // Without a terminal to ask on, a removal needs --yes, on both.
        #expect(try team.same(["message", "remove", message]).status == 2)
        #expect(try team.same(["message", "remove", message, "--yes"]).stdout.contains("with 2 requested details and 1 deadline"))
        #expect(try team.same(["note", "remove", note, "--yes"]).stdout.contains("it read: Seller Support called back"))
        for bad in [
            ["message", "edit", "99999", "--received", "2026-11-22T08:30:00Z"], ["message", "move", "99999", "--case", "1"],
            ["message", "move", "1", "--case", "999"], ["message", "remove", "99999", "--yes"], ["note", "edit", "99999", "x"],
            ["note", "edit", "1", "  "], ["note", "remove", "99999", "--yes"], ["poa", "unsubmit", "--case", "6", "7"],
            ["poa", "unsubmit", "--case", "6", "1"], ["case", "edit", "999", "--title", "x"], ["case", "edit", "6", "--title", " "],
            ["case", "edit", "6", "--asin", "nope"], ["evidence", "add", "--case", "999", invoice],
            ["evidence", "add", "--case", "6", cli.folder + "/missing.pdf"], ["evidence", "add", "--case", "6", cli.folder],
        ] {
            let refused = try team.same(bad)
            #expect(refused.status == 2, "\(bad)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(bad): \(refused.stderr)")
        }
        // A second version written in the editor (a script standing in for it), then the two compared.
        let editor = cli.file("editor.sh", "#!/bin/sh\nprintf 'Preventive steps: a second person checks every invoice.\\n' >> \"$1\"\n")
        chmod(editor, 0o700)
        for store in [cli.store, url] {
            let drafted = try cli(["poa", "draft", "--case", "6"], store: store, environment: ["VISUAL": editor, "EDITOR": editor])
            #expect(drafted.status == 0 && drafted.stdout == "2\n", "\(drafted.stderr)")
        }
        for args in [["poa", "diff", "--case", "6", "1", "2"], ["poa", "diff", "--case", "6", "1", "9"], ["poa", "show", "--case", "6"]] {
            _ = try team.same(args)
        }
        for args in [["case", "show", "6"], ["case", "show", "2", "--json"], ["due", "--within", "60"], ["case", "list"]] {
            _ = try team.same(args)
        }
        try team.sameStore()
        // --read-only refuses a correction on the team store.
        let readOnly = try cli(["--read-only", "case", "edit", "6", "--title", "x"], store: url)
        #expect(readOnly.status == 2)
        #expect(readOnly.stderr.contains("read-only"), "\(readOnly.stderr)")
    }
}

extension StoreCommandTests {
    /// `export --all` in every format and `backup` of a team store give what they give for the local
    /// file the team store was copied from: the same bytes, files and words.
    @Test func wholeStoreExportsAndBackupsAreTheLocalFilesOnATeamStore() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let url = server.url(database: try server.newDatabase())
        #expect(try cli(["demo", "--cases", "12", "--seed", "4"]).status == 0)
        #expect(try cli(["note", "add", "--case", "2", "Phoned Seller Support — ticket 4411"]).status == 0)
        #expect(try cli(["store", "copy", cli.store, url]).status == 0)
        for args in [
            ["export", "--all", "--format", "markdown"], ["export", "--all", "--format", "html"], ["export", "--all", "--format", "ics"],
            ["export", "--all", "--format", "json", "--redact"], ["export", "--all", "--format", "html", "--redact", "--redact-name", "Acme"],
            ["export", "--all", "--format", "text"],
        ] {
            let local = try cli(args)
            let team = try cli(args, store: url)
            #expect(team.status == local.status, "\(args): \(team.stderr)")
            #expect(team.stdoutData == local.stdoutData, "\(args)")
            #expect(team.stderr == local.stderr, "\(args)")
            if args.count == 4, args[3] != "text" { #expect(!local.stdoutData.isEmpty, "\(args)") }
        }
        // One file per case: the same files with the same bytes.
        for format in ["markdown", "text"] {
            let localDir = cli.folder + "/local-\(format)", teamDir = cli.folder + "/team-\(format)"
            let local = try cli(["export", "--all", "--format", format, "--output-dir", localDir])
            let team = try cli(["export", "--all", "--format", format, "--output-dir", teamDir], store: url)
            #expect(local.status == 0 && team.status == 0, "\(team.stderr)")
            let names = try FileManager.default.contentsOfDirectory(atPath: localDir).sorted()
            #expect(!names.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: teamDir).sorted() == names)
            for name in names {
                #expect(FileManager.default.contents(atPath: teamDir + "/" + name) == FileManager.default.contents(atPath: localDir + "/" + name), "\(name)")
            }
        }
        // A backup of the team store is a local store file holding the same cases.
        let localBackup = cli.folder + "/local-backup.sqlite", teamBackup = cli.folder + "/team-backup.sqlite"
        let local = try cli(["backup", "--output", localBackup])
        let team = try cli(["backup", "--output", teamBackup], store: url)
        #expect(team.status == 0, "\(team.stderr)")
        #expect(team.stdout == local.stdout.replacingOccurrences(of: localBackup, with: teamBackup))
        #expect(team.stdout.hasPrefix("Backed up 12 cases to "))
        let fromLocal = try cli(["export", "--all", "--format", "json"], store: localBackup)
        let fromTeam = try cli(["export", "--all", "--format", "json"], store: teamBackup)
        #expect(!fromTeam.stdoutData.isEmpty && fromTeam.stdoutData == fromLocal.stdoutData)
        // Never over a file without --force; and no dated backups beside a server.
        let again = try cli(["backup", "--output", teamBackup], store: url)
        #expect(again.status == 2 && again.stderr.split(separator: "\n").count == 1, "\(again.stderr)")
        #expect(try cli(["backup", "--output", teamBackup, "--force"], store: url).status == 0)
        let dated = try cli(["backup"], store: url)
        #expect(dated.status == 2)
        #expect(dated.stderr.contains("reinstate backup --output FILE"), "\(dated.stderr)")
        #expect(dated.stderr.split(separator: "\n").count == 1)
    }
}
