/// Text the seller writes in their editor, and what it is for.
public struct EditRequest: Sendable, Equatable {
    /// What the edited text becomes.
    public enum Purpose: Sendable, Equatable {
        case message(caseID: Int64)
        case planDraft(caseID: Int64)
        /// A note: several pasted lines go to the editor rather than the one-line prompt.
        case note(caseID: Int64)
    }

    public var purpose: Purpose
    /// What the editor opens with.
    public var initialText: String
    /// The text that counts as "not changed" (a plan's template). It stays the template when the
    /// editor is opened again on the seller's own text after a failure.
    public var unchangedText: String

    /// Creates a request.
    public init(purpose: Purpose, initialText: String, unchangedText: String? = nil) {
        self.purpose = purpose
        self.initialText = initialText
        self.unchangedText = unchangedText ?? initialText
    }

    /// What the seller is writing, in words for messages ("the plan draft").
    public var what: String {
        switch purpose {
        case .message: return "the message"
        case .planDraft: return "the plan draft"
        case .note: return "the note"
        }
    }
}

/// How an editor session ended, and what the file held afterwards.
public struct EditorResult: Sendable, Equatable {
    public enum Ending: Sendable, Equatable {
        /// The editor exited with status 0.
        case saved
        /// The editor ran and exited with another status.
        case exited(status: Int32)
        /// The editor could not be started (not found, not executable); the words say why.
        case couldNotStart(String)
    }

    public var ending: Ending
    /// What the file held when the editor was done (the text handed in when it never started).
    public var text: String
    /// Where the text is kept when the editor failed; nil when the file was removed.
    public var keptAt: String?

    public init(ending: Ending, text: String, keptAt: String? = nil) {
        self.ending = ending
        self.text = text
        self.keptAt = keptAt
    }

    /// A saved edit.
    public static func saved(_ text: String) -> EditorResult { EditorResult(ending: .saved, text: text) }

    /// What went wrong, in words: "the editor (vim) exited with status 1".
    public var problem: String? {
        switch ending {
        case .saved: return nil
        case .exited(let status): return "the editor exited with status \(status)"
        case .couldNotStart(let why): return "the editor could not start (\(why))"
        }
    }
}
