import Foundation

/// How the UI is started: from the command line and the configuration file.
public struct UIOptions: Sendable, Equatable {
    /// Whether changes are refused (`--read-only`).
    public var readOnly: Bool
    /// Deadlines due within this window are warned about (default 3 days).
    public var warningWindow: TimeInterval
    /// Whether colours are off (`NO_COLOR` set, or the configuration says so); markers stay.
    public var noColor: Bool
    /// The key table, with any overrides from the configuration.
    public var keys: KeyTable
    /// The zone dates are shown in (the seller's own; fixed in tests).
    public var timeZone: TimeZone
    /// Problems found before the screen opened (lines of the configuration file that were skipped):
    /// the first screen says so, since anything printed before it is hidden behind it.
    public var startupProblems: [String] = []

    /// Creates options.
    public init(
        readOnly: Bool = false, warningWindow: TimeInterval = 3 * 86_400, noColor: Bool = false,
        keys: KeyTable = .standard, timeZone: TimeZone = .current
    ) {
        self.timeZone = timeZone
        self.readOnly = readOnly
        self.warningWindow = warningWindow
        self.noColor = noColor
        self.keys = keys
    }

    /// `noColor` from the environment: set when `NO_COLOR` is present and not empty.
    public static func noColor(in environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return false }
        return !value.isEmpty
    }
}
