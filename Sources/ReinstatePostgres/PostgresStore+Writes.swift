import Foundation
import PostgresNIO
import ReinstateCore
import ReinstateStore

/// The everyday commands' writes, each in one transaction that first locks the case: all of it or nothing. The store
/// reads the case's facts, asks Core's rules what changes (`StatusRules`, `DeadlineRefresh`,
/// `SubmissionMarks`) and writes that; no rule is written again in SQL. Dates are kept to the whole
/// second, as the SQLite store keeps them, so both stores hold (and print) the same.
extension PostgresStore {
    // MARK: - Cases

    @discardableResult
    public func createCase(_ new: SuspensionCase) async throws -> Int64 {
        let title = try CaseStore.checkedTitle(new)
        try await requireCurrent()
        return try await transaction { connection in try await insertCase(new, title: title, connection) }
    }

    /// Stores a new case (its title checked already) in the transaction of `connection`; returns its id.
    func insertCase(_ new: SuspensionCase, title: String, _ connection: PostgresConnection) async throws -> Int64 {
        let opened = Timestamp.wholeSeconds(new.opened)
        let scope = new.scope == .account ? "account" : "listings"
        var id: Int64 = 0
        let rows = try await connection.query(
            """
            INSERT INTO suspension_case (title, account, marketplace, scope, reason, status, status_changed_at, opened_at)
            VALUES (\(title), \(new.account), \(new.marketplace), \(scope), \(new.reason.rawValue), \(new.status.rawValue),
                \(opened), \(opened))
            RETURNING id
            """, logger: logger)
        for try await value in rows.decode(Int64.self) { id = value }
        for asin in Set(new.scope.asins).sorted() {
            try await connection.query("INSERT INTO case_asin (case_id, asin) VALUES (\(id), \(asin))", logger: logger)
        }
        return id
    }

    /// Sets a case's status; `seen` is the status the user decided on (`ChangeCheck`): checked once the
    /// case's row is locked, so of two colleagues setting it at once the second is told, never overwrites.
    @discardableResult
    public func changeStatus(caseID: Int64, to status: CaseStatus, at now: Date, seen: CaseStatus?) async throws -> StatusChange {
        try await requireCurrent()
        return try await transaction { connection in
            let (document, before) = try await lockedCase(caseID, connection)
            let current = before.suspensionCase
            let changedBefore = document.statusChangedDate ?? current.opened
            guard try ChangeCheck.status(
                caseID: caseID, current: current.status, setBy: current.statusSetBy, setAt: changedBefore, seen: seen, to: status)
            else {
                return StatusChange(
                    caseID: caseID, before: current.status, changedBefore: changedBefore, after: current.status,
                    deadlineChanges: [], setByBefore: current.statusSetBy)
            }
            try await setStatus(caseID, status, at: now, connection)
            let after = try await refreshDeadlines(caseID, connection)
            return StatusChange(
                caseID: caseID, before: current.status, changedBefore: changedBefore, after: status,
                deadlineChanges: DeadlineChange.between(Self.byID(before.deadlines), Self.byID(after)),
                setByBefore: current.statusSetBy)
        }
    }

    // MARK: - Notes

    @discardableResult
    public func addNote(caseID: Int64, text: String, at now: Date) async throws -> Int64 {
        let text = try CaseStore.checkedNote(text)
        try await requireCurrent()
        return try await transaction { connection in
            try await lockCase(caseID, connection)
            var id: Int64 = 0
            let rows = try await connection.query(
                """
                INSERT INTO note (case_id, created_at, text, author)
                VALUES (\(caseID), \(Timestamp.wholeSeconds(now)), \(text), coalesce(\(author), current_user::text))
                RETURNING id
                """, logger: logger)
            for try await value in rows.decode(Int64.self) { id = value }
            return id
        }
    }

    // MARK: - Requested details

    public func request(_ id: Int64) async throws -> RequestedDetail {
        try await requireCurrent()
        return try await reading { try await fetchRequest(id, $0) }
    }

    func fetchRequest(_ id: Int64, _ connection: PostgresConnection) async throws -> RequestedDetail {
        let rows = try await connection.query(
            """
            SELECT case_id, message_id, text, aspect, corrected, topic, state, answered_version, answered_by, waived_reason,
                alternative_group, alternative_option, state_set_by, state_set_at
            FROM requested_detail WHERE id = \(id)
            """, logger: logger)
        var found: RequestedDetail? = nil
        for try await (caseID, messageID, text, aspect, corrected, topic, state, version, by, waived, group, option, setBy, setAt)
            in rows.decode((Int64, Int64, String, String, Bool, String, String, Int?, String?, String?, Int?, Int?, String?, Date?).self)
        {
            found = CaseDocument.request(
                RequestDocument(
                    id: id, text: text, aspect: aspect, corrected: corrected ? true : nil, topic: topic, state: state,
                    answeredVersion: version, answeredBy: by, waivedReason: waived, alternativeGroup: group,
                    alternativeOption: option, stateSetBy: setBy, stateSetAt: setAt.map(Timestamp.utc)),
                caseID: caseID, messageID: messageID)
        }
        guard let found else { throw StoreError.notFound(what: "Requested detail \(id)") }
        return found
    }

    /// Marks a requested detail answered (by a plan version of its case), waived (with a reason) or open
    /// again. A waiver's reason stays as history. Returns the detail as it was.
    @discardableResult
    public func setRequestState(_ id: Int64, to state: RequestState, at now: Date, seen: RequestState?) async throws
        -> RequestedDetail
    {
        try await requireCurrent()
        return try await transaction { connection in
            // Read again once its case is locked: a colleague may have just marked it.
            try await lockCase(try await fetchRequest(id, connection).caseID, connection)
            let previous = try await fetchRequest(id, connection)
            guard try ChangeCheck.request(previous, seen: seen, to: state) else { return previous }
            switch state {
            case .unanswered, .reopened:
                let word = state == .reopened ? "reopened" : "unanswered"
                try await connection.query(
                    "UPDATE requested_detail SET state = \(word), answered_version = NULL, answered_by = NULL WHERE id = \(id)",
                    logger: logger)
            case .answered(let version, let by):
                guard try await planExists(previous.caseID, version, connection) else {
                    throw StoreError.notFound(what: "Plan version \(version) of case \(previous.caseID)")
                }
                try await connection.query(
                    """
                    UPDATE requested_detail SET state = 'answered', answered_version = \(version), answered_by = \(by.rawValue)
                    WHERE id = \(id)
                    """, logger: logger)
            case .waived(let reason):
                let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty else { throw StoreError.invalid("Say why the request is waived (--reason).") }
                try await connection.query(
                    """
                    UPDATE requested_detail SET state = 'waived', answered_version = NULL, answered_by = NULL,
                        waived_reason = \(reason)
                    WHERE id = \(id)
                    """, logger: logger)
            }
            try await connection.query(
                """
                UPDATE requested_detail SET state_set_by = coalesce(\(author), current_user::text),
                    state_set_at = \(Timestamp.wholeSeconds(now))
                WHERE id = \(id)
                """, logger: logger)
            return previous
        }
    }

    // MARK: - Plan versions

    public func latestPlanNumber(caseID: Int64) async throws -> Int? {
        try await requireCurrent()
        return try await reading { connection in
            try await requireCase(caseID, connection)
            var latest: Int? = nil
            let rows = try await connection.query("SELECT max(number) FROM plan_version WHERE case_id = \(caseID)", logger: logger)
            for try await value in rows.decode(Int?.self) { latest = value }
            return latest
        }
    }

    public func plan(caseID: Int64, number: Int) async throws -> PlanVersion {
        try await requireCurrent()
        return try await reading { connection in
            let rows = try await connection.query(
                """
                SELECT text, created_at, submitted_at, created_by, submitted_by FROM plan_version
                WHERE case_id = \(caseID) AND number = \(number)
                """, logger: logger)
            var found: PlanVersion? = nil
            for try await (text, created, submitted, createdBy, submittedBy) in rows.decode((String, Date, Date?, String?, String?).self) {
                found = PlanVersion(
                    caseID: caseID, number: number, text: text, created: created, submitted: submitted, createdBy: createdBy,
                    submittedBy: submittedBy)
            }
            guard let found else { throw StoreError.notFound(what: "Plan version \(number) of case \(caseID)") }
            return found
        }
    }

    /// Stores a new plan version and returns its number; versions are never overwritten. One already
    /// submitted marks what it answers and moves the case as a submission does.
    public func addPlan(caseID: Int64, text: String, created: Date, submitted: Date?) async throws -> Int {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalid("The plan is empty; nothing was stored.")
        }
        try await requireCurrent()
        return try await transaction { connection in
            let (_, history) = try await lockedCase(caseID, connection)
            let number = PlanVersion.nextNumber(after: history.plans.map(\.number))
            let sent = submitted.map(Timestamp.wholeSeconds)
            try await connection.query(
                """
                INSERT INTO plan_version (case_id, number, text, created_at, submitted_at, created_by, submitted_by)
                VALUES (\(caseID), \(number), \(text), \(Timestamp.wholeSeconds(created)), \(sent),
                    coalesce(\(author), current_user::text), CASE WHEN \(sent)::timestamptz IS NULL THEN NULL
                        ELSE coalesce(\(author), current_user::text) END)
                """, logger: logger)
            if let sent { _ = try await markAnswered(caseID, version: number, text: text, submitted: sent, connection) }
            if let next = StatusRules.afterPlan(current: history.suspensionCase.status, submitted: sent != nil) {
                try await setStatus(caseID, next, at: sent ?? created, connection)
            }
            _ = try await refreshDeadlines(caseID, connection)
            return number
        }
    }

    /// Records that a version was sent to Amazon: it marks the requests it answers (the matcher's
    /// reading), moves the case to "appeal submitted" and closes the deadlines set before it.
    @discardableResult
    public func submitPlan(caseID: Int64, number: Int, at: Date) async throws -> Submission {
        try await requireCurrent()
        return try await transaction { connection in
            let (document, before) = try await lockedCase(caseID, connection)
            guard let plan = before.plans.first(where: { $0.number == number }) else {
                throw StoreError.notFound(what: "Plan version \(number) of case \(caseID)")
            }
            if let already = plan.submitted {
                throw StoreError.invalid(
                    "Version \(number) was already submitted on \(Timestamp.local(already)). Add a new version instead.")
            }
            let sent = Timestamp.wholeSeconds(at)
            try await connection.query(
                """
                UPDATE plan_version SET submitted_at = \(sent), submitted_by = coalesce(\(author), current_user::text)
                WHERE case_id = \(caseID) AND number = \(number)
                """, logger: logger)
            let marked = try await markAnswered(caseID, version: number, text: plan.text, submitted: sent, connection)
            if let next = StatusRules.afterPlan(current: before.suspensionCase.status, submitted: true) {
                try await setStatus(caseID, next, at: sent, connection)
            }
            let after = try await refreshDeadlines(caseID, connection)
            return Submission(
                caseID: caseID, number: number, submitted: sent, marked: marked, statusBefore: before.suspensionCase.status,
                statusChangedBefore: document.statusChangedDate ?? before.suspensionCase.opened,
                deadlineChanges: DeadlineChange.between(Self.byID(before.deadlines), Self.byID(after)),
                statusSetByBefore: before.suspensionCase.statusSetBy)
        }
    }

    /// Marks answered, "by matcher", what Core's `SubmissionMarks` finds the version answers. Returns
    /// the requests it marked, as they were before.
    func markAnswered(
        _ caseID: Int64, version: Int, text: String, submitted: Date, _ connection: PostgresConnection
    ) async throws -> [RequestedDetail] {
        let (_, history) = try await lockedCase(caseID, connection)
        guard history.requests.contains(where: { $0.state.isOpen }) else { return [] }
        let marked = SubmissionMarks.answered(by: text, submitted: submitted, in: history)
        for request in marked {
            try await connection.query(
                """
                UPDATE requested_detail SET state = 'answered', answered_version = \(version), answered_by = 'matcher',
                    state_set_by = coalesce(\(author), current_user::text), state_set_at = \(submitted)
                WHERE id = \(request.id)
                """, logger: logger)
        }
        return marked
    }

    // MARK: - Messages

    /// Stores a message byte for byte with what the reader read from it: its requested details become
    /// the case's checklist, its deadline the case's clock, and the case moves as `StatusRules` says.
    public func addMessage(
        caseID: Int64, raw: Data, reading: MessageReading, kind: MessageKind?, received: Date?, now: Date
    ) async throws -> StoredMessage {
        let kind = kind ?? reading.kind
        let received = Timestamp.wholeSeconds(received ?? reading.received ?? now)
        try CaseStore.checkReceived(received, reading: reading)
        try await requireCurrent()
        return try await transaction { connection in
            var stored = try await insertMessage(
                caseID: caseID, raw: raw, reading: reading, kind: kind, received: received, now: now, connection)
            let mail = try await recordMail(of: raw, reading: reading, caseID: caseID, messageID: stored.message.id, connection)
            stored.mailIdentityAdded = mail.identity
            stored.mailMarksAdded = mail.marks
            return stored
        }
    }

    /// Stores a message (its kind and date decided, checked already) in the transaction of `connection`,
    /// with Core's rules: its checklist, its deadline, the status `StatusRules` gives and the deadlines
    /// `DeadlineRefresh` gives. `addMessage` and mail intake both file through it.
    func insertMessage(
        caseID: Int64, raw: Data, reading: MessageReading, kind: MessageKind, received: Date, now: Date,
        _ connection: PostgresConnection
    ) async throws -> StoredMessage {
        let (document, before) = try await lockedCase(caseID, connection)
        var messageID: Int64 = 0
        let rows = try await connection.query(
            """
            INSERT INTO message (case_id, kind, received_at, subject, raw, text, reader_version, added_by)
            VALUES (\(caseID), \(kind.rawValue), \(received), \(reading.subject), \(raw), \(reading.text), \(MessageReader.version),
                coalesce(\(author), current_user::text))
            RETURNING id
            """, logger: logger)
        for try await value in rows.decode(Int64.self) { messageID = value }
        var requests: [RequestedDetail] = []
        for (position, request) in reading.requested.enumerated() {
            var requestID: Int64 = 0
            let inserted = try await connection.query(
                """
                INSERT INTO requested_detail (case_id, message_id, position, text, aspect, topic, state,
                    alternative_group, alternative_option)
                VALUES (\(caseID), \(messageID), \(position), \(request.text), \(request.aspect.rawValue), \(request.topic),
                    'unanswered', \(request.alternative?.group), \(request.alternative?.option))
                RETURNING id
                """, logger: logger)
            for try await value in inserted.decode(Int64.self) { requestID = value }
            requests.append(
                RequestedDetail(
                    id: requestID, caseID: caseID, messageID: messageID, text: request.text, aspect: request.aspect,
                    topic: request.topic, alternative: request.alternative))
        }
        if let rule = reading.deadlineRule(received: received), rule.amount > 0 {
            try await connection.query(
                """
                INSERT INTO deadline (case_id, message_id, amount, unit, anchor, phrase, set_at, due_at)
                VALUES (\(caseID), \(messageID), \(rule.amount), \(rule.unit.rawValue), \(rule.anchor.rawValue), \(rule.text),
                    \(received), \(received))
                """, logger: logger)
        }
        var statusChange: StatusChange? = nil
        let current = before.suspensionCase.status
        if let next = StatusRules.afterMessage(current: current, kind: kind, requestCount: requests.count) {
            try await setStatus(caseID, next, at: max(received, now), connection)
            statusChange = StatusChange(
                caseID: caseID, before: current, changedBefore: document.statusChangedDate ?? before.suspensionCase.opened,
                after: next, deadlineChanges: [], setByBefore: before.suspensionCase.statusSetBy)
        }
        let deadlines = try await refreshDeadlines(caseID, connection)
        let message = AmazonMessage(
            id: messageID, caseID: caseID, kind: kind, received: received, subject: reading.subject, raw: raw,
            text: reading.text, addedBy: try await recordedAuthor(connection))
        return StoredMessage(
            message: message, requests: requests, deadline: deadlines.first { $0.messageID == messageID },
            statusChange: statusChange)
    }

    /// A saved e-mail added by hand is kept as the local store keeps one (`CaseStore.insertMailRecords`):
    /// its attachments described beside its raw bytes, and with a Message-ID its identity (once in the
    /// store) and the marks that place its thread's replies.
    func recordMail(
        of raw: Data, reading: MessageReading, caseID: Int64, messageID: Int64, _ connection: PostgresConnection
    ) async throws -> (identity: String?, marks: [MailMarkDocument]) {
        guard let mail = AddedMail(raw: raw, reading: reading) else { return (nil, []) }
        let attachments = mail.attachments.enumerated().map { index, a in
            AttachmentDocument(number: index + 1, filename: a.filename, contentType: a.contentType, size: a.data.count, sha256: SHA256.hex(a.data))
        }
        var identity: String? = nil
        // Known anywhere in the store (a staff role may read neither a colleague's client's messages nor held mail).
        if let candidate = mail.identity {
            try await lockMail(candidate, connection)
            if try await !known(candidate, connection) { identity = candidate }
        }
        var marks: [MailMarkDocument] = []
        for (kind, key) in mail.marks {
            let inserted = try await connection.query(
                """
                INSERT INTO mail_mark (case_id, kind, value) VALUES (\(caseID), \(kind.rawValue), \(key))
                ON CONFLICT DO NOTHING RETURNING case_id
                """, logger: logger)
            for try await _ in inserted.decode(Int64.self) { marks.append(MailMarkDocument(kind: kind.rawValue, value: key)) }
        }
        guard identity != nil || !attachments.isEmpty else { return (nil, marks) }
        try await connection.query(
            """
            UPDATE message SET mail_identity = \(identity), attachments = \(try Self.attachmentsJSON(attachments.isEmpty ? nil : attachments))
            WHERE id = \(messageID)
            """, logger: logger)
        return (identity, marks)
    }

    // MARK: - Facts and rules

    /// Locks the case's row for the rest of the transaction (two writers to one case take turns), or
    /// says there is no such case.
    func lockCase(_ caseID: Int64, _ connection: PostgresConnection) async throws {
        let rows = try await connection.query("SELECT id FROM suspension_case WHERE id = \(caseID) FOR UPDATE", logger: logger)
        var found = false
        for try await _ in rows.decode(Int64.self) { found = true }
        guard found else { throw StoreError.notFound(what: "Case \(caseID)") }
    }

    func requireCase(_ caseID: Int64, _ connection: PostgresConnection) async throws {
        let rows = try await connection.query("SELECT id FROM suspension_case WHERE id = \(caseID)", logger: logger)
        var found = false
        for try await _ in rows.decode(Int64.self) { found = true }
        guard found else { throw StoreError.notFound(what: "Case \(caseID)") }
    }

    /// The case locked, as its document (when its status changed) and its history (the facts).
    func lockedCase(_ caseID: Int64, _ connection: PostgresConnection) async throws -> (CaseDocument, CaseHistory) {
        try await lockCase(caseID, connection)
        guard let document = try await readCases(connection, only: caseID).first else {
            throw StoreError.notFound(what: "Case \(caseID)")
        }
        return (document, try document.history())
    }

    func planExists(_ caseID: Int64, _ number: Int, _ connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT 1 FROM plan_version WHERE case_id = \(caseID) AND number = \(number)", logger: logger)
        var found = false
        for try await _ in rows.decode(Int32.self) { found = true }
        return found
    }

    func setStatus(_ caseID: Int64, _ status: CaseStatus, at: Date, _ connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE suspension_case SET status = \(status.rawValue), status_changed_at = \(Timestamp.wholeSeconds(at)),
                status_set_by = coalesce(\(author), current_user::text)
            WHERE id = \(caseID)
            """, logger: logger)
    }

    /// Recomputes every deadline of the case and its next due date from the facts with `DeadlineRefresh`,
    /// and writes what it says. Returns the deadlines as they are now.
    func refreshDeadlines(_ caseID: Int64, _ connection: PostgresConnection) async throws -> [Deadline] {
        let (document, history) = try await lockedCase(caseID, connection)
        let c = history.suspensionCase
        let refresh = DeadlineRefresh(
            DeadlineFacts(
                opened: c.opened, status: c.status, statusChanged: document.statusChangedDate ?? c.opened,
                messages: history.messages.map { (kind: $0.kind, received: $0.received) },
                submissions: history.plans.compactMap { p in p.submitted.map { (version: p.number, at: $0) } },
                deadlines: history.deadlines))
        for deadline in refresh.deadlines {
            var closedAt: Date? = nil, closedBy: String? = nil, closedVersion: Int? = nil, closedStatus: String? = nil
            switch deadline.closure {
            case .planSubmitted(let version, let at)?:
                (closedAt, closedBy, closedVersion) = (Timestamp.wholeSeconds(at), "plan-submitted", version)
            case .caseFinished(let status, let at)?:
                (closedAt, closedBy, closedStatus) = (Timestamp.wholeSeconds(at), "case-finished", status.rawValue)
            case nil:
                break
            }
            try await connection.query(
                """
                UPDATE deadline SET due_at = \(Timestamp.wholeSeconds(deadline.due)), closed_at = \(closedAt),
                    closed_by = \(closedBy), closed_version = \(closedVersion), closed_status = \(closedStatus)
                WHERE id = \(deadline.id)
                """, logger: logger)
        }
        let next = refresh.nextDue.map(Timestamp.wholeSeconds)
        try await connection.query("UPDATE suspension_case SET next_due_at = \(next) WHERE id = \(caseID)", logger: logger)
        return refresh.deadlines
    }

    /// The author this store's writes record: the configured one, else the role the server runs this
    /// session's statements as.
    func recordedAuthor(_ connection: PostgresConnection) async throws -> String? {
        if let author { return author }
        var name: String? = nil
        let rows = try await connection.query("SELECT current_user::text", logger: logger)
        for try await value in rows.decode(String.self) { name = value }
        return name
    }

    static func byID(_ deadlines: [Deadline]) -> [Int64: Deadline] {
        Dictionary(deadlines.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
