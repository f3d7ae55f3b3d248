import Foundation

/// What the coverage check needs to know about each sentence of a plan, worked out once per plan.
struct SentenceFacts: Sendable {
    /// Topic groups the sentence is about: its own, those of earlier sentences of the same point (a
    /// bullet or a paragraph line), and those of the heading above it.
    var groups: Set<Int>
    /// Concrete facts (see `Specificity`).
    var facts: [SpecificFact]
    /// Kinds of documents named (Data/phrases/documents.txt), "document" and "attached" left out.
    var documentKinds: Set<String>
    /// Names a document of any kind, the generic "documents" and "evidence" included.
    var namesDocument: Bool
    /// Says a document is attached or enclosed.
    var saysAttached: Bool

    /// Facts of every sentence of `plan`, in order. Linear in the plan.
    static func of(_ plan: PlanReading, book: PhraseBook = .shared) -> [SentenceFacts] {
        var out: [SentenceFacts] = []
        out.reserveCapacity(plan.sentences.count)
        var headingGroups: [String: Set<Int>] = [:]
        var pointGroups: (point: Int, groups: Set<Int>) = (-1, [])
        for sentence in plan.sentences {
            var groups = book.topics.groupsNamed(in: sentence.words)
            let own = groups
            if let heading = sentence.heading {
                if headingGroups[heading] == nil { headingGroups[heading] = book.topics.groupsNamed(in: PlanWords.of(heading)) }
                groups.formUnion(headingGroups[heading] ?? [])
            }
            if pointGroups.point == sentence.point { groups.formUnion(pointGroups.groups) }
            pointGroups = (sentence.point, pointGroups.point == sentence.point ? pointGroups.groups.union(own) : own)
            var kinds = Set<String>()
            var namesDocument = false
            var attached = false
            for m in book.documents.matches(in: sentence.words) {
                let kind = book.documents.groups[m.group]
                if kind == "attached" {
                    attached = true
                } else {
                    namesDocument = true
                    if kind != "document" { kinds.insert(kind) }
                }
            }
            out.append(SentenceFacts(
                groups: groups, facts: Specificity.facts(sentence.words, book: book), documentKinds: kinds,
                namesDocument: namesDocument, saysAttached: attached))
        }
        return out
    }
}
