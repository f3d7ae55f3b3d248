import Foundation

/// The requests a submitted plan version answers, as the matcher reads it.
public enum SubmissionMarks {
    /// When version `version` goes to Amazon at `submitted`, the requests asked before it that it
    /// answers (as `reinstate check` reads it) are marked answered by it, "by matcher". Only requests
    /// still open count: unanswered, or reopened by the seller (reopening means "not answered by what I
    /// had sent", so a version submitted after it that answers it counts). One the seller waived or
    /// answered keeps the seller's word. The matcher leaves a request unanswered when in doubt, so what
    /// stays open after a submission is what the version did not answer. `only` limits it to some
    /// requests. Returns the requests to mark, as they are now, in the order they were stored.
    public static func answered(
        by text: String, submitted: Date, in history: CaseHistory, only: Set<Int64>? = nil
    ) -> [RequestedDetail] {
        let cutoff = Timestamp.wholeSeconds(submitted)
        let received = Dictionary(history.messages.map { ($0.id, $0.received) }, uniquingKeysWith: { a, _ in a })
        let open = history.requests.filter { request in
            guard request.state.isOpen, let at = received[request.messageID], at <= cutoff else { return false }
            return only?.contains(request.id) ?? true
        }
        guard !open.isEmpty else { return [] }
        let reading = PlanReader().read(text)
        // What Amazon already turned down does not answer again: the same judgement as `check`.
        let matcher = CoverageMatcher(history: history)
        return open.filter { matcher.verdict(for: $0, in: reading).answered }.sorted { $0.id < $1.id }
    }
}
