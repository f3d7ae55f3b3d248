/// What the terminal reported.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    case mouse(MouseEvent)
    /// Text the seller pasted (bracketed paste: it arrived between `ESC [200~` and `ESC [201~`), with
    /// line ends as "\n". It is never read as keys.
    case paste(String)
    /// The window changed size.
    case resize(width: Int, height: Int)
    /// The program came back from Ctrl-Z: everything must be drawn again.
    case resumed
}

/// A screen the runtime draws on and reads keys from: ncurses in the program, a fake in tests.
public protocol Terminal: AnyObject {
    /// Columns and rows now.
    var size: (width: Int, height: Int) { get }
    /// Waits for input up to about a second; nil when none came (the clock then ticks).
    func nextEvent() -> TerminalEvent?
    /// Shows a frame (a real terminal only sends what changed since the last one).
    func draw(_ frame: Frame)
    /// Forgets what is on the screen, so the next frame is sent whole (Ctrl-L).
    func redrawAll()
    /// Hands the terminal to the seller's editor on a private file holding `text`, takes it back, and
    /// says how the editor ended. The file is removed after a saved edit and kept (its path in the
    /// result) when the editor failed, so the seller's text is never thrown away.
    func edit(_ text: String) throws -> EditorResult
}
