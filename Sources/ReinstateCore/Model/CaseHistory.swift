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

    /// Requested details still waiting for an answer Amazon can see: unanswered, reopened, or answered
    /// only in a draft (see `DetailStanding`).
    public var unanswered: [RequestedDetail] {
        let sent = submittedVersions
        return requests.filter { $0.standing(isSubmitted: sent.contains).isOpen }
    }

    /// The numbers of the versions sent to Amazon.
    public var submittedVersions: Set<Int> { Set(plans.lazy.filter { !$0.isDraft }.map(\.number)) }

    /// Where a requested detail of this case stands for what Amazon has seen.
    public func standing(of request: RequestedDetail) -> DetailStanding {
        let sent = submittedVersions
        return request.standing(isSubmitted: sent.contains)
    }

    /// The standing in words, with a waiver taken back ("answered in draft v2 (not sent yet)").
    public func standingLabel(of request: RequestedDetail) -> String {
        let sent = submittedVersions
        return request.standingLabel(isSubmitted: sent.contains)
    }

    /// How many plan versions were sent to Amazon.
    public var appealsSubmitted: Int { plans.filter { !$0.isDraft }.count }
}
