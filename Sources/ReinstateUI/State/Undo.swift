/// A change of this session that `u` can take back: what it was, in words, and the change that puts
/// things back as they stood before it.
public struct UndoStep: Sendable, Equatable {
    /// "status change to closed".
    public var what: String
    /// The change that undoes it.
    public var inverse: Effect
    /// The case it changed, reloaded after the undo.
    public var caseID: Int64

    public init(what: String, inverse: Effect, caseID: Int64) {
        self.what = what
        self.inverse = inverse
        self.caseID = caseID
    }

    /// How many changes a session can take back.
    public static let depth = 50
}
