import Foundation
import GRDB
import ReinstateCore

extension CaseStore {
    /// Recomputes every deadline of a case from the facts (messages, submissions, status) with the rules
    /// in Core (`DeadlineRefresh`), and the case's next due date with them. Every write that touches one
    /// of those facts calls this, so due dates and closures are never edited by hand. The store only
    /// reads the facts and writes what the rules say.
    static func refreshDeadlines(caseID: Int64, db: Database) throws {
        let deadlines = try Row.fetchAll(db, sql: "SELECT * FROM deadline WHERE case_id = ?", arguments: [caseID])
            .map(Decode.deadline)
        guard !deadlines.isEmpty else {
            try db.execute(sql: "UPDATE suspension_case SET next_due_at = NULL WHERE id = ?", arguments: [caseID])
            return
        }
        let c = try fetchCase(caseID, db: db)
        let messages = try Row.fetchAll(db, sql: "SELECT kind, received_at FROM message WHERE case_id = ?", arguments: [caseID])
            .map { (kind: MessageKind(rawValue: $0["kind"] ?? "") ?? .other, received: $0.date("received_at")) }
        let submissions = try Row.fetchAll(
            db, sql: "SELECT number, submitted_at FROM plan_version WHERE case_id = ? AND submitted_at IS NOT NULL",
            arguments: [caseID]
        ).map { (version: $0["number"] as Int, at: $0.date("submitted_at")) }
        let refresh = DeadlineRefresh(
            DeadlineFacts(
                opened: c.opened, status: c.status, statusChanged: try statusChanged(caseID, db: db), messages: messages,
                submissions: submissions, deadlines: deadlines))
        for deadline in refresh.deadlines {
            var closedAt: Date? = nil, closedBy: String? = nil, closedVersion: Int? = nil, closedStatus: String? = nil
            switch deadline.closure {
            case .planSubmitted(let version, let at)?:
                (closedAt, closedBy, closedVersion) = (at, "plan-submitted", version)
            case .caseFinished(let status, let at)?:
                (closedAt, closedBy, closedStatus) = (at, "case-finished", status.rawValue)
            case nil:
                break
            }
            try db.execute(
                sql: """
                    UPDATE deadline SET due_at = ?, closed_at = ?, closed_by = ?, closed_version = ?, closed_status = ?
                    WHERE id = ?
                    """,
                arguments: [deadline.due.stored, closedAt?.stored, closedBy, closedVersion, closedStatus, deadline.id])
        }
        try db.execute(
            sql: "UPDATE suspension_case SET next_due_at = ? WHERE id = ?", arguments: [refresh.nextDue?.stored, caseID])
    }

    /// Every open deadline that has passed or falls due before `now + window`, most urgent first.
    public func due(now: Date, within window: TimeInterval) throws -> [DueDeadline] {
        try read { db in try Self.due(db, before: now.addingTimeInterval(window), limit: -1) }
    }

    /// The same deadlines for the launch warning: every due date, and the first `limit` whole. Both
    /// come from the index of open deadlines; only the first ones read their case.
    public func dueWarnings(now: Date, within window: TimeInterval, first limit: Int) throws -> DueWarnings {
        try read { db in
            let end = now.addingTimeInterval(window)
            let dues = try ColumnReader.map(
                db, sql: "SELECT due_at FROM deadline WHERE closed_at IS NULL AND due_at <= ? ORDER BY due_at",
                arguments: [end.stored]
            ) { $0.date(0) ?? Date(timeIntervalSince1970: 0) }
            return DueWarnings(dues: dues, first: try Self.due(db, before: end, limit: max(0, limit)))
        }
    }

    static func due(_ db: Database, before end: Date, limit: Int) throws -> [DueDeadline] {
            let k = Self.summaryColumnCount
            return try ColumnReader.map(
                db,
                sql: """
                    SELECT \(Self.summaryColumns),
                        d.id, d.message_id, d.amount, d.unit, d.anchor, d.phrase, d.set_at, d.due_at
                    FROM deadline d JOIN suspension_case c ON c.id = d.case_id
                    WHERE d.closed_at IS NULL AND d.due_at <= ?
                    ORDER BY d.due_at, d.case_id, d.id
                    LIMIT ?
                    """,
                arguments: [end.stored, limit]
            ) { row in
                let summary = Self.summary(row)
                let rule = DeadlineRule(
                    amount: row.int(k + 2), unit: DeadlineUnit(rawValue: row.string(k + 3)) ?? .days,
                    anchor: DeadlineAnchor(rawValue: row.string(k + 4)) ?? .thisMessage, text: row.string(k + 5))
                let epoch = Date(timeIntervalSince1970: 0)
                let deadline = Deadline(
                    id: row.int64(k), caseID: summary.id, messageID: row.int64(k + 1), rule: rule,
                    set: row.date(k + 6) ?? epoch, due: row.date(k + 7) ?? epoch)
                return DueDeadline(summary: summary, deadline: deadline)
            }
    }
}
