import Foundation
import ReinstateStore
import Testing

/// End to end: the real binary, a real store file, real files.
@Suite(.serialized) struct CommandLineTests {
    let reply = """
        We received your submission but do not have enough information to reactivate your account at this time. To reactivate your account, please send the following:
        – Greater detail on the root cause(s) of unresponsive or poor customer service.
        – Greater detail on the actions you have taken to resolve unresponsive or poor customer service.
        – Greater detail on the steps you have taken to prevent unresponsive or poor customer service going forward.
        If we do not receive the requested information within 14 days of the original notification, your account will remain deactivated.
        """

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func aCaseFromStartToSubmission() throws {
        let cli = CLI()
        defer { cli.remove() }
        let new = try cli(["case", "new", "--title", "ODR over 1%", "--account", "Blue Harbor", "--marketplace", "https://www.Amazon.com/", "--reason", "order-defect-rate", "--opened", "2026-11-10"])
        #expect(new.status == 0)
        #expect(new.stdout == "1\n")

        let message = try cli(["message", "add", "--case", "1", "--received", "2026-11-12T10:00:00Z", cli.file("reply.txt", reply)])
        #expect(message.status == 0, "\(message.stderr)")
        #expect(message.stdout == "1\n")
        #expect(message.stderr.contains("3 requested detail(s)"))

        let shown = try json(try cli(["case", "show", "1", "--json"]).stdout) as? [String: Any]
        #expect(shown?["marketplace"] as? String == "amazon.com")
        #expect(shown?["status"] as? String == "more-information-requested")
        // 14 days from the original notification: no notice stored, so from the earliest message.
        #expect(shown?["nextDeadline"] as? String == "2026-11-26T10:00:00Z")

        #expect(try cli(["poa", "add", "--case", "1", "-"], stdin: Data("Root cause: one person answered buyer messages.\n".utf8)).stdout == "1\n")
        #expect(try cli(["request", "answer", "1"]).stdout.hasPrefix("Request 1 answered in draft v1, not sent yet"))
        #expect(try cli(["request", "waive", "2", "--reason", "covered in v1"]).status == 0)
        #expect(try cli(["request", "reopen", "2"]).status == 0)
        #expect(try cli(["note", "add", "--case", "1", "Called support"]).stdout == "1\n")
        #expect(try cli(["request", "edit", "3", "--topic", "customer service"]).stdout.contains("topic: customer service"))
        #expect(try cli(["request", "edit", "3"]).status == 64)
        let reparse = try cli(["message", "reparse", "1"])
        #expect(reparse.stdout == "message 1: 3 unchanged, 0 added, 0 removed\n")
        #expect(try cli(["case", "show", "1"]).stdout.contains("topic: customer service\n"))

        let due = try cli(["due", "--within", "7", "--json"])
        #expect(due.status == 1)
        let items = try json(due.stdout) as? [[String: Any]]
        #expect(items?.count == 1)
        #expect(items?.first?["case"] as? Int == 1)
        #expect(items?.first?["overdue"] as? Bool == false)
        #expect(items?.first?["unanswered"] as? Int == 3)  // request 1 is answered only in draft v1: not sent
        #expect(items?.first?["deadline"] as? String == "2026-11-26T10:00:00Z")
        #expect(items?.first?["title"] as? String == "ODR over 1%")

        #expect(try cli(["poa", "submit", "--case", "1", "1", "--date", "2026-11-23"]).status == 0)
        let after = try cli(["due", "--within", "7"])
        #expect(after.status == 0)
        #expect(after.stdout.hasPrefix("Nothing is due"))
        let list = try json(try cli(["case", "list", "--json"]).stdout) as? [[String: Any]]
        #expect(list?.first?["status"] as? String == "appeal-submitted")
        #expect(list?.first?["appealsSubmitted"] as? Int == 1)
        #expect(try cli(["case", "status", "1", "reinstated"]).status == 0)
        #expect(try cli(["case", "show", "1"]).stdout.contains("Status:       reinstated"))
    }

    @Test func dueExitsZeroWhenNothingIsDueAndOneWhenSomethingIs() throws {
        let cli = CLI()
        defer { cli.remove() }
        try cli(["case", "new", "--title", "x"])
        #expect(try cli(["due"]).status == 0)
        try cli(["message", "add", "--case", "1", "--received", "2026-11-01", cli.file("r.txt", reply)])
        let due = try cli(["due", "--within", "0"])
        #expect(due.status == 1)
        #expect(due.stdout.contains("overdue"))
        #expect(try cli(["due", "--within=-1"]).status == 2)
    }

    /// `--read-only` after a subcommand used to be accepted and ignored: `due --read-only` created a
    /// store at a mistyped path. Now every command honours it.
    @Test func readOnlyAfterACommandIsHonoured() throws {
        let cli = CLI()
        defer { cli.remove() }
        let missing = try cli(["due", "--read-only"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("There is no case store at"))
        #expect(!FileManager.default.fileExists(atPath: cli.store))
        #expect(try cli(["case", "new", "--title", "kept"]).status == 0)
        let write = try cli(["case", "new", "--title", "not kept", "--read-only"])
        #expect(write.status == 2)
        #expect(write.stderr.contains("--read-only was given, so the store was not changed"))
        let list = try cli(["case", "list", "--read-only"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("kept") && !list.stdout.contains("not kept"))
    }

    /// `case list` measures and prints a row at a time (two passes over one snapshot); what it prints
    /// is the same table, and an empty result says why.
    @Test func caseListPrintsTheTableAndSaysWhyWhenEmpty() throws {
        let cli = CLI()
        defer { cli.remove() }
        _ = try CaseStore(path: cli.store)  // an empty store: only commands that add something make one
        #expect(try cli(["case", "list"]).stdout.hasPrefix("No cases yet."))
        try cli(["case", "new", "--title", "Order defect rate – 深圳", "--account", "Acme"])
        try cli(["case", "new", "--title", "Inauthentic", "--account", "Northwind Home & Garden"])
        let list = try cli(["case", "list", "--sort", "account"])
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("ID  ACCOUNT                  MARKET  TITLE"))
        #expect(lines[1].hasPrefix("1   Acme") && lines[2].hasPrefix("2   Northwind Home & Garden"))
        #expect(lines[3] == "2 cases")
        let none = try cli(["case", "list", "--search", "nothing like this"])
        #expect(none.stdout == "No case matches; 2 in all. Try without --search or --status.\n")
    }

    @Test func exportImportRoundTripGivesTheSameBytesAndPrivateFiles() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "25", "--seed", "9"]).status == 0)
        let backup = cli.folder + "/backup.json"
        #expect(try cli(["export", "--all", "--format", "json", "--output", backup]).status == 0)
        #expect((try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int) == 0o600)
        let refused = try cli(["export", "--all", "--format", "json", "--output", backup])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--force"))
        #expect(try cli(["export", "--all", "--format", "json", "--output", backup, "--force"]).status == 0)

        let restored = cli.folder + "/restored.sqlite"
        let imported = try cli(["import", backup], store: restored)
        #expect(imported.status == 0, "\(imported.stderr)")
        let again = try cli(["export", "--all", "--format", "json"], store: restored)
        #expect(again.stdoutData == FileManager.default.contents(atPath: backup))
        // Importing twice is refused: the store is no longer empty.
        #expect(try cli(["import", backup], store: restored).status == 2)
    }

    @Test func demoNeverMixesWithRealCases() throws {
        let cli = CLI()
        defer { cli.remove() }
        try cli(["case", "new", "--title", "my real case"])
        let refused = try cli(["demo", "--cases", "5"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("already holds 1 case"))
        #expect(try cli(["demo", "--cases", "5", "--add"]).status == 0)
    }

    @Test func theSameSeedGivesTheSameDemo() throws {
        let cli = CLI()
        defer { cli.remove() }
        try cli(["demo", "--cases", "15", "--seed", "4"], store: cli.folder + "/a.sqlite")
        try cli(["demo", "--cases", "15", "--seed", "4"], store: cli.folder + "/b.sqlite")
        let a = try cli(["export", "--all", "--format", "json"], store: cli.folder + "/a.sqlite")
        let b = try cli(["export", "--all", "--format", "json"], store: cli.folder + "/b.sqlite")
        #expect(a.stdoutData == b.stdoutData)
        #expect(a.stdoutData.count > 10_000)
    }

    @Test func badInputGetsAClearErrorAndChangesNothing() throws {
        let cli = CLI()
        defer { cli.remove() }
        try cli(["case", "new", "--title", "x"])
        let before = try cli(["export", "--all", "--format", "json"]).stdoutData
        let huge = cli.folder + "/huge.eml"
        FileManager.default.createFile(atPath: huge, contents: nil)
        truncate(huge, 25 * 1024 * 1024)
        let cases: [([String], String)] = [
            (["message", "add", "--case", "1", cli.folder + "/missing.txt"], "does not exist"),
            (["message", "add", "--case", "1", cli.folder], "is a folder"),
            (["message", "add", "--case", "1", cli.file("empty.txt", "")], "is empty"),
            (["message", "add", "--case", "1", huge], "MB"),
            (["message", "add", "--case", "9", cli.file("ok.txt", "hello")], "Case 9 does not exist"),
            (["poa", "add", "--case", "1", cli.file("bin.pdf", data: Data([0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0xFE]))], "not UTF-8"),
            (["poa", "add", "--case", "1", cli.file("nul.txt", data: Data("a\u{0}b".utf8))], "binary"),
            (["poa", "submit", "--case", "1", "3"], "Plan version 3 of case 1 does not exist"),
            (["request", "answer", "77"], "Requested detail 77 does not exist"),
            (["case", "new", "--title", "x", "--asin", "nope"], "is not an ASIN"),
            (["case", "new", "--title", "x", "--opened", "yesterday"], "not an ISO 8601"),
            (["import", cli.file("bad.json", "{\"format\": \"other\"}")], "not a Reinstate export"),
        ]
        for (args, expected) in cases {
            let result = try cli(args)
            #expect(result.status == 2, "\(args) → \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(expected), "\(args) → \(result.stderr)")
            #expect(result.stderr.hasPrefix("reinstate: "), "\(args) → \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
        #expect(try cli(["export", "--all", "--format", "json"]).stdoutData == before)
        #expect(try cli(["case", "new"]).status == 64)  // argument-parser's usage error
    }

    @Test func aForeignStoreIsRefusedAndLeftUntouched() throws {
        let cli = CLI()
        defer { cli.remove() }
        let notes = cli.file("notes.sqlite", "these are my notes, not a database\n")
        let result = try cli(["case", "list"], store: notes)
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not a Reinstate case store (it is not an SQLite database)"))
        #expect(FileManager.default.contents(atPath: notes) == Data("these are my notes, not a database\n".utf8))
        #expect(try cli(["case", "new", "--title", "x"]).status == 0)
        let badNow = try cli(["due"], environment: ["REINSTATE_NOW": "soon"])
        #expect(badNow.status == 2)
        #expect(badNow.stderr.contains("REINSTATE_NOW"))
    }

    @Test func textFromMessagesCannotDriveTheTerminal() throws {
        let cli = CLI()
        defer { cli.remove() }
        try cli(["case", "new", "--title", "evil\u{1B}]0;pwned\u{07} title", "--account", "\u{1B}[2Jacct"])
        let hostile = "Greater detail on the root cause(s) of \u{1B}]52;c;ZXZpbA==\u{07}packaging\u{1B}[31m.\n"
        try cli(["message", "add", "--case", "1", cli.file("evil.txt", hostile)])
        for args in [["case", "list"], ["case", "show", "1"], ["message", "show", "1"], ["due", "--within", "100"]] {
            let out = try cli(args).stdout
            #expect(!out.contains("\u{1B}"), "\(args)")
            #expect(!out.contains("\u{07}"), "\(args)")
        }
        // … while the raw bytes are kept exactly.
        #expect(try cli(["message", "show", "1", "--raw"]).stdoutData == Data(hostile.utf8))
    }

    @Test func twoProcessesWritingAtOnceBothSucceed() throws {
        let cli = CLI()
        defer { cli.remove() }
        try cli(["case", "new", "--title", "first"])
        let failures = ManagedAtomicCounter()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for i in 0..<8 {
                let result = try? cli(["case", "new", "--title", "w\(worker)-\(i)"])
                if result?.status != 0 { failures.add(result?.stderr ?? "did not run") }
            }
            if (try? cli(["demo", "--cases", "3", "--seed", "\(worker)", "--add"]))?.status != 0 { failures.add("demo") }
        }
        #expect(failures.messages.isEmpty, "\(failures.messages)")
        let list = try json(try cli(["case", "list", "--json"]).stdout) as? [[String: Any]]
        let expected = 1 + 4 * 8 + 4 * 3
        #expect(list?.count == expected)
    }

    @Test func everyCommandHasHelp() throws {
        let cli = CLI()
        defer { cli.remove() }
        let commands = [
            [], ["case"], ["case", "new"], ["case", "list"], ["case", "show"], ["case", "status"], ["message"],
            ["message", "add"], ["message", "show"], ["poa"], ["poa", "add"], ["poa", "submit"], ["poa", "show"],
            ["request"], ["request", "answer"], ["request", "waive"], ["request", "reopen"], ["request", "edit"],
            ["message", "reparse"], ["check"], ["poa", "diff"], ["poa", "draft"], ["note", "add"],
            ["evidence", "add"], ["due"], ["parse"], ["export"], ["import"], ["backup"], ["restore"], ["demo"],
        ]
        for command in commands {
            let result = try cli(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("USAGE"), "\(command)")
        }
    }
}

/// Collects failure messages from concurrent workers.
final class ManagedAtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ message: String) { lock.lock(); list.append(message); lock.unlock() }
    var messages: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
