import CNcursesw
import Foundation
import ReinstateUI
import SafeFiles

/// The terminal through ncurses: sets it up (locale, raw-ish input, keypad, mouse, colours, signal
/// handlers), reads keys, draws frames, hands it to the editor, and restores it in `close()`.
/// Single-threaded: used only from the UI loop.
final class CursesScreen: Terminal {
    private var blitter: FrameBlitter
    private var closed = false

    /// Opens the terminal. Throws when there is none.
    init(noColor: Bool) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw CursesError.notATerminal }
        setlocale(LC_ALL, "")
        // Our handlers go in first, so ncurses leaves SIGINT/SIGTERM/SIGTSTP to us and keeps SIGWINCH
        // (which it turns into KEY_RESIZE).
        reinstate_install_signal_handlers()
        guard reinstate_newterm() != nil, let window = reinstate_stdscr() else {
            reinstate_restore_signal_handlers()
            throw CursesError.cannotOpenTerminal(term: ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        wtimeout(window, 1000)
        reinstate_enable_mouse()
        blitter = FrameBlitter(colors: ColorScheme(enabled: !noColor))
    }

    deinit {
        close()
    }

    /// Gives the terminal back as it was. Safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        endwin()
        reinstate_restore_signal_handlers()
    }

    // MARK: - Terminal

    var size: (width: Int, height: Int) {
        (Int(reinstate_cols()), Int(reinstate_lines()))
    }

    func nextEvent() -> TerminalEvent? {
        guard let window = reinstate_stdscr() else { return nil }
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if reinstate_take_resumed() != 0 {
            blitter.invalidate()
            return .resumed
        }
        switch result {
        case KEY_CODE_YES:
            let event = KeyDecoding.functionKey(Int32(character))
            if case .resize? = event { blitter.invalidate() }
            return event
        case OK:
            return KeyDecoding.character(UInt32(character))
        default:
            return nil
        }
    }

    func draw(_ frame: Frame) {
        blitter.draw(frame)
    }

    func edit(_ text: String) throws -> String? {
        // Private (0600) from its first byte, under a name nobody can guess: the shared helper.
        let file = URL(fileURLWithPath: try PrivateFile.temporary(holding: Data(text.utf8), prefix: "reinstate-", suffix: ".txt"))
        defer { try? FileManager.default.removeItem(at: file) }
        def_prog_mode()
        endwin()
        let status = reinstate_run_editor(ExternalEditor.command(), file.path)
        reset_prog_mode()
        blitter.invalidate()
        if let window = reinstate_curscr() { clearok(window, true) }
        _ = reinstate_take_resumed()
        guard status == 0 else { return nil }
        return String(decoding: try Data(contentsOf: file), as: UTF8.self)
    }
}
