import Foundation
import GRDB
import ReinstateStore
import Testing

/// Issue 14 and 13.3: the privacy and safety promises under attack, as a careless user or another
/// local user would try them, against the real binary, real files, FIFOs and devices.
@Suite(.serialized) struct SafetyTests {
    /// A store with one case that has a message, a plan, a note and an evidence file.
    func oneCase(_ cli: CLI) throws {
        #expect(try cli(["case", "new", "--title", "ODR", "--account", "Blue Harbor Goods"]).status == 0)
        #expect(try cli(["message", "add", "--case", "1", cli.file("n.txt", "Hello,\nIf we do not receive a plan of action within 17 days, your account will remain deactivated.\n")]).status == 0)
        #expect(try cli(["poa", "add", "--case", "1", cli.file("p.txt", "Root cause: one person.\n")]).status == 0)
    }

    /// Runs `sh -c script sh ARGS…` with the tests' environment plus `variables`.
    func shell(_ script: String, _ arguments: [String] = [], variables: [String: String] = [:], in folder: String) throws
        -> (ending: ChildProcess.Ending, stdout: String, stderr: String)
    {
        let out = folder + "/.sh-out-\(UUID().uuidString)", err = folder + "/.sh-err-\(UUID().uuidString)"
        defer { unlink(out); unlink(err) }
        let child = try ChildProcess.spawn(
            ["/bin/sh", "-c", script, "sh"] + arguments, environment: cliEnvironment(extra: variables), stdout: out, stderr: err)
        let ending = child.wait()
        func text(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return (ending, text(out), text(err))
    }

    func isFIFO(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO
    }

    // MARK: - 5. Export over the store

    @Test func anExportNeverWritesOverTheStoreEvenWithForce() throws {
        let cli = CLI()
        defer { cli.remove() }
        try oneCase(cli)
        let before = checksum(cli.store)
        let link = cli.folder + "/link-to-store"
        symlink(cli.store, link)
        for target in [cli.store, cli.store + "-wal", cli.store + "-shm", link, cli.folder + "/../" + (cli.folder as NSString).lastPathComponent + "/cases.sqlite"] {
            for args in [["export", "--case", "1", "--format", "html"], ["export", "--all", "--format", "json"]] {
                let result = try cli(args + ["--output", target, "--force"])
                #expect(result.status == 2, "\(target): \(result.stderr)")
                #expect(result.stderr.contains("is the case store"), "\(target): \(result.stderr)")
                #expect(!result.stderr.contains("--force"), "\(result.stderr)")
            }
        }
        #expect(checksum(cli.store) == before)
        #expect(!exists(cli.store + "-wal") || checksum(cli.store + "-wal") != "")
        #expect(try StoreFile(path: cli.store).integrity() == ["ok"])
        #expect(try StoreFile(path: cli.store).caseCount == 1)
    }

    // MARK: - 7. Devices, FIFOs, sockets and folders are never replaced

    @Test func forceNeverReplacesADeviceAFifoOrAFolder() throws {
        let cli = CLI()
        defer { cli.remove() }
        try oneCase(cli)
        let fifo = cli.folder + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let folder = cli.folder + "/a-folder"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        var targets = [fifo, folder]
        // /dev/null is only at risk where the folder /dev can be written (as root).
        if access("/dev", W_OK) == 0 { targets.append("/dev/null") }
        for target in targets {
            for force in [true, false] {
                for args in [["export", "--case", "1", "--format", "markdown"], ["export", "--all", "--format", "html"],
                             ["backup"]] {
                    let result = try cli(args + ["--output", target] + (force ? ["--force"] : []))
                    #expect(result.status == 2, "\(args) \(target): \(result.stderr)")
                    #expect(result.stderr.contains("a FIFO") || result.stderr.contains("a folder") || result.stderr.contains("a device"),
                            "\(args) \(target): \(result.stderr)")
                    #expect(!result.stderr.contains("--force"), "the refusal suggests --force: \(result.stderr)")
                }
            }
        }
        #expect(isFIFO(fifo))
        var st = stat()
        #expect(stat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR, "/dev/null is no longer a device")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) == [])
    }

    // MARK: - 6. The final name is taken with link(), never raced

    @Test func twoExportsToTheSameNewFileNeverBothWrite() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "30"]).status == 0)
        for round in 0..<3 {
            let target = cli.folder + "/same-\(round).html"
            let children = try (0..<6).map { i in
                try ChildProcess.spawn(
                    [CLI.binary, "export", "--all", "--format", "html", "--output", target, "--store", cli.store],
                    environment: cliEnvironment(), stderr: cli.folder + "/race-\(round)-\(i).err")
            }
            let endings = children.map { $0.wait() }
            let wrote = endings.filter { $0 == .exited(0) }.count
            #expect(wrote == 1, "round \(round): \(wrote) of 6 said they wrote \(target): \(endings)")
            #expect(endings.allSatisfy { $0 == .exited(0) || $0 == .exited(2) })
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.folder).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }

    @Test func aFileThatAppearsWhileExportingIsNeverReplaced() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "120"]).status == 0)
        let target = cli.folder + "/all.md"
        let child = try ChildProcess.spawn(
            [CLI.binary, "export", "--all", "--format", "markdown", "--output", target, "--store", cli.store],
            environment: cliEnvironment(extra: ["REINSTATE_EXPORT_BATCH": "1"]), stderr: cli.folder + "/export.err")
        // Stop the export once its temporary file is there, put a file of our own under the name, go on.
        let deadline = Date().addingTimeInterval(30)
        var stopped = false
        while Date() < deadline, !stopped {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: cli.folder)) ?? []
            if names.contains(where: { $0.hasPrefix(".all.md.") && $0.hasSuffix(".tmp") }) {
                child.kill(SIGSTOP)
                stopped = true
            } else {
                usleep(2000)
            }
        }
        #expect(stopped, "the export never started its temporary file")
        let mine = Data("the seller's own notes\n".utf8)
        let created = FileManager.default.createFile(atPath: target, contents: mine)
        child.kill(SIGCONT)
        let ending = child.wait()
        let stderr = String(decoding: FileManager.default.contents(atPath: cli.folder + "/export.err") ?? Data(), as: UTF8.self)
        if created {
            #expect(ending == .exited(2), "\(stderr)")
            #expect(FileManager.default.contents(atPath: target) == mine, "the file that appeared was replaced")
            #expect(stderr.contains("appeared while the export was being written"), "\(stderr)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.folder).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    // MARK: - 1. Redaction leaks nothing through encoded parts

    static let encodedNotice = """
        From: Seller Performance <seller-performance@amazon.com>
        To: jane.doe@blueharbor.example
        Subject: =?UTF-8?B?\(Data("Blue Harbor Goods: your account, merchant A2EUQ1WTGCTBG2".utf8).base64EncodedString())?=
        Date: Sat, 01 Nov 2026 10:00:00 +0000
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: base64

        \(Data("Hello Jane Q. Doe,\n\nWe have deactivated Blue Harbor Goods. Order 123-4567890-1234567.\nCall +1 415-555-0142 or write to jane.doe@blueharbor.example.\nIf we do not receive a plan of action within 17 days, your account will remain deactivated.\n".utf8).base64EncodedString(options: .lineLength76Characters))
        --b1
        Content-Type: text/html; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        <p>Hello Jane Doe, about Blue Harbor Go=
        ods and order 123-4567890-1234567.</p>
        --b1--

        """

    @Test func aRedactedExportCarriesNoRawBytesAndNoVariantOfAName() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["case", "new", "--title", "Blue Harbor Goods", "--account", "Blue Harbor Goods"]).status == 0)
        let add = try cli(["message", "add", "--case", "1", "--received", "2026-11-01T10:00:00Z", cli.file("n.eml", Self.encodedNotice)])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try cli(["poa", "add", "--case", "1", cli.file("v1.txt", "Root cause: slow replies.\n\nSincerely,\nJane Doe\n")]).status == 0)
        #expect(try cli(["note", "add", "--case", "1", "Called back; Jane Q Doe and jane-doe agreed."]).status == 0)
        let evidence = cli.file("invoice_Jane_Doe.txt", "invoice\n")
        #expect(try cli(["evidence", "add", "--case", "1", evidence]).status == 0)

        let secrets = ["Blue Harbor", "Harbor Go", "Jane", "jane", "Doe", "123-4567890-1234567", "415-555-0142",
                       "A2EUQ1WTGCTBG2", "blueharbor"]
        var outputs: [(String, Data)] = []
        for args in [["export", "--case", "1", "--format", "json"], ["export", "--all", "--format", "json"],
                     ["export", "--case", "1", "--format", "markdown"], ["export", "--all", "--format", "html"]] {
            let result = try cli(args + ["--redact"])
            #expect(result.status == 0, "\(args): \(result.stderr)")
            outputs.append((args.joined(separator: " "), result.stdoutData))
        }
        for (what, data) in outputs {
            let text = String(decoding: data, as: UTF8.self)
            // Every base64 run decoded too: nothing comes back from an encoded part.
            var decoded = text
            for run in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || "+/=".contains($0)) }) where run.count >= 16 {
                if let bytes = Data(base64Encoded: String(run)) { decoded += String(decoding: bytes, as: UTF8.self) }
            }
            let unfolded = decoded.replacingOccurrences(of: "=\n", with: "").replacingOccurrences(of: "=\r\n", with: "")
            for secret in secrets {
                #expect(!unfolded.contains(secret), "\(what) carries \(secret)")
            }
        }
        let json = try #require(try JSONSerialization.jsonObject(with: outputs[0].1) as? [String: Any])
        let message = try #require((json["messages"] as? [[String: Any]])?.first)
        #expect(message["rawBase64"] == nil)
        #expect((message["rawLeftOut"] as? String)?.contains("left out") == true)
        #expect((message["raw"] as? String) == (message["text"] as? String))
        #expect((message["text"] as? String)?.contains("Seller A") == true)
        // A redacted export is not a backup: import says so instead of loading redacted text as messages.
        let redacted = cli.file("redacted.json", data: outputs[1].1)
        let refused = try cli(["import", redacted], store: cli.folder + "/other.sqlite")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("redacted export"), "\(refused.stderr)")
        #expect(!exists(cli.folder + "/other.sqlite"), "a refused import left an empty store")
    }

    // MARK: - 2. Temporary files are private from the first byte

    /// Every file a command created, as strace saw it: each open with O_CREAT of a path that did not
    /// exist before (`existing`) and was not created earlier in the log, with its mode; and every chmod.
    func createdModes(_ log: String, existing: Set<String> = []) -> [(path: String, mode: String)] {
        let text = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        var known = existing
        var found: [(String, String)] = []
        for line in text.split(separator: "\n") {
            // A name given by link() or rename() is a file made earlier (and checked there).
            if line.contains("link(") || line.contains("linkat(") || line.contains("rename") {
                let quoted = line.split(separator: "\"", omittingEmptySubsequences: false)
                if quoted.count >= 4 { known.insert(String(quoted[3])) }
                continue
            }
            let isOpen = line.contains("O_CREAT"), isChmod = line.contains("chmod(")
            guard isOpen || isChmod, !line.contains("= -1"), let open = line.range(of: "\""),
                let close = line[open.upperBound...].range(of: "\"")
            else { continue }
            let path = String(line[open.upperBound..<close.lowerBound])
            let args = line[close.upperBound...].split(separator: ")").first ?? ""
            let mode = (args.split(separator: ",").last.map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
            if isOpen, known.contains(path) { continue }
            known.insert(path)
            found.append((path, mode))
        }
        return found
    }

    func filesIn(_ folder: String) -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).map { folder + "/" + $0 })
    }

    static let strace: Bool = FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")

    @Test(.enabled(if: SafetyTests.strace, "needs strace")) func everyFileACommandCreatesIsPrivateFromItsFirstByte() throws {
        let cli = CLI()
        defer { cli.remove() }
        try oneCase(cli)
        let editor = cli.file("editor.sh", "#!/bin/sh\nprintf 'Root cause: two people now.\\n' >> \"$1\"\n")
        chmod(editor, 0o700)
        let log = cli.folder + "/strace.log"
        let commands: [([String], String)] = [
            (["export", "--case", "1", "--format", "html", "--output", cli.folder + "/one.html"], cli.store),
            (["export", "--all", "--format", "json", "--output", cli.folder + "/all.json"], cli.store),
            (["backup", "--output", cli.folder + "/b.sqlite"], cli.store),
            (["backup"], cli.store),
            (["poa", "draft", "--case", "1"], cli.store),
            (["case", "new", "--title", "x"], cli.folder + "/new.sqlite"),
        ]
        for (args, store) in commands {
            let before = filesIn(cli.folder)
            let result = try shell(
                "umask 000; strace -f -qq -e trace=open,openat,creat,chmod,fchmod,fchmodat,link,linkat,rename,renameat,renameat2 -o \"$LOG\" \"$BIN\" \"$@\" --store \"$STORE\"", args,
                variables: ["LOG": log, "BIN": CLI.binary, "STORE": store, "EDITOR": editor, "VISUAL": editor],
                in: cli.folder)
            #expect(result.ending == .exited(0), "\(args): \(result.stderr)")
            let created = createdModes(log, existing: before)
            #expect(!created.isEmpty, "\(args): strace saw no file created")
            for (path, mode) in created {
                // Files 0600; the backups folder (made with mkdir, not traced here) 0700.
                #expect(mode == "0600" || mode == "0700", "\(args) created or changed \(path) with mode \(mode)")
            }
        }
    }

    @Test(.enabled(if: SafetyTests.strace && Tmux.available, "needs strace and tmux"))
    func theTrackersEditorFileIsPrivateFromItsFirstByte() throws {
        let cli = CLI()
        defer { cli.remove() }
        try oneCase(cli)
        let editor = cli.file("editor.sh", "#!/bin/sh\nstat -c %a \"$1\" > \"$0.mode\"\nprintf 'Root cause: two people now.\\n' >> \"$1\"\n")
        chmod(editor, 0o700)
        let log = cli.folder + "/strace.log"
        let tmux = Tmux()
        try tmux.start()
        defer { tmux.stop() }
        try tmux.type("umask 000; VISUAL=\(editor) strace -f -qq -e trace=open,openat,creat,chmod,fchmod,fchmodat,link,linkat,rename,renameat,renameat2 -o \(log) \(CLI.binary) --store \(cli.store); echo exited=$?")
        try tmux.keys("Enter")
        try tmux.waitFor("ODR")
        try tmux.keys("Enter")
        try tmux.waitFor("Timeline")
        try tmux.keys("p")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, !exists(editor + ".mode") { usleep(50_000) }
        try tmux.waitFor("v2")
        try tmux.keys("q")
        try tmux.keys("q")
        try tmux.waitFor("exited=")
        let mode = String(decoding: FileManager.default.contents(atPath: editor + ".mode") ?? Data(), as: UTF8.self)
        #expect(mode.trimmingCharacters(in: .whitespacesAndNewlines) == "600")
        let editorFiles = createdModes(log).filter { ($0.path as NSString).lastPathComponent.hasPrefix("reinstate-") }
        #expect(!editorFiles.isEmpty, "strace saw no editor file")
        for (path, mode) in editorFiles { #expect(mode == "0600", "\(path) created with mode \(mode)") }
    }

    // MARK: - 3. One sanitising output path for every command

    static let hostileControls: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{85}", "\u{9B}", "\u{9D}", "\u{202E}", "\u{2066}", "\u{200F}"]

    func carriesControls(_ text: String) -> [String] {
        text.unicodeScalars.filter { s in
            Self.hostileControls.contains(s) || (0x80...0x9F).contains(s.value) || s.value == 0x7F
                || (s.value < 0x20 && s.value != 0x0A && s.value != 0x09)
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test func everyCommandPrintsTextAndJSONSafely() throws {
        let cli = CLI()
        defer { cli.remove() }
        let evil = "\u{1B}]52;c;ZXZpbA==\u{07}\u{85}\u{9B}31m\u{202E}"
        let made = try cli(["case", "new", "--title", "Title \(evil) end", "--account", "Acct \(evil)",
                            "--marketplace", "amazon.com\(evil)\u{1B}]0;pwned\u{07}", "--opened", "2026-11-01"])
        #expect(made.status == 0, "\(made.stderr)")
        let message = "Hello \(evil),\nPlease send greater detail on the root cause \u{202E}of packaging\u{85}.\nIf we do not receive a plan of action within 17 days, your account will remain deactivated.\n"
        let file = cli.file("m.txt", message)
        #expect(try cli(["message", "add", "--case", "1", "--received", "2026-11-20T10:00:00Z", file]).status == 0)
        let plan = cli.file("p.txt", "Root cause: \(evil) one person.\n")
        #expect(try cli(["poa", "add", "--case", "1", plan]).status == 0)
        #expect(try cli(["poa", "add", "--case", "1", cli.file("p2.txt", "Root cause: two \(evil) people.\n")]).status == 0)
        #expect(try cli(["note", "add", "--case", "1", "note \(evil)"]).status == 0)

        let commands: [[String]] = [
            ["case", "list"], ["case", "list", "--json"], ["case", "show", "1"], ["case", "show", "1", "--json"],
            ["due", "--within", "100"], ["due", "--within", "100", "--json"], ["parse", file], ["parse", file, "--json"],
            ["check", "--case", "1"], ["check", "--case", "1", "--json"], ["export", "--all", "--format", "json"],
            ["export", "--case", "1", "--format", "json"], ["message", "show", "1"], ["poa", "show", "--case", "1"],
            ["poa", "diff", "--case", "1", "1", "2"],
        ]
        for args in commands {
            let result = try cli(args)
            #expect([0, 1, 3].contains(result.status), "\(args): \(result.stderr)")
            #expect(carriesControls(result.stdout).isEmpty, "\(args) printed \(carriesControls(result.stdout))")
            #expect(carriesControls(result.stderr).isEmpty, "\(args) printed on stderr \(carriesControls(result.stderr))")
        }
        // The JSON still decodes to exactly what the store holds.
        let shown = try #require(try JSONSerialization.jsonObject(with: try cli(["case", "show", "1", "--json"]).stdoutData) as? [String: Any])
        #expect((shown["title"] as? String) == "Title \(evil) end")
        // … and the exact bytes are there on request.
        #expect(try cli(["message", "show", "1", "--raw"]).stdoutData == Data(message.utf8))
    }

    @Test func errorsAndWarningsCannotDriveTheTerminalOrTheShell() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["case", "new", "--title", "x"]).status == 0)
        let evil = "\u{1B}]0;pwned\u{07}\u{9B}2J"
        for (args, environment) in [
            (["case", "new", "--title", "x", "--asin", "B0\(evil)"], [String: String]()),
            (["due"], ["REINSTATE_NOW": "2026\(evil)"]),
            (["case", "new", "--title", "x", "--opened", "2026\(evil)"], [:]),
            (["message", "add", "--case", "1", cli.folder + "/missing\(evil).txt"], [:]),
        ] {
            let result = try cli(args, environment: environment)
            #expect(result.status == 2 || result.status == 64, "\(args): \(result.stderr)")
            #expect(carriesControls(result.stderr).isEmpty, "\(args): \(carriesControls(result.stderr))")
        }
        // The permission warning's command is quoted for the shell: pasting it runs chmod and nothing else.
        let odd = cli.folder + "/it's $(touch PWNED); x.sqlite"
        #expect(try cli(["case", "new", "--title", "x"], store: odd).status == 0)
        chmod(odd, 0o644)
        let warned = try cli(["case", "list"], store: odd)
        let suggestion = try #require(warned.stderr.range(of: "run: ")).upperBound
        let command = String(warned.stderr[suggestion...].prefix { $0 != "\n" })
        let ran = try shell(command, in: cli.folder)
        #expect(ran.ending == .exited(0), "\(command): \(ran.stderr)")
        #expect(fileMode(odd) == 0o600)
        #expect(!exists(cli.folder + "/PWNED"))
    }

    // MARK: - 11. Devices and FIFOs are refused, never waited on

    /// Runs the binary with a deadline; a process still running then is killed and reported.
    func runBounded(_ args: [String], seconds: TimeInterval = 10, in cli: CLI) throws -> (status: Int32?, stderr: String) {
        let err = cli.folder + "/.bounded-\(UUID().uuidString)"
        defer { unlink(err) }
        let child = try ChildProcess.spawn([CLI.binary] + args, environment: cliEnvironment(), stderr: err)
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            let done = waitpid(child.pid, &status, WNOHANG)
            if done == child.pid {
                let ending = ChildProcess.Ending(waitStatus: status)
                let text = String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self)
                if case .exited(let code) = ending { return (code, text) }
                return (-1, text + " (\(ending))")
            }
            usleep(20_000)
        }
        child.kill(SIGKILL)
        child.wait()
        return (nil, "still running after \(Int(seconds)) s")
    }

    @Test func devicesAndFifosAreRefusedNotWaitedOn() throws {
        let cli = CLI()
        defer { cli.remove() }
        try oneCase(cli)
        let fifo = cli.folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let store = ["--store", cli.store]
        let commands: [[String]] = [
            ["evidence", "add", "--case", "1", "/dev/zero"] + store, ["evidence", "add", "--case", "1", "/dev/urandom"] + store,
            ["evidence", "add", "--case", "1", fifo] + store, ["message", "add", "--case", "1", fifo] + store,
            ["message", "add", "--case", "1", "/dev/zero"] + store, ["poa", "add", "--case", "1", fifo] + store,
            ["parse", fifo], ["parse", "/dev/zero"], ["check", "--case", "1", fifo] + store, ["import", fifo, "--store", cli.folder + "/new.sqlite"],
            ["restore", fifo, "--yes"] + store, ["case", "list", "--store", fifo], ["due", "--store", fifo],
            ["case", "new", "--title", "x", "--store", fifo],
        ]
        for args in commands {
            let result = try runBounded(args, in: cli)
            #expect(result.status == 2, "\(args): \(result.stderr)")
            #expect(result.stderr.contains("FIFO") || result.stderr.contains("device"), "\(args): \(result.stderr)")
        }
        #expect(isFIFO(fifo))
        #expect(!exists(cli.folder + "/new.sqlite"))

        // An evidence file that later became a FIFO is reported, and exports finish.
        let evidence = cli.file("invoice.txt", "invoice\n")
        #expect(try cli(["evidence", "add", "--case", "1", evidence]).status == 0)
        unlink(evidence)
        #expect(mkfifo(evidence, 0o600) == 0)
        for format in ["markdown", "html"] {
            let result = try runBounded(["export", "--case", "1", "--format", format, "--store", cli.store], in: cli)
            #expect(result.status == 0, "\(format): \(result.stderr)")
            let all = try runBounded(["export", "--all", "--format", format, "--store", cli.store], in: cli)
            #expect(all.status == 0, "\(format) --all: \(all.stderr)")
        }
        #expect(try cli(["export", "--case", "1", "--format", "markdown"]).stdout.contains("cannot be read"))
    }

    // MARK: - 13. Out-of-range dates give an error, not a crash

    @Test func outOfRangeDatesAndDurationsAreRefusedWithWords() throws {
        let cli = CLI()
        defer { cli.remove() }
        try oneCase(cli)
        for args in [["due", "--within", "1e15"], ["due", "--within", "inf"], ["--warn-days", "1e15"], ["--warn-days", "nan"],
                     ["case", "new", "--title", "x", "--opened", "1800-01-01"]] {
            let result = try cli(args)
            #expect(result.status == 2 || result.status == 64, "\(args): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("days") || result.stderr.contains("1900") || result.stderr.contains("--within"), "\(args): \(result.stderr)")
        }
        // A message dated near the end of 9999 whose deadline would fall after it.
        let late = "Date: Fri, 31 Dec 9999 10:00:00 +0000\nSubject: Notice\n\nIf we do not receive a plan of action within 17 days, your account will remain deactivated.\n"
        let added = try cli(["message", "add", "--case", "1", cli.file("late.eml", late)])
        #expect(added.status == 2, "\(added.stderr)")
        #expect(added.stderr.contains("9999"), "\(added.stderr)")
        // An imported deadline far in the future.
        let backup = try cli(["export", "--all", "--format", "json"]).stdoutData
        var document = try #require(try JSONSerialization.jsonObject(with: backup) as? [String: Any])
        var cases = try #require(document["cases"] as? [[String: Any]])
        var deadlines = try #require(cases[0]["deadlines"] as? [[String: Any]])
        try #require(!deadlines.isEmpty)
        deadlines[0]["amount"] = 1_000_000_000_000_000
        cases[0]["deadlines"] = deadlines
        document["cases"] = cases
        let doc = cli.file("far.json", data: try JSONSerialization.data(withJSONObject: document))
        let imported = try cli(["import", doc], store: cli.folder + "/far.sqlite")
        #expect(imported.status == 2, "\(imported.status): \(imported.stderr)")
        #expect(imported.stderr.contains("amount"), "\(imported.stderr)")
        #expect(!exists(cli.folder + "/far.sqlite"))
    }

    // MARK: - 8. restore takes only a schema Reinstate made

    @Test func restoreRefusesAStoreWithForeignTriggersOrViews() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "3"]).status == 0)
        let before = checksum(cli.store)
        for (name, sql) in [
            ("trigger", "CREATE TRIGGER wipe AFTER INSERT ON note BEGIN DELETE FROM plan_version; END"),
            ("view", "CREATE VIEW peek AS SELECT * FROM suspension_case"),
            ("index", "CREATE INDEX extra ON note(text)"),
            ("table", "CREATE TABLE extra (x)"),
            ("changed", "DROP TRIGGER IF EXISTS note_search_insert"),
        ] {
            let backup = cli.folder + "/\(name).sqlite"
            #expect(try cli(["backup", "--output", backup]).status == 0)
            try StoreFile(path: backup).read { try $0.execute(sql: sql) }
            let result = try cli(["restore", backup, "--yes"])
            #expect(result.status == 2, "\(name): \(result.stderr)")
            #expect(result.stderr.contains("not a store as Reinstate made it"), "\(name): \(result.stderr)")
            #expect(checksum(cli.store) == before, "\(name) changed the store")
            #expect(!exists(cli.folder + "/backups"), "\(name): a refused restore wrote a backup")
        }
        // An untouched backup still restores.
        #expect(try cli(["backup", "--output", cli.folder + "/good.sqlite"]).status == 0)
        #expect(try cli(["restore", cli.folder + "/good.sqlite", "--yes"]).status == 0)
    }

    // MARK: - 10. Another program's WAL database is refused without being touched

    @Test func anotherProgramsWALDatabaseIsNotCheckpointedIntoOrTouched() throws {
        let cli = CLI()
        defer { cli.remove() }
        let live = cli.folder + "/live.sqlite"
        let foreign = cli.folder + "/foreign.sqlite"
        // A WAL database whose last changes are still in its -wal: copied while its writer holds it open.
        let writer = try DatabaseQueue(path: live)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
            try db.execute(sql: "INSERT INTO invoices (total) VALUES (1), (2), (3)")
        }
        try FileManager.default.copyItem(atPath: live, toPath: foreign)
        try FileManager.default.copyItem(atPath: live + "-wal", toPath: foreign + "-wal")
        try writer.close()
        let main = checksum(foreign), wal = checksum(foreign + "-wal")
        #expect(wal != "missing")
        for args in [["case", "list"], ["due"], ["case", "new", "--title", "x"], ["--read-only", "case", "list"]] {
            let result = try cli(args, store: foreign)
            #expect(result.status == 2, "\(args): \(result.stderr)")
            #expect(result.stderr.contains("is not a Reinstate case store"), "\(args): \(result.stderr)")
        }
        let restore = try cli(["restore", foreign, "--yes"], store: cli.folder + "/mine.sqlite")
        #expect(restore.status == 2)
        #expect(checksum(foreign) == main, "the database changed")
        #expect(checksum(foreign + "-wal") == wal, "its -wal changed")
        #expect(!exists(foreign + "-shm"), "an -shm was made beside it")
    }

    // MARK: - 13.3 A mistyped --store is refused, not made into an empty store

    @Test func aStoreThatDoesNotExistIsRefusedByEveryReadingCommand() throws {
        let cli = CLI()
        defer { cli.remove() }
        let typo = cli.folder + "/typo.sqlite"
        for args in [["due"], ["case", "list"], ["case", "show", "1"], ["export", "--all"], ["export", "--case", "1"],
                     ["check", "--case", "1"], ["backup"], ["message", "add", "--case", "1", cli.file("m.txt", "hello\n")],
                     ["note", "add", "--case", "1", "x"], ["request", "answer", "1", "--version", "1"], ["--read-only", "case", "list"]] {
            let result = try cli(args, store: typo)
            #expect(result.status == 2, "\(args): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("There is no case store at \(typo)"), "\(args): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(args): \(result.stderr)")
            #expect(!exists(typo), "\(args) made a store")
        }
        // Commands that add something make it; folders are never made for --store …
        let nested = cli.folder + "/not/there/x.sqlite"
        let refused = try cli(["case", "new", "--title", "x"], store: nested)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("does not exist"), "\(refused.stderr)")
        #expect(!exists(cli.folder + "/not"))
        #expect(try cli(["case", "new", "--title", "x"], store: typo).status == 0)
        #expect(try cli(["due"], store: typo).status == 0)
        // … only for the default location.
        let home = cli.folder + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        var env = cliEnvironment(extra: ["HOME": home])
        env["XDG_DATA_HOME"] = nil
        let child = try ChildProcess.spawn([CLI.binary, "case", "new", "--title", "x"], environment: env)
        #expect(child.wait() == .exited(0))
        #expect(exists(home + "/.local/share/reinstate/cases.sqlite"))
        #expect(fileMode(home + "/.local/share/reinstate") == 0o700)
    }

    @Test(.enabled(if: Tmux.available, "needs tmux")) func theTrackerAsksBeforeMakingAStoreThatDoesNotExist() throws {
        let cli = CLI()
        defer { cli.remove() }
        let typo = cli.folder + "/typo.sqlite"
        let tmux = Tmux()
        try tmux.start(width: 400)
        defer { tmux.stop() }
        try tmux.type("\(CLI.binary) --store \(typo); echo exited=$?")
        try tmux.keys("Enter")
        try tmux.waitFor("Create a new, empty one? [y/N]")
        try tmux.type("n")
        try tmux.keys("Enter")
        let refused = try tmux.waitFor("exited=2")
        #expect(refused.contains("There is no case store at"))
        #expect(!exists(typo))
    }

    // MARK: - 9. Odd store paths

    @Test func oddStorePathsAreRefusedOrWarnedAbout() throws {
        let cli = CLI()
        defer { cli.remove() }
        // A dangling symbolic link is not followed into a new file.
        let target = cli.folder + "/elsewhere.sqlite"
        let link = cli.folder + "/link.sqlite"
        symlink(target, link)
        let dangling = try cli(["case", "new", "--title", "x"], store: link)
        #expect(dangling.status == 2, "\(dangling.stderr)")
        #expect(dangling.stderr.contains("symbolic link"), "\(dangling.stderr)")
        #expect(!exists(target))
        // A path that is not UTF-8 does not open another file (the shell hands the byte 0xFF over as it is).
        let bad = try shell("\"$BIN\" case new --title x --store \"$DIR/bad-$(printf '\\377').sqlite\"",
                            variables: ["BIN": CLI.binary, "DIR": cli.folder], in: cli.folder)
        #expect(bad.ending == .exited(2), "\(bad.stderr)")
        #expect(bad.stderr.contains("not valid UTF-8"), "\(bad.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: cli.folder)) ?? []).allSatisfy { !$0.contains("bad-") })
        // A world-writable folder gets a warning; a planted backups link is not followed.
        let open = cli.folder + "/open"
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: false)
        chmod(open, 0o777)
        let store = open + "/cases.sqlite"
        #expect(try cli(["case", "new", "--title", "x"], store: store).status == 0)
        let listed = try cli(["case", "list"], store: store)
        #expect(listed.stderr.contains("can be written by every user"), "\(listed.stderr)")
        let planted = cli.folder + "/planted"
        try FileManager.default.createDirectory(atPath: planted, withIntermediateDirectories: false)
        symlink(planted, open + "/backups")
        let backup = try cli(["backup"], store: store)
        #expect(backup.status == 2, "\(backup.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: planted)) == [])
        // An empty HOME does not put the store at /.local/share.
        var env = cliEnvironment(extra: ["HOME": ""])
        env["XDG_DATA_HOME"] = nil
        let err = cli.folder + "/home.err"
        let child = try ChildProcess.spawn([CLI.binary, "due"], environment: env, stderr: err)
        _ = child.wait()
        let said = String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self)
        #expect(!said.contains(" /.local/share"), "\(said)")
        #expect(!exists("/.local/share/reinstate"))
    }

    // MARK: - 14. An import is checked as the commands check

    @Test func anImportIsCheckedFieldByFieldAndLeavesNoStoreWhenRefused() throws {
        let cli = CLI()
        defer { cli.remove() }
        try oneCase(cli)
        let backup = try cli(["export", "--all", "--format", "json"]).stdoutData
        func altered(_ change: (inout [String: Any]) -> Void) throws -> String {
            var document = try #require(try JSONSerialization.jsonObject(with: backup) as? [String: Any])
            var cases = try #require(document["cases"] as? [[String: Any]])
            change(&cases[0])
            document["cases"] = cases
            return cli.file("doc-\(UUID().uuidString).json", data: try JSONSerialization.data(withJSONObject: document))
        }
        func message(_ c: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
            var messages = c["messages"] as? [[String: Any]] ?? []
            change(&messages[0])
            c["messages"] = messages
        }
        let cases: [(String, String)] = [
            (try altered { $0["id"] = 0 }, "case id 0"),
            (try altered { $0["id"] = Int64.max }, "not a positive id"),
            (try altered { $0["scope"] = "everything" }, "unknown scope"),
            (try altered { c in message(&c) { $0["rawBase64"] = Data("x".utf8).base64EncodedString() } }, "both raw and rawBase64"),
            (try altered { c in message(&c) { $0["raw"] = String(repeating: "a", count: 21 * 1024 * 1024) } }, "larger than 20 MB"),
            (try altered { c in
                message(&c) { m in
                    m["requested"] = [["id": 1, "text": "x", "aspect": "root-cause", "topic": "", "state": "answered",
                                       "answeredVersion": 9, "answeredBy": "user"]]
                }
            }, "answeredVersion 9"),
            (try altered { c in
                message(&c) { m in
                    m["requested"] = [["id": 1, "text": "x", "aspect": "root-cause", "topic": "", "state": "answered",
                                       "answeredVersion": 1, "answeredBy": "oracle"]]
                }
            }, "unknown answeredBy"),
            (try altered { c in message(&c) { $0["text"] = "Your account is in good standing; nothing to do." } }, "not what its raw message reads as"),
            (try altered { c in message(&c) { $0["subject"] = "Account reinstated" } }, "not what its raw message reads as"),
        ]
        for (file, why) in cases {
            let target = cli.folder + "/imported-\(UUID().uuidString).sqlite"
            let result = try cli(["import", file], store: target)
            #expect(result.status == 2, "\(why): \(result.stderr)")
            #expect(result.stderr.contains(why), "\(why): \(result.stderr)")
            #expect(result.stderr.contains("case "), "\(result.stderr)")
            #expect(!exists(target), "\(why): a refused import left a store")
        }
    }

    // MARK: - 12. Evidence is hashed only when it may have changed

    @Test(.enabled(if: SafetyTests.strace, "needs strace")) func evidenceIsHashedOnlyWhenItMayHaveChanged() throws {
        var cli = CLI()
        defer { cli.remove() }
        let evidence = cli.file("invoice.pdf", data: Data(repeating: 0x41, count: 1 << 20))
        // Recorded a moment after the file was written, as a seller records a file they have.
        Thread.sleep(forTimeInterval: 1.1)
        cli.now = ISO8601DateFormatter().string(from: Date().addingTimeInterval(1))
        #expect(try cli(["case", "new", "--title", "x"]).status == 0)
        #expect(try cli(["evidence", "add", "--case", "1", evidence]).status == 0)
        let log = cli.folder + "/strace.log"
        func export() throws -> (markdown: String, opened: Bool) {
            let result = try shell(
                "strace -f -qq -e trace=open,openat -o \"$LOG\" \"$BIN\" export --case 1 --format markdown --store \"$STORE\"",
                variables: ["LOG": log, "BIN": CLI.binary, "STORE": cli.store, "REINSTATE_NOW": cli.now], in: cli.folder)
            #expect(result.ending == .exited(0), "\(result.stderr)")
            let trace = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
            return (result.stdout, trace.contains("\"\(evidence)\""))
        }
        let unchanged = try export()
        #expect(unchanged.markdown.contains("matches the file on disk"))
        #expect(!unchanged.opened, "an unchanged evidence file was read again")
        // Changed after it was recorded, keeping its size: read again, and the change is found.
        Thread.sleep(forTimeInterval: 2.2)
        let handle = try #require(FileHandle(forWritingAtPath: evidence))
        handle.write(Data("B".utf8))
        try handle.close()
        let changed = try export()
        #expect(changed.opened)
        #expect(changed.markdown.contains("CHANGED on disk"), "\(changed.markdown)")
    }

    // MARK: - 4. A binary configuration file is named, not dumped

    @Test(.enabled(if: Tmux.available, "needs tmux")) func aBinaryConfigFileIsNamedNotDumpedOnTheTerminal() throws {
        let cli = CLI()
        defer { cli.remove() }
        try oneCase(cli)
        let config = cli.folder + "/config/reinstate"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        var binary = Data("warn-days = 5\n".utf8)
        binary.append(contentsOf: [0x00, 0x1B, 0x5D, 0x30, 0x3B, 0x70, 0x77, 0x6E, 0x07, 0xFF, 0xFE] + Array(repeating: 0x0A, count: 50))
        FileManager.default.createFile(atPath: config + "/config", contents: binary)
        let tmux = Tmux()
        try tmux.start(width: 200)
        defer { tmux.stop() }
        try tmux.type("XDG_CONFIG_HOME=\(cli.folder)/config \(CLI.binary) --store \(cli.store) 2>\(cli.folder)/err; echo exited=$?")
        try tmux.keys("Enter")
        let first = try tmux.waitFor("is not a short UTF-8 text file")
        #expect(!first.contains("pwn"))
        try tmux.keys("q")
        try tmux.keys("q")
        try tmux.keys("q")
        try tmux.waitFor("exited=0")
        let err = String(decoding: FileManager.default.contents(atPath: cli.folder + "/err") ?? Data(), as: UTF8.self)
        #expect(err.contains("is not a short UTF-8 text file; it was ignored."), "\(err)")
        #expect(carriesControls(err).isEmpty, "\(carriesControls(err))")
        #expect(err.split(separator: "\n").count == 1, "\(err)")
    }
}
