/// The tabs of the case view.
public enum CaseTab: Int, CaseIterable, Sendable, Hashable {
    case timeline
    case requestedDetails
    case plans
    case deadlines

    /// The tab's name on the tab bar.
    public var title: String {
        switch self {
        case .timeline: return "Timeline"
        case .requestedDetails: return "Requested details"
        case .plans: return "Plans"
        case .deadlines: return "Deadlines"
        }
    }

    /// Where its keys are bound in the key table.
    public var keyContext: KeyContext {
        switch self {
        case .timeline: return .timeline
        case .requestedDetails: return .requestedDetails
        case .plans: return .plans
        case .deadlines: return .deadlines
        }
    }

    /// The tab after this one, wrapping round.
    public var next: CaseTab { CaseTab(rawValue: (rawValue + 1) % CaseTab.allCases.count) ?? .timeline }

    /// The tab before this one, wrapping round.
    public var previous: CaseTab {
        CaseTab(rawValue: (rawValue + CaseTab.allCases.count - 1) % CaseTab.allCases.count) ?? .timeline
    }
}
