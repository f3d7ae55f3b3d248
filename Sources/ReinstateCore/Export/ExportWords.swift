import Foundation

/// Words and numbers shared by the export formats, so Markdown, HTML and iCalendar say the same thing.
enum ExportWords {
    /// "Notice from Amazon", "Reply from Amazon" …
    static func heading(of kind: MessageKind) -> String {
        switch kind {
        case .notice: return "Notice from Amazon"
        case .reply: return "Reply from Amazon"
        case .warning: return "Warning from Amazon"
        case .reinstatement: return "Reinstatement from Amazon"
        case .denial: return "Denial from Amazon"
        case .other: return "Message from Amazon"
        }
    }

    /// "12,345": grouped digits without a locale, so exports read the same everywhere.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = value < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// "1 byte", "12,345 bytes".
    static func bytes(_ size: Int64) -> String {
        size == 1 ? "1 byte" : grouped(size) + " bytes"
    }

    /// "the case's original notification" or "the message of 2026-11-06 …".
    static func anchor(of deadline: Deadline, time: (Date) -> String) -> String {
        deadline.rule.anchor == .originalNotification
            ? "counted from the original notification" : "counted from the message of \(time(deadline.set))"
    }

    /// "open, 3d 4h left" / "closed: plan v2 submitted 2026-…".
    static func state(of deadline: Deadline, now: Date, time: (Date) -> String) -> String {
        switch deadline.closure {
        case nil: return "open, " + DeadlineRules.countdown(until: deadline.due, now: now)
        case .planSubmitted(let version, let at)?: return "closed: plan v\(version) submitted \(time(at))"
        case .caseFinished(let status, let at)?: return "closed: case \(status.label) \(time(at))"
        }
    }
}
