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
    /// The main part the sentence's own cue words point to (root cause, corrective actions, preventive
    /// measures), whatever heading it sits under; nil when it has none or reads as the letter. A clear
    /// answer outside the fitting part still answers ("we have contacted Amazon to update the address"
    /// under a root-cause heading is an action taken).
    public var ownKind: PlanSection.Kind?
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
