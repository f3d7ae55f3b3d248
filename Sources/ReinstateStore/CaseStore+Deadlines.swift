import Foundation
import GRDB
import ReinstateCore

/// One open deadline that has passed or falls within the warning window.
public struct DueDeadline: Sendable, Equatable {
    public var summary: CaseSummary
    public var deadline: Deadline
}

extension CaseStore {
    /// Recomputes every deadline of a case from the facts (messages, submissions, status) with the rules
    /// in `DeadlineRules`, and the case's next due date with them. Every write that touches one of those
    /// facts calls this, so due dates and closures are never edited by hand.
    static func refreshDeadlines(caseID: Int64, db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM deadline WHERE case_id = ?", arguments: [caseID])
        guard !rows.isEmpty else {
            try db.execute(sql: "UPDATE suspension_case SET next_due_at = NULL WHERE id = ?", arguments: [caseID])
            return
        }
        let c = try fetchCase(caseID, db: db)
        let messages = try Row.fetchAll(db, sql: "SELECT kind, received_at FROM message WHERE case_id = ?", arguments: [caseID])
            .map { (kind: MessageKind(rawValue: $0["kind"] ?? "") ?? .other, received: $0.date("received_at")) }
        let original = DeadlineRules.originalNotification(opened: c.opened, messages: messages)
        let submissions = try Row.fetchAll(
            db, sql: "SELECT number, submitted_at FROM plan_version WHERE case_id = ? AND submitted_at IS NOT NULL",
            arguments: [caseID]
        ).map { (version: $0["number"] as Int, at: $0.date("submitted_at")) }
        let finished = c.status.isFinished ? (status: c.status, at: try statusChanged(caseID, db: db)) : nil
        var next: Date? = nil
        for row in rows {
            let deadline = Decode.deadline(row)
            let due = deadline.rule.due(messageReceived: deadline.set, originalNotification: original)
            let closure = DeadlineRules.closure(set: deadline.set, submissions: submissions, finished: finished)
            var closedAt: Date? = nil, closedBy: String? = nil, closedVersion: Int? = nil, closedStatus: String? = nil
            switch closure {
            case .planSubmitted(let version, let at)?:
                (closedAt, closedBy, closedVersion) = (at, "plan-submitted", version)
            case .caseFinished(let status, let at)?:
                (closedAt, closedBy, closedStatus) = (at, "case-finished", status.rawValue)
            case nil:
                next = min(next ?? due, due)
            }
            try db.execute(
                sql: """
                    UPDATE deadline SET due_at = ?, closed_at = ?, closed_by = ?, closed_version = ?, closed_status = ?
                    WHERE id = ?
                    """,
                arguments: [due.stored, closedAt?.stored, closedBy, closedVersion, closedStatus, deadline.id])
        }
        try db.execute(sql: "UPDATE suspension_case SET next_due_at = ? WHERE id = ?", arguments: [next?.stored, caseID])
    }

    /// Every open deadline that has passed or falls due before `now + window`, most urgent first.
    public func due(now: Date, within window: TimeInterval) throws -> [DueDeadline] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, c.title, c.account, c.marketplace, c.reason, c.status, c.next_due_at,
                        (SELECT count(*) FROM requested_detail r WHERE r.case_id = c.id AND r.state = 'unanswered') AS unanswered,
                        (SELECT count(*) FROM plan_version p WHERE p.case_id = c.id AND p.submitted_at IS NOT NULL) AS appeals
                    FROM deadline d JOIN suspension_case c ON c.id = d.case_id
                    WHERE d.closed_at IS NULL AND d.due_at <= ?
                    ORDER BY d.due_at, d.case_id, d.id
                    """,
                arguments: [now.addingTimeInterval(window).stored])
            return rows.map { row in
                var summary = Self.summary(row)
                summary.id = row["case_id"]
                return DueDeadline(summary: summary, deadline: Decode.deadline(row))
            }
        }
    }
}
