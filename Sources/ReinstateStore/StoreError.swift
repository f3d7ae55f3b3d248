import Foundation
import ReinstateCore

/// What can go wrong with the case store, in words a seller can act on.
public enum StoreError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case notAStore(path: String, why: String)
    case newerStore(path: String)
    case cannotOpen(path: String, why: String)
    case notFound(what: String)
    case invalid(String)
    case notEmpty(path: String)
    case badDocument(String)
    case writeFailed(String)
    case damaged(path: String, why: String)
    case backupExists(path: String)
    case backupFailed(path: String, why: String)
    /// A colleague changed the same thing first (a request's state, a case's status) since the user
    /// looked: the one line that says who and when (`ChangeCheck`). Nothing was changed.
    case conflict(String)

    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case .notAStore(let path, let why):
            return "\(path) is not a Reinstate case store (\(why)). It was left untouched. "
                + "Pass --store with another path, or move that file away."
        case .newerStore(let path):
            return "\(path) was written by a newer version of Reinstate. It was left untouched. "
                + "Update Reinstate to open it."
        case .cannotOpen(let path, let why):
            return "Cannot open the case store at \(path): \(why)"
        case .notFound(let what):
            return "\(what) does not exist."
        case .invalid(let why):
            return why
        case .notEmpty(let path):
            return "The store at \(path) already holds cases; import loads only into an empty store. "
                + "Use --store to name a new file."
        case .badDocument(let why):
            return "This is not a Reinstate export document: \(why)"
        case .writeFailed(let why):
            return "Nothing was saved: \(why)"
        case .damaged(let path, let why):
            return "\(path) is damaged (SQLite's integrity check says: \(why)). Nothing was changed."
        case .backupExists(let path):
            return "\(path) already exists; add --force to replace it. Nothing was written."
        case .backupFailed(let path, let why):
            return "Cannot write the backup \(path): \(why). Nothing was written under that name."
        case .conflict(let line):
            return line
        }
    }
}

extension StoreError: ChangeConflict {
    public var conflictLine: String? {
        if case .conflict(let line) = self { return line }
        return nil
    }
}
