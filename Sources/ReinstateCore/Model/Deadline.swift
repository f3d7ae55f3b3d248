import Foundation

/// The unit of a deadline as Amazon states it.
public enum DeadlineUnit: String, Sendable, Codable {
    case days
    case hours
    /// "within 5 business days", "5 Werktage", "5个工作日": Monday to Friday.
    case businessDays = "business-days"
}

/// What a deadline counts from.
public enum DeadlineAnchor: String, Sendable, Codable {
    /// "within 14 days of the original notification": from the case's first notice, not from this reply.
    case originalNotification = "original-notification"
    /// "within 17 days": from the message that states it.
    case thisMessage = "this-message"
}

/// A deadline as read from a message: an amount of time counted from an anchor.
public struct DeadlineRule: Sendable, Equatable, Codable {
    public var amount: Int
    public var unit: DeadlineUnit
    public var anchor: DeadlineAnchor
    /// The phrase as Amazon wrote it.
    public var text: String

    public init(amount: Int, unit: DeadlineUnit, anchor: DeadlineAnchor, text: String) {
        self.amount = amount
        self.unit = unit
        self.anchor = anchor
        self.text = text
    }

    /// The length of the window; business days count as calendar days here (see `due`).
    public var seconds: TimeInterval {
        TimeInterval(amount) * (unit == .hours ? 3_600 : 86_400)
    }

    /// When the window closes, given when the message arrived and when the case's first notice arrived.
    /// Business days skip Saturdays and Sundays (in UTC, the calendar Amazon's notices count in).
    public func due(messageReceived: Date, originalNotification: Date) -> Date {
        let start = anchor == .originalNotification ? originalNotification : messageReceived
        guard unit == .businessDays else { return start.addingTimeInterval(seconds) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var day = start
        var left = amount
        while left > 0 {
            day = day.addingTimeInterval(86_400)
            let weekday = calendar.component(.weekday, from: day)
            if weekday != 1 && weekday != 7 { left -= 1 }
        }
        return day
    }
}

/// Why an open deadline stopped counting.
public enum DeadlineClosure: Sendable, Equatable {
    /// A plan version was submitted after the deadline was set.
    case planSubmitted(version: Int, at: Date)
    /// The case was finished (reinstated, denied or closed).
    case caseFinished(status: CaseStatus, at: Date)

    public var label: String {
        switch self {
        case .planSubmitted(let version, _): return "plan v\(version) submitted"
        case .caseFinished(let status, _): return "case \(status.label)"
        }
    }
}

/// A deadline of a case: the rule, when it was set (the message's arrival), when it falls due, and
/// what closed it.
public struct Deadline: Sendable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var messageID: Int64
    public var rule: DeadlineRule
    public var set: Date
    public var due: Date
    public var closure: DeadlineClosure?

    public init(
        id: Int64 = 0, caseID: Int64, messageID: Int64, rule: DeadlineRule, set: Date, due: Date,
        closure: DeadlineClosure? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.messageID = messageID
        self.rule = rule
        self.set = set
        self.due = due
        self.closure = closure
    }

    public var isOpen: Bool { closure == nil }
}

/// The rules that decide when deadlines fall due and when they close.
public enum DeadlineRules {
    /// The instant a case's "original notification" refers to: its earliest notice, else its earliest
    /// message, else the day the case was opened.
    public static func originalNotification(
        opened: Date, messages: [(kind: MessageKind, received: Date)]
    ) -> Date {
        if let notice = messages.filter({ $0.kind == .notice }).map(\.received).min() { return notice }
        if let first = messages.map(\.received).min() { return first }
        return opened
    }

    /// Whether submitting a plan at `submitted` closes a deadline set at `set`: only a submission made
    /// after the request that set it answers it.
    public static func submissionCloses(deadlineSet set: Date, submitted: Date) -> Bool {
        submitted >= set
    }

    /// The earliest open deadline, which is the one a seller must act on next.
    public static func next(of deadlines: [Deadline]) -> Deadline? {
        deadlines.filter(\.isOpen).min { $0.due < $1.due }
    }

    /// Whole days and hours left (negative when overdue), for "2d 5h" style countdowns.
    public static func timeLeft(until due: Date, now: Date) -> (overdue: Bool, days: Int, hours: Int) {
        let seconds = due.timeIntervalSince(now)
        let total = Int((abs(seconds) / 3600).rounded(.down))
        return (seconds < 0, total / 24, total % 24)
    }

    /// "3d 4h left", "5h left", "under 1h left", "overdue 1d 2h".
    public static func countdown(until due: Date, now: Date) -> String {
        let left = timeLeft(until: due, now: now)
        let span = left.days > 0 ? "\(left.days)d \(left.hours)h" : left.hours > 0 ? "\(left.hours)h" : "under 1h"
        return left.overdue ? "overdue \(span)" : "\(span) left"
    }
}

extension DeadlineRules {
    /// What closes a deadline set at `set`: the first plan submitted at or after it, or the case being
    /// finished, whichever came first. Nil while it is still open.
    public static func closure(
        set: Date, submissions: [(version: Int, at: Date)], finished: (status: CaseStatus, at: Date)?
    ) -> DeadlineClosure? {
        let plan = submissions.filter { submissionCloses(deadlineSet: set, submitted: $0.at) }
            .min { $0.at < $1.at || ($0.at == $1.at && $0.version < $1.version) }
        let byPlan = plan.map { DeadlineClosure.planSubmitted(version: $0.version, at: $0.at) }
        let byCase = finished.map { DeadlineClosure.caseFinished(status: $0.status, at: $0.at) }
        if let plan, let finished { return plan.at <= finished.at ? byPlan : byCase }
        return byPlan ?? byCase
    }
}
