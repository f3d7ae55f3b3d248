import Foundation
import ReinstateCore

/// The one line that keeps due deadlines in sight after the launch warning: how many are overdue or
/// due soon, and the most urgent one.
public enum DeadlineBanner {
    /// The banner's text, starting with "!" so it reads without colour.
    /// `warnings` are sorted by due date, as the state keeps them.
    public static func text(_ warnings: [DueDeadline], now: Date, window: TimeInterval) -> String {
        let overdue = overdueCount(warnings, now: now)
        let soon = warnings.count - overdue
        var parts: [String] = []
        if overdue > 0 { parts.append("\(overdue) overdue") }
        if soon > 0 { parts.append("\(soon) due within \(WarningScreen.windowText(window))") }
        var text = "! " + parts.joined(separator: ", ")
        if let first = warnings.first {
            let title = first.summary.title.isEmpty ? first.summary.reason.label : first.summary.title
            text += " · next: #\(first.summary.id) \(TerminalSafe.singleLine(title)) (\(DeadlineRules.countdown(until: first.deadline.due, now: now)))"
        }
        return text
    }

    /// How many of `warnings` (sorted by due date, as the state keeps them) are overdue at `now`.
    public static func overdueCount(_ warnings: [DueDeadline], now: Date) -> Int {
        var low = 0, high = warnings.count
        while low < high {
            let mid = (low + high) / 2
            if warnings[mid].deadline.due <= now { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Draws the banner across row `y`.
    public static func draw(_ warnings: [DueDeadline], now: Date, window: TimeInterval, y: Int, in frame: inout Frame) {
        guard let first = warnings.first?.deadline.due else { return }
        let style = DeadlineText.style(due: first, now: now, window: window)
        frame.fill(x: 0, y: y, count: frame.width)
        frame.write(TextLayout.truncate(text(warnings, now: now, window: window), to: frame.width), x: 0, y: y, style: style)
    }
}
