import Foundation

/// Finds, for each requested detail, the sentences of a plan that answer it.
///
/// A sentence answers a request when all three hold:
/// 1. it is in the part that answers the request's aspect: a root-cause request in the root cause, a
///    corrective one in the corrective actions, a preventive one in the preventive measures; evidence in
///    the evidence part or in any sentence that says a document is attached; a request of no aspect
///    anywhere;
/// 2. it is about the request's topic (`TopicMatcher`): a blank topic matches any topic;
/// 3. it is specific: it names a concrete fact beyond the topic's own words (`Specificity`); for
///    evidence, it names a document of the kind asked for ("invoices", "utility bill", "photos") rather
///    than "the documents".
///
/// When in doubt the request stays unanswered: a seller can mark a false "unanswered" answered with
/// `reinstate request answer`, but a false "answered" sends a plan to Amazon with a gap in it.
public struct CoverageMatcher: Sendable {
    let book: PhraseBook

    /// A matcher with the vocabulary built into Reinstate.
    public init() { book = .shared }

    /// The matcher's reading of one request against `plan`.
    public func verdict(for request: RequestedDetail, in plan: PlanReading) -> MatcherVerdict {
        verdict(for: request, in: plan, facts: SentenceFacts.of(plan, book: book))
    }

    /// Coverage of every request in `plan`: the seller's word where they gave it, the matcher's reading
    /// otherwise. `rejected` gives, by request id, the versions Amazon turned down for it.
    ///
    /// A request the seller reopened means "not answered by what I sent": a version already submitted
    /// stays unanswered there, but `planIsDraft` (a version not sent yet) is judged by the matcher, as
    /// submitting it will be.
    ///
    /// `otherDrafts` are the case's versions never sent, other than this plan: a request the seller
    /// marked answered by one of them is not answered for Amazon, so this plan is read for it.
    public func coverage(
        of requests: [RequestedDetail], in plan: PlanReading, rejected: [Int64: [Int]] = [:], planIsDraft: Bool = false,
        otherDrafts: Set<Int> = []
    ) -> [RequestCoverage] {
        coverage(
            of: requests, in: plan, rejected: rejected, facts: SentenceFacts.of(plan, book: book), planIsDraft: planIsDraft,
            otherDrafts: otherDrafts)
    }

    func coverage(
        of requests: [RequestedDetail], in plan: PlanReading, rejected: [Int64: [Int]], facts: [SentenceFacts],
        planIsDraft: Bool = false, otherDrafts: Set<Int> = []
    ) -> [RequestCoverage] {
        requests.map { request in
            let verdict = verdict(for: request, in: plan, facts: facts)
            var c = RequestCoverage(
                request: request, answered: verdict.answered, by: .matcher, sentences: verdict.sentences,
                reason: verdict.reason, rejectedVersions: rejected[request.id] ?? [])
            switch request.state {
            case .unanswered, .answered(_, .matcher):
                break
            case .reopened where planIsDraft:
                c.reason = (verdict.answered ? "you reopened it, and this version answers it: " : "you reopened it; ")
                    + verdict.reason
            case .reopened:
                c.answered = false
                c.by = .user
                c.reason = "you reopened it (reinstate request answer \(request.id) to mark it answered)"
            case .answered(let version, _) where otherDrafts.contains(version):
                c.answeredInDraft = version
                c.reason = "you marked it answered in draft v\(version), which was not sent; "
                    + (verdict.answered ? "this version answers it too: " : "this version does not answer it: ") + verdict.reason
            case .answered(let version, .user):
                c.answered = true
                c.by = .user
                c.reason = "you marked it answered by v\(version)"
            case .waived(let why):
                c.answered = false
                c.by = .user
                c.waived = why
                c.reason = "you waived it: \(why)"
            }
            return c
        }
    }

    func verdict(for request: RequestedDetail, in plan: PlanReading, facts: [SentenceFacts]) -> MatcherVerdict {
        let part = PlanSection.Kind(answering: request.aspect)
        var topicText = request.topic
        if request.aspect == .other, TopicMatcher(topic: topicText, book: book).matchesAnything {
            topicText = request.text
        }
        let topic = TopicMatcher(topic: topicText, book: book)
        let about = topic.label.isEmpty || topic.matchesAnything ? "" : " about this topic"
        if request.aspect == .other, topic.matchesAnything {
            return MatcherVerdict(
                sentences: [],
                reason: "Reinstate cannot tell what answers this; if the plan does, mark it: reinstate request answer \(request.id)")
        }
        if request.aspect == .evidence {
            return evidenceVerdict(request, plan: plan, facts: facts, topic: topic, about: about)
        }
        if let part {
            let headed = plan.sections.filter { $0.kind == part }
            if headed.isEmpty { return MatcherVerdict(sentences: [], reason: "the plan has no \(part.label) part") }
            if headed.allSatisfy({ $0.sentenceCount == 0 }) {
                let line = headed.first?.firstLine ?? 0
                return MatcherVerdict(sentences: [], reason: "the \(part.label) heading (line \(line)) has nothing under it")
            }
        }
        var onTopic: [PlanSentence] = []
        var answering: [PlanSentence] = []
        for (i, sentence) in plan.sentences.enumerated() {
            if let part, sentence.section != part { continue }
            guard topic.matches(groups: facts[i].groups, words: sentence.words) else { continue }
            onTopic.append(sentence)
            if facts[i].facts.contains(where: { !Specificity.repeatsTopic($0, topic.topicStems) }) {
                answering.append(sentence)
            }
        }
        let place = part.map { "the \($0.label)" } ?? "the plan"
        if !answering.isEmpty {
            return MatcherVerdict(sentences: answering, reason: "answered on " + Self.lines(answering))
        }
        if onTopic.isEmpty { return MatcherVerdict(sentences: [], reason: "nothing in \(place) is\(about.isEmpty ? " there" : about) (words such as \(topicWords(topic)))") }
        return MatcherVerdict(
            sentences: [],
            reason: "what \(place) says\(about) names no concrete fact (a number, date, person, tool or action): " + Self.lines(onTopic))
    }

    private func evidenceVerdict(
        _ request: RequestedDetail, plan: PlanReading, facts: [SentenceFacts], topic: TopicMatcher, about: String
    ) -> MatcherVerdict {
        // The kinds of documents the request names ("invoices", "a utility bill"), if any.
        var wanted = Set<String>()
        for m in book.documents.matches(in: PlanWords.of(request.text)) {
            let kind = book.documents.groups[m.group]
            if kind != "attached" && kind != "document" { wanted.insert(kind) }
        }
        var mentions: [PlanSentence] = []
        var answering: [PlanSentence] = []
        for (i, sentence) in plan.sentences.enumerated() {
            let f = facts[i]
            guard f.namesDocument, sentence.section == .evidence || f.saysAttached else { continue }
            guard topic.matches(groups: f.groups, words: sentence.words) else { continue }
            mentions.append(sentence)
            let kindOK = wanted.isEmpty ? !f.documentKinds.isEmpty : !wanted.isDisjoint(with: f.documentKinds)
            if kindOK { answering.append(sentence) }
        }
        if !answering.isEmpty { return MatcherVerdict(sentences: answering, reason: "answered on " + Self.lines(answering)) }
        let kinds = wanted.sorted().joined(separator: " or ")
        if !mentions.isEmpty {
            return MatcherVerdict(
                sentences: [],
                reason: "the plan mentions documents on \(Self.lines(mentions)) but " + (wanted.isEmpty ? "names no kind (invoices, photos, records …)" : "not the \(kinds) asked for"))
        }
        return MatcherVerdict(
            sentences: [], reason: "no evidence part and no sentence saying a document\(wanted.isEmpty ? "" : " (\(kinds))") is attached\(about)")
    }

    /// A few words of the topic's vocabulary, to show what was looked for.
    func topicWords(_ topic: TopicMatcher) -> String {
        var words: [String] = []
        for g in topic.groups.sorted() {
            words += book.topics.phrases(in: g).prefix(4)
        }
        if words.isEmpty { words = topic.ownWords.sorted() }
        return words.prefix(6).map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", ")
    }

    /// "line 4" or "lines 4, 6".
    static func lines(_ sentences: [PlanSentence]) -> String {
        var seen: [Int] = []
        for s in sentences where !seen.contains(s.line) { seen.append(s.line) }
        return (seen.count == 1 ? "line " : "lines ") + seen.map(String.init).joined(separator: ", ")
    }
}
