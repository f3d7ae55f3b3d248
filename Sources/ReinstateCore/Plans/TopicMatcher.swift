import Foundation

/// What a requested detail's topic is about, in the vocabulary of Data/phrases/topics.txt, and whether
/// a sentence is about it.
///
/// The topic names groups of words ("improper packaging" → packaging; "unresponsive or poor customer
/// service" → customer service). A sentence is about the topic when it names one of those groups, in
/// any word form or synonym of the group ("bubble wrap", "boxes", "packed"). A topic that names no group
/// is matched by its own words of four letters or more that carry content. A blank topic, or one that
/// only names the problem as a whole ("the negative feedback", "the customer complaints"), matches any
/// sentence.
struct TopicMatcher: Sendable {
    /// The topic groups (indices into the book's topic set), the "general" group left out.
    let groups: Set<Int>
    /// Content words of a topic that names no group.
    let ownWords: Set<String>
    /// The word forms of the topic itself, which never make a sentence specific.
    let topicStems: Set<String>
    /// The topic as the seller sees it, for messages.
    let label: String

    init(topic: String, book: PhraseBook = .shared) {
        let words = PlanWords.of(topic)
        label = topic
        topicStems = Set(words.map(\.stem))
        let general = book.topics.group("general")
        let named = book.topics.groupsNamed(in: words)
        var groups = named.subtracting(general.map { [$0] } ?? [])
        // Topics that answer for these ones (topics.txt "related" lines).
        for g in groups { groups.formUnion(book.relatedTopics[g] ?? []) }
        self.groups = groups
        if groups.isEmpty, !named.isEmpty {
            ownWords = []
        } else if groups.isEmpty {
            ownWords = Set(words.filter {
                ($0.lower.count >= 4 || $0.isIdeograph) && !book.specificStopwords.contains($0.lower) && !book.notNames.contains($0.lower)
            }.map(\.stem))
        } else {
            ownWords = []
        }
    }

    /// Any sentence is about a blank or whole-problem topic.
    var matchesAnything: Bool { groups.isEmpty && ownWords.isEmpty }

    /// Whether a sentence that names `sentenceGroups` (its own, its point's and its heading's) with
    /// `words` is about the topic.
    func matches(groups sentenceGroups: Set<Int>, words: [PlanWord]) -> Bool {
        if matchesAnything { return true }
        if !groups.isEmpty { return !groups.isDisjoint(with: sentenceGroups) }
        return words.contains { ownWords.contains($0.stem) }
    }

    /// The group names, for messages: "packaging, lost".
    func groupNames(book: PhraseBook = .shared) -> [String] {
        groups.sorted().map { book.topics.groups[$0] }
    }
}
