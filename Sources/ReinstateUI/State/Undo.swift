/// A change of this session that `u` can take back: what it was, in words, and the case book's token
/// that puts things back exactly as they stood before it.
public struct UndoStep: Sendable, Equatable {
    /// "the status change to closed".
    public var what: String
    public var token: UndoToken
    /// The case it changed, reloaded after the undo.
    public var caseID: Int64

    public init(what: String, token: UndoToken, caseID: Int64) {
        self.what = what
        self.token = token
        self.caseID = caseID
    }

    /// How many changes a session can take back.
    public static let depth = 50
}
