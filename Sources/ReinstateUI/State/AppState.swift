import Foundation
import ReinstateCore

/// Everything the UI shows, in one value. Only `reduce` changes it.
public struct AppState: Sendable, Equatable {
    /// Below this size the UI asks for a bigger terminal instead of drawing.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public var width: Int
    public var height: Int
    public var now: Date
    public var options: UIOptions
    /// The screens, bottom first; never empty.
    public var screens: [Screen]
    /// Overdue and soon-due deadlines: the launch warning, then the banner.
    public var warnings: DueWarnings
    /// How many due deadlines are read whole for the warning screen (taller than any terminal); the
    /// rest are counted.
    public static let warningRows = 200
    /// Whether the launch warning was decided on (shown, or nothing was due).
    public var warningsChecked: Bool
    public var list: CaseListState
    public var caseView: CaseViewState?
    public var pager: PagerState?
    /// The context whose keys help lists, and help's scroll position.
    public var helpContext: KeyContext
    public var helpScroll: ScrollWindow
    public var prompt: Prompt?
    public var message: StatusMessage?
    /// The changes of this session that `u` can take back, the latest last.
    public var undoStack: [UndoStep] = []
    /// Messages a mail import held for the seller to file (shown on the case list; `H` files them).
    public var held: [HeldMessage] = []
    /// Why this user sees no held mail (a team store's staff role), said when they ask for it.
    public var heldNote: String?
    /// The selection on the held-mail screen.
    public var heldScroll = ScrollWindow()
    /// Set when the seller quits; the runtime then stops.
    public var quitting: Bool

    /// The state before the first frame.
    public init(width: Int = 80, height: Int = 24, now: Date, options: UIOptions = UIOptions()) {
        self.width = width
        self.height = height
        self.now = now
        self.options = options
        screens = [.caseList]
        warnings = .none
        warningsChecked = false
        list = CaseListState()
        caseView = nil
        pager = nil
        helpContext = .caseList
        helpScroll = ScrollWindow()
        prompt = nil
        message = nil
        quitting = false
    }

    /// The screen on top.
    public var screen: Screen { screens.last ?? .caseList }

    /// Whether the terminal is below the minimum size.
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Where keys go now: the prompt when one is open, else the screen (and tab) on top.
    public var keyContext: KeyContext {
        if prompt != nil { return .prompt }
        return context(of: screen)
    }

    /// The key context of a screen.
    public func context(of screen: Screen) -> KeyContext {
        switch screen {
        case .warning: return .warning
        case .caseList: return .caseList
        case .caseView: return caseView?.tab.keyContext ?? .timeline
        case .pager: return .pager
        case .help: return .help
        case .heldMail: return .heldMail
        }
    }

    /// The layout of the current size.
    public var layout: Layout { Layout(width: width, height: height, banner: !warnings.isEmpty) }
}
