import Foundation
import ReinstateCore

/// The case view: the case on the title bar, the banner, the tab bar, and the current tab.
public enum CaseViewScreen {
    /// The tab titles with their counts.
    public static func tabTitles(_ view: CaseViewState) -> [String] {
        let open = view.file.unanswered.count
        let openDeadlines = view.deadlines.filter(\.isOpen).count
        return [
            "Timeline (\(view.timeline.count))",
            open > 0 ? "Requested (●\(open) open)" : "Requested (\(view.file.requests.count))",
            "Plans (\(view.plans.count))",
            "Deadlines (\(openDeadlines) open)",
        ]
    }

    /// Draws the case view.
    public static func draw(_ state: AppState, in frame: inout Frame) {
        guard let view = state.caseView else { return }
        let layout = state.layout
        let c = view.file.suspensionCase
        let title = "#\(c.id) \(c.title) · \(c.account.isEmpty ? "no account" : c.account) · \(c.marketplace.isEmpty ? "–" : c.marketplace) · \(c.reason.label) · \(c.scope.label)"
        TitleBar.draw(title, right: c.status.label, readOnly: state.options.readOnly, in: &frame)
        if let y = layout.bannerY {
            DeadlineBanner.draw(state.warnings, now: state.now, window: state.options.warningWindow, y: y, in: &frame)
        }
        TabBar.draw(tabTitles(view), selected: view.tab.rawValue, y: layout.tabBarY, in: &frame)
        switch view.tab {
        case .timeline: TimelineTab.draw(view, state: state, in: &frame)
        case .requestedDetails: RequestedDetailsTab.draw(view, state: state, in: &frame)
        case .plans: PlansTab.draw(view, state: state, in: &frame)
        case .deadlines: DeadlinesTab.draw(view, state: state, in: &frame)
        }
    }

    /// Draws rows of a tab's list from its scroll window, the selected one reversed; `empty` when none.
    static func drawRows(
        count: Int, scroll: ScrollWindow, top: Int, visible: Int, empty: String, in frame: inout Frame,
        row: (Int, Int, inout Frame) -> Void
    ) {
        guard count > 0 else {
            frame.write(empty, x: 2, y: top + 1, style: .muted)
            return
        }
        let range = scroll.visibleRange(count: count, visible: visible)
        for index in range {
            let y = top + index - range.lowerBound
            row(index, y, &frame)
            if index == scroll.selected {
                frame.write("▶", x: 0, y: y, style: .selected)
                frame.restyle(x: 0, y: y, count: frame.width) { $0.reverse = true }
            }
        }
    }
}
