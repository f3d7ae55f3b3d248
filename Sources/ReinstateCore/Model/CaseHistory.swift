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
    /// The attachments kept with its messages (mail intake), by message id, without their bytes. Filled
    /// when one case is read whole (the tracker's case view); empty in lists and batches.
    public var attachments: [Int64: [StoredAttachment]] = [:]

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
    /// only in a draft (see `DetailStanding`), less alternatives no longer needed.
    public var unanswered: [RequestedDetail] {
        requests.filter { standing(of: $0).isOpen }
    }

    /// The numbers of the versions sent to Amazon.
    public var submittedVersions: Set<Int> { Set(plans.lazy.filter { !$0.isDraft }.map(\.number)) }

    /// Where a requested detail of this case stands for what Amazon has seen.
    public func standing(of request: RequestedDetail) -> DetailStanding {
        let sent = submittedVersions
        if let option = answeredAlternative(of: request, sent: sent) { return .notNeeded(option: option) }
        return request.standing(isSubmitted: sent.contains)
    }

    /// The standing in words, with a waiver taken back ("answered in draft v2 (not sent yet)").
    public func standingLabel(of request: RequestedDetail) -> String {
        let sent = submittedVersions
        if let option = answeredAlternative(of: request, sent: sent) {
            return DetailStanding.notNeeded(option: option).label
        }
        return request.standingLabel(isSubmitted: sent.contains)
    }

    /// The requests of the same group of alternatives as `request` (itself included), in the order
    /// Amazon asked; empty for a request that stands on its own.
    public func alternatives(of request: RequestedDetail) -> [RequestedDetail] {
        guard let alternative = request.alternative else { return [] }
        return requests.filter { $0.messageID == request.messageID && $0.alternative?.group == alternative.group }
    }

    /// How many options the group of alternatives of `request` has (0 for a request on its own).
    public func optionCount(of request: RequestedDetail) -> Int {
        Set(alternatives(of: request).compactMap(\.alternative?.option)).count
    }

    /// The rule for alternatives: a request nobody marked whose group has another option answered in
    /// full by versions sent to Amazon is no longer needed; that option's number. The store's open
    /// count (`Schema.CaseCount.openWithAlternatives`, migration v5) counts the same way in SQL.
    func answeredAlternative(of request: RequestedDetail, sent: Set<Int>) -> Int? {
        guard let own = request.alternative, request.state == .unanswered else { return nil }
        let group = alternatives(of: request).compactMap { item -> (option: Int, answered: Bool)? in
            guard let option = item.alternative?.option else { return nil }
            if case .answered(let version, _) = item.state { return (option, sent.contains(version)) }
            return (option, false)
        }
        return RequestAlternative.answeredOption(besides: own.option, in: group)
    }

    /// How many plan versions were sent to Amazon.
    public var appealsSubmitted: Int { plans.filter { !$0.isDraft }.count }
}

extension CaseHistory {
    /// The history with no author on anything (what a redacted export shows).
    public func withoutAuthors() -> CaseHistory {
        var h = self
        h.suspensionCase.statusSetBy = nil
        for i in h.messages.indices { h.messages[i].addedBy = nil }
        for i in h.requests.indices { (h.requests[i].stateSetBy, h.requests[i].stateSetAt) = (nil, nil) }
        for i in h.plans.indices { (h.plans[i].createdBy, h.plans[i].submittedBy) = (nil, nil) }
        for i in h.notes.indices { h.notes[i].author = nil }
        return h
    }
}

/// How an author reads after what they did: " by dana", or nothing when no one was recorded.
public enum AuthorWords {
    public static func by(_ author: String?) -> String {
        guard let author, !author.isEmpty else { return "" }
        return " by " + TerminalSafe.singleLine(author)
    }
}
