import Foundation

/// A concrete fact named in a sentence: what makes a sentence answer a request rather than promise.
public struct SpecificFact: Sendable, Equatable, Hashable {
    /// What kind of fact.
    public enum Kind: String, Sendable, Codable {
        /// A number written in digits or words ("31 buyers", "two staff").
        case number
        /// A date, a weekday, a month or a frequency ("every Monday", "daily", "1 March").
        case time
        /// A named role or person ("our warehouse lead", "a packer").
        case role
        /// A named tool, document or routine ("checklist", "Seller Central", "training").
        case tool
        /// A named material ("double-wall boxes", "bubble wrap").
        case material
        /// A concrete action with an object ("refunded the 14 buyers", "hired a packer").
        case action
        /// A name written with capitals inside a sentence ("ShipStation", "UPS").
        case name
        /// What went wrong, with its object ("did not check the expiry date", "a lapse in updating
        /// detail pages"): specific in a root cause only.
        case cause
        /// A window of the past ("in the last 90 days"): a fact about what happened, not a measure of a
        /// step for the future.
        case period
        /// A document named ("the invoices", "photos"): a fact in a cause or an action taken.
        case document
    }

    public var kind: Kind
    /// The words as written in the sentence (lower-cased).
    public var words: String
    /// The word forms, to leave out facts that only repeat the request's topic.
    var stems: [String]

    public init(kind: Kind, words: String) {
        self.kind = kind
        self.words = words
        self.stems = PlanWords.of(words).map(\.stem)
    }

    init(kind: Kind, words: [PlanWord]) {
        self.kind = kind
        self.words = words.map(\.lower).joined(separator: " ")
        self.stems = words.map(\.stem)
    }

    /// Facts that say when, how much or who: what turns a promise into a measure.
    public var isMeasure: Bool {
        switch kind {
        case .number, .time, .role, .name: return true
        case .tool, .material, .action, .cause, .period, .document: return false
        }
    }
}
