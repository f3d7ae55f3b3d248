import Foundation
import GRDB
import ReinstateCore

// Corrections: every mistake a seller can make in a case can be put right, and every correction can be
// put back exactly (the tracker's undo). Each method is one write transaction that recomputes what
// depends on the fact it changes (deadlines, the next due date, the checklist's matcher marks) with
// the same rules as the writes that first stored it, and returns what was there before.

/// A deadline whose due date or closure a correction changed.
public struct DeadlineChange: Sendable, Equatable {
    /// As it was; nil for a deadline the correction added (a message put back).
    public var before: Deadline?
    /// As it is now; nil for a deadline the correction removed (with its message).
    public var after: Deadline?

    public var id: Int64 { before?.id ?? after?.id ?? 0 }
    public var caseID: Int64 { after?.caseID ?? before?.caseID ?? 0 }
}

/// What a correction of a message (its date, its case) changed, with what an undo needs.
public struct MessageCorrection: Sendable, Equatable {
    /// The message as it was before (its case and received date).
    public var before: AmazonMessage
    /// Its requested details as they were before; `restoreRequestStates` puts their states back.
    public var requestsBefore: [RequestedDetail]
    public var deadlineChanges: [DeadlineChange]

    /// Public, so the PostgreSQL store answers with the same values.
    public init(before: AmazonMessage, requestsBefore: [RequestedDetail], deadlineChanges: [DeadlineChange]) {
        self.before = before
        self.requestsBefore = requestsBefore
        self.deadlineChanges = deadlineChanges
    }
}

/// A removed message, whole: `restoreMessage` puts it back with the same ids and states.
public struct RemovedMessage: Sendable, Equatable {
    public var message: AmazonMessage
    public var requests: [RequestedDetail]
    /// Its deadlines as they were (rule, set date, id).
    public var deadlines: [Deadline]
    public var deadlineChanges: [DeadlineChange]

    /// Public, so the PostgreSQL store answers with the same values.
    public init(message: AmazonMessage, requests: [RequestedDetail], deadlines: [Deadline], deadlineChanges: [DeadlineChange]) {
        self.message = message
        self.requests = requests
        self.deadlines = deadlines
        self.deadlineChanges = deadlineChanges
    }
}

/// Changes to a case's own facts; nil leaves a field as it is.
public struct CaseEdit: Sendable, Equatable {
    public var title: String?
    public var account: String?
    public var marketplace: String?
    /// The suspended listings; an empty list means the whole account.
    public var asins: [String]?
    public var reason: SuspensionReason?

    public init(
        title: String? = nil, account: String? = nil, marketplace: String? = nil, asins: [String]? = nil,
        reason: SuspensionReason? = nil
    ) {
        self.title = title
        self.account = account
        self.marketplace = marketplace
        self.asins = asins
        self.reason = reason
    }

    /// The edit that puts `previous` back (undo of `editCase`).
    public init(restoring previous: SuspensionCase) {
        self.init(
            title: previous.title, account: previous.account, marketplace: previous.marketplace,
            asins: previous.scope.asins, reason: previous.reason)
    }

    public var isEmpty: Bool { self == CaseEdit() }
}

/// A status change, with the status it replaced (for undo: `restoreStatus`).
public struct StatusChange: Sendable, Equatable {
    public var caseID: Int64
    public var before: CaseStatus
    public var changedBefore: Date
    public var after: CaseStatus
    public var deadlineChanges: [DeadlineChange]
    /// Who had set the status it replaced (nil: nobody recorded), put back with it.
    public var setByBefore: String?

    /// Public, so the PostgreSQL store answers with the same values.
    public init(
        caseID: Int64, before: CaseStatus, changedBefore: Date, after: CaseStatus, deadlineChanges: [DeadlineChange],
        setByBefore: String? = nil
    ) {
        self.setByBefore = setByBefore
        self.caseID = caseID
        self.before = before
        self.changedBefore = changedBefore
        self.after = after
        self.deadlineChanges = deadlineChanges
    }
}

/// A submission taken back, with everything `restoreSubmission` needs to put it back exactly.
public struct Unsubmission: Sendable, Equatable {
    public var caseID: Int64
    public var number: Int
    /// When the version had been submitted.
    public var submitted: Date
    /// The requests the submission's matcher had marked answered, as they were (answered by it).
    public var unmarked: [RequestedDetail]
    public var statusBefore: CaseStatus
    public var statusChangedBefore: Date
    public var statusAfter: CaseStatus
    public var deadlineChanges: [DeadlineChange]
    /// Who had recorded the submission, and who had set the status before (nil: nobody recorded).
    public var submittedBy: String? = nil
    public var statusSetByBefore: String? = nil

    /// Public, so the PostgreSQL store answers with the same values.
    public init(
        caseID: Int64, number: Int, submitted: Date, unmarked: [RequestedDetail], statusBefore: CaseStatus,
        statusChangedBefore: Date, statusAfter: CaseStatus, deadlineChanges: [DeadlineChange],
        submittedBy: String? = nil, statusSetByBefore: String? = nil
    ) {
        self.caseID = caseID
        self.number = number
        self.submitted = submitted
        self.unmarked = unmarked
        self.statusBefore = statusBefore
        self.statusChangedBefore = statusChangedBefore
        self.statusAfter = statusAfter
        self.deadlineChanges = deadlineChanges
        self.submittedBy = submittedBy
        self.statusSetByBefore = statusSetByBefore
    }
}

extension CaseStore {
    // MARK: - Messages

    /// Corrects when a message arrived. Its deadline is counted again from the new date (a deadline
    /// "of the original notification" from the case's first notice, which may now be another message),
    /// the case's next due date follows, submissions close or reopen its deadlines by the new order, and
    /// the matcher's marks on its requests are worked out again against the submissions that now come
    /// after it. The seller's own marks stay.
    public func editMessageReceived(_ id: Int64, to received: Date) throws -> MessageCorrection {
        try write { db in
            let message = try Self.fetchMessage(id, db: db)
            let requests = try Self.messageRequests(id, db: db)
            let before = try Self.deadlines(ofCases: [message.caseID], db: db)
            let at = Timestamp.wholeSeconds(received).stored
            try db.execute(sql: "UPDATE message SET received_at = ? WHERE id = ?", arguments: [at, id])
            try db.execute(sql: "UPDATE deadline SET set_at = ? WHERE message_id = ?", arguments: [at, id])
            try Self.rematch(messageID: id, caseID: message.caseID, db: db)
            try Self.refreshDeadlines(caseID: message.caseID, db: db)
            let after = try Self.deadlines(ofCases: [message.caseID], db: db)
            return MessageCorrection(
                before: message, requestsBefore: requests, deadlineChanges: Self.changes(before, after))
        }
    }

    /// Moves a message (with its requested details and deadline) to another case. Marks of "answered by
    /// vN" named the old case's versions, so they are taken off; the matcher then reads the new case's
    /// submitted versions. Waivers and reopenings stay. Both cases' deadlines are counted again. The
    /// cases' statuses are left as they are (`case status` sets them).
    public func moveMessage(_ id: Int64, toCase target: Int64) throws -> MessageCorrection {
        try write { db in
            let message = try Self.fetchMessage(id, db: db)
            try Self.requireCase(target, db: db)
            guard target != message.caseID else {
                throw Self.alreadyInCase(message: id, case: target)
            }
            let requests = try Self.messageRequests(id, db: db)
            let before = try Self.deadlines(ofCases: [message.caseID, target], db: db)
            try db.execute(sql: "UPDATE message SET case_id = ? WHERE id = ?", arguments: [target, id])
            try db.execute(sql: "UPDATE requested_detail SET case_id = ? WHERE message_id = ?", arguments: [target, id])
            for r in requests { try Self.writeState(of: CorrectionRules.movedToAnotherCase(r, caseID: target), db: db) }
            try db.execute(sql: "UPDATE deadline SET case_id = ? WHERE message_id = ?", arguments: [target, id])
            try Self.rematch(messageID: id, caseID: target, db: db)
            try Self.refreshDeadlines(caseID: message.caseID, db: db)
            try Self.refreshDeadlines(caseID: target, db: db)
            let after = try Self.deadlines(ofCases: [message.caseID, target], db: db)
            return MessageCorrection(
                before: message, requestsBefore: requests, deadlineChanges: Self.changes(before, after))
        }
    }

    /// Removes a message with its requested details and its deadline, and counts the case's other
    /// deadlines again (the first notice may now be another message). Returns all of it:
    /// `restoreMessage` puts it back exactly.
    public func removeMessage(_ id: Int64) throws -> RemovedMessage {
        try write { db in
            let message = try Self.fetchMessage(id, db: db)
            let requests = try Self.messageRequests(id, db: db)
            let before = try Self.deadlines(ofCases: [message.caseID], db: db)
            let own = before.values.filter { $0.messageID == id }.sorted { $0.id < $1.id }
            try db.execute(sql: "DELETE FROM message WHERE id = ?", arguments: [id])  // cascades
            try Self.refreshDeadlines(caseID: message.caseID, db: db)
            let after = try Self.deadlines(ofCases: [message.caseID], db: db)
            return RemovedMessage(
                message: message, requests: requests, deadlines: own, deadlineChanges: Self.changes(before, after))
        }
    }

    /// Puts a removed message back as it was: the same ids, bytes, date, requested details with their
    /// states, and deadlines (counted again). Fails when its case is gone or its id was taken since.
    @discardableResult
    public func restoreMessage(_ removed: RemovedMessage) throws -> [DeadlineChange] {
        try write { db in
            let m = removed.message
            try Self.requireCase(m.caseID, db: db)
            let before = try Self.deadlines(ofCases: [m.caseID], db: db)
            try db.execute(
                sql: """
                    INSERT INTO message (id, case_id, kind, received_at, subject, raw, text, reader_version, added_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [m.id, m.caseID, m.kind.rawValue, m.received.stored, m.subject, m.raw, m.text, m.readerVersion, m.addedBy])
            for (position, r) in removed.requests.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO requested_detail (id, case_id, message_id, position, text, aspect, topic, state, corrected,
                            alternative_group, alternative_option)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'unanswered', ?, ?, ?)
                        """,
                    arguments: [r.id, m.caseID, m.id, position, r.text, r.aspect.rawValue, r.topic, r.corrected ? 1 : 0,
                                r.alternative?.group, r.alternative?.option])
                try Self.writeState(of: r, db: db)
            }
            for d in removed.deadlines {
                try Self.insertDeadline(caseID: m.caseID, messageID: m.id, rule: d.rule, set: d.set, id: d.id, db: db)
            }
            try Self.refreshDeadlines(caseID: m.caseID, db: db)
            return Self.changes(before, try Self.deadlines(ofCases: [m.caseID], db: db))
        }
    }

    /// Undoes `editMessageReceived` or `moveMessage` in one transaction: the message back in its case
    /// with its date, its requests' states as they were, and both cases' deadlines counted again.
    @discardableResult
    public func undoMessageCorrection(_ correction: MessageCorrection) throws -> [DeadlineChange] {
        try write { db in
            let m = correction.before
            let now = try Self.fetchMessage(m.id, db: db)
            try Self.requireCase(m.caseID, db: db)
            let cases = [now.caseID, m.caseID]
            let before = try Self.deadlines(ofCases: cases, db: db)
            try db.execute(
                sql: "UPDATE message SET case_id = ?, received_at = ? WHERE id = ?",
                arguments: [m.caseID, m.received.stored, m.id])
            try db.execute(sql: "UPDATE requested_detail SET case_id = ? WHERE message_id = ?", arguments: [m.caseID, m.id])
            try db.execute(
                sql: "UPDATE deadline SET case_id = ?, set_at = ? WHERE message_id = ?",
                arguments: [m.caseID, m.received.stored, m.id])
            for r in correction.requestsBefore { try Self.writeState(of: r, db: db) }
            for id in Set(cases) { try Self.refreshDeadlines(caseID: id, db: db) }
            return Self.changes(before, try Self.deadlines(ofCases: cases, db: db))
        }
    }

    /// Takes back a message just added (the tracker's undo of `m`): removes it with what was read from it
    /// and puts back the status it moved the case from.
    @discardableResult
    public func undoAddMessage(_ stored: StoredMessage) throws -> RemovedMessage {
        let removed = try removeMessage(stored.message.id)
        if let change = stored.statusChange { try restoreStatus(change) }
        try forgetMailRecords(of: stored)
        return removed
    }

    /// Takes back a submission just recorded (the tracker's undo of `S`), exactly: the version is a draft
    /// again, the requests its matcher marked are as they were, and the status is the one it replaced.
    public func undoSubmission(_ s: Submission) throws {
        try write { db in
            try Self.requireCase(s.caseID, db: db)
            try db.execute(
                sql: "UPDATE plan_version SET submitted_at = NULL, submitted_by = NULL WHERE case_id = ? AND number = ?",
                arguments: [s.caseID, s.number])
            for r in s.marked { try Self.writeState(of: r, db: db) }
            try db.execute(
                sql: "UPDATE suspension_case SET status = ?, status_changed_at = ?, status_set_by = ? WHERE id = ?",
                arguments: [s.statusBefore.rawValue, s.statusChangedBefore.stored, s.statusSetByBefore, s.caseID])
            try Self.refreshDeadlines(caseID: s.caseID, db: db)
        }
    }

    /// Puts requested details' states back exactly as given (answered by which version and whom,
    /// waived with which reason, reopened, and a waiver's reason kept as history): the undo of a
    /// correction that changed them.
    public func restoreRequestStates(_ requests: [RequestedDetail]) throws {
        try write { db in
            for r in requests {
                _ = try Self.fetchRequest(r.id, db: db)
                try Self.writeState(of: r, db: db)
            }
            for caseID in Set(requests.map(\.caseID)) where try Self.caseExists(caseID, db: db) {
                try Self.refreshDeadlines(caseID: caseID, db: db)
            }
        }
    }

    // MARK: - Cases

    /// Corrects a case's title, account, marketplace, ASINs (an empty list: the whole account) or reason.
    /// Returns the case as it was (`CaseEdit(restoring:)` puts it back).
    @discardableResult
    public func editCase(_ id: Int64, _ edit: CaseEdit) throws -> SuspensionCase {
        try write { db in
            let previous = try Self.fetchCase(id, db: db)
            let edit = try Self.checkedEdit(edit)
            if let title = edit.title {
                try db.execute(sql: "UPDATE suspension_case SET title = ? WHERE id = ?", arguments: [title, id])
            }
            if let account = edit.account {
                try db.execute(
                    sql: "UPDATE suspension_case SET account = ? WHERE id = ?",
                    arguments: [account, id])
            }
            if let marketplace = edit.marketplace {
                try db.execute(
                    sql: "UPDATE suspension_case SET marketplace = ? WHERE id = ?",
                    arguments: [marketplace, id])
            }
            if let reason = edit.reason {
                try db.execute(sql: "UPDATE suspension_case SET reason = ? WHERE id = ?", arguments: [reason.rawValue, id])
            }
            if let asins = edit.asins {
                try db.execute(sql: "DELETE FROM case_asin WHERE case_id = ?", arguments: [id])
                for asin in Set(asins) {
                    try db.execute(sql: "INSERT INTO case_asin (case_id, asin) VALUES (?, ?)", arguments: [id, asin])
                }
                try db.execute(
                    sql: "UPDATE suspension_case SET scope = ? WHERE id = ?",
                    arguments: [asins.isEmpty ? "account" : "listings", id])
            }
            return previous
        }
    }

    /// Changes a case's status like `setStatus`, returning what it replaced for `restoreStatus`. `seen` is
    /// the status the user decided on: when a colleague set another since, nothing changes and
    /// `StoreError.conflict` says who and when (`ChangeCheck`); when it already is `status`, nothing is
    /// written (the change returned has the same status before and after).
    @discardableResult
    public func changeStatus(caseID: Int64, to status: CaseStatus, at now: Date, seen: CaseStatus? = nil) throws -> StatusChange {
        try write { db in
            let previous = try Self.fetchCase(caseID, db: db)
            let changedBefore = try Self.statusChanged(caseID, db: db)
            guard try ChangeCheck.status(
                caseID: caseID, current: previous.status, setBy: previous.statusSetBy, setAt: changedBefore, seen: seen, to: status)
            else {
                return StatusChange(
                    caseID: caseID, before: previous.status, changedBefore: changedBefore, after: previous.status,
                    deadlineChanges: [], setByBefore: previous.statusSetBy)
            }
            let before = try Self.deadlines(ofCases: [caseID], db: db)
            try Self.changeStatus(caseID: caseID, to: status, at: now, author: author, db: db)
            return StatusChange(
                caseID: caseID, before: previous.status, changedBefore: changedBefore, after: status,
                deadlineChanges: Self.changes(before, try Self.deadlines(ofCases: [caseID], db: db)),
                setByBefore: previous.statusSetBy)
        }
    }

    /// Puts a status back as it was, with the moment it had been set (the undo of `changeStatus`).
    public func restoreStatus(_ change: StatusChange) throws {
        try write { db in
            try Self.requireCase(change.caseID, db: db)
            try db.execute(
                sql: "UPDATE suspension_case SET status = ?, status_changed_at = ?, status_set_by = ? WHERE id = ?",
                arguments: [change.before.rawValue, change.changedBefore.stored, change.setByBefore, change.caseID])
            try Self.refreshDeadlines(caseID: change.caseID, db: db)
        }
    }

    // MARK: - Notes

    public func note(_ id: Int64) throws -> Note {
        try read { db in try Self.fetchNote(id, db: db) }
    }

    /// Replaces a note's text; returns the note as it was.
    @discardableResult
    public func editNote(_ id: Int64, text: String) throws -> Note {
        let text = try Self.checkedNoteEdit(id, text: text)
        return try write { db in
            let previous = try Self.fetchNote(id, db: db)
            try db.execute(sql: "UPDATE note SET text = ? WHERE id = ?", arguments: [text, id])
            return previous
        }
    }

    /// Removes a note; returns it whole, for `restoreNote`.
    @discardableResult
    public func removeNote(_ id: Int64) throws -> Note {
        try write { db in
            let previous = try Self.fetchNote(id, db: db)
            try db.execute(sql: "DELETE FROM note WHERE id = ?", arguments: [id])
            return previous
        }
    }

    /// Puts a removed or edited note back exactly (id, date, text).
    public func restoreNote(_ note: Note) throws {
        try write { db in
            try Self.requireCase(note.caseID, db: db)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM note WHERE id = ?", arguments: [note.id]) == true {
                try db.execute(
                    sql: "UPDATE note SET case_id = ?, created_at = ?, text = ?, author = ? WHERE id = ?",
                    arguments: [note.caseID, note.created.stored, note.text, note.author, note.id])
            } else {
                try db.execute(
                    sql: "INSERT INTO note (id, case_id, created_at, text, author) VALUES (?, ?, ?, ?, ?)",
                    arguments: [note.id, note.caseID, note.created.stored, note.text, note.author])
            }
        }
    }

    // MARK: - Submissions

    /// Takes back a submission recorded by mistake: the version is a draft again, the deadlines it
    /// closed are open again, and the requests its submission's matcher marked answered are open again
    /// (marks the seller made stay). A case "appeal submitted" with no other submitted version goes back
    /// to "plan drafted". Returns what `restoreSubmission` needs to put it all back.
    public func unsubmitPlan(caseID: Int64, number: Int, at now: Date) throws -> Unsubmission {
        try write { db in
            let current = try Self.fetchCase(caseID, db: db)
            let changedBefore = try Self.statusChanged(caseID, db: db)
            guard let row = try Row.fetchOne(
                db, sql: "SELECT submitted_at, submitted_by FROM plan_version WHERE case_id = ? AND number = ?",
                arguments: [caseID, number])
            else { throw StoreError.notFound(what: "Plan version \(number) of case \(caseID)") }
            guard let submitted = row.optionalDate("submitted_at") else {
                throw Self.neverSubmitted(number, case: caseID)
            }
            let before = try Self.deadlines(ofCases: [caseID], db: db)
            let unmarked = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM requested_detail
                    WHERE case_id = ? AND state = 'answered' AND answered_version = ? AND answered_by = 'matcher'
                    """,
                arguments: [caseID, number]
            ).map(Decode.requestedDetail)
            try db.execute(
                sql: """
                    UPDATE requested_detail SET state = 'unanswered', answered_version = NULL, answered_by = NULL,
                        state_set_by = NULL, state_set_at = NULL
                    WHERE case_id = ? AND state = 'answered' AND answered_version = ? AND answered_by = 'matcher'
                    """,
                arguments: [caseID, number])
            try db.execute(
                sql: "UPDATE plan_version SET submitted_at = NULL, submitted_by = NULL WHERE case_id = ? AND number = ?",
                arguments: [caseID, number])
            var statusAfter = current.status
            let othersSubmitted = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM plan_version WHERE case_id = ? AND submitted_at IS NOT NULL",
                arguments: [caseID]) ?? 0
            if let next = CorrectionRules.statusAfterUnsubmit(current: current.status, otherSubmitted: othersSubmitted) {
                statusAfter = next
                try db.execute(
                    sql: "UPDATE suspension_case SET status = ?, status_changed_at = ?, status_set_by = ? WHERE id = ?",
                    arguments: [statusAfter.rawValue, now.stored, author, caseID])
            }
            try Self.refreshDeadlines(caseID: caseID, db: db)
            return Unsubmission(
                caseID: caseID, number: number, submitted: submitted, unmarked: unmarked, statusBefore: current.status,
                statusChangedBefore: changedBefore, statusAfter: statusAfter,
                deadlineChanges: Self.changes(before, try Self.deadlines(ofCases: [caseID], db: db)),
                submittedBy: row["submitted_by"], statusSetByBefore: current.statusSetBy)
        }
    }

    /// Puts back a submission `unsubmitPlan` took back: its date, the matcher's marks, the status.
    public func restoreSubmission(_ u: Unsubmission) throws {
        try write { db in
            try Self.requireCase(u.caseID, db: db)
            try db.execute(
                sql: "UPDATE plan_version SET submitted_at = ?, submitted_by = ? WHERE case_id = ? AND number = ?",
                arguments: [u.submitted.stored, u.submittedBy, u.caseID, u.number])
            for r in u.unmarked { try Self.writeState(of: r, db: db) }
            try db.execute(
                sql: "UPDATE suspension_case SET status = ?, status_changed_at = ?, status_set_by = ? WHERE id = ?",
                arguments: [u.statusBefore.rawValue, u.statusChangedBefore.stored, u.statusSetByBefore, u.caseID])
            try Self.refreshDeadlines(caseID: u.caseID, db: db)
        }
    }

    // MARK: - Helpers

    static func fetchMessage(_ id: Int64, db: Database) throws -> AmazonMessage {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM message WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(what: "Message \(id)")
        }
        return Decode.message(row)
    }

    static func fetchNote(_ id: Int64, db: Database) throws -> Note {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM note WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(what: "Note \(id)")
        }
        return Decode.note(row)
    }

    static func caseExists(_ id: Int64, db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM suspension_case WHERE id = ?", arguments: [id]) == true
    }

    static func messageRequests(_ messageID: Int64, db: Database) throws -> [RequestedDetail] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM requested_detail WHERE message_id = ? ORDER BY position, id", arguments: [messageID]
        ).map(Decode.requestedDetail)
    }

    /// Writes a request's state columns exactly as `r` holds them.
    static func writeState(of r: RequestedDetail, db: Database) throws {
        let (state, version, by, waived) = stateColumns(of: r)
        try db.execute(
            sql: """
                UPDATE requested_detail SET state = ?, answered_version = ?, answered_by = ?, waived_reason = ?,
                    state_set_by = ?, state_set_at = ?
                WHERE id = ?
                """,
            arguments: [state, version, by, waived, r.stateSetBy, r.stateSetAt?.stored, r.id])
    }

    /// Works out the matcher's marks on one message's requests again, as the case's submissions would
    /// have made them had the message been where (and when) it is now: marks the matcher made are taken
    /// off, then every submitted version, in the order they were sent, marks what it answers among the
    /// requests asked before it. Requests carrying the seller's word are left alone.
    /// (The rule is `CorrectionRules.redoMatcherMarks` in Core; the store reads the case and writes the states.)
    static func rematch(messageID: Int64, caseID: Int64, db: Database) throws {
        let ids = Set(try messageRequests(messageID, db: db).filter { !$0.state.isUsersWord }.map(\.id))
        guard !ids.isEmpty else { return }
        for r in CorrectionRules.redoMatcherMarks(of: ids, in: try fetchHistory(caseID, db: db)) {
            try writeState(of: r, db: db)
        }
    }

    /// The deadlines of some cases by id.
    static func deadlines(ofCases ids: [Int64], db: Database) throws -> [Int64: Deadline] {
        var out: [Int64: Deadline] = [:]
        for id in Set(ids) {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM deadline WHERE case_id = ?", arguments: [id]) {
                let d = Decode.deadline(row)
                out[d.id] = d
            }
        }
        return out
    }

    /// The deadlines that differ between two snapshots (due date, closure, case), in id order.
    static func changes(_ before: [Int64: Deadline], _ after: [Int64: Deadline]) -> [DeadlineChange] {
        Set(before.keys).union(after.keys).sorted().compactMap { id in
            let (b, a) = (before[id], after[id])
            if let b, let a, b.due == a.due, b.closure == a.closure, b.caseID == a.caseID, b.set == a.set { return nil }
            return DeadlineChange(before: b, after: a)
        }
    }
}
