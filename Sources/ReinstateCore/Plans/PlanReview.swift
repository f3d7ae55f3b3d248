import Foundation

/// The review before sending: every rule of `ReviewRule` run over a plan, with what the case knows.
public enum PlanReview {
    /// What the review needs besides the plan.
    public struct Context: Sendable {
        /// Coverage of the case's requested details by this plan.
        public var coverage: [RequestCoverage]
        /// The case's stored versions, to compare answers with versions Amazon turned down.
        public var plans: [PlanVersion]
        /// The last version Amazon read before this one, if any.
        public var previousSubmitted: PlanVersion?
        /// Other cases' plans that share passages with this one.
        public var otherPlans: [OtherCasePlan]
        /// This case's seller account.
        public var account: String

        public init(
            coverage: [RequestCoverage] = [], plans: [PlanVersion] = [], previousSubmitted: PlanVersion? = nil,
            otherPlans: [OtherCasePlan] = [], account: String = ""
        ) {
            self.coverage = coverage
            self.plans = plans
            self.previousSubmitted = previousSubmitted
            self.otherPlans = otherPlans
            self.account = account
        }
    }

    /// Every finding, blocking first, then by line.
    public static func findings(for plan: PlanReading, context: Context = Context()) -> [ReviewFinding] {
        findings(for: plan, context: context, facts: SentenceFacts.of(plan))
    }

    static func findings(for plan: PlanReading, context: Context, facts: [SentenceFacts], book: PhraseBook = .shared) -> [ReviewFinding] {
        var out: [ReviewFinding] = []
        out += sections(plan, facts: facts)
        out += requests(plan, coverage: context.coverage, plans: context.plans)
        out += blame(plan, book: book)
        out += hardship(plan, book: book)
        out += shouting(plan, book: book)
        out += vaguePromises(plan, facts: facts, book: book)
        out += length(plan)
        let templates = CopiedText.templateFindings(plan, book: book)
        out += templates.findings
        out += CopiedText.otherCaseFindings(plan, others: context.otherPlans, account: context.account, skipping: templates.lines)
        if let finding = CopiedText.resubmissionFinding(plan, previous: context.previousSubmitted) { out.append(finding) }
        let order = Dictionary(uniqueKeysWithValues: ReviewRule.allCases.enumerated().map { ($1, $0) })
        return out.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.severity != y.severity { return x.severity < y.severity }
            if x.line != y.line { return (x.line ?? 0) < (y.line ?? 0) }
            if x.rule != y.rule { return (order[x.rule] ?? 0) < (order[y.rule] ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }

    // MARK: - Requested details

    /// Requested details still open and not answered by this plan (one finding for requests Amazon
    /// repeated), and answers made of the same sentences as a version Amazon turned down.
    static func requests(_ plan: PlanReading, coverage: [RequestCoverage], plans: [PlanVersion]) -> [ReviewFinding] {
        var out: [ReviewFinding] = []
        var missing: [RepeatedRequests.Key: [RequestCoverage]] = [:]
        var order: [RepeatedRequests.Key] = []
        var rejectedSeen = Set<RepeatedRequests.Key>()
        for c in coverage {
            let key = RepeatedRequests.Key(c.request)
            if c.request.state.isOpen || c.answeredInDraft != nil, !c.answered, c.turnedDown.isEmpty, c.notNeeded == nil {
                if missing[key] == nil { order.append(key) }
                missing[key, default: []].append(c)
            }
            if c.by == .matcher, !c.answered, !c.turnedDown.isEmpty,
                rejectedSeen.insert(key).inserted
            {
                let versions = c.rejectedVersions.map { "v\($0)" }.joined(separator: ", ")
                out.append(ReviewFinding(
                    rule: .answerAlreadyRejected, severity: .blocking, line: c.turnedDown.first?.line,
                    what: "#\(c.request.id) \(c.request.aspect.label)\(topicLabel(c.request)): \(CoverageMatcher.lines(c.turnedDown)) word for word as in \(versions), after which Amazon asked again"))
            }
        }
        for key in order {
            guard let group = missing[key], let first = group.first else { continue }
            let ids = group.map { "#\($0.request.id)" }.joined(separator: ", ")
            let part = PlanSection.Kind(answering: first.request.aspect)
            let line = part.flatMap { kind in plan.sections.first { $0.kind == kind }?.firstLine }
            out.append(ReviewFinding(
                rule: .unansweredRequest, severity: .blocking, line: line,
                what: "\(ids) \(first.request.aspect.label)\(topicLabel(first.request)): \(first.reason)"))
        }
        return out
    }

    static func topicLabel(_ r: RequestedDetail) -> String {
        r.topic.isEmpty ? "" : " of \u{201C}\(r.topic)\u{201D}"
    }

    /// The rejected version whose text holds every answering sentence, if any.
    static func sameAnswer(_ c: RequestCoverage, plans: [PlanVersion]) -> Int? {
        let sentences = c.sentences.map { normalized($0.text) }
        guard !sentences.isEmpty else { return nil }
        for version in c.rejectedVersions {
            guard let plan = plans.first(where: { $0.number == version }) else { continue }
            let text = normalized(plan.text)
            if sentences.allSatisfy({ text.contains($0) }) { return version }
        }
        return nil
    }

    static func normalized(_ text: String) -> String {
        PlanWords.of(text).map(\.lower).joined(separator: " ")
    }
}
