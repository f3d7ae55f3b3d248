import Foundation

/// The check of one plan version (or a draft) against its case: the plan as read, coverage of every
/// requested detail, and the review's findings. What `reinstate check` prints.
public struct PlanCheck: Sendable, Equatable {
    public var reading: PlanReading
    public var coverage: [RequestCoverage]
    public var findings: [ReviewFinding]
    /// The version checked; nil for a draft not stored yet.
    public var version: Int?

    /// Whether anything blocking remains: the plan should not be sent as it is.
    public var hasBlocking: Bool { findings.contains { $0.severity == .blocking } }

    /// Checks `text` as version `version` of the case in `history` (nil: a draft, compared with the
    /// latest submitted version). `otherPlans` are other cases' plans sharing passages with it (see
    /// `passages(of:)`).
    public static func run(text: String, version: Int?, history: CaseHistory, otherPlans: [OtherCasePlan] = []) -> PlanCheck {
        run(reading: PlanReader().read(text), version: version, history: history, otherPlans: otherPlans)
    }

    /// Checks a plan already read.
    public static func run(reading: PlanReading, version: Int?, history: CaseHistory, otherPlans: [OtherCasePlan] = []) -> PlanCheck {
        let facts = SentenceFacts.of(reading)
        let matcher = CoverageMatcher(history: history)
        let rejected = RepeatedRequests.rejectedVersions(in: history)
        // Not sent yet (a file, or a stored draft): a reopened request is judged by the matcher.
        let isDraft = version.map { v in history.plans.first { $0.number == v }?.submitted == nil } ?? true
        let otherDrafts = Set(history.plans.filter { $0.isDraft && $0.number != version }.map(\.number))
        let coverage = matcher.coverage(
            of: history.requests, in: reading, rejected: rejected, facts: facts, planIsDraft: isDraft,
            otherDrafts: otherDrafts)
        let previous = history.plans.filter { p in p.submitted != nil && (version.map { p.number < $0 } ?? true) }
            .max { $0.number < $1.number }
        let context = PlanReview.Context(
            coverage: coverage, plans: history.plans, previousSubmitted: previous,
            otherPlans: otherPlans.filter { $0.caseID != history.suspensionCase.id }, account: history.suspensionCase.account)
        return PlanCheck(
            reading: reading, coverage: coverage, findings: PlanReview.findings(for: reading, context: context, facts: facts),
            version: version)
    }

    /// Passages of `reading` worth looking for in other cases' plans (for the store's text search).
    public static func passages(of reading: PlanReading) -> [String] {
        CopiedText.passages(of: reading)
    }
}
