import Foundation

/// One thing the review before sending found.
public struct ReviewFinding: Sendable, Equatable {
    /// How much it matters.
    public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
        /// Fix it before sending: Amazon turns plans down for this.
        case blocking
        /// Probably weakens the plan; look at it.
        case warning
        /// Worth knowing.
        case note

        private var rank: Int {
            switch self {
            case .blocking: return 0
            case .warning: return 1
            case .note: return 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var rule: ReviewRule
    public var severity: Severity
    /// The plan's line it is about (1-based), or nil for the plan as a whole.
    public var line: Int?
    /// What was found, in one line ("\u{201C}the customer lied\u{201D}").
    public var what: String

    public init(rule: ReviewRule, severity: Severity, line: Int?, what: String) {
        self.rule = rule
        self.severity = severity
        self.line = line
        self.what = what
    }

    /// What was found and why it matters, in one line.
    public var message: String { what + " \u{2014} " + rule.why }
}
