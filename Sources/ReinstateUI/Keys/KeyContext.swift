/// Where a key is pressed: each screen, each tab of the case view, and the prompt line have their
/// own bindings, all listed in the one `KeyTable`.
public enum KeyContext: String, CaseIterable, Sendable, Hashable {
    case warning
    case caseList = "case-list"
    case timeline
    case requestedDetails = "requested-details"
    case plans
    case deadlines
    case pager
    case help
    case heldMail = "held-mail"
    case prompt

    /// The four tabs of the case view.
    public static let caseTabs: [KeyContext] = [.timeline, .requestedDetails, .plans, .deadlines]
    /// Every screen that shows a list or text to move through.
    public static let movable: [KeyContext] = [.caseList, .timeline, .requestedDetails, .plans, .deadlines, .pager, .help, .heldMail]

    /// The screen's name in help.
    public var title: String {
        switch self {
        case .warning: return "Deadline warning"
        case .caseList: return "Case list"
        case .timeline: return "Case: timeline"
        case .requestedDetails: return "Case: requested details"
        case .plans: return "Case: plans"
        case .deadlines: return "Case: deadlines"
        case .pager: return "Reading"
        case .help: return "Help"
        case .heldMail: return "Held mail"
        case .prompt: return "Prompt line"
        }
    }
}
