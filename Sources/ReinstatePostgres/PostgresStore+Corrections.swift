import Foundation
import PostgresNIO
import ReinstateCore
import ReinstateStore

/// The corrections and their undo, as the local store makes them (`CaseStore+Corrections.swift`): each
/// in one transaction that first locks the case (both cases, lowest id first, for a move), reads its
/// facts, asks Core what follows (`CorrectionRules`, `DeadlineRefresh` through `refreshDeadlines`,
/// `StatusRules`) and writes that. Each returns the same values as the local store for the same case,
/// and refuses with the same words.
extension PostgresStore {
    /// What a team store cannot do yet, in one line (the tracker's reads use it until they are written).
    func notYet(_ what: String) -> PostgresStoreError {
        .failed(address: location, why: "\(what) does not work on a team store yet")
    }

    // MARK: - Messages

    @discardableResult
    public func editMessageReceived(_ id: Int64, to received: Date) async throws -> MessageCorrection {
        try await requireCurrent()
        return try await transaction { connection in
            let (message, history) = try await lockedMessage(id, connection)
            let requests = history.requests.filter { $0.messageID == id }
            let at = Timestamp.wholeSeconds(received)
            try await connection.query("UPDATE message SET received_at = \(at) WHERE id = \(id)", logger: logger)
            try await connection.query("UPDATE deadline SET set_at = \(at) WHERE message_id = \(id)", logger: logger)
            try await redoMatcherMarks(messageID: id, caseID: message.caseID, connection)
            let after = try await refreshDeadlines(message.caseID, connection)
            return MessageCorrection(
                before: message, requestsBefore: requests,
                deadlineChanges: DeadlineChange.between(Self.byID(history.deadlines), Self.byID(after)))
        }
    }

    @discardableResult
    public func moveMessage(_ id: Int64, toCase target: Int64) async throws -> MessageCorrection {
        try await requireCurrent()
        return try await transaction { connection in
            let from = try await messageCase(id, connection)
            try await requireCase(target, connection)
            guard target != from else { throw CaseStore.alreadyInCase(message: id, case: target) }
            let histories = try await lockedCases([from, target], connection)
            // Read again under the lock: a colleague may have moved it first.
            let (message, history) = try await lockedMessage(id, connection)
            guard message.caseID == from, let targetHistory = histories[target] else {
                throw StoreError.invalid("Message \(id) was just moved by someone else; nothing was changed.")
            }
            let requests = history.requests.filter { $0.messageID == id }
            try await connection.query("UPDATE message SET case_id = \(target) WHERE id = \(id)", logger: logger)
            try await connection.query("UPDATE requested_detail SET case_id = \(target) WHERE message_id = \(id)", logger: logger)
            for r in requests { try await writeState(of: CorrectionRules.movedToAnotherCase(r, caseID: target), connection) }
            try await connection.query("UPDATE deadline SET case_id = \(target) WHERE message_id = \(id)", logger: logger)
            try await redoMatcherMarks(messageID: id, caseID: target, connection)
            let after = try await refreshDeadlines(from, connection) + refreshDeadlines(target, connection)
            return MessageCorrection(
                before: message, requestsBefore: requests,
                deadlineChanges: DeadlineChange.between(
                    Self.byID(history.deadlines + targetHistory.deadlines), Self.byID(after)))
        }
    }

    @discardableResult
    public func removeMessage(_ id: Int64) async throws -> RemovedMessage {
        try await requireCurrent()
        return try await transaction { connection in try await removeMessage(id, connection) }
    }

    func removeMessage(_ id: Int64, _ connection: PostgresConnection) async throws -> RemovedMessage {
        let (message, history) = try await lockedMessage(id, connection)
        let own = history.deadlines.filter { $0.messageID == id }.sorted { $0.id < $1.id }
        try await connection.query("DELETE FROM message WHERE id = \(id)", logger: logger)  // cascades
        let after = try await refreshDeadlines(message.caseID, connection)
        return RemovedMessage(
            message: message, requests: history.requests.filter { $0.messageID == id }, deadlines: own,
            deadlineChanges: DeadlineChange.between(Self.byID(history.deadlines), Self.byID(after)))
    }

    @discardableResult
    public func restoreMessage(_ removed: RemovedMessage) async throws -> [DeadlineChange] {
        try await requireCurrent()
        return try await transaction { connection in
            let m = removed.message
            let (_, before) = try await lockedCase(m.caseID, connection)
            try await connection.query(
                """
                INSERT INTO message (id, case_id, kind, received_at, subject, raw, text, reader_version, added_by)
                VALUES (\(m.id), \(m.caseID), \(m.kind.rawValue), \(m.received), \(m.subject), \(m.raw), \(m.text), \(m.readerVersion),
                    \(m.addedBy))
                """, logger: logger)
            for (position, r) in removed.requests.enumerated() {
                try await connection.query(
                    """
                    INSERT INTO requested_detail (id, case_id, message_id, position, text, aspect, topic, state, corrected,
                        alternative_group, alternative_option)
                    VALUES (\(r.id), \(m.caseID), \(m.id), \(position), \(r.text), \(r.aspect.rawValue), \(r.topic), 'unanswered',
                        \(r.corrected), \(r.alternative?.group), \(r.alternative?.option))
                    """, logger: logger)
                try await writeState(of: r, connection)
            }
            for d in removed.deadlines where d.rule.amount > 0 {
                try await connection.query(
                    """
                    INSERT INTO deadline (id, case_id, message_id, amount, unit, anchor, phrase, set_at, due_at)
                    VALUES (\(d.id), \(m.caseID), \(m.id), \(d.rule.amount), \(d.rule.unit.rawValue), \(d.rule.anchor.rawValue),
                        \(d.rule.text), \(d.set), \(d.set))
                    """, logger: logger)
            }
            let after = try await refreshDeadlines(m.caseID, connection)
            return DeadlineChange.between(Self.byID(before.deadlines), Self.byID(after))
        }
    }

    @discardableResult
    public func undoMessageCorrection(_ correction: MessageCorrection) async throws -> [DeadlineChange] {
        try await requireCurrent()
        return try await transaction { connection in
            let m = correction.before
            let now = try await messageCase(m.id, connection)
            try await requireCase(m.caseID, connection)
            let histories = try await lockedCases([now, m.caseID], connection)
            guard try await messageCase(m.id, connection) == now else {
                throw StoreError.invalid("Message \(m.id) was just moved by someone else; nothing was changed.")
            }
            try await connection.query(
                "UPDATE message SET case_id = \(m.caseID), received_at = \(m.received) WHERE id = \(m.id)", logger: logger)
            try await connection.query("UPDATE requested_detail SET case_id = \(m.caseID) WHERE message_id = \(m.id)", logger: logger)
            try await connection.query(
                "UPDATE deadline SET case_id = \(m.caseID), set_at = \(m.received) WHERE message_id = \(m.id)", logger: logger)
            for r in correction.requestsBefore { try await writeState(of: r, connection) }
            var after: [Deadline] = []
            for caseID in Set([now, m.caseID]).sorted() { after += try await refreshDeadlines(caseID, connection) }
            return DeadlineChange.between(Self.byID(histories.values.flatMap(\.deadlines)), Self.byID(after))
        }
    }

    /// Takes back a message just added, in one transaction: it goes with what was read from it (its
    /// Message-ID with it), the thread marks its adding left are taken off, and the status it moved the
    /// case from is put back.
    @discardableResult
    public func undoAddMessage(_ stored: StoredMessage) async throws -> RemovedMessage {
        try await requireCurrent()
        return try await transaction { connection in
            let removed = try await removeMessage(stored.message.id, connection)
            if let change = stored.statusChange { try await restoreStatus(change, connection) }
            for mark in stored.mailMarksAdded {
                try await connection.query(
                    """
                    DELETE FROM mail_mark WHERE case_id = \(stored.message.caseID) AND kind = \(mark.kind) AND value = \(mark.value)
                    """, logger: logger)
            }
            return removed
        }
    }

    public func undoSubmission(_ s: Submission) async throws {
        try await requireCurrent()
        try await transaction { connection in
            try await lockCase(s.caseID, connection)
            try await connection.query(
                "UPDATE plan_version SET submitted_at = NULL, submitted_by = NULL WHERE case_id = \(s.caseID) AND number = \(s.number)",
                logger: logger)
            for r in s.marked { try await writeState(of: r, connection) }
            try await putStatusBack(s.caseID, s.statusBefore, at: s.statusChangedBefore, by: s.statusSetByBefore, connection)
            _ = try await refreshDeadlines(s.caseID, connection)
        }
    }

    public func restoreRequestStates(_ requests: [RequestedDetail]) async throws {
        try await requireCurrent()
        try await transaction { connection in
            var cases: [Int64] = []
            for r in requests { cases.append(try await fetchRequest(r.id, connection).caseID) }
            _ = try await lockedCases(cases, connection)
            for r in requests {
                _ = try await fetchRequest(r.id, connection)
                try await writeState(of: r, connection)
            }
            for caseID in Set(cases).sorted() { _ = try await refreshDeadlines(caseID, connection) }
        }
    }

    // MARK: - Cases

    @discardableResult
    public func editCase(_ id: Int64, _ edit: CaseEdit) async throws -> SuspensionCase {
        try await requireCurrent()
        return try await transaction { connection in
            let (_, history) = try await lockedCase(id, connection)
            let edit = try CaseStore.checkedEdit(edit)
            if let title = edit.title {
                try await connection.query("UPDATE suspension_case SET title = \(title) WHERE id = \(id)", logger: logger)
            }
            if let account = edit.account {
                try await connection.query("UPDATE suspension_case SET account = \(account) WHERE id = \(id)", logger: logger)
            }
            if let marketplace = edit.marketplace {
                try await connection.query("UPDATE suspension_case SET marketplace = \(marketplace) WHERE id = \(id)", logger: logger)
            }
            if let reason = edit.reason {
                try await connection.query("UPDATE suspension_case SET reason = \(reason.rawValue) WHERE id = \(id)", logger: logger)
            }
            if let asins = edit.asins {
                try await connection.query("DELETE FROM case_asin WHERE case_id = \(id)", logger: logger)
                for asin in Set(asins).sorted() {
                    try await connection.query("INSERT INTO case_asin (case_id, asin) VALUES (\(id), \(asin))", logger: logger)
                }
                let scope = asins.isEmpty ? "account" : "listings"
                try await connection.query("UPDATE suspension_case SET scope = \(scope) WHERE id = \(id)", logger: logger)
            }
            return history.suspensionCase
        }
    }

    public func restoreStatus(_ change: StatusChange) async throws {
        try await requireCurrent()
        try await transaction { connection in try await restoreStatus(change, connection) }
    }

    func restoreStatus(_ change: StatusChange, _ connection: PostgresConnection) async throws {
        try await lockCase(change.caseID, connection)
        try await putStatusBack(change.caseID, change.before, at: change.changedBefore, by: change.setByBefore, connection)
        _ = try await refreshDeadlines(change.caseID, connection)
    }

    // MARK: - Notes

    @discardableResult
    public func editNote(_ id: Int64, text: String) async throws -> Note {
        let text = try CaseStore.checkedNoteEdit(id, text: text)
        try await requireCurrent()
        return try await transaction { connection in
            let previous = try await lockedNote(id, connection)
            try await connection.query("UPDATE note SET text = \(text) WHERE id = \(id)", logger: logger)
            return previous
        }
    }

    @discardableResult
    public func removeNote(_ id: Int64) async throws -> Note {
        try await requireCurrent()
        return try await transaction { connection in
            let previous = try await lockedNote(id, connection)
            try await connection.query("DELETE FROM note WHERE id = \(id)", logger: logger)
            return previous
        }
    }

    public func restoreNote(_ note: Note) async throws {
        try await requireCurrent()
        try await transaction { connection in
            try await lockCase(note.caseID, connection)
            let created = Timestamp.wholeSeconds(note.created)
            try await connection.query(
                """
                INSERT INTO note (id, case_id, created_at, text, author)
                VALUES (\(note.id), \(note.caseID), \(created), \(note.text), \(note.author))
                ON CONFLICT (id) DO UPDATE SET case_id = EXCLUDED.case_id, created_at = EXCLUDED.created_at, text = EXCLUDED.text,
                    author = EXCLUDED.author
                """, logger: logger)
        }
    }

    /// One note, read outside a transaction. (Also the tracker's read; `note(_:)` is written with the
    /// tracker's reads.)
    func fetchNote(_ id: Int64, _ connection: PostgresConnection) async throws -> Note {
        let rows = try await connection.query("SELECT case_id, created_at, text, author FROM note WHERE id = \(id)", logger: logger)
        var found: Note? = nil
        for try await (caseID, created, text, author) in rows.decode((Int64, Date, String, String?).self) {
            found = Note(id: id, caseID: caseID, created: created, text: text, author: author)
        }
        guard let found else { throw StoreError.notFound(what: "Note \(id)") }
        return found
    }

    /// A note with its case locked, read again under the lock.
    func lockedNote(_ id: Int64, _ connection: PostgresConnection) async throws -> Note {
        try await lockCase(try await fetchNote(id, connection).caseID, connection)
        return try await fetchNote(id, connection)
    }

    // MARK: - Submissions

    @discardableResult
    public func unsubmitPlan(caseID: Int64, number: Int, at now: Date) async throws -> Unsubmission {
        try await requireCurrent()
        return try await transaction { connection in
            let (document, history) = try await lockedCase(caseID, connection)
            guard let plan = history.plans.first(where: { $0.number == number }) else {
                throw StoreError.notFound(what: "Plan version \(number) of case \(caseID)")
            }
            guard let submitted = plan.submitted else { throw CaseStore.neverSubmitted(number, case: caseID) }
            let current = history.suspensionCase.status
            let unmarked = history.requests.filter { $0.state == .answered(version: number, by: .matcher) }
                .sorted { $0.id < $1.id }
            for r in unmarked {
                var open = r
                (open.state, open.stateSetBy, open.stateSetAt) = (.unanswered, nil, nil)
                try await writeState(of: open, connection)
            }
            try await connection.query(
                "UPDATE plan_version SET submitted_at = NULL, submitted_by = NULL WHERE case_id = \(caseID) AND number = \(number)",
                logger: logger)
            let others = history.plans.filter { $0.number != number && $0.submitted != nil }.count
            var statusAfter = current
            if let next = CorrectionRules.statusAfterUnsubmit(current: current, otherSubmitted: others) {
                statusAfter = next
                try await setStatus(caseID, next, at: now, connection)
            }
            let after = try await refreshDeadlines(caseID, connection)
            return Unsubmission(
                caseID: caseID, number: number, submitted: submitted, unmarked: unmarked, statusBefore: current,
                statusChangedBefore: document.statusChangedDate ?? history.suspensionCase.opened, statusAfter: statusAfter,
                deadlineChanges: DeadlineChange.between(Self.byID(history.deadlines), Self.byID(after)),
                submittedBy: plan.submittedBy, statusSetByBefore: history.suspensionCase.statusSetBy)
        }
    }

    public func restoreSubmission(_ u: Unsubmission) async throws {
        try await requireCurrent()
        try await transaction { connection in
            try await lockCase(u.caseID, connection)
            try await connection.query(
                "UPDATE plan_version SET submitted_at = \(u.submitted), submitted_by = \(u.submittedBy) WHERE case_id = \(u.caseID) AND number = \(u.number)",
                logger: logger)
            for r in u.unmarked { try await writeState(of: r, connection) }
            try await putStatusBack(u.caseID, u.statusBefore, at: u.statusChangedBefore, by: u.statusSetByBefore, connection)
            _ = try await refreshDeadlines(u.caseID, connection)
        }
    }

    // MARK: - Reads of the corrections' commands

    public func message(_ id: Int64) async throws -> AmazonMessage {
        try await requireCurrent()
        return try await reading { connection in
            let caseID = try await messageCase(id, connection)
            guard let document = try await readCases(connection, only: caseID).first,
                let message = try document.history().messages.first(where: { $0.id == id })
            else { throw StoreError.notFound(what: "Message \(id)") }
            return message
        }
    }

    // MARK: - Facts

    /// The case a message is in, or "Message N" not found.
    func messageCase(_ id: Int64, _ connection: PostgresConnection) async throws -> Int64 {
        let rows = try await connection.query("SELECT case_id FROM message WHERE id = \(id)", logger: logger)
        var found: Int64? = nil
        for try await caseID in rows.decode(Int64.self) { found = caseID }
        guard let found else { throw StoreError.notFound(what: "Message \(id)") }
        return found
    }

    /// A message with its case locked and read whole (read again under the lock).
    func lockedMessage(_ id: Int64, _ connection: PostgresConnection) async throws -> (AmazonMessage, CaseHistory) {
        let caseID = try await messageCase(id, connection)
        let (_, history) = try await lockedCase(caseID, connection)
        guard let message = history.messages.first(where: { $0.id == id }) else {
            // Moved or removed by a colleague between the two reads.
            throw StoreError.notFound(what: "Message \(id)")
        }
        return (message, history)
    }

    /// Several cases locked, lowest id first (two writers locking the same two take turns, not a
    /// deadlock), and read whole.
    func lockedCases(_ ids: [Int64], _ connection: PostgresConnection) async throws -> [Int64: CaseHistory] {
        var histories: [Int64: CaseHistory] = [:]
        for id in Set(ids).sorted() { histories[id] = try await lockedCase(id, connection).1 }
        return histories
    }

    /// Writes a request's state columns exactly as `r` holds them (`CaseStore.stateColumns`).
    func writeState(of r: RequestedDetail, _ connection: PostgresConnection) async throws {
        let (state, version, by, waived) = CaseStore.stateColumns(of: r)
        try await connection.query(
            """
            UPDATE requested_detail SET state = \(state), answered_version = \(version), answered_by = \(by),
                waived_reason = \(waived), state_set_by = \(r.stateSetBy), state_set_at = \(r.stateSetAt.map(Timestamp.wholeSeconds))
            WHERE id = \(r.id)
            """, logger: logger)
    }

    /// The matcher's marks on one message's requests worked out again (`CorrectionRules.redoMatcherMarks`)
    /// from the case as it is now.
    func redoMatcherMarks(messageID: Int64, caseID: Int64, _ connection: PostgresConnection) async throws {
        let (_, history) = try await lockedCase(caseID, connection)
        let ids = Set(history.requests.filter { $0.messageID == messageID }.map(\.id))
        for r in CorrectionRules.redoMatcherMarks(of: ids, in: history) { try await writeState(of: r, connection) }
    }
}

extension PostgresStore {
    /// A case's status put back exactly as it was, with who had set it (an undo records no new author).
    func putStatusBack(_ caseID: Int64, _ status: CaseStatus, at: Date, by author: String?, _ connection: PostgresConnection)
        async throws
    {
        try await connection.query(
            """
            UPDATE suspension_case SET status = \(status.rawValue), status_changed_at = \(Timestamp.wholeSeconds(at)),
                status_set_by = \(author)
            WHERE id = \(caseID)
            """, logger: logger)
    }
}
