import Foundation

/// What a correction changes besides the fact it corrects, as pure functions of a case's facts, so the
/// local and the team store put a mistake right the same way: each reads the facts, asks here, and
/// writes the answer.
public enum CorrectionRules {
    /// The matcher's marks on some requests (one message's, after its date or case was corrected) worked
    /// out again, as the case's submissions would have made them had the message been where and when it
    /// is now: the marks the matcher made are taken off, then every submitted version, in the order they
    /// were sent (then by number), marks what it answers among the requests asked before it. Requests
    /// carrying the seller's word are left alone and not returned. `history` is the case as it is now
    /// (the message already in it, with its new date). Returns the other requests among `ids`, with the
    /// state they must have, in the order they are stored.
    public static func redoMatcherMarks(of ids: Set<Int64>, in history: CaseHistory) -> [RequestedDetail] {
        var history = history
        let candidates = Set(history.requests.filter { ids.contains($0.id) && !$0.state.isUsersWord }.map(\.id))
        guard !candidates.isEmpty else { return [] }
        for i in history.requests.indices where candidates.contains(history.requests[i].id) {
            if case .answered(_, .matcher) = history.requests[i].state {
                history.requests[i].state = .unanswered
                (history.requests[i].stateSetBy, history.requests[i].stateSetAt) = (nil, nil)
            }
        }
        let sent = history.plans.compactMap { plan in plan.submitted.map { (plan: plan, at: $0) } }
            .sorted { ($0.at, $0.plan.number) < ($1.at, $1.plan.number) }
        for (plan, at) in sent {
            let marked = Set(SubmissionMarks.answered(by: plan.text, submitted: at, in: history, only: candidates).map(\.id))
            for i in history.requests.indices where marked.contains(history.requests[i].id) {
                history.requests[i].state = .answered(version: plan.number, by: .matcher)
                // A mark is the submission's: made by whoever recorded it, when it was sent (neither when
                // nobody was recorded, as the demo's).
                history.requests[i].stateSetBy = plan.submittedBy
                history.requests[i].stateSetAt = plan.submittedBy == nil ? nil : Timestamp.wholeSeconds(at)
            }
        }
        return history.requests.filter { candidates.contains($0.id) }
    }

    /// A requested detail moved with its message to another case: a mark "answered by vN" named the old
    /// case's versions, so it is taken off (whoever made it); a waiver or a reopening stays.
    public static func movedToAnotherCase(_ request: RequestedDetail, caseID: Int64) -> RequestedDetail {
        var moved = request
        moved.caseID = caseID
        if case .answered = request.state { (moved.state, moved.stateSetBy, moved.stateSetAt) = (.unanswered, nil, nil) }
        return moved
    }

    /// The status a case moves to when the submission of one of its versions is taken back (nil: it
    /// stays): "appeal submitted" with no other submitted version goes back to "plan drafted".
    public static func statusAfterUnsubmit(current: CaseStatus, otherSubmitted: Int) -> CaseStatus? {
        current == .appealSubmitted && otherSubmitted == 0 ? .planDrafted : nil
    }
}
