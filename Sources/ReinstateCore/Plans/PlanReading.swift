import Foundation

/// A plan as read: its parts and its sentences, each with its line.
public struct PlanReading: Sendable, Equatable {
    /// The text as given.
    public var text: String
    /// The plan's lines (without line ends), so a line number can be shown with its text.
    public var lines: [String]
    /// The parts in the order they appear; a part may appear more than once in a plan without headings.
    public var sections: [PlanSection]
    /// Every sentence outside headings, in order.
    public var sentences: [PlanSentence]
    /// The lines that are headings (1-based).
    public var headingLines: Set<Int>

    /// Words in the plan, headings included.
    public var wordCount: Int

    /// Whether the plan has something under `kind`: a heading with nothing under it does not count.
    public func hasContent(_ kind: PlanSection.Kind) -> Bool {
        sections.contains { $0.kind == kind && $0.sentenceCount > 0 }
    }

    /// The sentences of one part.
    public func sentences(in kind: PlanSection.Kind) -> [PlanSentence] {
        sentences.filter { $0.section == kind }
    }
}
