import Foundation

/// What the deadline rules need to know about a case: its facts, read by a store.
public struct DeadlineFacts: Sendable {
    public var opened: Date
    public var status: CaseStatus
    /// When the status was last set; it closes the deadlines when the case is finished.
    public var statusChanged: Date
    public var messages: [(kind: MessageKind, received: Date)]
    /// The submitted plan versions and when they were sent.
    public var submissions: [(version: Int, at: Date)]
    /// The case's deadlines as stored (their due dates and closures are recomputed).
    public var deadlines: [Deadline]

    public init(
        opened: Date, status: CaseStatus, statusChanged: Date, messages: [(kind: MessageKind, received: Date)],
        submissions: [(version: Int, at: Date)], deadlines: [Deadline]
    ) {
        self.opened = opened
        self.status = status
        self.statusChanged = statusChanged
        self.messages = messages
        self.submissions = submissions
        self.deadlines = deadlines
    }
}

/// The deadlines of a case recomputed from its facts: what a store writes back.
public struct DeadlineRefresh: Sendable, Equatable {
    /// Every deadline with its due date and closure as the rules have them now.
    public var deadlines: [Deadline]
    /// The case's next due date: the earliest open deadline's, nil when none is open.
    public var nextDue: Date?

    /// Applies `DeadlineRules` to the facts. Due dates and closures are never edited by hand: every
    /// write that touches a message, a submission or the status asks for this and stores the result.
    public init(_ facts: DeadlineFacts) {
        let original = DeadlineRules.originalNotification(opened: facts.opened, messages: facts.messages)
        let finished = facts.status.isFinished ? (status: facts.status, at: facts.statusChanged) : nil
        var next: Date? = nil
        deadlines = facts.deadlines.map { stored in
            var deadline = stored
            deadline.due = stored.rule.due(messageReceived: stored.set, originalNotification: original)
            deadline.closure = DeadlineRules.closure(set: stored.set, submissions: facts.submissions, finished: finished)
            if deadline.closure == nil { next = min(next ?? deadline.due, deadline.due) }
            return deadline
        }
        nextDue = next
    }
}
