import Foundation

/// A case's open requested details (`CaseHistory.unanswered`: `DetailStanding`, alternatives that are
/// no longer needed left out) as one SQL condition on `requested_detail`: the text the SQLite store's
/// `unanswered_count` triggers use (migration v5), given to the PostgreSQL store so its list rows are
/// counted by the server, by the same words, instead of every request being sent over to be counted.
public enum OpenCountSQL {
    /// The count of case `caseID`'s open requests, as an SQL expression. PostgreSQL spells SQLite's
    /// `IS` / `IS NOT` (equal or both null) as `IS NOT DISTINCT FROM` / `IS DISTINCT FROM`.
    public static func count(of caseID: String, postgres: Bool) -> String {
        let sql = Schema.CaseCount.openWithAlternatives.of(caseID)
        guard postgres else { return sql }
        return sql.replacingOccurrences(of: " IS NOT requested_detail.", with: " IS DISTINCT FROM requested_detail.")
            .replacingOccurrences(of: " IS o.", with: " IS NOT DISTINCT FROM o.")
    }
}
