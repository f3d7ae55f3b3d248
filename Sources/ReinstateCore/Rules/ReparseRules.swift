import Foundation

/// What reading a stored message again changed.
public struct Reparse: Sendable, Equatable {
    public var added: Int
    public var removed: Int
    /// Items the new reading no longer finds but that carry the seller's word; they are kept.
    public var keptForYourWord: Int
    public var unchanged: Int
    /// Items found again that became alternatives, or stopped being one (their state is kept).
    public var regrouped: Int = 0

    public init(added: Int, removed: Int, keptForYourWord: Int, unchanged: Int, regrouped: Int = 0) {
        self.added = added
        self.removed = removed
        self.keptForYourWord = keptForYourWord
        self.unchanged = unchanged
        self.regrouped = regrouped
    }

    /// Whether the checklist reads differently now.
    public var changedChecklist: Bool { added > 0 || removed > 0 || regrouped > 0 }
}

/// How a stored message's checklist changes when it is read again (`message reparse`), as a pure
/// function of its requests as stored and the new reading, so the local and the team store reparse the
/// same way: each reads the message's requests, asks here, and writes the answer (then refreshes the
/// case's deadlines with `DeadlineRefresh`).
public enum ReparseRules {
    /// A stored request that stays, with what it holds now (its state is never touched).
    public struct Kept: Sendable, Equatable {
        public var id: Int64
        public var position: Int
        public var aspect: Aspect
        public var topic: String
        public var alternative: RequestAlternative?
    }

    /// A request the new reading finds that was not stored: added unanswered at `position`.
    public struct Added: Sendable, Equatable {
        public var position: Int
        public var request: ReadRequest
    }

    /// What to write.
    public struct Changes: Sendable, Equatable {
        /// Requests found again (in the new reading's order), then those kept for the seller's word.
        public var kept: [Kept]
        /// New requests, to be stored in this order before any is removed.
        public var added: [Added]
        /// Ids of requests no longer found and not carrying the seller's word.
        public var removed: [Int64]
        /// The message's text as read now.
        public var text: String
        /// The message's deadline as read now (nil: none). The message's deadline row, when it has one,
        /// keeps its id and takes this rule; without a rule it is removed; a rule where there was no row adds one.
        public var deadline: DeadlineRule?
        /// The counts `message reparse` prints.
        public var summary: Reparse
    }

    /// Requests still found (same text, first unmatched one) keep their state and take the new position,
    /// alternative, aspect and topic (the last two only unless the seller corrected them); new ones are
    /// added; ones no longer found are removed unless the seller marked them (answered, waived,
    /// reopened): those are kept after the others, standing alone. `old` is the message's requests in
    /// their stored order; `received` is when the message arrived (for a deadline given as a date).
    public static func changes(old: [RequestedDetail], reading: MessageReading, received: Date) -> Changes {
        var summary = Reparse(added: 0, removed: 0, keptForYourWord: 0, unchanged: 0)
        var kept: [Kept] = [], added: [Added] = [], removed: [Int64] = []
        var matched = Set<Int64>()
        for (position, request) in reading.requested.enumerated() {
            if let same = old.first(where: { !matched.contains($0.id) && $0.text == request.text }) {
                matched.insert(same.id)
                kept.append(
                    Kept(
                        id: same.id, position: position, aspect: same.corrected ? same.aspect : request.aspect,
                        topic: same.corrected ? same.topic : request.topic, alternative: request.alternative))
                // A request found again as an alternative (or no longer one) is a changed checklist.
                if same.alternative != request.alternative { summary.regrouped += 1 } else { summary.unchanged += 1 }
            } else {
                added.append(Added(position: position, request: request))
                summary.added += 1
            }
        }
        for item in old where !matched.contains(item.id) {
            if item.state.isUsersWord {
                kept.append(
                    Kept(
                        id: item.id, position: reading.requested.count + summary.keptForYourWord, aspect: item.aspect,
                        topic: item.topic, alternative: nil))
                summary.keptForYourWord += 1
            } else {
                removed.append(item.id)
                summary.removed += 1
            }
        }
        let rule = reading.deadlineRule(received: received).flatMap { $0.amount > 0 ? $0 : nil }
        return Changes(kept: kept, added: added, removed: removed, text: reading.text, deadline: rule, summary: summary)
    }

    /// A request's aspect or topic corrected by the seller (`request edit`): the topic without the
    /// spaces around it, and marked corrected, so a new reading keeps the seller's words.
    public static func edited(_ request: RequestedDetail, aspect: Aspect?, topic: String?) -> RequestedDetail {
        var edited = request
        guard aspect != nil || topic != nil else { return edited }
        if let aspect { edited.aspect = aspect }
        if let topic { edited.topic = topic.trimmingCharacters(in: .whitespacesAndNewlines) }
        edited.corrected = true
        return edited
    }
}
