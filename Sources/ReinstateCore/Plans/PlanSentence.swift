import Foundation

/// One sentence of a plan: a sentence of prose, a bullet or a line, with its place and its part.
public struct PlanSentence: Sendable, Equatable {
    /// The sentence as written, without a leading bullet or number.
    public var text: String
    /// The line it starts on (1-based).
    public var line: Int
    /// The part of the plan it was read in.
    public var section: PlanSection.Kind
    /// The nearest heading above it in its part, section heading or topic heading ("Packaging:").
    public var heading: String?
    /// Sentences of one line share it: a bullet or a paragraph is one point.
    var point: Int
    /// The words, read once for all checks.
    var words: [PlanWord]

    public init(text: String, line: Int, section: PlanSection.Kind, heading: String? = nil) {
        self.text = text
        self.line = line
        self.section = section
        self.heading = heading
        self.point = line
        self.words = PlanWords.of(text)
    }
}
