import Foundation

// MARK: - Shape: sections and length

extension PlanReview {
    /// More words than a reviewer reads closely.
    static let longest = 1_500
    /// Fewer words than the three parts need.
    static let shortest = 120

    /// A missing part among root cause, corrective actions and preventive measures, or a heading with
    /// nothing under it.
    static func sections(_ plan: PlanReading) -> [ReviewFinding] {
        PlanSection.Kind.required.compactMap { kind in
            let parts = plan.sections.filter { $0.kind == kind }
            if parts.isEmpty {
                return ReviewFinding(rule: .missingSection, severity: .blocking, line: nil, what: "no \(kind.label) part")
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
