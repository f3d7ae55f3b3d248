import Foundation
import ReinstateCore

/// The screen at launch when deadlines are overdue or due within the warning window: each case with
/// its deadline, time left, and how many requested details are still unanswered. Any key goes on.
public enum WarningScreen {
    static let columns = [
        TableColumn("Case", width: 6, alignRight: true, keepWhole: true),
        TableColumn("Title", width: 12, flexible: true, minimum: 8),
        TableColumn("Account", width: 12, minimum: 6, maximum: 28),
        TableColumn("Due", width: 16, minimum: 10),
        TableColumn("Time left", width: 15, keepWhole: true),
        TableColumn("Open", width: 4, alignRight: true, keepWhole: true),
    ]

    /// "3 days", "36 hours".
    public static func windowText(_ window: TimeInterval) -> String {
        let hours = Int(window / 3600)
        if hours % 24 == 0 { return hours == 24 ? "1 day" : "\(hours / 24) days" }
        return "\(hours) hours"
    }

    /// Draws the warning.
    public static func draw(_ state: AppState, in frame: inout Frame) {
        let warnings = state.warnings
        let zone = state.options.timeZone
        TitleBar.draw("Deadlines need you", readOnly: state.options.readOnly, in: &frame)
        let overdue = warnings.overdue(at: state.now)
        let count = "! \(warnings.count) deadline\(warnings.count == 1 ? "" : "s")"
        let heading = state.options.warningWindow <= 0
            ? count + " overdue"
            : count + " overdue or due within " + windowText(state.options.warningWindow) + (overdue > 0 ? " (\(overdue) overdue)" : "")
        frame.write(TextLayout.truncate(heading, to: frame.width - 2), x: 1, y: 2, style: overdue > 0 ? .danger : .warning)
        let rows = max(0, state.layout.messageY - 6)
        let cells = warnings.first.prefix(rows).map { warning -> [Span] in
            let summary = warning.summary
            let due = warning.deadline.due
            let style = DeadlineText.style(due: due, now: state.now, window: state.options.warningWindow)
            let title = summary.title.isEmpty ? summary.reason.label : summary.title
            return [
                Span("#\(summary.id)"), Span(title), Span(summary.account),
                Span(Timestamp.local(due, zone: zone)), Span(DeadlineRules.countdown(until: due, now: state.now), style),
                Span(summary.unanswered > 0 ? "●\(summary.unanswered)" : "0", summary.unanswered > 0 ? .danger : .muted),
            ]
        }
        let widths = Table.fitted(columns, rows: cells, total: frame.width - 2)
        Table.drawHeader(columns, widths: widths, x: 1, y: 4, in: &frame)
        for (index, row) in cells.enumerated() {
            Table.draw(row, columns: columns, widths: widths, x: 1, y: 5 + index, in: &frame)
        }
        let shown = min(rows, warnings.first.count)
        if warnings.count > shown {
            frame.write("… and \(warnings.count - shown) more", x: 1, y: 5 + shown, style: .muted)
        }
        if state.message == nil, state.prompt == nil {
            frame.write("Press any key to go on to your cases.", x: 1, y: state.layout.messageY, style: .muted)
        }
    }
}
