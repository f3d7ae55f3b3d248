import Foundation
import PostgresNIO
import ReinstateCore
import ReinstateStore

/// What the everyday commands read (`case list`, `case show`, `due`, `export --case`), in SQL. A case is
/// read as its document and turned into the same `CaseHistory` the SQLite store reads; the open count of
/// a list row is kept on the case row by triggers (migration v7-counts), as on the local store.
extension PostgresStore {
    /// Runs `body` in one read-only snapshot (repeatable read), so what it reads in several queries
    /// belongs together whatever colleagues write meanwhile.
    func snapshot<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await reading { connection in
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            do {
                let result = try await body(connection)
                // END, not COMMIT: nothing is saved here, so a connection lost now is said as lost, not as
                // a write whose outcome is unknown (PostgresStoreError.from looks for COMMIT).
                try await connection.query("END", logger: logger)
                return result
            } catch {
                await rollBack()
                throw error
            }
        }
    }

    /// Throws, as a lost connection, when the server has already closed this connection (stopped,
    /// restarted, the session terminated). Checked before a query is sent: postgres-nio 1.33 never
    /// answers a query written to a connection already closed, and the command would wait for ever.
    func ensureConnected() throws {
        if connection.isClosed {
            throw PostgresStoreError.unreachable(
                address: address.redacted, why: "the connection was lost (the server stopped, restarted or closed it)")
        }
    }

    /// Rolls the open transaction back, when the connection is still there to say it on (a closed
    /// connection's transaction was rolled back by the server already).
    func rollBack() async {
        guard !connection.isClosed else { return }
        _ = try? await connection.query("ROLLBACK", logger: logger)
    }

    /// Asks the server for `SELECT 1`: the least a command can do on the store (the benchmarks' floor).
    public func ping() async throws {
        try await reading { connection in
            _ = try await connection.query("SELECT 1", logger: logger).collect()
        }
    }

    public func history(_ caseID: Int64) async throws -> CaseHistory {
        try await caseDocument(caseID).history()
    }

    public func caseCount(_ filter: CaseFilter) async throws -> Int {
        try await requireCurrent()
        return try await reading { connection in
            var total = 0
            let (condition, binds) = try Self.whereClause(filter)
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT count(*) FROM suspension_case c \(condition)", binds: binds), logger: logger)
            for try await n in rows.decode(Int64.self) { total = Int(n) }
            return total
        }
    }

    public func caseSummaries(_ filter: CaseFilter, sort: CaseSort, offset: Int, limit: Int) async throws -> [CaseSummary] {
        try await requireCurrent()
        // One statement, which reads one snapshot by itself: no transaction around it (two round trips
        // less on every key that brings a new window of the list).
        return try await reading { connection in
            var (condition, binds) = try Self.whereClause(filter)
            binds.append(Int64(max(0, limit)))
            binds.append(Int64(max(0, offset)))
            let n = binds.count
            return try await summaries(
                "\(condition) ORDER BY \(Self.order(sort)) LIMIT $\(n - 1) OFFSET $\(n)", binds: binds, connection)
        }
    }

    public func caseSummary(_ id: Int64) async throws -> CaseSummary {
        try await requireCurrent()
        var binds = PostgresBindings()
        binds.append(id)
        let found = try await reading { try await summaries("WHERE c.id = $1", binds: binds, $0) }
        guard let summary = found.first else { throw StoreError.notFound(what: "Case \(id)") }
        return summary
    }

    /// Every open deadline that has passed or falls due before `now + window`, most urgent first, each
    /// with its case as the list shows it.
    public func due(now: Date, within window: TimeInterval) async throws -> [DueDeadline] {
        try await requireCurrent()
        let end = now.addingTimeInterval(window)
        return try await reading { try await dueDeadlines(until: end, limit: nil, $0) }
    }

    /// The open deadlines due by `end`, most urgent first (at most `limit`), each with its case as the
    /// list shows it: `due`, and the first of the tracker's warnings. One statement (the deadlines joined
    /// to their cases), so one round trip and one snapshot; a deadline of a case the role may not read
    /// is left out, as row-level security leaves the case out.
    func dueDeadlines(until end: Date, limit: Int?, _ connection: PostgresConnection) async throws -> [DueDeadline] {
        var binds = PostgresBindings()
        binds.append(end)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(Self.summaryColumns),
                        d.id, d.message_id, d.amount, d.unit, d.anchor, d.phrase, d.set_at, d.due_at
                    FROM deadline d JOIN suspension_case c ON c.id = d.case_id
                    WHERE d.closed_at IS NULL AND d.due_at <= $1 ORDER BY d.due_at, d.case_id, d.id
                    \(limit.map { "LIMIT \($0)" } ?? "")
                    """,
                binds: binds), logger: logger)
        var due: [DueDeadline] = []
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let summary = try Self.summary(cells)
            let n = Self.summaryColumnCount
            let rule = DeadlineRule(
                amount: try cells[n + 2].decode(Int.self), unit: DeadlineUnit(rawValue: try cells[n + 3].decode(String.self)) ?? .days,
                anchor: DeadlineAnchor(rawValue: try cells[n + 4].decode(String.self)) ?? .thisMessage,
                text: try cells[n + 5].decode(String.self))
            let deadline = Deadline(
                id: try cells[n].decode(Int64.self), caseID: summary.id, messageID: try cells[n + 1].decode(Int64.self), rule: rule,
                set: try cells[n + 6].decode(Date.self), due: try cells[n + 7].decode(Date.self))
            due.append(DueDeadline(summary: summary, deadline: deadline))
        }
        return due
    }

    /// A list row's columns of the case `c`, in the order `summary` reads them.
    static let summaryColumns = """
        c.id, c.title, c.account, c.marketplace, c.reason, c.status, c.next_due_at, c.submitted_count, c.open_count
        """
    static let summaryColumnCount = 9

    /// The list row in the first `summaryColumnCount` cells of a row.
    static func summary(_ cells: PostgresRandomAccessRow) throws -> CaseSummary {
        CaseSummary(
            id: try cells[0].decode(Int64.self), title: try cells[1].decode(String.self), account: try cells[2].decode(String.self),
            marketplace: try cells[3].decode(String.self),
            reason: SuspensionReason(rawValue: try cells[4].decode(String.self)) ?? .other,
            status: CaseStatus(rawValue: try cells[5].decode(String.self)) ?? .open, nextDeadline: try cells[6].decode(Date?.self),
            unanswered: Int(try cells[8].decode(Int32.self)), appealsSubmitted: Int(try cells[7].decode(Int32.self)))
    }

    /// The list rows of the cases `tail` (a WHERE, ORDER BY and LIMIT on `c`) selects, in its order.
    func summaries(_ tail: String, binds: PostgresBindings, _ connection: PostgresConnection) async throws -> [CaseSummary] {
        var rows: [CaseSummary] = []
        let result = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(Self.summaryColumns) FROM suspension_case c \(tail)", binds: binds), logger: logger)
        for try await row in result { rows.append(try Self.summary(row.makeRandomAccess())) }
        return rows
    }

    /// The WHERE of a case list on `c`, with its values as bindings ($1, $2, …): the same cases the
    /// SQLite store's filter admits. Text is matched case-insensitively in the title, account,
    /// marketplace, ASINs and id, and from three characters on in the messages, plans and notes (where
    /// the SQLite store's trigram index starts).
    static func whereClause(_ filter: CaseFilter) throws -> (String, PostgresBindings) {
        var clauses: [String] = []
        var binds = PostgresBindings()
        func bind<T: PostgresThrowingDynamicTypeEncodable>(_ value: T) throws -> String {
            try binds.append(value)
            return "$\(binds.count)"
        }
        if filter.status != .all {
            clauses.append("c.status = ANY(\(try bind(filter.status.statuses.map(\.rawValue))))")
        }
        let text = filter.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty {
            let like = try bind(
                "%" + text.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%")
            var any = [
                "c.title ILIKE \(like)", "c.account ILIKE \(like)", "c.marketplace ILIKE \(like)",
                "c.id IN (SELECT case_id FROM case_asin WHERE asin ILIKE \(like))",
            ]
            if let id = Int64(text) { any.append("c.id = \(try bind(id))") }
            if text.unicodeScalars.count >= 3 {
                any += [
                    "c.id IN (SELECT case_id FROM message WHERE subject || E'\\n' || text ILIKE \(like))",
                    "c.id IN (SELECT case_id FROM plan_version WHERE text ILIKE \(like))",
                    "c.id IN (SELECT case_id FROM note WHERE text ILIKE \(like))",
                ]
            }
            clauses.append("(" + any.joined(separator: " OR ") + ")")
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), binds)
    }

    /// The ORDER BY of each sort, ordering as the SQLite store does: no deadline last, accounts by
    /// their bytes with ASCII letters folded (SQLite's NOCASE), statuses in the order a case moves.
    static func order(_ sort: CaseSort) -> String {
        let statusRank = "CASE c.status "
            + CaseStatus.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
        switch sort {
        case .urgency: return "c.next_due_at NULLS LAST, c.id"
        case .newest: return "c.id DESC"
        case .account:
            return "translate(c.account, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE \"C\", c.id"
        case .status: return "\(statusRank), c.next_due_at NULLS LAST, c.id"
        case .updated: return "c.status_changed_at DESC, c.id DESC"
        }
    }
}
