import Foundation
import PostgresNIO
import ReinstateCore
import ReinstateStore

/// What the tracker reads besides the commands' reads: the launch warning, a plan check against other
/// cases' plans, a message's attachments, one note, and held mail. Each gives the values the SQLite
/// store gives (`StoreContractTests` compares them).
extension PostgresStore {
    /// Every due date of an open deadline in the window, and the first `limit` with their cases, read in
    /// one snapshot so both agree.
    public func dueWarnings(now: Date, within window: TimeInterval, first limit: Int) async throws -> DueWarnings {
        try await requireCurrent()
        let end = now.addingTimeInterval(window)
        return try await snapshot { connection in
            var dues: [Date] = []
            let all = try await connection.query(
                "SELECT due_at FROM deadline WHERE closed_at IS NULL AND due_at <= \(end) ORDER BY due_at", logger: logger)
            for try await due in all.decode(Date.self) { dues.append(due) }
            guard limit > 0, !dues.isEmpty else { return DueWarnings(dues: dues, first: []) }
            let first = try await dueDeadlines(until: end, limit: max(0, limit), connection)
            return DueWarnings(dues: dues, first: first)
        }
    }

    /// Checks `text` as a version of the case against the case and the plans of other cases that share a
    /// passage with it, as the SQLite store does (which finds those through its trigram index; here a
    /// case-insensitive `strpos` over the plan versions, which is enough for an agency's few thousand).
    public func checkPlan(caseID: Int64, text: String, version: Int?) async throws -> PlanCheck {
        let history = try await history(caseID)
        let reading = PlanReader().read(text)
        let others = try await plansSharingPassages(PlanCheck.passages(of: reading), excludingCase: caseID)
        return PlanCheck.run(reading: reading, version: version, history: history, otherPlans: others)
    }

    /// Plan versions of other cases that contain any of `passages` (case-insensitive), with their case's
    /// seller account: the latest such version of each case, at most `limit` cases, lowest case id first.
    func plansSharingPassages(_ passages: [String], excludingCase caseID: Int64, limit: Int = 20) async throws
        -> [OtherCasePlan]
    {
        // As on SQLite, whose trigram index cannot look for fewer than three characters.
        let usable = passages.filter { $0.unicodeScalars.count >= 3 }.map { $0.lowercased() }
        guard !usable.isEmpty else { return [] }
        return try await snapshot { connection in
            let rows = try await connection.query(
                """
                SELECT DISTINCT ON (p.case_id) p.case_id, p.number, c.account, p.text
                FROM plan_version p JOIN suspension_case c ON c.id = p.case_id
                WHERE p.case_id <> \(caseID)
                    AND EXISTS (SELECT 1 FROM unnest(\(usable)::text[]) s WHERE strpos(lower(p.text), s) > 0)
                ORDER BY p.case_id, p.number DESC
                LIMIT \(Int64(limit))
                """, logger: logger)
            var plans: [OtherCasePlan] = []
            for try await (id, number, account, text) in rows.decode((Int64, Int, String, String).self) {
                plans.append(OtherCasePlan(caseID: id, number: number, account: account, text: text))
            }
            return plans
        }
    }

    /// The attachments kept with a case's messages, by message id, as each message's column describes them.
    public func attachments(of history: CaseHistory) async throws -> [Int64: [StoredAttachment]] {
        let ids = history.messages.map(\.id)
        guard !ids.isEmpty else { return [:] }
        try await requireCurrent()
        return try await reading { connection in
            let rows = try await connection.query(
                "SELECT id, attachments FROM message WHERE id = ANY(\(ids)) AND attachments IS NOT NULL ORDER BY id",
                logger: logger)
            var out: [Int64: [StoredAttachment]] = [:]
            for try await (id, json) in rows.decode((Int64, String).self) {
                let described = try JSONDecoder().decode([AttachmentDocument].self, from: Data(json.utf8))
                let stored = described.sorted { $0.number < $1.number }.map {
                    StoredAttachment(
                        messageID: id, number: $0.number, filename: $0.filename, contentType: $0.contentType, size: $0.size,
                        sha256: $0.sha256)
                }
                if !stored.isEmpty { out[id] = stored }
            }
            return out
        }
    }

    public func note(_ id: Int64) async throws -> Note {
        try await requireCurrent()
        return try await reading { try await fetchNote(id, $0) }
    }

    // MARK: - Held mail

    /// Held mail belongs to no account: only the owner's role has rights on it, so a staff role's
    /// tracker shows none (as its export carries none) rather than failing.
    func mayReadHeld(_ connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query("SELECT has_table_privilege('held_message', 'SELECT')", logger: logger)
        for try await may in rows.decode(Bool.self) { return may }
        return false
    }

    /// The held messages without their bytes, oldest first (by when they were received, as on SQLite).
    public func heldMessages() async throws -> [HeldMessage] {
        try await requireCurrent()
        return try await reading { connection in
            guard try await mayReadHeld(connection) else { return [] }
            let rows = try await connection.query(
                """
                SELECT id, identity, received_at, subject, sender, reason, origin, held_at FROM held_message
                ORDER BY received_at, id
                """, logger: logger)
            var out: [HeldMessage] = []
            for try await (id, identity, received, subject, sender, reason, origin, held) in rows.decode(
                (Int64, String, Date, String, String, String, String, Date).self)
            {
                out.append(HeldMessage(
                    id: id, identity: identity, received: received, subject: subject, sender: sender, reason: reason,
                    origin: origin, held: held))
            }
            return out
        }
    }

    /// One held message with its bytes. `StoreError.notFound` when there is none (or the role may not see held mail).
    public func heldMessage(_ id: Int64) async throws -> HeldMessage {
        try await requireCurrent()
        let found = try await reading { connection -> HeldMessage? in
            guard try await mayReadHeld(connection) else { return nil }
            let rows = try await connection.query(
                """
                SELECT id, identity, received_at, subject, sender, reason, origin, held_at, raw FROM held_message
                WHERE id = \(id)
                """, logger: logger)
            for try await (id, identity, received, subject, sender, reason, origin, held, raw) in rows.decode(
                (Int64, String, Date, String, String, String, String, Date, Data).self)
            {
                return HeldMessage(
                    id: id, identity: identity, received: received, subject: subject, sender: sender, reason: reason,
                    origin: origin, held: held, raw: raw)
            }
            return nil
        }
        guard let found else { throw StoreError.notFound(what: "Held message \(id)") }
        return found
    }

    public func heldCount() async throws -> Int {
        try await requireCurrent()
        return try await reading { connection in
            guard try await mayReadHeld(connection) else { return 0 }
            let rows = try await connection.query("SELECT count(*) FROM held_message", logger: logger)
            for try await n in rows.decode(Int64.self) { return Int(n) }
            return 0
        }
    }
}
