/// An error that says a colleague changed the same thing first (a requested detail's state, a case's
/// status): nothing was changed, and `conflictLine` says who and when. The stores' errors adopt it, so
/// the tracker, which knows no store, can tell it apart from a failure and read the case again.
public protocol ChangeConflict: Error {
    /// The one line for the user; nil when this error is not a conflict.
    var conflictLine: String? { get }
}
