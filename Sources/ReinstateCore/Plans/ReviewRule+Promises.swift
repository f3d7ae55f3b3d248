import Foundation

// MARK: - Vague promises

extension PlanReview {
    /// A preventive step with a vague word ("try", "as soon as possible", "hope to", "regularly") and no
    /// measure: no number, date, span of time, named owner or name in the same sentence.
    ///
    /// Real plans make such promises anywhere: a sentence whose own words make it a step for the future
    /// (see `PlanSentence.ownKind`) counts wherever it stands, and so does a promise that it "never
    /// happens again" or that things go on "in the same way" anywhere.
    static func vaguePromises(_ plan: PlanReading, facts: [SentenceFacts], book: PhraseBook) -> [ReviewFinding] {
        var findings: [ReviewFinding] = []
        let again = book.vague.group("again")
        for (i, sentence) in plan.sentences.enumerated() {
            let matches = book.vague.matches(in: sentence.words)
            let step = sentence.section == .preventiveMeasures || sentence.ownKind == .preventiveMeasures
            guard let m = matches.first(where: { step || $0.group == again }) else { continue }
            if facts[i].facts.contains(where: \.isMeasure) { continue }
            findings.append(ReviewFinding(
                rule: .vaguePromise, severity: .warning, line: sentence.line,
                what: "\u{201C}\(quote(sentence, m))\u{201D} with no date, number or owner"))
        }
        return findings
    }
}
