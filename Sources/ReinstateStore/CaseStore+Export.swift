import Foundation
import GRDB
import ReinstateCore

extension CaseStore {
    // MARK: - Export

    /// How many cases an export reads at a time: a few megabytes at most, whatever the size of the store.
    public static let exportBatchSize = 200

    /// Every case's history, oldest id first, read with one query a table instead of six a case, for
    /// exporting a whole store. Without `includingRaw` the messages' raw bytes are left empty (the
    /// readable text is kept), which is what every format but JSON needs. It holds the whole store in
    /// memory: whole-store exports read it in batches with `withExportSnapshot` instead.
    public func allHistories(includingRaw: Bool = false) throws -> [CaseHistory] {
        try read { db in try Self.fetchHistories(.all, includingRaw: includingRaw, db: db) }
    }

    /// The JSON documents of histories read from this store (perhaps changed since, as by redaction);
    /// what the store alone knows (when each status last changed) is read again.
    public func caseDocuments(for histories: [CaseHistory]) throws -> [CaseDocument] {
        try read { db in try ExportSnapshot(db: db, batchSize: Self.exportBatchSize).documents(for: histories) }
    }

    /// Runs `body` on one read transaction of the store, so an export that reads the cases more than once
    /// (names for redaction first, then the cases themselves) sees the same cases each time, whatever
    /// other processes write meanwhile. Errors of `body` that are not the database's (a full disk under
    /// the output file) come out as they are. `batchSize` is for tests.
    public func withExportSnapshot<T>(batchSize: Int = exportBatchSize, _ body: (ExportSnapshot) throws -> T) throws -> T {
        var outcome: Result<T, Error>?
        try read { db in
            do {
                outcome = .success(try body(ExportSnapshot(db: db, batchSize: max(1, batchSize))))
            } catch let error as DatabaseError {
                throw error
            } catch {
                outcome = .failure(error)
            }
        }
        guard let outcome else { throw StoreError.cannotOpen(path: path, why: "the read did not run") }
        return try outcome.get()
    }

    /// Which cases a query of histories reads.
    enum CaseSelection {
        case all
        /// Ids from the first to the last, both included.
        case range(Int64, Int64)
        case ids([Int64])

        /// The condition on a case id column, with its arguments.
        func condition(_ column: String) -> (sql: String, arguments: StatementArguments) {
            switch self {
            case .all:
                return ("1", [])
            case .range(let first, let last):
                return ("\(column) BETWEEN ? AND ?", [first, last])
            case .ids(let ids):
                return ("\(column) IN (\(ids.map { _ in "?" }.joined(separator: ",")))", StatementArguments(ids))
            }
        }
    }

    static func fetchCases(_ selection: CaseSelection, db: Database) throws -> [SuspensionCase] {
        let (caseCondition, arguments) = selection.condition("case_id")
        let asins = Dictionary(
            grouping: try Row.fetchAll(
                db, sql: "SELECT case_id, asin FROM case_asin WHERE \(caseCondition) ORDER BY case_id, asin", arguments: arguments),
            by: { $0["case_id"] as Int64 }
        ).mapValues { rows in rows.map { $0["asin"] as String } }
        let (idCondition, _) = selection.condition("id")
        return try Row.fetchAll(db, sql: "SELECT * FROM suspension_case WHERE \(idCondition) ORDER BY id", arguments: arguments).map {
            Decode.suspensionCase($0, asins: asins[$0["id"] as Int64] ?? [])
        }
    }

    /// The histories of the selected cases, oldest id first, with one query a table. Each part is in
    /// the order `fetchHistory` reads it for one case.
    static func fetchHistories(_ selection: CaseSelection, includingRaw: Bool, db: Database) throws -> [CaseHistory] {
        let cases = try fetchCases(selection, db: db)
        guard !cases.isEmpty else { return [] }
        let (condition, arguments) = selection.condition("case_id")
        let messageColumns = includingRaw ? "*" : "id, case_id, kind, received_at, subject, text, reader_version, added_by"
        let messages = Dictionary(grouping: try Row.fetchAll(
            db, sql: "SELECT \(messageColumns) FROM message WHERE \(condition) ORDER BY case_id, received_at, id",
            arguments: arguments
        ).map(Decode.message), by: \.caseID)
        let requests = Dictionary(grouping: try Row.fetchAll(
            db,
            sql: """
                SELECT r.* FROM requested_detail r JOIN message m ON m.id = r.message_id
                WHERE \(selection.condition("r.case_id").sql) ORDER BY r.case_id, m.received_at, m.id, r.position
                """,
            arguments: arguments
        ).map(Decode.requestedDetail), by: \.caseID)
        /// A table's rows of the selected cases, in `order`, by case.
        func byCase<T>(_ table: String, order: String, _ decode: (Row) -> T, caseID: (T) -> Int64) throws -> [Int64: [T]] {
            Dictionary(grouping: try Row.fetchAll(
                db, sql: "SELECT * FROM \(table) WHERE \(condition) ORDER BY case_id, \(order)", arguments: arguments
            ).map(decode), by: caseID)
        }
        let plans = try byCase("plan_version", order: "number", Decode.plan, caseID: \.caseID)
        let deadlines = try byCase("deadline", order: "set_at, id", Decode.deadline, caseID: \.caseID)
        let notes = try byCase("note", order: "created_at, id", Decode.note, caseID: \.caseID)
        let evidence = try byCase("evidence", order: "added_at, id", Decode.evidence, caseID: \.caseID)
        return cases.map { c in
            CaseHistory(
                suspensionCase: c, messages: messages[c.id] ?? [], requests: requests[c.id] ?? [],
                plans: plans[c.id] ?? [], deadlines: deadlines[c.id] ?? [], notes: notes[c.id] ?? [],
                evidence: evidence[c.id] ?? [])
        }
    }
}

/// The store as one read transaction sees it, read a batch of cases at a time: what a whole-store
/// export needs to write any number of cases in bounded memory. Only valid inside
/// `CaseStore.withExportSnapshot`.
public struct ExportSnapshot {
    let db: Database
    /// How many cases each batch holds (the last may hold fewer).
    public let batchSize: Int

    /// How many cases the store holds.
    public func caseCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM suspension_case") ?? 0
    }

    /// Every case, oldest id first, a batch at a time: the cases alone, for a contents list.
    public func forEachCaseBatch(_ body: ([SuspensionCase]) throws -> Void) throws {
        try forEachIDRange { first, last in try body(CaseStore.fetchCases(.range(first, last), db: db)) }
    }

    /// Every case's history, oldest id first, a batch at a time. Without `includingRaw` the messages'
    /// raw bytes are left empty, as by `CaseStore.allHistories`.
    public func forEachHistoryBatch(includingRaw: Bool, _ body: ([CaseHistory]) throws -> Void) throws {
        try forEachIDRange { first, last in
            try body(CaseStore.fetchHistories(.range(first, last), includingRaw: includingRaw, db: db))
        }
    }

    /// The attachments kept with these cases' messages, by message id (without their bytes).
    public func attachments(of histories: [CaseHistory]) throws -> [Int64: [StoredAttachment]] {
        try CaseStore.attachments(of: histories.flatMap { $0.messages.map(\.id) }, db: db)
    }

    /// Which of these cases have a plan version.
    public func casesWithPlan(_ cases: [SuspensionCase]) throws -> Set<Int64> {
        guard !cases.isEmpty else { return [] }
        let (condition, arguments) = CaseStore.CaseSelection.ids(cases.map(\.id)).condition("case_id")
        return Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT case_id FROM plan_version WHERE \(condition)", arguments: arguments))
    }

    /// The histories of these cases, oldest id first (ids that name no case are left out).
    public func histories(ids: [Int64], includingRaw: Bool) throws -> [CaseHistory] {
        var result: [CaseHistory] = []
        let unique = Array(Set(ids)).sorted()
        var start = 0
        // SQLite takes a bounded number of arguments; a batch is far below it.
        while start < unique.count {
            let chunk = Array(unique[start..<min(start + batchSize, unique.count)])
            result += try CaseStore.fetchHistories(.ids(chunk), includingRaw: includingRaw, db: db)
            start += chunk.count
        }
        return result
    }

    /// The JSON documents of these histories (perhaps redacted since they were read); when each status
    /// last changed is read from the store.
    /// The held messages with their bytes, as the whole-store document carries them.
    public func heldDocuments() throws -> [HeldDocument] { try CaseStore.heldDocuments(db: db) }

    public func documents(for histories: [CaseHistory]) throws -> [CaseDocument] {
        guard !histories.isEmpty else { return [] }
        let (condition, arguments) = CaseStore.CaseSelection.ids(histories.map(\.suspensionCase.id)).condition("id")
        var changed: [Int64: Date] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, status_changed_at FROM suspension_case WHERE \(condition)", arguments: arguments) {
            let text: String? = row["status_changed_at"]
            changed[row["id"]] = text.flatMap { Timestamp.parse($0) }
        }
        var docs = histories.map {
            CaseStore.caseDocument($0, statusChanged: changed[$0.suspensionCase.id] ?? Date(timeIntervalSince1970: 0))
        }
        try CaseStore.addMailRecords(to: &docs, db: db)
        return docs
    }

    /// The first and last id of each batch of cases, oldest first.
    func forEachIDRange(_ body: (Int64, Int64) throws -> Void) throws {
        var after = Int64.min
        while true {
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM suspension_case WHERE id > ? ORDER BY id LIMIT ?", arguments: [after, batchSize])
            guard let first = ids.first, let last = ids.last else { return }
            try body(first, last)
            after = last
        }
    }
}
