import Foundation

/// Everything the store holds about one case.
public struct CaseHistory: Sendable, Equatable {
    public var suspensionCase: SuspensionCase
    public var messages: [AmazonMessage]
    public var requests: [RequestedDetail]
    public var plans: [PlanVersion]
    public var deadlines: [Deadline]
    public var notes: [Note]
    public var evidence: [Evidence]

    public init(
        suspensionCase: SuspensionCase, messages: [AmazonMessage] = [], requests: [RequestedDetail] = [],
        plans: [PlanVersion] = [], deadlines: [Deadline] = [], notes: [Note] = [], evidence: [Evidence] = []
    ) {
        self.suspensionCase = suspensionCase
        self.messages = messages
        self.requests = requests
        self.plans = plans
        self.deadlines = deadlines
        self.notes = notes
        self.evidence = evidence
    }

    /// The earliest open deadline.
    public var nextDeadline: Deadline? { DeadlineRules.next(of: deadlines) }

    /// Requested details still waiting for an answer.
    public var unanswered: [RequestedDetail] { requests.filter(\.state.isOpen) }

    /// How many plan versions were sent to Amazon.
    public var appealsSubmitted: Int { plans.filter { !$0.isDraft }.count }
}
