import ReinstateCore

/// The marker before a requested detail, readable without colour: "●" unanswered, "◐" answered only
/// in a draft that was not sent yet (still open for Amazon), "✓" answered, "–" waived, "○" not needed
/// (another of its alternatives was answered).
public enum RequestMarker {
    /// The marker of a standing.
    public static func marker(for standing: DetailStanding) -> String {
        switch standing {
        case .unanswered, .reopened: return "●"
        case .answeredInDraft: return "◐"
        case .answered: return "✓"
        case .waived: return "–"
        case .notNeeded: return "○"
        }
    }

    /// The style of a standing: unanswered in danger colour and bold, a draft's answer as a warning.
    public static func style(for standing: DetailStanding) -> Style {
        switch standing {
        case .unanswered, .reopened: return .danger
        case .answeredInDraft: return .warning
        case .answered: return .good
        case .waived, .notNeeded: return .muted
        }
    }
}
