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
///
/// What Amazon already turned down does not answer again: when a version was submitted and Amazon then
/// asked for the same request again, the sentences of that version the matcher took as the answer did
/// not satisfy Amazon, and they answer the request in no version (the turned-down version itself, or a
/// later one repeating them word for word). A matcher made with `init(history:)` knows them; `check`,
/// the tracker, `poa diff` and submitting should all use one made so.
public struct CoverageMatcher: Sendable {
    let book: PhraseBook
    /// By request id: the answering sentences (their words, lower-cased) of versions Amazon turned down
    /// for it, with the version.
    let turnedDown: [Int64: [String: Int]]

    /// A matcher with the vocabulary built into Reinstate, knowing nothing of the case.
    public init() {
        book = .shared
        turnedDown = [:]
    }

    /// A matcher that knows which answers of `history`'s submitted versions Amazon turned down.
    public init(history: CaseHistory) {
        book = .shared
        turnedDown = Self.turnedDownAnswers(in: history, book: book)
    }

    /// For each request Amazon asked again after a submitted version, the sentences of that version that
    /// answered it (as a matcher without history reads them).
    static func turnedDownAnswers(in history: CaseHistory, book: PhraseBook) -> [Int64: [String: Int]] {
        let rejected = RepeatedRequests.rejectedVersions(in: history)
        guard !rejected.isEmpty else { return [:] }
        let plain = CoverageMatcher()
        let reader = PlanReader(book: book)
        var readings: [Int: (PlanReading, [SentenceFacts])] = [:]
        var out: [Int64: [String: Int]] = [:]
        for request in history.requests {
            guard let versions = rejected[request.id] else { continue }
            for version in versions {
                guard let plan = history.plans.first(where: { $0.number == version }) else { continue }
                if readings[version] == nil {
                    let reading = reader.read(plan.text)
                    readings[version] = (reading, SentenceFacts.of(reading, book: book))
                }
                guard let (reading, facts) = readings[version] else { continue }
                for sentence in plain.verdict(for: request, in: reading, facts: facts).sentences {
                    out[request.id, default: [:]][Self.normalized(sentence.words)] = version
                }
            }
        }
        return out
    }

    /// A sentence's words, lower-cased, for comparing sentences across versions.
    static func normalized(_ words: [PlanWord]) -> String {
        words.map(\.lower).joined(separator: " ")
    }

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
        Self.settleAlternatives(requests.map { request in
            let verdict = verdict(for: request, in: plan, facts: facts)
            var c = RequestCoverage(
                request: request, answered: verdict.answered, by: .matcher, sentences: verdict.sentences,
                reason: verdict.reason, rejectedVersions: rejected[request.id] ?? [])
            c.partlySentences = verdict.partly
            c.turnedDown = verdict.turnedDown
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
        })
    }

    /// Alternatives ("one of the following"): a request nobody marked whose group has another option
    /// answered in full here needs no answer of its own, so it is not reported missing.
    static func settleAlternatives(_ coverage: [RequestCoverage]) -> [RequestCoverage] {
        guard coverage.contains(where: { $0.request.alternative != nil }) else { return coverage }
        return coverage.map { c in
            guard let own = c.request.alternative, c.request.state == .unanswered, !c.answered else { return c }
            let group = coverage.compactMap { other -> (option: Int, answered: Bool)? in
                guard other.request.messageID == c.request.messageID, let alternative = other.request.alternative,
                    alternative.group == own.group
                else { return nil }
                return (alternative.option, other.answered)
            }
            guard let answered = RequestAlternative.answeredOption(besides: own.option, in: group) else { return c }
            var settled = c
            settled.notNeeded = answered
            settled.reason = "not needed: alternative \(RequestAlternative.letter(answered)) of the same request is answered, "
                + "and one of them is enough"
            return settled
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
        var missingPart: String? = nil
        if let part {
            let headed = plan.sections.filter { $0.kind == part }
            if headed.isEmpty {
                missingPart = "the plan has no \(part.label) part"
            } else if headed.allSatisfy({ $0.sentenceCount == 0 }) {
                let line = headed.first?.firstLine ?? 0
                missingPart = "the \(part.label) heading (line \(line)) has nothing under it"
            }
        }
        // In the part first; then a sentence elsewhere whose own words say it is of the part ("I have
        // contacted Amazon to update the address" under a root-cause heading is an action taken).
        var onTopic: [PlanSentence] = [], answering: [PlanSentence] = []
        var elsewhereOnTopic: [PlanSentence] = [], elsewhereAnswering: [PlanSentence] = []
        for (i, sentence) in plan.sentences.enumerated() {
            let inPart = part == nil || sentence.section == part
            guard inPart || sentence.ownKind == part else { continue }
            guard topic.matches(groups: facts[i].groups, words: sentence.words) else { continue }
            let specific = facts[i].facts.contains { Self.counts($0, for: request.aspect) && !Specificity.repeatsTopic($0, topic.topicStems) }
            if inPart {
                onTopic.append(sentence)
                if specific { answering.append(sentence) }
            } else {
                elsewhereOnTopic.append(sentence)
                if specific { elsewhereAnswering.append(sentence) }
            }
        }
        let place = part.map { "the \($0.label)" } ?? "the plan"
        // Sentences Amazon already read in a version and then asked again about do not answer.
        var repeated: [PlanSentence] = []
        var repeatedVersion: Int? = nil
        if let old = turnedDown[request.id] {
            func keep(_ s: PlanSentence) -> Bool {
                guard let v = old[Self.normalized(s.words)] else { return true }
                if !repeated.contains(s) { repeated.append(s) }
                repeatedVersion = repeatedVersion ?? v
                return false
            }
            answering = answering.filter(keep)
            elsewhereAnswering = elsewhereAnswering.filter(keep)
            onTopic = onTopic.filter { !repeated.contains($0) }
            elsewhereOnTopic = elsewhereOnTopic.filter { !repeated.contains($0) }
        }
        if answering.isEmpty, elsewhereAnswering.isEmpty, let v = repeatedVersion {
            var verdict = MatcherVerdict(
                sentences: [],
                reason: "\(Self.lines(repeated)) answered it in v\(v), word for word, and Amazon asked again after reading v\(v): it needs more detail than that, e.g. \(Self.wanted(request.aspect))",
                partly: repeated)
            verdict.turnedDown = repeated
            verdict.turnedDownVersion = v
            return verdict
        }
        if !answering.isEmpty {
            return MatcherVerdict(sentences: answering, reason: "answered on " + Self.lines(answering))
        }
        if !elsewhereAnswering.isEmpty {
            return MatcherVerdict(
                sentences: elsewhereAnswering,
                reason: "answered on \(Self.lines(elsewhereAnswering)), outside \(place) part but saying what it asks")
        }
        let partly = onTopic + elsewhereOnTopic
        if partly.isEmpty {
            if let missingPart, topic.matchesAnything || topic.label.isEmpty { return MatcherVerdict(sentences: [], reason: missingPart) }
            let subject = topic.label.isEmpty ? "what Amazon asked" : Self.plain(topic.label)
            let talks = talksAbout(plan, part: missingPart == nil ? part : nil, facts: facts, leaving: topic.groups)
            return MatcherVerdict(
                sentences: [],
                reason: (missingPart.map { $0 + "; " } ?? "") + "nothing \(missingPart == nil ? "in \(place)" : "in the plan") is about \(subject)"
                    + (talks.isEmpty ? " (words such as \(topicWords(topic)))" : ": it talks about \(talks)"))
        }
        return MatcherVerdict(
            sentences: [],
            reason: "partly answered: \(Self.lines(partly)) \(partly.count == 1 ? "is" : "are")\(about.isEmpty ? " on it" : " about " + Self.plain(topic.label)) but \(partly.count == 1 ? "names" : "name") no concrete fact; a concrete answer would add \(Self.wanted(request.aspect))",
            partly: partly)
    }

    /// Whether a fact makes a sentence specific for a request of `aspect`: what went wrong only in a root
    /// cause; a window of the past ("in the last 90 days") and a document named as a rule ("supply
    /// invoices") not in a step for the future, which needs who, when or how often.
    static func counts(_ fact: SpecificFact, for aspect: Aspect) -> Bool {
        switch fact.kind {
        case .cause: return aspect == .rootCause
        case .period, .document: return aspect != .preventiveMeasure
        default: return true
        }
    }

    /// What a concrete answer to a request of `aspect` gives, for a partly answered request.
    static func wanted(_ aspect: Aspect) -> String {
        switch aspect {
        case .rootCause: return "what exactly went wrong, with a date, how many orders, or the person, step or tool that failed"
        case .correctiveAction: return "what was done and when, to how many orders or listings, with a document or a name"
        case .preventiveMeasure: return "who does what, how often and from when (an owner, a frequency, a date)"
        case .evidence: return "the document itself, named (invoice, photo, letter)"
        case .other: return "a date, a number, a name or a document"
        }
    }

    /// A request's topic as words for a sentence: "your items" becomes "the items".
    static func plain(_ topic: String) -> String {
        var t = topic.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        for (from, to) in [("your ", "the "), ("Your ", "the ")] { t = t.replacingOccurrences(of: from, with: to) }
        return t.isEmpty ? "what Amazon asked" : t
    }

    /// Topic group names of Data/phrases/topics.txt as words in a sentence ("it talks about listings and
    /// refunds"), without an "and" of their own.
    static let readable: [String: String] = [
        "not as described": "listings", "lost": "lost items", "late shipment": "late shipping",
        "returns": "refunds", "quality": "item quality", "related accounts": "related accounts",
        "restricted": "restricted products", "identity": "identity documents", "category": "product categories",
    ]

    /// The topics `part` (or the whole plan) names most, "general" and the request's own left out: "returns
    /// and quality".
    func talksAbout(_ plan: PlanReading, part: PlanSection.Kind?, facts: [SentenceFacts], leaving: Set<Int>) -> String {
        let general = book.topics.group("general")
        var counts: [Int: Int] = [:]
        for (i, sentence) in plan.sentences.enumerated() where part == nil ? sentence.section != .letter : sentence.section == part {
            for g in facts[i].groups where g != general && !leaving.contains(g) { counts[g, default: 0] += 1 }
        }
        let names = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(3).map {
            Self.readable[book.topics.groups[$0.key]] ?? book.topics.groups[$0.key]
        }
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + names.last!
        }
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
