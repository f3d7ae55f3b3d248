import Foundation
import GRDB
import ReinstateCore

/// What storing a message produced.
public struct StoredMessage: Sendable, Equatable {
    public var message: AmazonMessage
    public var requests: [RequestedDetail]
    public var deadline: Deadline?
    /// The status the message moved the case from, when it moved it (for `undoAddMessage`).
    public var statusChange: StatusChange? = nil
    /// A saved e-mail's identity and the routing marks its adding recorded that were not there before
    /// (for `undoAddMessage`, which takes them away again).
    public var mailIdentityAdded: String? = nil
    public var mailMarksAdded: [MailMarkDocument] = []

    /// Public, so the PostgreSQL store answers with the same values.
    public init(message: AmazonMessage, requests: [RequestedDetail], deadline: Deadline?, statusChange: StatusChange? = nil) {
        self.message = message
        self.requests = requests
        self.deadline = deadline
        self.statusChange = statusChange
    }
}

/// A submission as `submitPlan` recorded it, with what `undoSubmission` needs to take it back exactly.
public struct Submission: Sendable, Equatable {
    public var caseID: Int64
    public var number: Int
    public var submitted: Date
    /// The requests its matcher marked answered, as they were before.
    public var marked: [RequestedDetail]
    public var statusBefore: CaseStatus
    public var statusChangedBefore: Date
    public var deadlineChanges: [DeadlineChange]
    /// Who had set the status it replaced (nil: nobody recorded), put back by `undoSubmission`.
    public var statusSetByBefore: String? = nil

    /// Public, so the PostgreSQL store answers with the same values.
    public init(
        caseID: Int64, number: Int, submitted: Date, marked: [RequestedDetail], statusBefore: CaseStatus,
        statusChangedBefore: Date, deadlineChanges: [DeadlineChange], statusSetByBefore: String? = nil
    ) {
        self.statusSetByBefore = statusSetByBefore
        self.caseID = caseID
        self.number = number
        self.submitted = submitted
        self.marked = marked
        self.statusBefore = statusBefore
        self.statusChangedBefore = statusChangedBefore
        self.deadlineChanges = deadlineChanges
    }
}

extension CaseStore {
    // MARK: - Messages

    /// Stores a message byte for byte with what the reader read from it: its requested details become
    /// the case's checklist, its deadline the case's clock. A reply that asks for more moves the case to
    /// "more information requested"; a reinstatement to "reinstated"; a denial to "denied".
    public func addMessage(
        caseID: Int64, raw: Data, reading: MessageReading, kind: MessageKind? = nil, received: Date? = nil,
        now: Date
    ) throws -> StoredMessage {
        try write { db in
            var stored = try Self.insertMessage(
                caseID: caseID, raw: raw, reading: reading, kind: kind, received: received, now: now, author: author, db: db)
            try Self.insertMailRecords(ofAdded: &stored, raw: raw, reading: reading, now: now, db: db)
            return stored
        }
    }

    static func insertMessage(
        caseID: Int64, raw: Data, reading: MessageReading, kind: MessageKind?, received: Date?, now: Date,
        id: Int64? = nil, author: String? = nil, db: Database
    ) throws -> StoredMessage {
        let current = try fetchCase(caseID, db: db)
        let changedBefore = try statusChanged(caseID, db: db)
        var statusChange: StatusChange? = nil
        let kind = kind ?? reading.kind
        let received = Timestamp.wholeSeconds(received ?? reading.received ?? now)
        // A date past 9999 (or its deadline past it) would be stored in a form that reads back as 1970.
        try checkReceived(received, reading: reading)
        try db.execute(
            sql: """
                INSERT INTO message (id, case_id, kind, received_at, subject, raw, text, reader_version, added_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, caseID, kind.rawValue, received.stored, reading.subject, raw, reading.text, MessageReader.version,
                        author])
        let messageID = db.lastInsertedRowID
        var requests: [RequestedDetail] = []
        for (position, request) in reading.requested.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO requested_detail (case_id, message_id, position, text, aspect, topic, state,
                        alternative_group, alternative_option)
                    VALUES (?, ?, ?, ?, ?, ?, 'unanswered', ?, ?)
                    """,
                arguments: [caseID, messageID, position, request.text, request.aspect.rawValue, request.topic,
                            request.alternative?.group, request.alternative?.option])
            requests.append(
                RequestedDetail(
                    id: db.lastInsertedRowID, caseID: caseID, messageID: messageID, text: request.text,
                    aspect: request.aspect, topic: request.topic, alternative: request.alternative))
        }
        if let rule = reading.deadlineRule(received: received) {
            try insertDeadline(caseID: caseID, messageID: messageID, rule: rule, set: received, db: db)
        }
        if let next = StatusRules.afterMessage(current: current.status, kind: kind, requestCount: requests.count) {
            try db.execute(
                sql: "UPDATE suspension_case SET status = ?, status_changed_at = ?, status_set_by = ? WHERE id = ?",
                arguments: [next.rawValue, max(received, now).stored, author, caseID])
            statusChange = StatusChange(
                caseID: caseID, before: current.status, changedBefore: changedBefore, after: next, deadlineChanges: [],
                setByBefore: current.statusSetBy)
        }
        try refreshDeadlines(caseID: caseID, db: db)
        let deadline = try Row.fetchOne(db, sql: "SELECT * FROM deadline WHERE message_id = ?", arguments: [messageID])
            .map(Decode.deadline)
        let message = AmazonMessage(
            id: messageID, caseID: caseID, kind: kind, received: received, subject: reading.subject, raw: raw,
            text: reading.text, addedBy: author)
        return StoredMessage(message: message, requests: requests, deadline: deadline, statusChange: statusChange)
    }

    static func insertDeadline(caseID: Int64, messageID: Int64, rule: DeadlineRule, set: Date, id: Int64? = nil, db: Database) throws {
        guard rule.amount > 0 else { return }
        try db.execute(
            sql: """
                INSERT INTO deadline (id, case_id, message_id, amount, unit, anchor, phrase, set_at, due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, caseID, messageID, rule.amount, rule.unit.rawValue, rule.anchor.rawValue, rule.text, set.stored, set.stored])
    }

    /// Messages read by a reader older than `version`.
    public func messageIDs(readBefore version: Int) throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM message WHERE reader_version < ? ORDER BY id", arguments: [version])
        }
    }

    public func message(_ id: Int64) throws -> AmazonMessage {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM message WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(what: "Message \(id)")
            }
            return Decode.message(row)
        }
    }

    // MARK: - Plan versions

    /// Stores a new plan version and returns its number. Versions are never overwritten.
    public func addPlan(caseID: Int64, text: String, created: Date, submitted: Date? = nil) throws -> Int {
        try write { db in
            try Self.appendPlan(caseID: caseID, text: text, created: created, submitted: submitted, author: author, db: db)
        }
    }

    static func appendPlan(
        caseID: Int64, text: String, created: Date, submitted: Date?, author: String? = nil, db: Database
    ) throws -> Int {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalid("The plan is empty; nothing was stored.")
        }
        let current = try fetchCase(caseID, db: db)
        let numbers = try Int.fetchAll(db, sql: "SELECT number FROM plan_version WHERE case_id = ?", arguments: [caseID])
        let number = PlanVersion.nextNumber(after: numbers)
        try insertPlan(
            PlanVersion(
                caseID: caseID, number: number, text: text, created: created, submitted: submitted, createdBy: author,
                submittedBy: submitted == nil ? nil : author),
            db: db)
        if let submitted {
            try markAnswered(caseID: caseID, version: number, text: text, submitted: submitted, author: author, db: db)
        }
        if let next = StatusRules.afterPlan(current: current.status, submitted: submitted != nil) {
            try db.execute(
                sql: "UPDATE suspension_case SET status = ?, status_changed_at = ?, status_set_by = ? WHERE id = ?",
                arguments: [next.rawValue, (submitted ?? created).stored, author, caseID])
        }
        try refreshDeadlines(caseID: caseID, db: db)
        return number
    }

    /// Marks answered, "by matcher", the requests that version `version` answers when it is submitted
    /// (the rule is `SubmissionMarks` in Core; the store reads the case and writes the marks).
    /// Returns the requests it marked, as they were before.
    @discardableResult
    static func markAnswered(
        caseID: Int64, version: Int, text: String, submitted: Date, only: Set<Int64>? = nil, author: String? = nil,
        db: Database
    ) throws -> [RequestedDetail] {
        // Most submissions (and every demo case without requests) have nothing open: skip reading the case.
        let anyOpen = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM requested_detail WHERE case_id = ? AND state IN ('unanswered', 'reopened'))",
            arguments: [caseID]) ?? false
        guard anyOpen else { return [] }
        let marked = SubmissionMarks.answered(
            by: text, submitted: submitted, in: try fetchHistory(caseID, db: db), only: only)
        for request in marked {
            try db.execute(
                sql: """
                    UPDATE requested_detail SET state = 'answered', answered_version = ?, answered_by = 'matcher',
                        state_set_by = ?, state_set_at = ?
                    WHERE id = ?
                    """,
                // Who and when go together: a mark made without an author (the demo) records neither.
                arguments: [version, author, author == nil ? nil : Timestamp.wholeSeconds(submitted).stored, request.id])
        }
        return marked
    }

    static func insertPlan(_ plan: PlanVersion, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO plan_version (case_id, number, text, created_at, submitted_at, created_by, submitted_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [plan.caseID, plan.number, plan.text, Timestamp.wholeSeconds(plan.created).stored,
                        plan.submitted.map { Timestamp.wholeSeconds($0).stored }, plan.createdBy, plan.submittedBy])
    }

    /// Records that a version was sent to Amazon. It closes the deadlines set before it. Returns what
    /// `undoSubmission` needs to take it back exactly (`unsubmitPlan` corrects one recorded earlier).
    @discardableResult
    public func submitPlan(caseID: Int64, number: Int, at: Date) throws -> Submission {
        try write { db in
            let current = try Self.fetchCase(caseID, db: db)
            let changedBefore = try Self.statusChanged(caseID, db: db)
            let before = try Self.deadlines(ofCases: [caseID], db: db)
            guard let row = try Row.fetchOne(
                db, sql: "SELECT submitted_at, text FROM plan_version WHERE case_id = ? AND number = ?", arguments: [caseID, number])
            else { throw StoreError.notFound(what: "Plan version \(number) of case \(caseID)") }
            if let already = row.optionalDate("submitted_at") {
                throw StoreError.invalid(
                    "Version \(number) was already submitted on \(Timestamp.local(already)). Add a new version instead.")
            }
            try db.execute(
                sql: "UPDATE plan_version SET submitted_at = ?, submitted_by = ? WHERE case_id = ? AND number = ?",
                arguments: [Timestamp.wholeSeconds(at).stored, author, caseID, number])
            let marked = try Self.markAnswered(
                caseID: caseID, version: number, text: row["text"] ?? "", submitted: at, author: author, db: db)
            if let next = StatusRules.afterPlan(current: current.status, submitted: true) {
                try db.execute(
                    sql: "UPDATE suspension_case SET status = ?, status_changed_at = ?, status_set_by = ? WHERE id = ?",
                    arguments: [next.rawValue, at.stored, author, caseID])
            }
            try Self.refreshDeadlines(caseID: caseID, db: db)
            return Submission(
                caseID: caseID, number: number, submitted: Timestamp.wholeSeconds(at), marked: marked,
                statusBefore: current.status, statusChangedBefore: changedBefore,
                deadlineChanges: Self.changes(before, try Self.deadlines(ofCases: [caseID], db: db)),
                statusSetByBefore: current.statusSetBy)
        }
    }

    public func plan(caseID: Int64, number: Int) throws -> PlanVersion {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM plan_version WHERE case_id = ? AND number = ?", arguments: [caseID, number])
            else { throw StoreError.notFound(what: "Plan version \(number) of case \(caseID)") }
            return Decode.plan(row)
        }
    }

    // MARK: - Requested details

    public func request(_ id: Int64) throws -> RequestedDetail {
        try read { db in try Self.fetchRequest(id, db: db) }
    }

    static func fetchRequest(_ id: Int64, db: Database) throws -> RequestedDetail {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM requested_detail WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(what: "Requested detail \(id)")
        }
        return Decode.requestedDetail(row)
    }

    /// Marks a requested detail answered (by a plan version), waived (with a reason) or open again, as
    /// made by the store's author at `now`. `seen` is the state the user decided on: when a colleague
    /// set another since, nothing changes and `StoreError.conflict` says who and when (`ChangeCheck`);
    /// when it already is `state`, nothing is written. Returns the detail as it was
    /// (`restoreRequestStates([previous])` puts it back).
    @discardableResult
    public func setRequestState(
        _ id: Int64, to state: RequestState, at now: Date = Date(), seen: RequestState? = nil
    ) throws -> RequestedDetail {
        try write { db in
            let previous = try Self.fetchRequest(id, db: db)
            guard try ChangeCheck.request(previous, seen: seen, to: state) else { return previous }
            try Self.updateRequestState(id, to: state, at: now, author: author, db: db)
            return previous
        }
    }

    static func updateRequestState(_ id: Int64, to state: RequestState, at now: Date? = nil, author: String? = nil, db: Database) throws {
        do {
            let request = try fetchRequest(id, db: db)
            switch state {
            case .unanswered, .reopened:
                // A waiver's reason stays as history (shown as "waived before: …").
                try db.execute(
                    sql: "UPDATE requested_detail SET state = ?, answered_version = NULL, answered_by = NULL WHERE id = ?",
                    arguments: [state == .reopened ? "reopened" : "unanswered", id])
            case .answered(let version, let by):
                guard try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM plan_version WHERE case_id = ? AND number = ?",
                    arguments: [request.caseID, version]) == true
                else { throw StoreError.notFound(what: "Plan version \(version) of case \(request.caseID)") }
                try db.execute(
                    sql: "UPDATE requested_detail SET state = 'answered', answered_version = ?, answered_by = ? WHERE id = ?",
                    arguments: [version, by.rawValue, id])
            case .waived(let reason):
                let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty else { throw StoreError.invalid("Say why the request is waived (--reason).") }
                try db.execute(
                    sql: "UPDATE requested_detail SET state = 'waived', answered_version = NULL, answered_by = NULL, waived_reason = ? WHERE id = ?",
                    arguments: [reason, id])
            }
            try db.execute(
                sql: "UPDATE requested_detail SET state_set_by = ?, state_set_at = ? WHERE id = ?",
                arguments: [author, now.map { Timestamp.wholeSeconds($0).stored }, id])
        }
    }

    /// The latest plan version of a case, if any.
    public func latestPlanNumber(caseID: Int64) throws -> Int? {
        try read { db in
            try Self.requireCase(caseID, db: db)
            return try Int.fetchOne(db, sql: "SELECT max(number) FROM plan_version WHERE case_id = ?", arguments: [caseID])
        }
    }

    // MARK: - Notes and evidence

    @discardableResult
    public func addNote(caseID: Int64, text: String, at now: Date) throws -> Int64 {
        let text = try Self.checkedNote(text)
        return try write { db in
            try Self.requireCase(caseID, db: db)
            try db.execute(
                sql: "INSERT INTO note (case_id, created_at, text, author) VALUES (?, ?, ?, ?)",
                arguments: [caseID, now.stored, text, author])
            return db.lastInsertedRowID
        }
    }

    @discardableResult
    public func addEvidence(caseID: Int64, path: String, size: Int64, sha256: String, at now: Date) throws -> Int64 {
        try write { db in
            try Self.requireCase(caseID, db: db)
            try db.execute(
                sql: "INSERT INTO evidence (case_id, path, size, sha256, added_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [caseID, path, size, sha256, now.stored])
            return db.lastInsertedRowID
        }
    }

    // MARK: - Whole history

    /// One case read whole, with its messages' attachments (what the tracker's case view shows).
    public func history(_ caseID: Int64) throws -> CaseHistory {
        try read { db in
            var history = try Self.fetchHistory(caseID, db: db)
            history.attachments = try Self.attachments(of: history.messages.map(\.id), db: db)
            return history
        }
    }

    static func fetchHistory(_ caseID: Int64, db: Database) throws -> CaseHistory {
        let c = try fetchCase(caseID, db: db)
        let args: StatementArguments = [caseID]
        return CaseHistory(
            suspensionCase: c,
            messages: try Row.fetchAll(db, sql: "SELECT * FROM message WHERE case_id = ? ORDER BY received_at, id", arguments: args)
                .map(Decode.message),
            requests: try Row.fetchAll(
                db,
                sql: """
                    SELECT r.* FROM requested_detail r JOIN message m ON m.id = r.message_id
                    WHERE r.case_id = ? ORDER BY m.received_at, m.id, r.position
                    """, arguments: args
            ).map(Decode.requestedDetail),
            plans: try Row.fetchAll(db, sql: "SELECT * FROM plan_version WHERE case_id = ? ORDER BY number", arguments: args)
                .map(Decode.plan),
            deadlines: try Row.fetchAll(db, sql: "SELECT * FROM deadline WHERE case_id = ? ORDER BY set_at, id", arguments: args)
                .map(Decode.deadline),
            notes: try Row.fetchAll(db, sql: "SELECT * FROM note WHERE case_id = ? ORDER BY created_at, id", arguments: args)
                .map(Decode.note),
            evidence: try Row.fetchAll(db, sql: "SELECT * FROM evidence WHERE case_id = ? ORDER BY added_at, id", arguments: args)
                .map(Decode.evidence))
    }
}

extension CaseStore {
    /// Corrects what the reader took from a message: a request's aspect or topic (`ReparseRules.edited`).
    public func editRequest(_ id: Int64, aspect: Aspect?, topic: String?) throws {
        try write { db in
            let edited = ReparseRules.edited(try Self.fetchRequest(id, db: db), aspect: aspect, topic: topic)
            try db.execute(
                sql: "UPDATE requested_detail SET aspect = ?, topic = ?, corrected = ? WHERE id = ?",
                arguments: [edited.aspect.rawValue, edited.topic, edited.corrected, id])
        }
    }

    /// Reads a stored message again (after an upgrade of the reader) from its raw bytes, as
    /// `ReparseRules.changes` says: requests the new reading still finds keep their state; new ones are
    /// added; ones it no longer finds are removed unless the seller marked them (answered, waived,
    /// reopened), which are kept. The message's deadline takes the new reading's. Aspects and topics the
    /// seller corrected stay.
    public func reparseMessage(_ id: Int64, reading: MessageReading) throws -> Reparse {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM message WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(what: "Message \(id)")
            }
            let message = Decode.message(row)
            let old = try Row.fetchAll(
                db, sql: "SELECT * FROM requested_detail WHERE message_id = ? ORDER BY position", arguments: [id]
            ).map(Decode.requestedDetail)
            let changes = ReparseRules.changes(old: old, reading: reading, received: message.received)
            for k in changes.kept {
                try db.execute(
                    sql: """
                        UPDATE requested_detail SET position = ?, aspect = ?, topic = ?, alternative_group = ?, alternative_option = ?
                        WHERE id = ?
                        """,
                    arguments: [k.position, k.aspect.rawValue, k.topic, k.alternative?.group, k.alternative?.option, k.id])
            }
            for a in changes.added {
                try db.execute(
                    sql: """
                        INSERT INTO requested_detail (case_id, message_id, position, text, aspect, topic, state,
                            alternative_group, alternative_option)
                        VALUES (?, ?, ?, ?, ?, ?, 'unanswered', ?, ?)
                        """,
                    arguments: [message.caseID, id, a.position, a.request.text, a.request.aspect.rawValue, a.request.topic,
                                a.request.alternative?.group, a.request.alternative?.option])
            }
            for removed in changes.removed {
                try db.execute(sql: "DELETE FROM requested_detail WHERE id = ?", arguments: [removed])
            }
            try db.execute(
                sql: "UPDATE message SET text = ?, reader_version = ? WHERE id = ?",
                arguments: [changes.text, MessageReader.version, id])
            // The message's deadline row keeps its id (the team store's would not come back under it).
            let own = try Int64.fetchAll(db, sql: "SELECT id FROM deadline WHERE message_id = ? ORDER BY id", arguments: [id])
            if let rule = changes.deadline, let kept = own.first {
                try db.execute(
                    sql: "UPDATE deadline SET amount = ?, unit = ?, anchor = ?, phrase = ?, set_at = ?, due_at = ? WHERE id = ?",
                    arguments: [rule.amount, rule.unit.rawValue, rule.anchor.rawValue, rule.text, message.received.stored,
                                message.received.stored, kept])
                try db.execute(sql: "DELETE FROM deadline WHERE message_id = ? AND id <> ?", arguments: [id, kept])
            } else {
                try db.execute(sql: "DELETE FROM deadline WHERE message_id = ?", arguments: [id])
                if let rule = changes.deadline {
                    try Self.insertDeadline(caseID: message.caseID, messageID: id, rule: rule, set: message.received, db: db)
                }
            }
            try Self.refreshDeadlines(caseID: message.caseID, db: db)
            return changes.summary
        }
    }
}
