/// Why the full-screen UI could not start.
public enum CursesError: Error, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, cron).
    case notATerminal
    /// ncurses could not open the terminal (TERM unset or unknown).
    case cannotOpenTerminal(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "The case screen needs a terminal: run reinstate in a terminal window, or use its subcommands in scripts."
        case .cannotOpenTerminal(let term):
            return "Cannot open the terminal (TERM=\(term.isEmpty ? "unset" : term)). Set TERM, e.g. TERM=xterm-256color."
        }
    }
}
