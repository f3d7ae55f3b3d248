import Foundation
import PostgresNIO
import ReinstateCore
import ReinstateStore

/// The whole store as `CaseDocument`s, the interchange both stores read and write (`store copy`,
/// `backup`): the same documents, so a copy keeps messages byte for byte, versions, request states,
/// notes and evidence records, and both stores export the same bytes.
extension PostgresStore {
    // MARK: - Import

    /// Loads a whole-store document into this store, which must be empty: all of it in one transaction,
    /// or nothing. Ids are kept, and the id sequences moved past them.
    public func importDocument(_ document: StoreDocument) async throws {
        try await requireCurrent()
        let name = address.redacted
        try await transaction { connection in
            // No second copy can start filling the store between the check and the inserts.
            try await connection.query("LOCK TABLE suspension_case IN EXCLUSIVE MODE", logger: logger)
            let count = try await connection.query("SELECT count(*) FROM suspension_case", logger: logger)
            for try await n in count.decode(Int64.self) where n > 0 { throw PostgresStoreError.notEmpty(address: name) }
            let held = try await connection.query("SELECT count(*) FROM held_message", logger: logger)
            for try await n in held.decode(Int64.self) where n > 0 { throw PostgresStoreError.notEmpty(address: name) }
            try await fill(with: document, connection)
        }
    }

    /// Writes every case and held message of `document`, ids kept, and moves the id sequences past
    /// them; in the caller's transaction (`importDocument`, `replaceContents`).
    func fill(with document: StoreDocument, _ connection: PostgresConnection) async throws {
        // Many rows per statement (one round trip per few hundred rows, not one per row), still in
        // this one transaction: a refused row leaves nothing.
        let batches = RowBatches(connection: connection, logger: logger)
        for c in document.cases { try await insert(c, into: batches) }
        try await insert(held: document.held ?? [], into: batches)
        try await batches.flush()
        for (table, column) in [
            ("suspension_case", "id"), ("message", "id"), ("requested_detail", "id"), ("deadline", "id"), ("note", "id"),
            ("evidence", "id"), ("held_message", "id"),
        ] {
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), \
                        GREATEST((SELECT max(\(column)) FROM \(table)), 1), (SELECT count(*) > 0 FROM \(table)))
                        """), logger: logger)
        }
    }

    /// An instant of a document, as the stores keep them (whole UTC seconds).
    static func instant(_ text: String, case id: Int64, _ what: String) throws -> Date {
        guard let date = Timestamp.parse(text), Timestamp.inRange(date) else {
            throw StoreError.badDocument("case \(id): \(what) \"\(text)\" is not an ISO 8601 date-time from 1900 to 9999")
        }
        return date
    }

    /// Stores one case with everything it holds, ids kept.
    func insert(_ c: CaseDocument, _ connection: PostgresConnection) async throws {
        let batches = RowBatches(connection: connection, logger: logger)
        try await insert(c, into: batches)
        try await batches.flush()
    }

    /// Adds one case's rows to `batches` (written when a batch fills, or at `flush`), checked as they go.
    func insert(_ c: CaseDocument, into batches: RowBatches) async throws {
        func date(_ text: String, _ what: String) throws -> Date { try Self.instant(text, case: c.id, what) }
        func author(_ name: String?) throws -> String? { try Author.checked(name, caseID: c.id) }
        let statusSetBy = try author(c.statusSetBy)
        let nextDue = try c.nextDeadline.map { try date($0, "nextDeadline") }
        let statusChanged = try date(c.statusChanged, "statusChanged"), opened = try date(c.opened, "opened")
        try await batches.add(.cases) { row in
            try row.append(c.id); try row.append(c.title); try row.append(c.account); try row.append(c.marketplace)
            try row.append(c.scope); try row.append(c.reason); try row.append(c.status); try row.append(statusChanged)
            try row.append(opened); try row.append(nextDue); try row.append(statusSetBy)
        }
        for asin in c.asins {
            try await batches.add(.asins) { row in try row.append(c.id); try row.append(asin) }
        }
        for m in c.messages {
            let raw: Data
            if let text = m.raw, m.rawBase64 == nil, m.rawLeftOut == nil {
                raw = Data(text.utf8)
            } else if let b64 = m.rawBase64, let data = Data(base64Encoded: b64) {
                raw = data
            } else {
                throw StoreError.badDocument("case \(c.id), message \(m.id): no message as received (a redacted export?)")
            }
            let received = try date(m.received, "received"), attachments = try Self.attachmentsJSON(m.attachments)
            let addedBy = try author(m.addedBy)
            try await batches.add(.messages, bytes: raw.count + m.text.utf8.count) { row in
                try row.append(m.id); try row.append(c.id); try row.append(m.kind); try row.append(received)
                try row.append(m.subject); try row.append(raw); try row.append(m.text); try row.append(m.readerVersion)
                try row.append(m.mailIdentity); try row.append(attachments); try row.append(addedBy)
            }
            for (position, r) in m.requested.enumerated() {
                let setBy = try author(r.stateSetBy), setAt = try r.stateSetAt.map { try date($0, "stateSetAt") }
                try await batches.add(.requests) { row in
                    try row.append(r.id); try row.append(c.id); try row.append(m.id); try row.append(position)
                    try row.append(r.text); try row.append(r.aspect); try row.append(r.topic); try row.append(r.state)
                    try row.append(r.answeredVersion); try row.append(r.answeredBy); try row.append(r.waivedReason)
                    try row.append(r.corrected == true); try row.append(r.alternativeGroup); try row.append(r.alternativeOption)
                    try row.append(setBy); try row.append(setAt)
                }
            }
        }
        for p in c.plans {
            let submitted = try p.submitted.map { try date($0, "submitted") }, created = try date(p.created, "created")
            let createdBy = try author(p.createdBy), submittedBy = try author(p.submittedBy)
            try await batches.add(.plans, bytes: p.text.utf8.count) { row in
                try row.append(c.id); try row.append(p.number); try row.append(p.text); try row.append(created)
                try row.append(submitted); try row.append(createdBy); try row.append(submittedBy)
            }
        }
        for d in c.deadlines {
            let closed = try d.closedAt.map { try date($0, "closedAt") }
            let set = try date(d.set, "set"), due = try date(d.due, "due")
            try await batches.add(.deadlines) { row in
                try row.append(d.id); try row.append(c.id); try row.append(d.messageId); try row.append(d.amount)
                try row.append(d.unit); try row.append(d.anchor); try row.append(d.text); try row.append(set)
                try row.append(due); try row.append(closed); try row.append(d.closedBy); try row.append(d.closedVersion)
                try row.append(d.closedStatus)
            }
        }
        for n in c.notes {
            let created = try date(n.created, "created"), noteAuthor = try author(n.author)
            try await batches.add(.notes, bytes: n.text.utf8.count) { row in
                try row.append(n.id); try row.append(c.id); try row.append(created); try row.append(n.text)
                try row.append(noteAuthor)
            }
        }
        for e in c.evidence {
            let added = try date(e.added, "added")
            try await batches.add(.evidence) { row in
                try row.append(e.id); try row.append(c.id); try row.append(e.path); try row.append(e.size)
                try row.append(e.sha256); try row.append(added)
            }
        }
        for mark in c.mailMarks ?? [] {
            guard let kind = MailMark(rawValue: mark.kind), !mark.value.isEmpty else {
                throw StoreError.badDocument("case \(c.id): a mail mark \"\(mark.kind)\" is of no known kind, or empty")
            }
            let key = RoutingBook.markKey(kind, mark.value)
            try await batches.add(.marks) { row in try row.append(c.id); try row.append(kind.rawValue); try row.append(key) }
        }
    }

    /// Stores the document's held messages with their ids, checked as the local store checks them.
    func insert(held: [HeldDocument], _ connection: PostgresConnection) async throws {
        let batches = RowBatches(connection: connection, logger: logger)
        try await insert(held: held, into: batches)
        try await batches.flush()
    }

    func insert(held: [HeldDocument], into batches: RowBatches) async throws {
        for h in held {
            let r = try h.record(limit: MessageReader.largestMessage)
            try await batches.add(.held, bytes: r.raw.count) { row in
                try row.append(r.id); try row.append(r.identity); try row.append(r.received); try row.append(r.subject)
                try row.append(r.sender); try row.append(r.reason); try row.append(r.origin); try row.append(r.raw)
                try row.append(r.held)
            }
        }
    }

    /// The held messages with their bytes, oldest id first.
    /// Held mail belongs to no account: only the owner's role has rights on it (a staff role's export is
    /// of the cases it was granted, without held mail).
    func readHeld(_ connection: PostgresConnection) async throws -> [HeldDocument] {
        var out: [HeldDocument] = []
        var allowed = false
        let privilege = try await connection.query("SELECT has_table_privilege('held_message', 'SELECT')", logger: logger)
        for try await may in privilege.decode(Bool.self) { allowed = may }
        guard allowed else { return [] }
        let rows = try await connection.query(
            "SELECT id, identity, received_at, subject, sender, reason, origin, raw, held_at FROM held_message ORDER BY id",
            logger: logger)
        for try await (id, identity, received, subject, sender, reason, origin, raw, held) in rows.decode(
            (Int64, String, Date, String, String, String, String, Data, Date).self)
        {
            out.append(HeldDocument(HeldMessage(
                id: id, identity: identity, received: received, subject: subject, sender: sender, reason: reason, origin: origin,
                held: held, raw: raw)))
        }
        return out
    }

    // MARK: - Export

    /// Every case, oldest id first, as one document, read in one snapshot (a repeatable-read transaction),
    /// in the order and form the SQLite store writes, so both export the same bytes.
    public func exportDocument() async throws -> StoreDocument {
        try await requireCurrent()
        return try await snapshot { connection in
            StoreDocument(cases: try await readCases(connection), held: try await readHeld(connection))
        }
    }

    func readCases(_ connection: PostgresConnection, only caseID: Int64? = nil) async throws -> [CaseDocument] {
        // One case or all: the id is a number, so it is written into the SQL as one.
        func only(_ column: String) -> String { caseID.map { "WHERE \(column) = \($0)" } ?? "" }
        func stored(_ date: Date) -> String { Timestamp.utc(date) }
        var cases: [CaseDocument] = []
        var index: [Int64: Int] = [:]
        let caseRows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
            SELECT id, title, account, marketplace, scope, reason, status, status_changed_at, opened_at, next_due_at,
                (SELECT count(*) FROM plan_version p WHERE p.case_id = c.id AND p.submitted_at IS NOT NULL), status_set_by
            FROM suspension_case c \(only("id")) ORDER BY id
            """), logger: logger)
        for try await (id, title, account, marketplace, scope, reason, status, changed, opened, next, appeals, setBy) in caseRows.decode(
            (Int64, String, String, String, String, String, String, Date, Date, Date?, Int64, String?).self)
        {
            index[id] = cases.count
            cases.append(
                CaseDocument(
                    id: id, title: title, account: account, marketplace: marketplace, scope: scope, asins: [], reason: reason,
                    status: status, statusChanged: stored(changed), opened: stored(opened), nextDeadline: next.map(stored),
                    appealsSubmitted: Int(appeals), messages: [], plans: [], deadlines: [], notes: [], evidence: [],
                    statusSetBy: setBy))
        }
        // Byte order, as SQLite sorts text: the database's collation could put "b" before "C".
        let asins = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT case_id, asin FROM case_asin \(only("case_id")) ORDER BY case_id, asin COLLATE \"C\""), logger: logger)
        for try await (caseID, asin) in asins.decode((Int64, String).self) {
            if let i = index[caseID] { cases[i].asins.append(asin) }
        }
        var requests: [Int64: [RequestDocument]] = [:]
        let requestRows = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
            SELECT id, message_id, text, aspect, corrected, topic, state, answered_version, answered_by, waived_reason,
                alternative_group, alternative_option, state_set_by, state_set_at
            FROM requested_detail \(only("case_id")) ORDER BY message_id, position
            """), logger: logger)
        for try await (id, messageID, text, aspect, corrected, topic, state, version, by, waived, group, option, setBy, setAt)
            in requestRows.decode(
                (Int64, Int64, String, String, Bool, String, String, Int?, String?, String?, Int?, Int?, String?, Date?).self)
        {
            requests[messageID, default: []].append(
                RequestDocument(
                    id: id, text: text, aspect: aspect, corrected: corrected ? true : nil, topic: topic, state: state,
                    answeredVersion: version, answeredBy: by, waivedReason: waived, alternativeGroup: group,
                    alternativeOption: option, stateSetBy: setBy, stateSetAt: setAt.map(stored)))
        }
        let messages = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
            SELECT id, case_id, kind, received_at, subject, raw, text, reader_version, mail_identity, attachments, added_by
            FROM message \(only("case_id")) ORDER BY case_id, received_at, id
            """), logger: logger)
        for try await (id, caseID, kind, received, subject, raw, text, readerVersion, mailIdentity, attachments, addedBy)
            in messages.decode((Int64, Int64, String, Date, String, Data, String, Int, String?, String?, String?).self)
        {
            guard let i = index[caseID] else { continue }
            let utf8 = String(validating: raw, as: UTF8.self)
            cases[i].messages.append(
                MessageDocument(
                    id: id, kind: kind, received: stored(received), subject: subject, raw: utf8,
                    rawBase64: utf8 == nil ? raw.base64EncodedString() : nil, text: text, readerVersion: readerVersion,
                    requested: requests[id] ?? [], mailIdentity: mailIdentity,
                    attachments: try attachments.map { try JSONDecoder().decode([AttachmentDocument].self, from: Data($0.utf8)) },
                    addedBy: addedBy))
        }
        let plans = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT case_id, number, text, created_at, submitted_at, created_by, submitted_by FROM plan_version
                    \(only("case_id")) ORDER BY case_id, number
                    """), logger: logger)
        for try await (caseID, number, text, created, submitted, createdBy, submittedBy)
            in plans.decode((Int64, Int, String, Date, Date?, String?, String?).self)
        {
            guard let i = index[caseID] else { continue }
            cases[i].plans.append(
                PlanDocument(
                    number: number, text: text, created: stored(created), submitted: submitted.map(stored), createdBy: createdBy,
                    submittedBy: submittedBy))
        }
        let deadlines = try await connection.query(
            PostgresQuery(
                unsafeSQL: """
            SELECT id, case_id, message_id, amount, unit, anchor, phrase, set_at, due_at, closed_at, closed_by,
                closed_version, closed_status
            FROM deadline \(only("case_id")) ORDER BY case_id, set_at, id
            """), logger: logger)
        for try await (id, caseID, messageID, amount, unit, anchor, phrase, set, due, closedAt, closedBy, closedVersion, closedStatus)
            in deadlines.decode((Int64, Int64, Int64, Int, String, String, String, Date, Date, Date?, String?, Int?, String?).self)
        {
            guard let i = index[caseID] else { continue }
            cases[i].deadlines.append(
                DeadlineDocument(
                    id: id, messageId: messageID, amount: amount, unit: unit, anchor: anchor, text: phrase, set: stored(set),
                    due: stored(due), closedAt: closedAt.map(stored), closedBy: closedBy, closedVersion: closedVersion,
                    closedStatus: closedStatus))
        }
        let notes = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT id, case_id, created_at, text, author FROM note \(only("case_id")) ORDER BY case_id, created_at, id"), logger: logger)
        for try await (id, caseID, created, text, author) in notes.decode((Int64, Int64, Date, String, String?).self) {
            guard let i = index[caseID] else { continue }
            cases[i].notes.append(NoteDocument(id: id, created: stored(created), text: text, author: author))
        }
        let evidence = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT id, case_id, path, size, sha256, added_at FROM evidence \(only("case_id")) ORDER BY case_id, added_at, id"), logger: logger)
        for try await (id, caseID, path, size, sha256, added) in evidence.decode((Int64, Int64, String, Int64, String, Date).self) {
            guard let i = index[caseID] else { continue }
            cases[i].evidence.append(EvidenceDocument(id: id, path: path, size: size, sha256: sha256, added: stored(added)))
        }
        // Byte order, as SQLite sorts text.
        let marks = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT case_id, kind, value FROM mail_mark \(only("case_id")) ORDER BY case_id, kind COLLATE \"C\", value COLLATE \"C\""),
            logger: logger)
        for try await (caseID, kind, value) in marks.decode((Int64, String, String).self) {
            guard let i = index[caseID] else { continue }
            cases[i].mailMarks = (cases[i].mailMarks ?? []) + [MailMarkDocument(kind: kind, value: value)]
        }
        return cases
    }
}

extension PostgresStore: StoreContract {
    public var location: String { address.redacted }

    public func caseTotal() async throws -> Int {
        try await requireCurrent()
        return try await reading { connection in
            var total = 0
            let rows = try await connection.query("SELECT count(*) FROM suspension_case", logger: logger)
            for try await n in rows.decode(Int64.self) { total = Int(n) }
            return total
        }
    }

    public func caseDocument(_ caseID: Int64) async throws -> CaseDocument {
        try await requireCurrent()
        let cases = try await snapshot { connection in try await readCases(connection, only: caseID) }
        guard let found = cases.first else { throw StoreError.notFound(what: "Case \(caseID)") }
        return found
    }
}

extension PostgresStore {
    /// The attachments of a message as the column keeps them: the backup document's JSON, keys sorted.
    static func attachmentsJSON(_ attachments: [AttachmentDocument]?) throws -> String? {
        guard let attachments else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(attachments), as: UTF8.self)
    }
}

/// Rows waiting to be inserted, table by table, written many rows to a statement
/// (`INSERT … VALUES (…), (…), …`) on the connection of one transaction. When one table's batch fills,
/// every table is written, parents first, so a row never arrives before the case or message it belongs to.
final class RowBatches {
    /// A table the document fills, in the order they are written.
    enum Table: Int, CaseIterable {
        case cases, asins, messages, requests, plans, deadlines, notes, evidence, marks, held

        var insert: (table: String, columns: [String], suffix: String) {
            switch self {
            case .cases:
                return ("suspension_case", ["id", "title", "account", "marketplace", "scope", "reason", "status",
                                             "status_changed_at", "opened_at", "next_due_at", "status_set_by"], "")
            case .asins: return ("case_asin", ["case_id", "asin"], "")
            case .messages:
                return ("message", ["id", "case_id", "kind", "received_at", "subject", "raw", "text", "reader_version",
                                    "mail_identity", "attachments", "added_by"], "")
            case .requests:
                return ("requested_detail", ["id", "case_id", "message_id", "position", "text", "aspect", "topic", "state",
                                             "answered_version", "answered_by", "waived_reason", "corrected",
                                             "alternative_group", "alternative_option", "state_set_by", "state_set_at"], "")
            case .plans:
                return ("plan_version", ["case_id", "number", "text", "created_at", "submitted_at", "created_by", "submitted_by"], "")
            case .deadlines:
                return ("deadline", ["id", "case_id", "message_id", "amount", "unit", "anchor", "phrase", "set_at", "due_at",
                                     "closed_at", "closed_by", "closed_version", "closed_status"], "")
            case .notes: return ("note", ["id", "case_id", "created_at", "text", "author"], "")
            case .evidence: return ("evidence", ["id", "case_id", "path", "size", "sha256", "added_at"], "")
            case .marks: return ("mail_mark", ["case_id", "kind", "value"], " ON CONFLICT DO NOTHING")
            case .held:
                return ("held_message", ["id", "identity", "received_at", "subject", "sender", "reason", "origin", "raw",
                                         "held_at"], "")
            }
        }
    }

    /// At most this many rows to a statement (and under the protocol's 65,535 parameters).
    static let rowsPerStatement = 500
    /// A statement is sent once its values pass this many bytes, so large messages do not pile up in memory.
    static let bytesPerStatement = 4 << 20

    private let connection: PostgresConnection
    private let logger: Logger
    private var binds: [PostgresBindings]
    private var rows: [Int]
    private var bytes = 0

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
        binds = Table.allCases.map { _ in PostgresBindings() }
        rows = Table.allCases.map { _ in 0 }
    }

    /// Adds one row to `table`: `values` appends one value per column, in the columns' order. `size` is
    /// roughly how many bytes the row holds beyond its small values.
    func add(_ table: Table, bytes size: Int = 0, _ values: (inout PostgresBindings) throws -> Void) async throws {
        let before = binds[table.rawValue].count
        try values(&binds[table.rawValue])
        precondition(binds[table.rawValue].count - before == table.insert.columns.count, "a row of \(table) has the wrong width")
        rows[table.rawValue] += 1
        bytes += size
        if rows[table.rawValue] >= Self.rowsPerStatement || bytes >= Self.bytesPerStatement { try await flush() }
    }

    /// Writes every waiting row, parents first.
    func flush() async throws {
        for table in Table.allCases where rows[table.rawValue] > 0 {
            let (name, columns, suffix) = table.insert
            var sql = "INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES "
            var parameter = 0
            for row in 0..<rows[table.rawValue] {
                sql += row == 0 ? "(" : ", ("
                for column in columns.indices {
                    parameter += 1
                    sql += (column == 0 ? "$" : ", $") + String(parameter)
                }
                sql += ")"
            }
            try await connection.query(PostgresQuery(unsafeSQL: sql + suffix, binds: binds[table.rawValue]), logger: logger)
            binds[table.rawValue] = PostgresBindings()
            rows[table.rawValue] = 0
        }
        bytes = 0
    }
}
