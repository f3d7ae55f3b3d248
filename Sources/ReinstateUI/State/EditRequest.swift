/// Text the seller writes in their editor, and what it is for.
public struct EditRequest: Sendable, Equatable {
    /// What the edited text becomes.
    public enum Purpose: Sendable, Equatable {
        case message(caseID: Int64)
        case planDraft(caseID: Int64)
    }

    public var purpose: Purpose
    /// What the editor opens with.
    public var initialText: String

    /// Creates a request.
    public init(purpose: Purpose, initialText: String) {
        self.purpose = purpose
        self.initialText = initialText
    }
}
