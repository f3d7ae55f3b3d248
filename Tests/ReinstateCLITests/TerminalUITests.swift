import Foundation
import Testing

/// Drives the real binary's full-screen UI inside tmux, as a seller would, and reads the screen back.
struct Tmux {
    let socket = "reinstate-test-\(UUID().uuidString.prefix(8))"
    let session = "ui"

    static let available: Bool = {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }()

    /// Runs a tmux command with posix_spawn and waitpid (see `ChildProcess`: Foundation's Process never
    /// saw the tmux client exit once `new-session` had daemonised a server). The terminal under test gets
    /// every signal at its default (SIGWINCH for resizes, SIGTSTP for Ctrl-Z).
    @discardableResult
    func run(_ args: [String]) throws -> String {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        try ChildProcess.spawn(["tmux", "-L", socket] + args, stdout: outPath).wait()
        return String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
    }

    /// Starts a shell in a detached session of the given size, with a pinned clock.
    func start(width: Int = 100, height: Int = 30) throws {
        try run(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                 "env", "-i", "PATH=/usr/bin:/bin", "TERM=xterm-256color", "HOME=/tmp", "LANG=C.UTF-8",
                 "REINSTATE_NOW=2026-11-22T09:00:00Z", "TZ=UTC", "PS1=$ ", "bash", "--norc", "--noprofile"])
        try run(["set-option", "-t", session, "status", "off"])
    }

    func keys(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys) }
    func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }
    func screen(colours: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", session] + (colours ? ["-e"] : []))
    }
    func stop() { _ = try? run(["kill-server"]) }

    /// Waits until the screen shows `text` (the UI draws asynchronously to the test).
    @discardableResult
    func waitFor(_ text: String, colours: Bool = false, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(colours: colours)
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \"\(text)\"; the screen was:\n\(last)")
        return last
    }
}

@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux")) struct TerminalUITests {
    /// A shell in tmux beside a demo store with due cases (made by the real binary), and the path
    /// prefix for `stty -a` snapshots.
    func shell(with cli: CLI) throws -> (tmux: Tmux, store: String, stty: String) {
        try cli(["demo", "--cases", "60", "--seed", "2"])
        let tmux = Tmux()
        try tmux.start()
        return (tmux, cli.store, cli.folder + "/stty")
    }

    @Test func aSellersMorning() throws {
        let cli = CLI()
        defer { cli.remove() }
        let (tmux, store, stty) = try shell(with: cli)
        defer { tmux.stop() }
        try tmux.type("stty -a > \(stty).before; \(CLI.binary) --store \(store); echo exited=$?; stty -a > \(stty).after")
        try tmux.keys("Enter")

        // Launch: the deadline warning comes first.
        let warning = try tmux.waitFor("Deadlines need you")
        #expect(warning.contains("overdue"))
        #expect(warning.contains("Press any key"))

        // Any key: the case list, most urgent first, with the banner kept.
        try tmux.keys("Enter")
        let list = try tmux.waitFor("of 60 cases")
        #expect(list.contains("! "))  // the banner
        #expect(list.contains("▶"))

        // Open the first case and go to its requested details: unanswered ones are marked and red.
        try tmux.keys("Enter")
        try tmux.waitFor("Timeline")
        try tmux.keys("Tab")
        let requested = try tmux.waitFor("UNANSWERED", colours: true)
        let marked = requested.split(separator: "\n").filter { $0.contains("UNANSWERED") }
        #expect(!marked.isEmpty)
        #expect(marked.allSatisfy { $0.contains("38;5;160m") }, "unanswered marker not red: \(marked)")

        // Mark the selected one answered by the latest version: it changes at once, as the user's word.
        try tmux.keys("a")
        try tmux.waitFor("Answered by plan version")
        try tmux.keys("Enter")
        let answered = try tmux.waitFor("(you)")
        #expect(answered.contains("✓"))

        // Export the case from the case view: the format, then the file; it says where it wrote.
        let exported = cli.folder + "/from-ui.md"
        try tmux.keys("x")
        try tmux.waitFor("Export as")
        try tmux.keys("Enter")
        try tmux.waitFor("Export to file")
        try tmux.keys("C-u")
        try tmux.type(exported)
        try tmux.keys("Enter")
        try tmux.waitFor("Exported as markdown")
        let markdown = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(markdown.hasPrefix("# "))
        #expect((try FileManager.default.attributesOfItem(atPath: exported)[.posixPermissions] as? Int) == 0o600)

        // Resize: re-laid out at once; too small says so.
        try tmux.run(["resize-window", "-t", tmux.session, "-x", "50", "-y", "12"])
        try tmux.waitFor("too small")
        try tmux.run(["resize-window", "-t", tmux.session, "-x", "80", "-y", "24"])
        try tmux.waitFor("Requested")

        // Help lists the keys of this screen.
        try tmux.keys("?")
        // Waits for the body, not the title: a busy machine may be caught between drawing the two.
        let help = try tmux.waitFor("Move down one line")
        #expect(help.contains("Keys of Case"))
        try tmux.keys("Escape")

        // Quit: back to the shell with the terminal as it was.
        try tmux.keys("q")
        try tmux.keys("q")
        try tmux.waitFor("exited=0")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try sttyModes(stty + ".before") == sttyModes(stty + ".after"))

        // The change was stored.
        let shown = try cli(["request", "answer", "999999"])  // unrelated id: proves the store still opens
        #expect(shown.status == 2)
    }

    @Test(arguments: ["INT", "TERM", "HUP"]) func signalsRestoreTheTerminal(_ signal: String) throws {
        let cli = CLI()
        defer { cli.remove() }
        let (tmux, store, stty) = try shell(with: cli)
        defer { tmux.stop() }
        try tmux.type("stty -a > \(stty).before; \(CLI.binary) --store \(store)")
        try tmux.keys("Enter")
        try tmux.waitFor("Deadlines need you")
        let pid = try runShell("pgrep -f -- '--store \(store)' | head -n 1")
        #expect(!pid.isEmpty)
        _ = try runShell("kill -\(signal) \(pid)")
        // A shell stops a command list when its job dies of a signal: the check is a new command.
        Thread.sleep(forTimeInterval: 0.5)
        try tmux.type("stty -a > \(stty).after; echo sig\"\"nalled")
        try tmux.keys("Enter")
        try tmux.waitFor("signalled")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try sttyModes(stty + ".before") == sttyModes(stty + ".after"), "SIG\(signal) left the terminal changed")
    }

    @Test func suspendAndResumeRedrawAndRestore() throws {
        let cli = CLI()
        defer { cli.remove() }
        let (tmux, store, stty) = try shell(with: cli)
        defer { tmux.stop() }
        try tmux.type("stty -a > \(stty).before; \(CLI.binary) --store \(store)")
        try tmux.keys("Enter")
        try tmux.waitFor("Deadlines need you")
        try tmux.keys("C-z")
        try tmux.waitFor("Stopped")
        try tmux.type("stty -a > \(stty).suspended; fg")
        try tmux.keys("Enter")
        try tmux.waitFor("Deadlines need you")
        try tmux.keys("Enter")
        try tmux.waitFor("of 60 cases")
        #expect(try sttyModes(stty + ".before") == sttyModes(stty + ".suspended"), "Ctrl-Z left the terminal in curses modes")
        try tmux.keys("q")
    }

    /// Issue 13, items 1, 2 and 9 as a seller meets them: a paste in the case view is not read as
    /// keys and a pasted line lands in the note prompt whole; an editor that fails keeps the text and
    /// it can still be stored; a note added from another terminal appears without a key press.
    @Test func pastesEditorFailuresAndChangesFromAnotherWindow() throws {
        let cli = CLI()
        defer { cli.remove() }
        let (tmux, store, _) = try shell(with: cli)
        defer { tmux.stop() }
        let editor = cli.folder + "/failing-editor"
        try "#!/bin/sh\necho 'Root cause: the courier lost 12 parcels in week 44.' >> \"$1\"\nexit 3\n"
            .write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        func paste(_ text: String) throws {
            let file = cli.folder + "/paste-\(UUID().uuidString)"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            try tmux.run(["load-buffer", file])
            try tmux.run(["paste-buffer", "-p", "-t", tmux.session])
        }
        try tmux.type("EDITOR=\(editor) \(CLI.binary) --store \(store)")
        try tmux.keys("Enter")
        try tmux.waitFor("Deadlines need you")
        try tmux.keys("Enter")
        try tmux.waitFor("of 60 cases")
        try tmux.keys("Enter")
        let opened = try tmux.waitFor("Timeline")
        guard let id = opened.firstMatch(of: /Reinstate #(\d+)/).map({ String($0.1) }) else {
            Issue.record("no case id on screen:\n\(opened)")
            return
        }
        let before = try cli(["case", "show", id, "--json"]).stdout

        // 1. A paste with no prompt open: every letter is a command here, none runs.
        try paste("s p n x\nclosed\n")
        try tmux.waitFor("not read as keys")
        #expect(try cli(["case", "show", id, "--json"]).stdout == before)

        // 1. A pasted line goes into the note prompt whole ("said" holds an s, the status key).
        try tmux.keys("n")
        try tmux.waitFor("Note:")
        try paste("Seller Support said the appeal is queued\n")
        try tmux.waitFor("Note: Seller Support said the appeal is queued")
        try tmux.keys("Enter")
        try tmux.waitFor("Note added.")

        // 2. The editor exits with status 3: the text is kept and can be stored.
        try tmux.keys("p")
        let failed = try tmux.waitFor("exited with status 3")
        #expect(failed.contains("your text is kept in"))
        try tmux.keys("Left", "Left")
        try tmux.waitFor("store it")
        try tmux.keys("Enter")
        try tmux.waitFor("saved as a draft")
        let shown = try cli(["case", "show", id, "--json"]).stdout
        #expect(shown.contains("the courier lost 12 parcels in week 44"))
        #expect(shown.contains("Seller Support said the appeal is queued"))

        // 9. Another window adds a note: the tracker shows it without a key.
        #expect(try cli(["note", "add", "--case", id, "Added from another window"]).status == 0)
        try tmux.waitFor("Added from another window")
        try tmux.keys("q")
        try tmux.keys("q")
    }

    @Test func noTerminalGivesAClearError() throws {
        let cli = CLI()
        defer { cli.remove() }
        let result = try cli([])
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs a terminal"))
    }
}

/// `stty -a` without its first line (speed, rows and columns, which a resize rightly changes).
func sttyModes(_ path: String) throws -> String {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().joined(separator: "\n")
}

func runShell(_ command: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
