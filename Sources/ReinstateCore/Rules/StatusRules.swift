import Foundation

/// The status an event moves a case to. Both stores ask here, so a message or a submission moves a
/// case the same way whichever store holds it.
public enum StatusRules {
    /// The status a stored message moves a case to, or nil when it stays where it is. A reinstatement
    /// moves it to "reinstated", a denial to "denied", a reply that asks for something to "more
    /// information requested"; a finished case is never reopened by a message.
    public static func afterMessage(current: CaseStatus, kind: MessageKind, requestCount: Int) -> CaseStatus? {
        guard !current.isFinished else { return nil }
        let next: CaseStatus?
        switch kind {
        case .reinstatement: next = .reinstated
        case .denial: next = .denied
        case .reply where requestCount > 0: next = .moreInformationRequested
        default: next = nil
        }
        return next == current ? nil : next
    }

    /// The status a new plan version moves a case to (nil: it stays): a submitted one to "appeal
    /// submitted", a first draft of an open case to "plan drafted". The store stamps the status with the
    /// submission (or creation) time even when it was already "appeal submitted": the latest appeal counts.
    public static func afterPlan(current: CaseStatus, submitted: Bool) -> CaseStatus? {
        guard !current.isFinished else { return nil }
        if submitted { return .appealSubmitted }
        return current == .open ? .planDrafted : nil
    }
}
