import Foundation

/// One stretch of a plan read as one of its parts, with the reason it was read so, so the split can
/// be shown and questioned.
public struct PlanSection: Sendable, Equatable {
    /// The parts of a Plan of Action.
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case rootCause = "root-cause"
        case correctiveActions = "corrective-actions"
        case preventiveMeasures = "preventive-measures"
        case evidence
        /// The letter around the plan: greeting, introduction, closing.
        case letter

        /// Words on screen.
        public var label: String {
            switch self {
            case .rootCause: return "root cause"
            case .correctiveActions: return "corrective actions"
            case .preventiveMeasures: return "preventive measures"
            case .evidence: return "evidence"
            case .letter: return "letter"
            }
        }

        /// The three parts Amazon reads every plan for.
        public static let required: [Kind] = [.rootCause, .correctiveActions, .preventiveMeasures]

        /// The part a requested detail of an aspect is answered in; nil for `.other`, answered anywhere.
        public init?(answering aspect: Aspect) {
            switch aspect {
            case .rootCause: self = .rootCause
            case .correctiveAction: self = .correctiveActions
            case .preventiveMeasure: self = .preventiveMeasures
            case .evidence: self = .evidence
            case .other: return nil
            }
        }
    }

    /// Why a stretch was read as its part.
    public enum Reason: Sendable, Equatable {
        /// A heading names it.
        case heading(text: String, line: Int)
        /// No heading: these words in its sentences say what it is ("because", "refunded", "will").
        case cues([String])
        /// Greeting, introduction or closing words, or text before the first heading that says nothing
        /// of causes, actions or prevention.
        case letter([String])
    }

    public var kind: Kind
    /// First and last line (1-based, inclusive), the heading included.
    public var firstLine: Int
    public var lastLine: Int
    public var reason: Reason
    /// How many sentences it holds (a heading alone holds none).
    public var sentenceCount: Int

    public init(kind: Kind, firstLine: Int, lastLine: Int, reason: Reason, sentenceCount: Int) {
        self.kind = kind
        self.firstLine = firstLine
        self.lastLine = lastLine
        self.reason = reason
        self.sentenceCount = sentenceCount
    }

    /// The heading's line, when a heading starts it.
    public var headingLine: Int? {
        if case .heading(_, let line) = reason { return line }
        return nil
    }

    /// The reason in one line: `heading "Root cause:" (line 3)`, `says: because, failed to`.
    public var why: String {
        switch reason {
        case .heading(let text, let line): return "heading \u{201C}\(text)\u{201D} (line \(line))"
        case .cues(let words): return "no heading; says: " + words.joined(separator: ", ")
        case .letter(let words):
            return words.isEmpty ? "greeting or closing (before the first heading or after the last point)"
                : "greeting or closing; says: " + words.joined(separator: ", ")
        }
    }
}
