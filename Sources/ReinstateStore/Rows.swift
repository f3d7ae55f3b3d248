import Foundation
import GRDB
import GRDBSQLite
import ReinstateCore

// MARK: - Database

// Stored instants are UTC text with whole seconds ("2026-11-22T09:30:00Z"): they sort as text and read
// the same in any SQLite tool.

extension Date {
    var stored: String { Timestamp.utc(self) }
}

extension Row {
    func date(_ column: String) -> Date {
        let text: String = self[column] ?? ""
        return Timestamp.parse(text) ?? Date(timeIntervalSince1970: 0)
    }

    func optionalDate(_ column: String) -> Date? {
        guard let text: String = self[column] else { return nil }
        return Timestamp.parse(text)
    }
}

enum Decode {
    static func suspensionCase(_ row: Row, asins: [String]) -> SuspensionCase {
        let scope: SuspendedScope = (row["scope"] as String? ?? "account") == "listings" ? .listings(asins) : .account
        return SuspensionCase(
            id: row["id"], title: row["title"], account: row["account"], marketplace: row["marketplace"],
            scope: scope, reason: SuspensionReason(rawValue: row["reason"] ?? "") ?? .other,
            status: CaseStatus(rawValue: row["status"] ?? "") ?? .open, opened: row.date("opened_at"),
            statusSetBy: row["status_set_by"])
    }

    static func message(_ row: Row) -> AmazonMessage {
        AmazonMessage(
            id: row["id"], caseID: row["case_id"], kind: MessageKind(rawValue: row["kind"] ?? "") ?? .other,
            received: row.date("received_at"), subject: row["subject"], raw: row["raw"] ?? Data(), text: row["text"],
            readerVersion: row["reader_version"], addedBy: row["added_by"])
    }

    static func requestState(_ row: Row) -> RequestState {
        switch row["state"] as String? {
        case "answered":
            return .answered(
                version: row["answered_version"] ?? 0,
                by: AnswerSource(rawValue: row["answered_by"] ?? "") ?? .user)
        case "waived":
            return .waived(reason: row["waived_reason"] ?? "")
        case "reopened":
            return .reopened
        default:
            return .unanswered
        }
    }

    static func requestedDetail(_ row: Row) -> RequestedDetail {
        RequestedDetail(
            id: row["id"], caseID: row["case_id"], messageID: row["message_id"], text: row["text"],
            aspect: Aspect(rawValue: row["aspect"] ?? "") ?? .other, topic: row["topic"],
            state: requestState(row), corrected: row["corrected"] == 1,
            // The waiver's reason outlives the waiver (reopened or answered since) as history.
            waivedBefore: row["state"] as String? == "waived" ? nil : row["waived_reason"],
            alternative: alternative(row), stateSetBy: row["state_set_by"], stateSetAt: row.optionalDate("state_set_at"))
    }

    /// The request's place among alternatives (migration v5), when it has one.
    static func alternative(_ row: Row) -> RequestAlternative? {
        guard let group: Int = row["alternative_group"], let option: Int = row["alternative_option"] else { return nil }
        return RequestAlternative(group: group, option: option)
    }

    static func plan(_ row: Row) -> PlanVersion {
        PlanVersion(
            caseID: row["case_id"], number: row["number"], text: row["text"], created: row.date("created_at"),
            submitted: row.optionalDate("submitted_at"), createdBy: row["created_by"], submittedBy: row["submitted_by"])
    }

    static func deadline(_ row: Row) -> Deadline {
        let rule = DeadlineRule(
            amount: row["amount"], unit: DeadlineUnit(rawValue: row["unit"] ?? "") ?? .days,
            anchor: DeadlineAnchor(rawValue: row["anchor"] ?? "") ?? .thisMessage, text: row["phrase"])
        var closure: DeadlineClosure? = nil
        if let closedAt = row.optionalDate("closed_at") {
            if row["closed_by"] as String? == "plan-submitted" {
                closure = .planSubmitted(version: row["closed_version"] ?? 0, at: closedAt)
            } else {
                closure = .caseFinished(
                    status: CaseStatus(rawValue: row["closed_status"] ?? "") ?? .closed, at: closedAt)
            }
        }
        return Deadline(
            id: row["id"], caseID: row["case_id"], messageID: row["message_id"], rule: rule, set: row.date("set_at"),
            due: row.date("due_at"), closure: closure)
    }

    static func note(_ row: Row) -> Note {
        Note(id: row["id"], caseID: row["case_id"], created: row.date("created_at"), text: row["text"], author: row["author"])
    }

    static func evidence(_ row: Row) -> Evidence {
        Evidence(
            id: row["id"], caseID: row["case_id"], path: row["path"], size: row["size"], sha256: row["sha256"],
            added: row.date("added_at"))
    }
}

/// Reads the current row of a statement by column position, straight from SQLite: the hot lists
/// (`due`, the case list window) read thousands of values, and a generic `Row` subscript costs a
/// dynamic cast each.
struct ColumnReader {
    let statement: SQLiteStatement

    func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(statement, i)) }
    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(statement, i) }
    func string(_ i: Int32) -> String { optionalString(i) ?? "" }
    func optionalString(_ i: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, i) else { return nil }
        return String(cString: text)
    }
    func date(_ i: Int32) -> Date? {
        guard let text = sqlite3_column_text(statement, i) else { return nil }
        let stored = Timestamp.parseStored(bytes: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, i))))
        return stored ?? Timestamp.parse(String(cString: text))
    }

    /// Runs `sql` and maps each row.
    static func map<T>(_ db: Database, sql: String, arguments: StatementArguments, _ transform: (ColumnReader) -> T) throws -> [T] {
        var result: [T] = []
        try forEach(db, sql: sql, arguments: arguments) { result.append(transform($0)) }
        return result
    }

    /// Runs `sql` and hands each row to `body`, keeping none.
    static func forEach(_ db: Database, sql: String, arguments: StatementArguments, _ body: (ColumnReader) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let reader = ColumnReader(statement: statement.sqliteStatement)
        let cursor = try Row.fetchCursor(statement)
        while try cursor.next() != nil {
            try body(reader)
        }
    }
}
