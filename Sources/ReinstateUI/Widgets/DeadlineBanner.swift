import Foundation
import ReinstateCore

/// The one line that keeps due deadlines in sight after the launch warning: how many are overdue or
/// due soon, and the most urgent one.
public enum DeadlineBanner {
    /// The banner's text, starting with "!" so it reads without colour.
    public static func text(_ warnings: DueWarnings, now: Date, window: TimeInterval) -> String {
        let overdue = warnings.overdue(at: now)
        let soon = warnings.count - overdue
        var parts: [String] = []
        if overdue > 0 { parts.append("\(overdue) overdue") }
        if soon > 0 { parts.append("\(soon) due within \(WarningScreen.windowText(window))") }
        var text = "! " + parts.joined(separator: ", ")
        if let first = warnings.first.first {
            let title = first.summary.title.isEmpty ? first.summary.reason.label : first.summary.title
            text += " · next: #\(first.summary.id) \(TerminalSafe.singleLine(title)) (\(DeadlineRules.countdown(until: first.deadline.due, now: now)))"
        }
        return text
    }

    /// Draws the banner across row `y`.
    public static func draw(_ warnings: DueWarnings, now: Date, window: TimeInterval, y: Int, in frame: inout Frame) {
        guard let first = warnings.dues.first else { return }
        let style = DeadlineText.style(due: first, now: now, window: window)
        frame.fill(x: 0, y: y, count: frame.width)
        frame.write(TextLayout.truncate(text(warnings, now: now, window: window), to: frame.width), x: 0, y: y, style: style)
    }
}
