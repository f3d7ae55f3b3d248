import Foundation

// MARK: - Vague promises

extension PlanReview {
    /// A preventive step with a vague word ("try", "as soon as possible", "hope to", "regularly") and no
    /// measure: no number, date, span of time, named owner or name in the same sentence.
    static func vaguePromises(_ plan: PlanReading, facts: [SentenceFacts], book: PhraseBook) -> [ReviewFinding] {
        var findings: [ReviewFinding] = []
        for (i, sentence) in plan.sentences.enumerated() where sentence.section == .preventiveMeasures {
            guard let m = book.vague.matches(in: sentence.words).first else { continue }
            if facts[i].facts.contains(where: \.isMeasure) { continue }
            findings.append(ReviewFinding(
                rule: .vaguePromise, severity: .warning, line: sentence.line,
                what: "\u{201C}\(quote(sentence, m))\u{201D} with no date, number or owner"))
        }
        return findings
    }
}
