import Foundation
import GRDB
import ReinstateCore

extension CaseStore {
    // MARK: - Review before sending

    /// Checks `text` as version `version` of a case (nil: a draft), with other cases' plans that share
    /// passages with it looked up in the text index: what `reinstate check` and the UI's plans tab show.
    public func checkPlan(caseID: Int64, text: String, version: Int?) throws -> PlanCheck {
        let history = try history(caseID)
        let reading = PlanReader().read(text)
        let others = try plansSharingPassages(PlanCheck.passages(of: reading), excludingCase: caseID)
        return PlanCheck.run(reading: reading, version: version, history: history, otherPlans: others)
    }

    /// Plan versions of other cases that contain any of `passages` (case-insensitive), through the
    /// trigram text index, with their case's seller account: the candidates for the copied-text check.
    /// At most `limit` versions, the latest of each case first.
    public func plansSharingPassages(_ passages: [String], excludingCase caseID: Int64, limit: Int = 20) throws -> [OtherCasePlan] {
        // The trigram index needs three characters a passage; quotes are doubled inside an FTS5 string.
        // `source LIKE 'plan:%'` would be taken by the trigram tokenizer as a pattern on the (unindexed)
        // column and match nothing, hence substr().
        let usable = passages.filter { $0.unicodeScalars.count >= 3 }
        guard !usable.isEmpty else { return [] }
        let query = usable.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " OR ")
        return try read { db in
            let sources = try String.fetchAll(
                db,
                sql: """
                    SELECT source FROM text_search
                    WHERE text_search MATCH ? AND case_id != ? AND substr(source, 1, 5) = 'plan:'
                    LIMIT 500
                    """,
                arguments: [query, caseID])
            var latest: [Int64: Int] = [:]
            for source in sources {
                let parts = source.split(separator: ":")
                guard parts.count == 3, let id = Int64(parts[1]), let number = Int(parts[2]) else { continue }
                latest[id] = max(latest[id] ?? 0, number)
            }
            let chosen = latest.sorted { $0.key < $1.key }.prefix(limit)
            return try chosen.compactMap { id, number in
                guard let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT p.text, c.account FROM plan_version p JOIN suspension_case c ON c.id = p.case_id
                        WHERE p.case_id = ? AND p.number = ?
                        """,
                    arguments: [id, number])
                else { return nil }
                return OtherCasePlan(caseID: id, number: number, account: row["account"] ?? "", text: row["text"] ?? "")
            }
        }
    }
}
