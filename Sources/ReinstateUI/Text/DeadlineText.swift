import Foundation
import ReinstateCore

/// Words and colours for deadlines, shared by the warning screen, the case list and the case view.
public enum DeadlineText {
    /// The style of a countdown: danger when overdue or under 24 hours, warning within the window.
    public static func style(due: Date, now: Date, window: TimeInterval) -> Style {
        let left = due.timeIntervalSince(now)
        if left < 86_400 { return .danger }
        if left <= window { return .warning }
        return .plain
    }

    /// "counts from the first notice" or "counts from this message".
    public static func anchor(_ anchor: DeadlineAnchor) -> String {
        switch anchor {
        case .originalNotification: return "the original notification"
        case .thisMessage: return "the message that set it"
        }
    }

    /// "open · 3d 4h left" (coloured) or "✓ plan v2 submitted 2026-11-05".
    public static func state(_ deadline: Deadline, now: Date, zone: TimeZone, window: TimeInterval = 3 * 86_400) -> StyledLine {
        switch deadline.closure {
        case nil:
            return [Span("open · "), Span(DeadlineRules.countdown(until: deadline.due, now: now),
                                         style(due: deadline.due, now: now, window: window))]
        case .planSubmitted(_, let at)?, .caseFinished(_, let at)?:
            return [Span("✓ \(deadline.closure?.label ?? "closed") \(Timestamp.day(at, zone: zone))", .good)]
        }
    }
}
