import CNcursesw
import Foundation
import ReinstateCore
import ReinstateUI

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
        reinstate_enable_bracketed_paste()
        blitter = FrameBlitter(colors: ColorScheme(enabled: !noColor))
    }

    deinit {
        close()
    }

    /// Gives the terminal back as it was. Safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        reinstate_disable_bracketed_paste()
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
            reinstate_enable_bracketed_paste()
            return .resumed
        }
        switch result {
        case KEY_CODE_YES where Int32(character) == reinstate_paste_start_code():
            return readPaste(window)
        case KEY_CODE_YES where Int32(character) == reinstate_paste_end_code():
            return nil  // an end marker without a start: nothing to do
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

    func redrawAll() {
        blitter.invalidate()
        if let window = reinstate_curscr() { clearok(window, true) }
    }

    /// Reads a bracketed paste up to its end marker. A paste whose end never comes (the terminal
    /// lost it) ends after three quiet seconds, with what had arrived.
    private func readPaste(_ window: UnsafeMutablePointer<WINDOW>) -> TerminalEvent {
        var paste = PasteText()
        var quiet = 0
        while quiet < 3 {
            var character: wint_t = 0
            switch wget_wch(window, &character) {
            case KEY_CODE_YES:
                quiet = 0
                if Int32(character) == reinstate_paste_end_code() { return .paste(paste.text) }
                if Int32(character) == KEY_ENTER { paste.appendLineEnd() }
            case OK:
                quiet = 0
                if let scalar = Unicode.Scalar(UInt32(character)) { paste.append(scalar) }
            default:
                quiet += 1
            }
        }
        return .paste(paste.text)
    }

    func edit(_ text: String) throws -> EditorResult {
        let file = try PrivateFile.create(prefix: "reinstate-edit", suffix: ".txt", holding: Data(text.utf8))
        let command = ExternalEditor.command()
        def_prog_mode()
        reinstate_disable_bracketed_paste()
        endwin()
        let status = reinstate_run_editor(command, file)
        reset_prog_mode()
        reinstate_enable_bracketed_paste()
        redrawAll()
        _ = reinstate_take_resumed()
        let written = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) }
        let ending = ExternalEditor.ending(status: status, command: command)
        if ending == .saved, let written {
            unlink(file)
            return .saved(written)
        }
        // The editor failed: whatever the file holds stays where it is, and the seller is told where.
        return EditorResult(ending: ending == .saved ? .couldNotStart("its file could not be read back") : ending,
                            text: written ?? text, keptAt: file)
    }
}
