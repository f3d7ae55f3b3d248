import Foundation
import ReinstateCore

/// "Nothing lost between colleagues": a write that sets something two people can set at once (a
/// requested detail's state, a case's status) is checked, inside its transaction, against what the
/// user saw when deciding. When someone else set it since, the write is refused with one line naming
/// who and when; when it already is what the user asks for, nothing needs writing. Both stores apply
/// the same rule, so the same race gives the same words on either.
public enum ChangeCheck {
    /// Whether setting `current` to `target` must be written: false when it already is `target`.
    /// `seen` is the state the user decided on (nil: no check). Throws `StoreError.conflict` when the
    /// state is neither what the user saw nor what they ask for.
    public static func request(_ current: RequestedDetail, seen: RequestState?, to target: RequestState) throws -> Bool {
        if current.state == target { return false }
        guard let seen, seen != current.state else { return true }
        throw StoreError.conflict(
            "Request \(current.id) was \(words(current.state))\(by(current.stateSetBy))\(at(current.stateSetAt)) "
                + "while you had it open; nothing was changed. Look at it again and decide.")
    }

    /// Whether setting the status of case `caseID` from `current` to `target` must be written; the same
    /// rule as `request`. `setBy` and `setAt` are who set the current status and when.
    public static func status(
        caseID: Int64, current: CaseStatus, setBy: String?, setAt: Date?, seen: CaseStatus?, to target: CaseStatus
    ) throws -> Bool {
        if current == target { return false }
        guard let seen, seen != current else { return true }
        throw StoreError.conflict(
            "Case \(caseID) was set to \(current.label)\(by(setBy))\(at(setAt)) while you had it open; "
                + "nothing was changed. Look at it again and decide.")
    }

    /// How a state reads in the sentence: "marked answered (v2)", "waived", "reopened".
    static func words(_ state: RequestState) -> String {
        switch state {
        case .unanswered: return "marked unanswered"
        case .reopened: return "reopened"
        case .answered(let version, .user): return "marked answered (v\(version))"
        case .answered(let version, .matcher): return "marked answered (v\(version), found by the coverage check)"
        case .waived(let reason): return "waived (\(TerminalSafe.singleLine(reason)))"
        }
    }

    static func by(_ author: String?) -> String {
        guard let author, !author.isEmpty else { return "" }
        return " by " + TerminalSafe.singleLine(author)
    }

    /// The moment in UTC, to the minute: the same words on every machine of the team.
    static func at(_ date: Date?) -> String {
        guard let date else { return "" }
        return " at " + Timestamp.local(date, zone: TimeZone(identifier: "UTC")!) + " (UTC)"
    }
}
