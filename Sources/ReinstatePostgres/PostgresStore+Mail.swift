import Foundation
import PostgresNIO
import ReinstateCore
import ReinstateStore

/// Mail intake on the team store (`mail import`, `mail file`, the tracker's filing), as the local store
/// does it (`CaseStore+Mail`): each write in one transaction, a message filed through the same
/// `insertMessage` as `addMessage` (Core's rules for its status, deadlines and checklist), with its
/// identity, its attachments (described beside its raw bytes, as a copy keeps them) and the marks that
/// place its thread's next messages.
///
/// Who sees what: routing reads the cases and marks the connected role may read (a staff role: its
/// granted accounts'), so it files only into those. Whether mail is known is asked of the whole store
/// (`reinstate_mail_known`, migration v8-mail-intake), so a message a colleague imported into a case this
/// role cannot see is not stored twice. Held mail is tied to no account: any role that may add messages
/// can hold mail, but only the owner sees it and files it.
extension PostgresStore {
    // MARK: - Routing facts

    public func routingCases() async throws -> [CaseFacts] {
        try await requireCurrent()
        return try await snapshot { connection in
            var asins: [Int64: Set<String>] = [:]
            let asinRows = try await connection.query("SELECT case_id, asin FROM case_asin", logger: logger)
            for try await (caseID, asin) in asinRows.decode((Int64, String).self) { asins[caseID, default: []].insert(asin) }
            var cases: [CaseFacts] = []
            let rows = try await connection.query(
                "SELECT id, account, marketplace, reason, status FROM suspension_case ORDER BY id", logger: logger)
            for try await (id, account, marketplace, reason, status) in rows.decode((Int64, String, String, String, String).self) {
                cases.append(CaseFacts(
                    id: id, account: account, marketplace: marketplace, reason: SuspensionReason(rawValue: reason) ?? .other,
                    asins: asins[id] ?? [], finished: (CaseStatus(rawValue: status) ?? .open).isFinished))
            }
            return cases
        }
    }

    public func casesMarked(_ marks: Set<MailMarkKey>) async throws -> [MailMarkKey: Set<Int64>] {
        guard !marks.isEmpty else { return [:] }
        try await requireCurrent()
        let wanted = Array(marks)
        let kinds = wanted.map(\.kind.rawValue), keys = wanted.map(\.key)
        return try await reading { connection in
            var found: [MailMarkKey: Set<Int64>] = [:]
            let rows = try await connection.query(
                """
                SELECT m.case_id, m.kind, m.value FROM mail_mark m
                JOIN unnest(\(kinds)::text[], \(keys)::text[]) AS w (kind, value) ON m.kind = w.kind AND m.value = w.value
                """, logger: logger)
            for try await (caseID, kind, value) in rows.decode((Int64, String, String).self) {
                guard let kind = MailMark(rawValue: kind) else { continue }
                found[MailMarkKey(kind, value), default: []].insert(caseID)
            }
            return found
        }
    }

    public func knowsMail(_ identity: String) async throws -> Bool {
        try await requireCurrent()
        return try await reading { try await known(identity, $0) }
    }

    /// Whether the store holds a message with this identity, imported or held, whoever may read it.
    func known(_ identity: String, _ connection: PostgresConnection) async throws -> Bool {
        var known = false
        let rows = try await connection.query("SELECT reinstate_mail_known(\(identity))", logger: logger)
        for try await value in rows.decode(Bool.self) { known = value }
        return known
    }

    /// Makes whoever files or holds mail with this identity wait until this transaction ends: of two
    /// colleagues importing the same mail, the second then finds it known.
    func lockMail(_ identity: String, _ connection: PostgresConnection) async throws {
        try await connection.query(
            "SELECT pg_catalog.pg_advisory_xact_lock(\(Int32(PostgresSchema.mailLockSpace)), pg_catalog.hashtext(\(identity)))",
            logger: logger)
    }

    // MARK: - Holding and filing

    public func holdMail(raw: Data, facts: MailFacts, reason: String, origin: String, now: Date) async throws -> Int64? {
        try await requireCurrent()
        let received = Timestamp.wholeSeconds(facts.received ?? now), held = Timestamp.wholeSeconds(now)
        return try await transaction { connection in
            var id: Int64? = nil
            let rows = try await connection.query(
                """
                SELECT reinstate_hold_mail(\(facts.identity), \(received), \(facts.subject), \(facts.fromAddress), \(reason),
                    \(origin), \(raw), \(held))
                """, logger: logger)
            for try await value in rows.decode(Int64?.self) { id = value }
            return id
        }
    }

    public func fileMail(
        raw: Data, reading: MessageReading, facts: MailFacts, into target: MailTarget, attachments: [MailAttachment], now: Date
    ) async throws -> MailFiling {
        let received = Timestamp.wholeSeconds(reading.received ?? now)
        try CaseStore.checkReceived(received, reading: reading)
        let newCase = try Self.checkedCase(target, opened: received)
        try await requireCurrent()
        return try await transaction { connection in
            try await lockMail(facts.identity, connection)
            if try await known(facts.identity, connection) { return .duplicate }
            var caseID: Int64 = 0
            if case .existing(let id) = target { caseID = id }
            if let (new, title) = newCase { caseID = try await insertCase(new, title: title, connection) }
            let stored = try await insertMessage(
                caseID: caseID, raw: raw, reading: reading, kind: reading.kind, received: received, now: now, connection)
            try await recordMail(facts, attachments: attachments, caseID: caseID, messageID: stored.message.id, connection)
            return .filed(stored, opened: newCase != nil)
        }
    }

    public func fileHeld(_ id: Int64, caseID: Int64?, now: Date) async throws -> StoredMessage {
        try await requireCurrent()
        return try await transaction { connection in
            try await requireHeldFiling(connection)
            // Locked: of two colleagues filing it at once, the second finds it gone.
            let rows = try await connection.query(
                """
                SELECT identity, received_at, subject, sender, reason, origin, held_at, raw FROM held_message
                WHERE id = \(id) FOR UPDATE
                """, logger: logger)
            var found: HeldMessage? = nil
            for try await (identity, received, subject, sender, reason, origin, held, raw) in rows.decode(
                (String, Date, String, String, String, String, Date, Data).self)
            {
                found = HeldMessage(
                    id: id, identity: identity, received: received, subject: subject, sender: sender, reason: reason, origin: origin,
                    held: held, raw: raw)
            }
            guard let held = found else { throw StoreError.notFound(what: "Held message \(id)") }
            let filing = HeldFiling(held, caseID: caseID)
            let received = Timestamp.wholeSeconds(filing.reading.received ?? now)
            try CaseStore.checkReceived(received, reading: filing.reading)
            try await lockMail(held.identity, connection)
            try await connection.query("DELETE FROM held_message WHERE id = \(id)", logger: logger)
            let target: Int64
            if let caseID {
                target = caseID
            } else {
                let new = filing.newCase.suspensionCase(opened: received)
                target = try await insertCase(new, title: try CaseStore.checkedTitle(new), connection)
            }
            let stored = try await insertMessage(
                caseID: target, raw: held.raw, reading: filing.reading, kind: filing.reading.kind, received: received, now: now,
                connection)
            try await recordMail(filing.facts, attachments: filing.attachments, caseID: target, messageID: stored.message.id, connection)
            return stored
        }
    }

    /// The case a mailbox message opens, its title checked, or nil when it goes into an existing case.
    static func checkedCase(_ target: MailTarget, opened: Date) throws -> (SuspensionCase, title: String)? {
        guard case .new(let fields) = target else { return nil }
        let new = fields.suspensionCase(opened: opened)
        return (new, try CaseStore.checkedTitle(new))
    }

    /// What a message from a mailbox leaves beside it (`CaseStore.insertMailRecords`): its identity, so
    /// the mailbox does not bring it again; its attachments, described beside its raw bytes; the marks
    /// that place the later messages of its thread.
    func recordMail(
        _ facts: MailFacts, attachments: [MailAttachment], caseID: Int64, messageID: Int64, _ connection: PostgresConnection
    ) async throws {
        let described = attachments.enumerated().map { index, a in
            AttachmentDocument(
                number: index + 1, filename: a.filename, contentType: a.contentType, size: a.data.count, sha256: SHA256.hex(a.data))
        }
        try await connection.query(
            """
            UPDATE message SET mail_identity = \(facts.identity),
                attachments = \(try Self.attachmentsJSON(described.isEmpty ? nil : described))
            WHERE id = \(messageID)
            """, logger: logger)
        for (kind, value) in RoutingBook.marks(of: facts) {
            try await connection.query(
                """
                INSERT INTO mail_mark (case_id, kind, value) VALUES (\(caseID), \(kind.rawValue), \(RoutingBook.markKey(kind, value)))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }

    /// Held mail is tied to no account, so only the owner (or a role given rights on it by hand) files it:
    /// a staff role is told so in one line, nothing changed.
    func requireHeldFiling(_ connection: PostgresConnection) async throws {
        if let why = try await heldMailRefusal(connection) { throw StoreError.invalid(why + " Nothing was changed.") }
    }

    /// Why the connected role may not see or file held mail, in one line (a staff role); nil when it may.
    public func heldMailRefusal() async throws -> String? {
        try await requireCurrent()
        return try await reading { try await heldMailRefusal($0) }
    }

    func heldMailRefusal(_ connection: PostgresConnection) async throws -> String? {
        let rows = try await connection.query(
            """
            SELECT pg_catalog.pg_get_userbyid(c.relowner)::text, current_user::text,
                pg_catalog.has_table_privilege('held_message', 'SELECT') AND pg_catalog.has_table_privilege('held_message', 'DELETE')
            FROM pg_catalog.pg_class c WHERE c.oid = 'suspension_case'::regclass
            """, logger: logger)
        for try await (owner, user, allowed) in rows.decode((String, String, Bool).self) where !allowed {
            return "Held mail on a team store is tied to no account yet, so only the store's owner (\(owner)) sees and files it; "
                + "you are connected as \(user)."
        }
        return nil
    }
}
