import Foundation
import GRDB
import ReinstateCore
import ReinstateStore
import Testing

/// `reinstate mail …` and `message show --attachment`, run as the built binary on real mailbox files
/// and a temporary store.
@Suite("Mail commands")
struct MailCommandTests {
    static func notice(id: String = "n1@amazon.com", date: String = "Tue, 10 Nov 2026 09:15:00 +0000") -> String {
        """
        Authentication-Results: mx.example.net; dkim=pass header.d=amazon.com; spf=pass smtp.mailfrom=amazon.com
        From: Amazon <seller-performance@amazon.com>
        To: ops@blueharbor.example
        Subject: Your Amazon selling account (amazon.com)
        Date: \(date)
        Message-ID: <\(id)>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8

        Hello Blue Harbor Goods LLC,

        We have deactivated your Amazon selling account because we received customer complaints that items you sold were inauthentic.

        If we do not receive a plan of action within 17 days, your account will remain deactivated.

        ASIN: B0C1234567
        Order ID: 111-2223334-4445556
        --b1
        Content-Type: application/pdf; name="invoice.pdf"
        Content-Disposition: attachment; filename="invoice.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK/wA=
        --b1--

        """
    }

    static let reply = """
        Authentication-Results: mx.example.net; dkim=pass header.d=amazon.com
        From: seller-performance@amazon.com
        To: ops@blueharbor.example
        Subject: Re: Your Amazon selling account (amazon.com)
        Date: Sun, 15 Nov 2026 10:00:00 +0000
        Message-ID: <r1@amazon.com>
        In-Reply-To: <n1@amazon.com>

        Hello Blue Harbor Goods LLC,

        We received your submission but do not have enough information to reactivate your account at this time. To reactivate your account, please send the following:
        – Greater detail on the root cause(s) of inauthentic items.

        """

    static let forged = """
        Authentication-Results: mx.example.net; dkim=fail header.d=amazon.com; spf=fail smtp.mailfrom=mailer.example
        From: Amazon <seller-performance@amazon.com>
        Subject: Verify your account
        Date: Mon, 16 Nov 2026 10:00:00 +0000
        Message-ID: <f1@mailer.example>

        Hello Blue Harbor Goods LLC, verify your account within 24 hours.

        """

    static let newsletter = """
        From: deals@shipping.example
        Subject: 20% off labels
        Date: Mon, 16 Nov 2026 11:00:00 +0000
        Message-ID: <s1@shipping.example>

        Hello, Amazon sellers: cheap labels.

        """

    /// A file in a folder of the test's folder, made as needed.
    func inFolder(_ cli: CLI, _ name: String, _ text: String) -> String {
        try? FileManager.default.createDirectory(
            atPath: cli.folder + "/" + (name as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return cli.file(name, text)
    }

    func maildir(_ cli: CLI, _ name: String = "Inbox") throws -> String {
        let box = cli.folder + "/" + name
        for sub in ["cur", "new", "tmp"] { try FileManager.default.createDirectory(atPath: box + "/" + sub, withIntermediateDirectories: true) }
        _ = cli.file(name + "/cur/1700000001.A.host:2,S", Self.notice())
        _ = cli.file(name + "/new/1700000002.B.host", Self.reply)
        _ = cli.file(name + "/new/1700000003.C.host", Self.forged)
        _ = cli.file(name + "/new/1700000004.D.host", Self.newsletter)
        _ = cli.file(name + "/tmp/1700000005.E.host", "half written")
        return box
    }

    @Test func importFilesHoldsAndSkipsThenAddsNothingTheSecondTime() throws {
        let cli = CLI()
        defer { cli.remove() }
        let box = try maildir(cli)
        let first = try cli(["mail", "import", box])
        #expect(first.status == 0)
        #expect(first.stdout.contains("new case #1"))
        #expect(first.stdout.contains("added to #1"))
        #expect(first.stdout.contains("held (#1)"))
        #expect(first.stdout.contains("not from Amazon"))
        #expect(first.stderr.contains("4 messages: 1 added to existing cases, 1 opened new cases, 1 held, 0 already imported, 1 not from Amazon."))
        let list = try cli(["case", "list"])
        #expect(list.stdout.contains("Blue Harbor Goods LLC"))
        #expect(list.stdout.contains("more info requested"))

        let second = try cli(["mail", "import", box, "--json"])
        #expect(second.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: second.stdoutData) as? [[String: Any]])
        #expect(array.map { $0["result"] as? String } == ["duplicate", "duplicate", "duplicate", "not-from-amazon"])
        #expect(array[0]["identity"] as? String == "message-id:n1@amazon.com")
        // Written element by element as they are read, in the layout of the whole array pretty-printed.
        #expect(second.stdout.hasPrefix("[\n  {\n    \"attachments\" : "))
        #expect(second.stdout.hasSuffix("\n  }\n]\n"))
        #expect(second.stdout.components(separatedBy: "\n  },\n  {\n").count == 4)
        try FileManager.default.createDirectory(atPath: cli.folder + "/empty", withIntermediateDirectories: true)
        let none = try cli(["mail", "import", cli.folder + "/empty", "--json"])
        #expect(try JSONSerialization.jsonObject(with: none.stdoutData) as? [Any] != nil, "\(none.stdout)")
        #expect(try cli(["case", "show", "1"]).stdout.components(separatedBy: "Your Amazon selling account").count == 3)
    }

    @Test func aDryRunWritesNothingNotEvenAStore() throws {
        let cli = CLI()
        defer { cli.remove() }
        let box = try maildir(cli)
        let dry = try cli(["mail", "import", box, "--dry-run", "--json"])
        #expect(dry.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: dry.stdoutData) as? [[String: Any]])
        #expect(array.map { $0["result"] as? String } == ["new-case", "added", "held", "not-from-amazon"])
        #expect(dry.stderr.contains("dry run, nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: cli.store))
    }

    @Test func heldMessagesAreListedAndFiledByHand() throws {
        let cli = CLI()
        defer { cli.remove() }
        _ = inFolder(cli, "saved/reply.eml", Self.reply)  // its notice is not there: it cannot be placed
        _ = try cli(["case", "new", "--title", "Inauthentic", "--account", "Blue Harbor Goods LLC"])
        let imported = try cli(["mail", "import", cli.folder + "/saved"])
        #expect(imported.stdout.contains("held (#1)"))
        let held = try cli(["mail", "held"])
        #expect(held.stdout.contains("Re: Your Amazon selling account"))
        #expect(try cli(["mail", "held", "--show", "1"]).stdout.contains("Greater detail on the root cause(s) of inauthentic items."))
        #expect(try cli(["mail", "file", "1"]).status == 64)  // neither --case nor --new
        let filed = try cli(["mail", "file", "1", "--case", "1"])
        #expect(filed.status == 0)
        #expect(filed.stderr.contains("into case #1 with 1 requested detail(s)"))
        #expect(try cli(["mail", "held"]).stdout.contains("No message is held."))
        #expect(try cli(["mail", "import", cli.folder + "/saved"]).stdout.contains("duplicate"))

        // A notice that names no account (no greeting, and not sent to an address Reinstate knows) is held.
        let anonymous = Self.notice(id: "n2@amazon.com").replacingOccurrences(of: "Hello Blue Harbor Goods LLC,", with: "Hello,")
            .replacingOccurrences(of: "To: ops@blueharbor.example", with: "To: someone@elsewhere.example")
        _ = inFolder(cli, "other/notice.eml", anonymous)
        #expect(try cli(["mail", "import", cli.folder + "/other"]).stdout.contains("held (#2)"))
        let opened = try cli(["mail", "file", "2", "--new"])
        #expect(opened.status == 0)
        #expect(opened.stderr.contains("new case #2"))
        #expect(try cli(["case", "list"]).stdout.contains("Inauthentic – B0C1234567"))
    }

    @Test func anAttachmentIsSavedAndNeverWrittenOverWithoutForce() throws {
        let cli = CLI()
        defer { cli.remove() }
        _ = inFolder(cli, "saved/notice.eml", Self.notice())
        _ = try cli(["mail", "import", cli.folder + "/saved"])
        let shown = try cli(["message", "show", "1"])
        #expect(shown.stdout.contains("1. invoice.pdf  application/pdf, 11 bytes"))
        #expect(try cli(["case", "show", "1"]).stdout.contains("attachment 1: invoice.pdf (application/pdf, 11 bytes)"))
        let out = cli.folder + "/invoice.pdf"
        let saved = try cli(["message", "show", "1", "--attachment", "1", "--output", out])
        #expect(saved.status == 0)
        #expect(FileManager.default.contents(atPath: out) == Data(base64Encoded: "JVBERi0xLjQK/wA="))
        let mode = (try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
        let again = try cli(["message", "show", "1", "--attachment", "1", "--output", out])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists; add --force"))
        #expect(try cli(["message", "show", "1", "--attachment", "1", "--output", out, "--force"]).status == 0)
        let missing = try cli(["message", "show", "1", "--attachment", "2", "--output", cli.folder + "/x"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Attachment 2 of message 1 (it has one) does not exist."))
        #expect(try cli(["message", "show", "1", "--attachment", "1", "--output", cli.store, "--force"]).status == 2)
    }

    @Test func exportsListTheAttachmentsAndARedactedOneLeavesTheirNamesOut() throws {
        let cli = CLI()
        defer { cli.remove() }
        _ = inFolder(cli, "saved/notice.eml", Self.notice())
        _ = try cli(["mail", "import", cli.folder + "/saved"])
        let markdown = try cli(["export", "--case", "1", "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("**Attachments kept with it** (`reinstate message show 1 --attachment N --output FILE` saves one):"))
        #expect(markdown.stdout.contains("1. invoice.pdf (application/pdf, 11 bytes)"))
        let html = try cli(["export", "--all", "--format", "html"])
        #expect(html.stdout.contains("<li>invoice.pdf (application/pdf, 11 bytes)</li>"))
        let redacted = try cli(["export", "--all", "--format", "markdown", "--redact"])
        #expect(redacted.stdout.contains("1. attachment 1 (application/pdf, 11 bytes)"))
        #expect(!redacted.stdout.contains("invoice.pdf"))
        let folder = cli.folder + "/out"
        #expect(try cli(["export", "--all", "--format", "markdown", "--output-dir", folder]).status == 0)
        let file = String(decoding: FileManager.default.contents(atPath: folder + "/case-1.md") ?? Data(), as: UTF8.self)
        #expect(file.contains("1. invoice.pdf (application/pdf, 11 bytes)"))
    }

    @Test func badInputIsALineEachAndTheRestIsImportedAndARerunCompletes() throws {
        let cli = CLI()
        defer { cli.remove() }
        // A truncated mbox: the notice is whole, the reply cut in the middle of a line.
        var mbox = "From MAILER-DAEMON Tue Nov 10 09:15:00 2026\n" + Self.notice() + "\nFrom MAILER-DAEMON Sun Nov 15 10:00:00 2026\n" + Self.reply
        mbox.removeLast(20)
        let truncated = cli.file("cut.mbox", mbox)
        let junk = cli.file("junk.bin", data: Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }))
        let box = try maildir(cli, "Box")
        // A 50 MB message and a file that cannot be read.
        let big = box + "/new/1700000009.BIG.host"
        FileManager.default.createFile(atPath: big, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: big))
        try handle.truncate(atOffset: 50 * 1_048_576)
        try handle.close()
        let locked = cli.file("Box/new/1700000010.LOCK.host", Self.notice(id: "n9@amazon.com"))
        chmod(locked, 0)
        defer { chmod(locked, 0o600) }

        let run = try cli(["mail", "import", truncated, junk, box])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cut.mbox ends in the middle of a line"))
        #expect(run.stderr.contains("junk.bin is not a mailbox"))
        #expect(run.stderr.contains("1700000009.BIG.host is 50 MB, larger than the 20 MB Reinstate reads; skipped."))
        if getuid() != 0 { #expect(run.stderr.contains("1700000010.LOCK.host cannot be read")) }
        #expect(run.stdout.contains("new case #1"))
        #expect(run.stdout.contains("added to #1"))

        // The file is made readable; a second run takes in what was left and nothing twice.
        chmod(locked, 0o600)
        let rerun = try cli(["mail", "import", box, "--json"])
        let array = try #require(try JSONSerialization.jsonObject(with: rerun.stdoutData) as? [[String: Any]])
        #expect(array.filter { $0["result"] as? String == "added" }.count == (getuid() == 0 ? 0 : 1))
        #expect(array.filter { ["new-case", "held"].contains($0["result"] as? String) }.isEmpty)
    }

    @Test func theDemoMailboxImportsCleanly() throws {
        let cli = CLI()
        defer { cli.remove() }
        let demo = try cli(["demo", "--cases", "12", "--mailbox", cli.folder + "/demo.mbox"])
        #expect(demo.status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.folder + "/demo.mbox.answers.tsv"))
        #expect(!FileManager.default.fileExists(atPath: cli.store))
        let imported = try cli(["mail", "import", cli.folder + "/demo.mbox"])
        #expect(imported.status == 0)
        #expect(imported.stderr.contains("12 opened new cases"))
        #expect(try cli(["demo", "--cases", "12", "--mailbox", cli.folder + "/demo.mbox"]).status == 2)  // never written over
    }

    @Test func aWholeMailboxGivenToMessageAddIsRefusedAndMailImportNamed() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["case", "new", "--title", "Inauthentic", "--account", "Blue Harbor Goods LLC"]).status == 0)
        let box = cli.file("Amazon.mbox", "From MAILER-DAEMON Tue Nov 10 09:15:00 2026\n" + Self.reply
            + "\nFrom MAILER-DAEMON Wed Nov 11 09:15:00 2026\n" + Self.reply.replacingOccurrences(of: "r1@", with: "r2@"))
        let refused = try cli(["message", "add", "--case", "1", box])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is a mailbox of several messages") && refused.stderr.contains("reinstate mail import"))
        #expect(try StoreFile(path: cli.store).count("SELECT count(*) FROM message") == 0)
        // One message saved in mbox form is one message.
        let one = cli.file("one.mbox", "From MAILER-DAEMON Tue Nov 10 09:15:00 2026\n" + Self.reply)
        #expect(try cli(["message", "add", "--case", "1", one]).status == 0)
    }

    @Test func everyMailCommandHasHelp() throws {
        let cli = CLI()
        defer { cli.remove() }
        for sub in [["mail"], ["mail", "import"], ["mail", "held"], ["mail", "file"]] {
            let help = try cli(sub + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE"))
        }
    }
}

/// A mail import killed with SIGKILL at random moments, then run again until it finishes: every message
/// ends up filed once, exactly as by one import that was never killed (one transaction per message, and
/// a message known by its identity is not filed twice).
@Suite struct MailKillTests {
    @Test func aKilledImportRunAgainEndsAsIfNeverKilled() throws {
        let cli = CLI()
        defer { cli.remove() }
        let mailbox = cli.folder + "/demo.mbox"
        #expect(try cli(["demo", "--cases", "30", "--seed", "3", "--mailbox", mailbox]).status == 0)
        let reference = cli.folder + "/reference.sqlite"
        _ = try CaseStore(path: reference)
        _ = try CaseStore(path: cli.store)
        let clean = try cli(["mail", "import", mailbox], store: reference)
        #expect(clean.status == 0, "\(clean.stderr)")
        let started = DispatchTime.now().uptimeNanoseconds
        _ = try cli(["mail", "import", mailbox, "--dry-run"], store: reference)
        let run = max(0.05, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)

        let seed = UInt64.random(in: 1...999_999)
        var rng = SeededGenerator(seed: seed)
        var killed = 0
        for attempt in 0..<8 {
            let child = try ChildProcess.spawn(
                [CLI.binary, "mail", "import", mailbox, "--store", cli.store], environment: cliEnvironment())
            usleep(UInt32(Double.random(in: 0...(1.5 * run), using: &rng) * 1_000_000))
            child.kill(SIGKILL)
            if case .signalled = child.wait() { killed += 1 }
            let integrity = try DatabaseQueue(path: cli.store).read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
            #expect(integrity == "ok", "attempt \(attempt), seed \(seed)")
        }
        let before = try DatabaseQueue(path: cli.store).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM message") ?? 0 }
        let total = try DatabaseQueue(path: reference).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM message") ?? 0 }
        print("mail kill: \(killed) of 8 imports killed before they exited (seed \(seed)); \(before) of \(total) messages filed before the last run")
        let last = try cli(["mail", "import", mailbox])
        #expect(last.status == 0, "\(last.stderr)")
        // The same cases, checklists and held messages as the import that was never killed.
        func summary(_ store: String) throws -> [String] {
            try DatabaseQueue(path: store).read { db in
                try String.fetchAll(db, sql: """
                    SELECT c.id || ' ' || c.title || ' ' || c.account || ' ' || c.status || ' ' ||
                        (SELECT count(*) FROM message m WHERE m.case_id = c.id) || ' ' ||
                        (SELECT count(*) FROM requested_detail r WHERE r.case_id = c.id) || ' ' ||
                        (SELECT count(*) FROM deadline d WHERE d.case_id = c.id)
                    FROM suspension_case c ORDER BY c.id
                    """)
                    + [String(try Int.fetchOne(db, sql: "SELECT count(*) FROM held_message") ?? -1),
                       String(try Int.fetchOne(db, sql: "SELECT count(*) FROM message_attachment") ?? -1)]
            }
        }
        #expect(try summary(cli.store) == summary(reference), "seed \(seed), \(killed) of 8 killed before they exited")
    }
}
