import Foundation
import ReinstateCore

// What every store checks before a correction, the words it refuses with, and how a requested detail's
// state is kept in columns: in one place, so the local and the team store refuse and write the same.

extension CaseStore {
    /// A case edit as stored: the title and account trimmed, the marketplace normalized, the ASINs
    /// upper-cased. An empty title or a malformed ASIN is refused.
    public static func checkedEdit(_ edit: CaseEdit) throws -> CaseEdit {
        var checked = edit
        if let title = edit.title {
            checked.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
            guard checked.title?.isEmpty == false else { throw StoreError.invalid("A case needs a title; it was not changed.") }
        }
        checked.account = edit.account.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        checked.marketplace = edit.marketplace.map(Marketplace.normalize)
        if let asins = edit.asins {
            let asins = asins.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            for asin in asins where !ASIN.isValid(asin) {
                throw StoreError.invalid("\(asin) is not an ASIN (10 characters, like B0C1234567).")
            }
            checked.asins = asins
        }
        return checked
    }

    /// A note's new text as stored; an empty one is refused, with the way to remove the note.
    public static func checkedNoteEdit(_ id: Int64, text: String) throws -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StoreError.invalid("The note would be empty; to remove it: reinstate note remove \(id)") }
        return text
    }

    /// The refusal of a move to the case the message is in.
    public static func alreadyInCase(message id: Int64, case caseID: Int64) -> StoreError {
        .invalid("Message \(id) is already in case \(caseID).")
    }

    /// The refusal to take back the submission of a version that was never submitted.
    public static func neverSubmitted(_ number: Int, case caseID: Int64) -> StoreError {
        .invalid("Version \(number) of case \(caseID) is a draft; it was never submitted.")
    }

    /// A requested detail's state as the stores keep it in columns: the state's word, the version and
    /// who said it answered, and the waiver's reason (kept as history after it is reopened).
    public static func stateColumns(of r: RequestedDetail) -> (state: String, version: Int?, by: String?, waived: String?) {
        switch r.state {
        case .unanswered: return ("unanswered", nil, nil, r.waivedBefore)
        case .reopened: return ("reopened", nil, nil, r.waivedBefore)
        case .answered(let v, let source): return ("answered", v, source.rawValue, r.waivedBefore)
        case .waived(let reason): return ("waived", nil, nil, reason)
        }
    }
}
