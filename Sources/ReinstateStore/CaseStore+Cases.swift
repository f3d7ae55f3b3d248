import Foundation
import GRDB
import ReinstateCore

extension CaseStore {
    // MARK: - Writing cases

    /// Stores a new case and returns its id.
    @discardableResult
    public func createCase(_ new: SuspensionCase) throws -> Int64 {
        // Opening a case is not a status change: its status has no author until someone sets one.
        try write { db in try Self.insertCase(new, db: db) }
    }

    static func insertCase(
        _ new: SuspensionCase, id: Int64? = nil, statusChanged: Date? = nil, statusSetBy: String? = nil, db: Database
    ) throws -> Int64 {
        let title = try checkedTitle(new)
        let scope = new.scope == .account ? "account" : "listings"
        try db.execute(
            sql: """
                INSERT INTO suspension_case (id, title, account, marketplace, scope, reason, status, status_changed_at, opened_at,
                    status_set_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, title, new.account, new.marketplace, scope, new.reason.rawValue, new.status.rawValue,
                (statusChanged ?? new.opened).stored, new.opened.stored, statusSetBy,
            ])
        let caseID = db.lastInsertedRowID
        for asin in Set(new.scope.asins) {
            try db.execute(sql: "INSERT INTO case_asin (case_id, asin) VALUES (?, ?)", arguments: [caseID, asin])
        }
        return caseID
    }

    /// Changes a case's status. Finishing a case (reinstated, denied, closed) closes its open deadlines;
    /// reopening it opens again those that no plan submission closed.
    public func setStatus(caseID: Int64, to status: CaseStatus, at now: Date) throws {
        try write { db in try Self.changeStatus(caseID: caseID, to: status, at: now, author: author, db: db) }
    }

    static func changeStatus(caseID: Int64, to status: CaseStatus, at now: Date, author: String?, db: Database) throws {
        try requireCase(caseID, db: db)
        try db.execute(
            sql: "UPDATE suspension_case SET status = ?, status_changed_at = ?, status_set_by = ? WHERE id = ?",
            arguments: [status.rawValue, now.stored, author, caseID])
        try refreshDeadlines(caseID: caseID, db: db)
    }

    // MARK: - Reading cases

    public func suspensionCase(_ id: Int64) throws -> SuspensionCase {
        try read { db in try Self.fetchCase(id, db: db) }
    }

    static func fetchCase(_ id: Int64, db: Database) throws -> SuspensionCase {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM suspension_case WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(what: "Case \(id)")
        }
        let asins = try String.fetchAll(db, sql: "SELECT asin FROM case_asin WHERE case_id = ? ORDER BY asin", arguments: [id])
        return Decode.suspensionCase(row, asins: asins)
    }

    static func requireCase(_ id: Int64, db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM suspension_case WHERE id = ?", arguments: [id]) == true else {
            throw StoreError.notFound(what: "Case \(id)")
        }
    }

    /// When the case's status last changed.
    static func statusChanged(_ id: Int64, db: Database) throws -> Date {
        let text = try String.fetchOne(db, sql: "SELECT status_changed_at FROM suspension_case WHERE id = ?", arguments: [id])
        return text.flatMap { Timestamp.parse($0) } ?? Date(timeIntervalSince1970: 0)
    }

    /// How many cases the query matches.
    public func caseCount(_ filter: CaseFilter = CaseFilter()) throws -> Int {
        try read { db in
            let (whereSQL, arguments) = Self.whereClause(filter)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM suspension_case c \(whereSQL)", arguments: arguments) ?? 0
        }
    }

    /// A window of the case list: only `limit` rows from `offset` are read, so a list of 100,000 cases
    /// costs no more than a list of 50.
    public func caseSummaries(
        _ filter: CaseFilter = CaseFilter(), sort: CaseSort = .urgency, offset: Int = 0, limit: Int = Int(Int32.max)
    ) throws -> [CaseSummary] {
        try read { db in
            var rows: [CaseSummary] = []
            try Self.eachSummary(db, filter, sort: sort, offset: offset, limit: limit) { rows.append($0) }
            return rows
        }
    }

    /// Every case passing the filter, as many times as `body` asks (`pass(each)` walks them all once),
    /// all from one snapshot of the store: a command can measure every row, then print every row with
    /// the same rows, without holding 100,000 of them in memory.
    public func walkCaseSummaries<T>(
        _ filter: CaseFilter, sort: CaseSort, _ body: (_ pass: ((CaseSummary) throws -> Void) throws -> Void) throws -> T
    ) throws -> T {
        try read { db in
            try body { each in try Self.eachSummary(db, filter, sort: sort, offset: 0, limit: Int(Int32.max), each) }
        }
    }

    static func eachSummary(
        _ db: Database, _ filter: CaseFilter, sort: CaseSort, offset: Int, limit: Int, _ each: (CaseSummary) throws -> Void
    ) throws {
        let (whereSQL, arguments) = Self.whereClause(filter)
        try ColumnReader.forEach(
            db,
            sql: """
                SELECT \(Self.summaryColumns)
                FROM suspension_case c \(whereSQL)
                ORDER BY \(Schema.order(sort)) LIMIT ? OFFSET ?
                """,
            arguments: arguments + [limit, offset]) { try each(Self.summary($0)) }
    }

    /// The columns `summary(_:)` reads, by position: lists read thousands of rows, and GRDB's lookup of
    /// a column by name costs more than the rest of the row.
    static let summaryColumns = """
        c.id, c.title, c.account, c.marketplace, c.reason, c.status, c.next_due_at, c.unanswered_count, c.submitted_count
        """
    static let summaryColumnCount: Int32 = 9

    static func summary(_ row: ColumnReader) -> CaseSummary {
        CaseSummary(
            id: row.int64(0), title: row.string(1), account: row.string(2), marketplace: row.string(3),
            reason: SuspensionReason(rawValue: row.string(4)) ?? .other,
            status: CaseStatus(rawValue: row.string(5)) ?? .open, nextDeadline: row.date(6),
            unanswered: row.int(7), appealsSubmitted: row.int(8))
    }

    /// The one summary of a case.
    public func caseSummary(_ id: Int64) throws -> CaseSummary {
        try read { db in
            guard let summary = try ColumnReader.map(
                db, sql: "SELECT \(Self.summaryColumns) FROM suspension_case c WHERE c.id = ?", arguments: [id], Self.summary
            ).first
            else { throw StoreError.notFound(what: "Case \(id)") }
            return summary
        }
    }

    static func whereClause(_ filter: CaseFilter) -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if filter.status != .all {
            let statuses = filter.status.statuses.map(\.rawValue)
            clauses.append("c.status IN (\(statuses.map { _ in "?" }.joined(separator: ",")))")
            arguments += StatementArguments(statuses)
        }
        let text = filter.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty {
            let like = "%" + text.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            var any = [
                "c.title LIKE ? ESCAPE '\\'", "c.account LIKE ? ESCAPE '\\'", "c.marketplace LIKE ? ESCAPE '\\'",
                "c.id IN (SELECT case_id FROM case_asin WHERE asin LIKE ? ESCAPE '\\')",
            ]
            arguments += [like, like, like, like]
            if let id = Int64(text) {
                any.append("c.id = ?")
                arguments += [id]
            }
            // The trigram index needs three characters; shorter text is matched on the fields above only.
            if text.unicodeScalars.count >= 3 {
                any.append("c.id IN (SELECT case_id FROM text_search WHERE text_search MATCH ?)")
                arguments += ["\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""]
            }
            clauses.append("(" + any.joined(separator: " OR ") + ")")
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), arguments)
    }
}
