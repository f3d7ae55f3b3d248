import Foundation
import ReinstateApp
import ReinstateCore
import ReinstateStore
import Testing

/// `reinstate export` end to end: every format from a real store, files, refusals, modes, redaction.
@Suite(.serialized) struct ExportCommandTests {
    static let esc = "\u{1B}"
    let notice = """
        Subject: Your Amazon selling account (amazon.com)

        Hello Blue Harbor Goods LLC,

        We have deactivated your account <script>alert("x")</script> & "quotes". 中文 日本語 🚀
        \(esc)]52;c;SGVsbG8=\u{07}\(esc)[31mred\(esc)[0m
        Order ID: 123-4567890-1234567. Write to jane.doe@example.com or call +1 415-555-0142.
        \(String(repeating: "A very long line, 很长. ", count: 200))
        If we do not receive a plan of action within 17 days, your account will remain deactivated.
        """
    let reply = MessageFixtures.customerServiceReply
    let plan = """
        # Plan of Action
        **Root cause:** one person answered buyer messages.
        * Two people now share the inbox.

        Sincerely,
        Jane Doe
        """

    /// A store with one case: a notice, a plan submitted, a reply asking three things (one answered),
    /// a note and an evidence file.
    func makeCase(_ cli: CLI) throws -> String {
        #expect(try cli(["case", "new", "--title", "ODR <b>& co</b>", "--account", "Blue Harbor Goods LLC",
                         "--marketplace", "amazon.com", "--reason", "order-defect-rate", "--opened", "2026-11-01"]).status == 0)
        #expect(try cli(["message", "add", "--case", "1", "--received", "2026-11-01T10:00:00Z", "--kind", "notice",
                         cli.file("notice.eml", notice)]).status == 0)
        #expect(try cli(["poa", "add", "--case", "1", "--submitted", "2026-11-03T10:00:00Z", cli.file("v1.md", plan)]).status == 0)
        #expect(try cli(["message", "add", "--case", "1", "--received", "2026-11-12T10:00:00Z", cli.file("reply.txt", reply)]).status == 0)
        #expect(try cli(["request", "answer", "1", "--version", "1"]).status == 0)
        #expect(try cli(["note", "add", "--case", "1", "Called Jane at (555) 123-4567."]).status == 0)
        let evidence = cli.file("invoice.txt", "invoice 1\n")
        #expect(try cli(["evidence", "add", "--case", "1", evidence]).status == 0)
        return evidence
    }

    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int
    }

    func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            switch s.value {
            case 0x0A, 0x09, 0x0D: return false
            case 0x00...0x1F, 0x7F...0x9F: return true
            default: return false
            }
        }
    }

    @Test func everyFormatOfOneCase() throws {
        let cli = CLI()
        defer { cli.remove() }
        _ = try makeCase(cli)

        let markdown = try cli(["export", "--case", "1", "--format", "markdown"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.hasPrefix("# Case 1: ODR \\<b\\>\\& co\\</b\\>\n"))
        #expect(markdown.stdout.contains("- **Account:** Blue Harbor Goods LLC\n"))
        #expect(markdown.stdout.contains("- **Appeals submitted:** 1\n"))
        #expect(markdown.stdout.contains("; matches the file on disk\n"))
        #expect(markdown.stdout.contains("- **UNANSWERED** [corrective action] Greater detail on the actions"))
        #expect(markdown.stdout.contains("  - Then: answered by v1, submitted 2026-11-03 10:00 UTC\n"))

        let html = try cli(["export", "--case", "1", "--format", "html"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.stdout.contains("<script") && !html.stdout.contains("<b>"))
        #expect(html.stdout.contains("<title>Case 1: ODR &lt;b&gt;&amp; co&lt;/b&gt;</title>"))
        #expect(html.stdout.contains("&amp; &quot;quotes&quot;"))
        #expect(html.stdout.contains("中文 日本語 🚀"))

        let text = try cli(["export", "--case", "1", "--format", "text"])
        #expect(text.stdout == "Plan of Action\nRoot cause: one person answered buyer messages.\n- Two people now share the inbox.\n\nSincerely,\nJane Doe\n")
        #expect(text.stderr.components(separatedBy: "is unanswered").count - 1 == 2)

        let ics = try cli(["export", "--case", "1", "--format", "ics"])
        #expect(ics.stdout.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.stdout.contains("DTSTAMP:20261122T090000Z\r\n"))  // REINSTATE_NOW

        let json = try cli(["export", "--case", "1", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any]
        #expect(object?["id"] as? Int == 1)
        #expect(object?["account"] as? String == "Blue Harbor Goods LLC")
        let messages = object?["messages"] as? [[String: Any]]
        #expect((messages?.first?["raw"] as? String)?.contains("\(Self.esc)]52;") == true)  // the exact bytes, escaped in JSON

        for output in [markdown, html, text, ics, json] {
            #expect(!hasControls(output.stdout))
        }
    }

    @Test func filesArePrivateAndNeverReplacedWithoutForce() throws {
        let cli = CLI()
        defer { cli.remove() }
        _ = try makeCase(cli)
        for format in ["markdown", "html", "text", "ics", "json"] {
            let path = cli.folder + "/case.\(format)"
            let first = try cli(["export", "--case", "1", "--format", format, "--output", path])
            #expect(first.status == 0, "\(format): \(first.stderr)")
            #expect(first.stdout.isEmpty)
            #expect(mode(path) == 0o600)
            let before = FileManager.default.contents(atPath: path)
            let refused = try cli(["export", "--case", "1", "--format", format, "--output", path])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("--force"))
            #expect(FileManager.default.contents(atPath: path) == before)
            #expect(try cli(["export", "--case", "1", "--format", format, "--output", path, "--force"]).status == 0)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.folder).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func allCasesAsOneDocumentOrOneFileEach() throws {
        let cli = CLI()
        defer { cli.remove() }
        _ = try makeCase(cli)
        #expect(try cli(["case", "new", "--title", "Second case"]).status == 0)

        let combined = try cli(["export", "--all", "--format", "markdown"])
        #expect(combined.stdout.hasPrefix("# Reinstate: 2 cases\n"))
        #expect(combined.stdout.contains("\n## Case 2: Second case\n"))

        let folder = cli.folder + "/out"
        let each = try cli(["export", "--all", "--format", "html", "--output-dir", folder])
        #expect(each.status == 0, "\(each.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["case-1.html", "case-2.html"])
        #expect(mode(folder + "/case-1.html") == 0o600)
        let again = try cli(["export", "--all", "--format", "html", "--output-dir", folder])
        #expect(again.status == 2)
        #expect(again.stderr.contains("and 1 more already exist; add --force"))
        #expect(try cli(["export", "--all", "--format", "html", "--output-dir", folder, "--force"]).status == 0)

        let plans = try cli(["export", "--all", "--format", "text", "--output-dir", folder])
        #expect(plans.status == 0)
        #expect(plans.stderr.contains("case 2 has no Plan of Action version; skipped"))
        #expect(FileManager.default.fileExists(atPath: folder + "/case-1.txt"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/case-2.txt"))

        let ics = try cli(["export", "--all", "--format", "ics"])
        #expect(ics.stdout.components(separatedBy: "BEGIN:VEVENT").count - 1 == 1)
    }

    @Test func theBackupStaysTheSameBytes() throws {
        let cli = CLI()
        defer { cli.remove() }
        _ = try makeCase(cli)
        let backup = try cli(["export", "--all", "--format", "json"])
        let again = try cli(["export", "--all"])
        #expect(backup.stdoutData == again.stdoutData)
        let decoded = try JSONSerialization.jsonObject(with: backup.stdoutData) as? [String: Any]
        #expect(decoded?["format"] as? String == "reinstate-store")
    }

    @Test func redactedExportsNameNobodyAndStayConsistent() throws {
        let cli = CLI()
        defer { cli.remove() }
        _ = try makeCase(cli)
        for format in ["markdown", "html", "ics", "json", "text"] {
            let out = try cli(["export", "--case", "1", "--format", format, "--redact", "--redact-name", "Jane"])
            #expect(out.status == 0, "\(format): \(out.stderr)")
            for secret in ["Blue Harbor", "jane.doe@example.com", "123-4567890-1234567", "415-555-0142", "Jane", "(555) 123-4567", cli.folder] {
                #expect(!out.stdout.contains(secret), "\(format) shows \(secret)")
            }
        }
        let markdown = try cli(["export", "--case", "1", "--format", "markdown", "--redact"]).stdout
        #expect(markdown.contains("- **Account:** account-1\n"))
        #expect(markdown.contains("Hello account-1,"))
        #expect(markdown.contains("Order ID: 111-0000001-0000001. Write to contact1@example.invalid or call phone-1."))
        #expect(markdown.contains("- `invoice.txt`: 10 bytes"))
        let json = try cli(["export", "--case", "1", "--format", "json", "--redact"])
        #expect(try JSONSerialization.jsonObject(with: json.stdoutData) is [String: Any])
    }

    @Test func aChangedEvidenceFileShows() throws {
        let cli = CLI()
        defer { cli.remove() }
        let evidence = try makeCase(cli)
        try Data("invoice 2, changed\n".utf8).write(to: URL(fileURLWithPath: evidence))
        let changed = try cli(["export", "--case", "1", "--format", "markdown"]).stdout
        #expect(changed.contains("**CHANGED on disk (now 19 bytes, SHA-256 "))
        try FileManager.default.removeItem(atPath: evidence)
        #expect(try cli(["export", "--case", "1", "--format", "html"]).stdout.contains("MISSING: no file at this path any more"))
    }

    @Test func mistakesAreRefusedBeforeAnythingIsWritten() throws {
        let cli = CLI()
        defer { cli.remove() }
        _ = try makeCase(cli)
        let usage: [[String]] = [
            ["export", "--all", "--format", "text"],
            ["export", "--case", "1", "--format", "markdown", "--output-dir", cli.folder + "/x"],
            ["export", "--all", "--format", "ics", "--output-dir", cli.folder + "/x"],
            ["export", "--case", "1", "--redact-name", "Jane"],
            ["export", "--case", "1", "--format", "pdf"],
        ]
        for args in usage {
            #expect(try cli(args).status == 64, "\(args)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/x"))
        try cli(["case", "new", "--title", "no plan"])
        let noPlan = try cli(["export", "--case", "2", "--format", "text"])
        #expect(noPlan.status == 2)
        #expect(noPlan.stderr.contains("has no Plan of Action version yet"))
        #expect(try cli(["export", "--case", "9", "--format", "markdown"]).stderr.contains("Case 9 does not exist"))
    }

    // MARK: - Every case, streamed

    /// The case of `makeCase` (its evidence file on disk, so it is checked), 40 demo cases, a case with
    /// nothing, and one whose title and texts repeat what the first case holds, so placeholders cross
    /// cases and batches.
    func makeStore(_ cli: CLI) throws {
        _ = try makeCase(cli)
        #expect(try cli(["demo", "--cases", "40", "--seed", "1", "--add"]).status == 0)
        #expect(try cli(["case", "new", "--title", "Nothing yet \u{202E}rtl"]).status == 0)
        // Its title is the first place of an address and an order id: the contents list and the calendar
        // show them before the cases they follow, with the placeholders the cases' order gives them.
        #expect(try cli(["case", "new", "--title", "Mail ops@northwind.example about 999-1111111-2222222, jane.doe@example.com",
                         "--account", "blue harbor goods llc"]).status == 0)
        let raw = "Hello Jane Doe,\n\nDEL \u{7F} C1 \u{85}\u{9B}1m bidi \u{2066}x\u{2069}. Call +1 415-555-0142.\n"
            + "If we do not receive a plan of action within 3 days, your account will remain deactivated.\n"
        #expect(try cli(["message", "add", "--case", "43", "--received", "2026-11-20T10:00:00Z", "--kind", "notice",
                         cli.file("late.eml", raw)]).status == 0)
    }

    /// What `export --all` wrote before it was streamed: every history read at once, redacted at once,
    /// rendered into one document (the in-memory renderers, which the snapshots pin).
    func wholeExport(_ cli: CLI, format: String, redactNames: [String]?) throws -> Data {
        let store = try CaseStore(path: cli.store)
        if format == "json", redactNames == nil {
            let ids = try store.caseSummaries().map(\.id).sorted()
            return JSONSafety.escapingControls(try StoreDocument(cases: ids.map { try store.caseDocument($0) }).encoded())
        }
        var histories = try store.allHistories(includingRaw: format == "json")
        let settings = ExportSettings(
            now: try #require(Timestamp.parse(cli.now)), zone: TimeZone(identifier: "UTC")!,
            evidence: format == "markdown" || format == "html" ? EvidenceFiles.check(histories) : [:])
        if let redactNames {
            var redactor = Redactor.forExport(of: histories, extraNames: redactNames)
            histories = histories.map { redactor.redact($0) }
        }
        switch format {
        case "json":
            // A redacted JSON carries no message as received (issue 14, item 1).
            let documents = try store.caseDocuments(for: histories).map { redactNames == nil ? $0 : $0.redacted() }
            return JSONSafety.escapingControls(try StoreDocument(cases: documents).encoded())
        case "markdown": return Data(MarkdownExport.render(all: histories, settings: settings).utf8)
        case "html": return Data(HTMLExport.render(all: histories, settings: settings).utf8)
        default: return Data(ICalendarExport.render(histories, settings: settings).utf8)
        }
    }

    /// The streamed export of every case is byte for byte the whole document, in every format, redacted
    /// or not, to standard output or a file, in batches of 200 (one batch here) and of 7.
    @Test func theStreamedExportIsTheWholeDocument() throws {
        let cli = CLI()
        defer { cli.remove() }
        try makeStore(cli)
        for format in ["json", "markdown", "html", "ics"] {
            for redactNames in [nil, [], ["Jane", "Roe"]] as [[String]?] {
                let expected = try wholeExport(cli, format: format, redactNames: redactNames)
                let redaction = redactNames.map { ["--redact"] + $0.flatMap { ["--redact-name", $0] } } ?? []
                let args = ["export", "--all", "--format", format] + redaction
                for batch in ["200", "7"] {
                    let environment = ["REINSTATE_EXPORT_BATCH": batch]
                    let out = try cli(args, environment: environment)
                    #expect(out.status == 0, "\(args): \(out.stderr)")
                    #expect(out.stdoutData == expected, "\(args), batches of \(batch): differs")
                    let file = cli.folder + "/all-\(format)-\(batch)"
                    #expect(try cli(args + ["--output", file, "--force"], environment: environment).status == 0)
                    #expect(FileManager.default.contents(atPath: file) == expected, "\(args) --output, batches of \(batch): differs")
                }
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    /// --output-dir writes each case as the many-case document of that case alone (text: its latest
    /// plan), the same files as before, redacted or not, and says the same on stderr.
    @Test func theStreamedFilesAreTheWholeDocumentsCaseByCase() throws {
        let cli = CLI()
        defer { cli.remove() }
        try makeStore(cli)
        let store = try CaseStore(path: cli.store)
        let settings = ExportSettings(now: try #require(Timestamp.parse(cli.now)), zone: TimeZone(identifier: "UTC")!)
        for format in ["markdown", "html", "text"] {
            for redactNames in [nil, ["Jane"]] as [[String]?] {
                var histories = try store.allHistories()
                var caseSettings = settings
                caseSettings.evidence = EvidenceFiles.check(histories)
                if let redactNames {
                    var redactor = Redactor.forExport(of: histories, extraNames: redactNames)
                    histories = histories.map { redactor.redact($0) }
                }
                let folder = cli.folder + "/\(format)-\(redactNames == nil ? "plain" : "redacted")"
                let redaction = redactNames.map { ["--redact"] + $0.flatMap { ["--redact-name", $0] } } ?? []
                let out = try cli(["export", "--all", "--format", format, "--output-dir", folder] + redaction,
                                  environment: ["REINSTATE_EXPORT_BATCH": "7"])
                #expect(out.status == 0, "\(format): \(out.stderr)")
                var expectedFiles: [String: Data] = [:]
                var stderr = ""
                for h in histories {
                    let id = h.suspensionCase.id
                    switch format {
                    case "markdown": expectedFiles["case-\(id).md"] = Data(MarkdownExport.render(all: [h], settings: caseSettings).utf8)
                    case "html": expectedFiles["case-\(id).html"] = Data(HTMLExport.render(all: [h], settings: caseSettings).utf8)
                    default:
                        if let plan = PlainTextPlan.latest(of: h) {
                            expectedFiles["case-\(id).txt"] = Data(PlainTextPlan.text(of: plan).utf8)
                        } else {
                            stderr += "reinstate: note: case \(id) has no Plan of Action version; skipped.\n"
                        }
                    }
                }
                let bytes = expectedFiles.values.reduce(0) { $0 + $1.count }
                stderr += "reinstate: wrote \(expectedFiles.count) files into \(folder) (\(bytes) bytes)\n"
                if format == "text" {
                    for h in histories where PlainTextPlan.latest(of: h) != nil {
                        for r in h.unanswered {
                            stderr += "reinstate: note: case \(h.suspensionCase.id): requested detail #\(r.id) is unanswered: "
                                + "[\(r.aspect.label)] \(TerminalSafe.singleLine(r.text))\n"
                        }
                    }
                }
                #expect(out.stderr == stderr, "\(format)")
                let written = try FileManager.default.contentsOfDirectory(atPath: folder)
                #expect(Set(written) == Set(expectedFiles.keys), "\(format)")
                for (name, data) in expectedFiles {
                    #expect(FileManager.default.contents(atPath: folder + "/" + name) == data, "\(format) \(name)")
                }
            }
        }
    }

    /// A write that fails part way (here past a file-size limit, after the first megabyte has gone
    /// out) leaves nothing under the name and no temporary file; a file that was there stays as it was.
    @Test func aWriteThatFailsMidStreamLeavesNoFile() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "40", "--seed", "1"]).status == 0)
        let line = "Root cause: the packaging supplier changed the carton without telling us; every order since then was checked.\n"
        #expect(try cli(["poa", "add", "--case", "3", cli.file("big.md", String(repeating: line, count: 20_000))]).status == 0)
        let out = cli.folder + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let kept = out + "/kept"
        try Data("before\n".utf8).write(to: URL(fileURLWithPath: kept))
        for format in ["markdown", "html", "json"] {
            for (target, force) in [(out + "/all.\(format)", false), (kept, true)] {
                // 2,048 blocks of 512 bytes: 1 MiB, less than the export, more than a buffer's worth.
                let limited = try runUnderFileSizeLimit(
                    2048, ["export", "--all", "--format", format, "--output", target, "--store", cli.store] + (force ? ["--force"] : []),
                    cli: cli)
                #expect(limited.ending == .exited(2), "\(format): \(limited.ending)")
                #expect(limited.stderr == "reinstate: Cannot write \(target): File too large. Nothing was written.\n", "\(format)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["kept"], "\(format)")
            #expect(FileManager.default.contents(atPath: kept) == Data("before\n".utf8))
        }
        // One file a case: those written before the failure stay whole, none is cut short, no temporary file.
        let folder = cli.folder + "/each"
        let limited = try runUnderFileSizeLimit(
            1024, ["export", "--all", "--format", "markdown", "--output-dir", folder, "--store", cli.store], cli: cli)
        #expect(limited.ending == .exited(2))
        #expect(limited.stderr == "reinstate: Cannot write \(folder)/case-3.md: File too large. Nothing was written.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["case-1.md", "case-2.md"])
    }

    @Test(.enabled(if: PrivateDisk.available, "needs root and unshare for a private tmpfs"))
    func aFullDiskMidStreamLeavesNoFile() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "40", "--seed", "1"]).status == 0)
        let line = "Root cause: the packaging supplier changed the carton without telling us; every order since then was checked.\n"
        #expect(try cli(["poa", "add", "--case", "3", cli.file("big.md", String(repeating: line, count: 20_000))]).status == 0)
        let disk = PrivateDisk(cli: cli)
        for format in ["markdown", "json"] {
            let target = disk.mountPoint + "/all.\(format)"
            let full = try disk.run(
                ["export", "--all", "--format", format, "--output", target, "--store", cli.store], seed: nil, sizeKB: 4096, freeKB: 1536)
            #expect(full.ending == .exited(2), "\(format)")
            #expect(full.stderr == "reinstate: Cannot write \(target): No space left on device. Nothing was written.\n", "\(format)")
            #expect(full.listing == [".filler"], "\(format)")
        }
    }

    /// A long export keeps its temporary file open from the start; an interrupt (Ctrl-C, SIGTERM,
    /// SIGHUP) removes it before the signal ends the process, as it would have ended it.
    @Test func anInterruptedExportLeavesNoTemporaryFile() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "40", "--seed", "1"]).status == 0)
        let line = "Root cause: the packaging supplier changed the carton without telling us; every order since then was checked.\n"
        let big = cli.file("big.md", String(repeating: line, count: 40_000))
        for id in 1...6 { #expect(try cli(["poa", "add", "--case", String(id), big]).status == 0) }
        let out = cli.folder + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            var interrupted = false
            for _ in 0..<5 where !interrupted {
                let child = try ChildProcess.spawn(
                    [CLI.binary, "export", "--all", "--format", "markdown", "--output", out + "/all.md", "--force", "--store", cli.store],
                    environment: cliEnvironment(extra: ["REINSTATE_EXPORT_BATCH": "1"]))
                // As soon as the temporary file is there, the export is under way.
                let deadline = Date().addingTimeInterval(10)
                while Date() < deadline, (try FileManager.default.contentsOfDirectory(atPath: out)).allSatisfy({ !$0.hasSuffix(".tmp") }) {
                    usleep(500)
                }
                child.kill(signal)
                let ending = child.wait()
                // It may have finished first (then the file is whole and the test tries again).
                interrupted = ending == .signalled(signal)
                #expect(interrupted || ending == .exited(0), "\(ending)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".tmp") }.isEmpty, "signal \(signal)")
            }
            #expect(interrupted, "signal \(signal): the export always finished before the signal")
        }
    }
}

