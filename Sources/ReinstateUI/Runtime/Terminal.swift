/// What the terminal reported.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    case mouse(MouseEvent)
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
    /// Hands the terminal to the seller's editor on a file holding `text`, takes it back, and
    /// returns the saved text (nil when the editor failed).
    func edit(_ text: String) throws -> String?
}
