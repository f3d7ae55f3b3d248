import Foundation

// MARK: - Shape: sections and length

extension PlanReview {
    /// More words than a reviewer reads closely.
    static let longest = 1_500
    /// Fewer words than the three parts need.
    static let shortest = 120

    /// A missing part among root cause, corrective actions and preventive measures, or a heading with
    /// nothing under it.
    ///
    /// A part read from cue words alone (no heading) whose every sentence names no concrete fact is no
    /// part: "We will make sure buyers are happy" at the end of a plan is a promise, not preventive
    /// measures.
    static func sections(_ plan: PlanReading, facts: [SentenceFacts]? = nil) -> [ReviewFinding] {
        PlanSection.Kind.required.compactMap { kind in
            let parts = plan.sections.filter { $0.kind == kind }
            if parts.isEmpty {
                return ReviewFinding(rule: .missingSection, severity: .blocking, line: nil, what: "no \(kind.label) part")
            }
            if let facts, parts.allSatisfy({ $0.headingLine == nil }) {
                let mine = plan.sentences.indices.filter { plan.sentences[$0].section == kind }
                if !mine.isEmpty, mine.allSatisfy({ facts[$0].facts.isEmpty }) {
                    let lines = CoverageMatcher.lines(mine.map { plan.sentences[$0] })
                    return ReviewFinding(
                        rule: .missingSection, severity: .blocking, line: nil,
                        what: "no \(kind.label) part: \(lines) only \(mine.count == 1 ? "promises" : "promise"), with no step, date, number or owner")
                }
            }
            if parts.allSatisfy({ $0.sentenceCount == 0 }), let first = parts.first {
                return ReviewFinding(
                    rule: .missingSection, severity: .blocking, line: first.firstLine,
                    what: "the \(kind.label) heading has nothing under it")
            }
            return nil
        }
    }

    /// Too long to read, or too short to say anything.
    static func length(_ plan: PlanReading) -> [ReviewFinding] {
        if plan.wordCount > longest {
            return [ReviewFinding(
                rule: .tooLong, severity: .warning, line: nil,
                what: "\(plan.wordCount) words (more than \(longest))")]
        }
        if plan.wordCount < shortest {
            return [ReviewFinding(
                rule: .tooShort, severity: .warning, line: nil, what: "\(plan.wordCount) words (fewer than \(shortest))")]
        }
        return []
    }
}
