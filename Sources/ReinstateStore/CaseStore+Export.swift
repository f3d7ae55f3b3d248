import Foundation
import GRDB
import ReinstateCore

extension CaseStore {
    // MARK: - Export

    /// Every case's history, oldest id first, read with one query a table instead of six a case, for
    /// exporting a whole store. Without `includingRaw` the messages' raw bytes are left empty (the
    /// readable text is kept), which is what every format but JSON needs.
    public func allHistories(includingRaw: Bool = false) throws -> [CaseHistory] {
        try read { db in try Self.fetchAllHistories(includingRaw: includingRaw, db: db) }
    }

    /// The JSON documents of histories read from this store (perhaps changed since, as by redaction);
    /// what the store alone knows (when each status last changed) is read again.
    public func caseDocuments(for histories: [CaseHistory]) throws -> [CaseDocument] {
        try read { db in try histories.map { try Self.caseDocument($0, db: db) } }
    }

    static func fetchAllHistories(includingRaw: Bool, db: Database) throws -> [CaseHistory] {
        let asins = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT case_id, asin FROM case_asin ORDER BY case_id, asin"),
                               by: { $0["case_id"] as Int64 })
            .mapValues { rows in rows.map { $0["asin"] as String } }
        let cases = try Row.fetchAll(db, sql: "SELECT * FROM suspension_case ORDER BY id").map {
            Decode.suspensionCase($0, asins: asins[$0["id"] as Int64] ?? [])
        }
        let messageColumns = includingRaw ? "*" : "id, case_id, kind, received_at, subject, text, reader_version"
        let messages = Dictionary(grouping: try Row.fetchAll(
            db, sql: "SELECT \(messageColumns) FROM message ORDER BY case_id, received_at, id").map(Decode.message), by: \.caseID)
        let requests = Dictionary(grouping: try Row.fetchAll(
            db,
            sql: """
                SELECT r.* FROM requested_detail r JOIN message m ON m.id = r.message_id
                ORDER BY r.case_id, m.received_at, m.id, r.position
                """
        ).map(Decode.requestedDetail), by: \.caseID)
        let plans = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT * FROM plan_version ORDER BY case_id, number")
            .map(Decode.plan), by: \.caseID)
        let deadlines = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT * FROM deadline ORDER BY case_id, set_at, id")
            .map(Decode.deadline), by: \.caseID)
        let notes = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT * FROM note ORDER BY case_id, created_at, id")
            .map(Decode.note), by: \.caseID)
        let evidence = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT * FROM evidence ORDER BY case_id, added_at, id")
            .map(Decode.evidence), by: \.caseID)
        return cases.map { c in
            CaseHistory(
                suspensionCase: c, messages: messages[c.id] ?? [], requests: requests[c.id] ?? [],
                plans: plans[c.id] ?? [], deadlines: deadlines[c.id] ?? [], notes: notes[c.id] ?? [],
                evidence: evidence[c.id] ?? [])
        }
    }
}
