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
        return try await snapshot { connection in
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
        let found = try await snapshot { try await summaries("WHERE c.id = $1", binds: binds, $0) }
        guard let summary = found.first else { throw StoreError.notFound(what: "Case \(id)") }
        return summary
    }

    /// Every open deadline that has passed or falls due before `now + window`, most urgent first, each
    /// with its case as the list shows it.
    public func due(now: Date, within window: TimeInterval) async throws -> [DueDeadline] {
        try await requireCurrent()
        let end = now.addingTimeInterval(window)
        return try await snapshot { try await dueDeadlines(until: end, limit: nil, $0) }
    }

    /// The open deadlines due by `end`, most urgent first (at most `limit`), each with its case as the
    /// list shows it: `due`, and the first of the tracker's warnings.
    func dueDeadlines(until end: Date, limit: Int?, _ connection: PostgresConnection) async throws -> [DueDeadline] {
        var deadlines: [Deadline] = []
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT id, case_id, message_id, amount, unit, anchor, phrase, set_at, due_at FROM deadline
                    WHERE closed_at IS NULL AND due_at <= $1 ORDER BY due_at, case_id, id \(limit.map { "LIMIT \($0)" } ?? "")
                    """,
                binds: { var b = PostgresBindings(); b.append(end); return b }()), logger: logger)
        for try await (id, caseID, messageID, amount, unit, anchor, phrase, set, due)
            in rows.decode((Int64, Int64, Int64, Int, String, String, String, Date, Date).self)
        {
            let rule = DeadlineRule(
                amount: amount, unit: DeadlineUnit(rawValue: unit) ?? .days,
                anchor: DeadlineAnchor(rawValue: anchor) ?? .thisMessage, text: phrase)
            deadlines.append(Deadline(id: id, caseID: caseID, messageID: messageID, rule: rule, set: set, due: due))
        }
        guard !deadlines.isEmpty else { return [] }
        var binds = PostgresBindings()
        binds.append(Array(Set(deadlines.map(\.caseID))).sorted())
        let cases = Dictionary(
            try await summaries("WHERE c.id = ANY($1)", binds: binds, connection).map { ($0.id, $0) },
            uniquingKeysWith: { a, _ in a })
        return deadlines.compactMap { d in cases[d.caseID].map { DueDeadline(summary: $0, deadline: d) } }
    }

    /// The list rows of the cases `tail` (a WHERE, ORDER BY and LIMIT on `c`) selects, in its order.
    func summaries(_ tail: String, binds: PostgresBindings, _ connection: PostgresConnection) async throws -> [CaseSummary] {
        var rows: [CaseSummary] = []
        let result = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT c.id, c.title, c.account, c.marketplace, c.reason, c.status, c.next_due_at,
                        c.submitted_count, c.open_count
                    FROM suspension_case c \(tail)
                    """, binds: binds), logger: logger)
        for try await (id, title, account, marketplace, reason, status, next, submitted, open)
            in result.decode((Int64, String, String, String, String, String, Date?, Int32, Int32).self)
        {
            rows.append(
                CaseSummary(
                    id: id, title: title, account: account, marketplace: marketplace,
                    reason: SuspensionReason(rawValue: reason) ?? .other, status: CaseStatus(rawValue: status) ?? .open,
                    nextDeadline: next, unanswered: Int(open), appealsSubmitted: Int(submitted)))
        }
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
