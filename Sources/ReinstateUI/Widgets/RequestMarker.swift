import ReinstateCore

/// The marker before a requested detail, readable without colour: "●" unanswered, "✓" answered,
/// "–" waived.
public enum RequestMarker {
    /// The marker of a state.
    public static func marker(for state: RequestState) -> String {
        switch state {
        case .unanswered, .reopened: return "●"
        case .answered: return "✓"
        case .waived: return "–"
        }
    }

    /// The style of a state: unanswered in danger colour and bold.
    public static func style(for state: RequestState) -> Style {
        switch state {
        case .unanswered, .reopened: return .danger
        case .answered: return .good
        case .waived: return .muted
        }
    }
}
