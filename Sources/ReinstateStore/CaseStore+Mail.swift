import Foundation
import GRDB
import ReinstateCore

/// Where a message from a mailbox is filed.
public enum MailTarget: Sendable, Equatable {
    case existing(Int64)
    case new(NewCaseFields)
}

/// What filing a mailbox message did.
public enum MailFiling: Sendable, Equatable {
    /// Stored in a case (`opened`: the case was made for it).
    case filed(StoredMessage, opened: Bool)
    /// Another import (or an earlier run) has it already.
    case duplicate
}

/// A mark as routing looks it up: its kind, and its value as `RoutingBook.markKey` compares and stores it.
public struct MailMarkKey: Sendable, Hashable {
    public var kind: MailMark
    public var key: String

    /// A mark's key (the value given is compared as it is: pass `RoutingBook.markKey`'s).
    public init(_ kind: MailMark, _ key: String) {
        self.kind = kind
        self.key = key
    }
}

extension CaseStore {
    // MARK: - Routing facts

    /// Every case's facts that routing decides from, read in one snapshot (no marks, no identities:
    /// those are asked for per message, `casesMarked` and `knowsMail`).
    public func routingCases() throws -> [CaseFacts] {
        try read { db in Array(try Self.caseFacts(into: RoutingBook(), db: db).cases.values) }
    }

    /// The cases that filed mail left each of `marks` on, read in one snapshot; a mark on no case is left out.
    public func casesMarked(_ marks: Set<MailMarkKey>) throws -> [MailMarkKey: Set<Int64>] {
        guard !marks.isEmpty else { return [:] }
        return try read { db in
            var found: [MailMarkKey: Set<Int64>] = [:]
            for mark in marks {
                let ids = try Int64.fetchAll(
                    db, sql: "SELECT case_id FROM mail_mark WHERE kind = ? AND value = ?", arguments: [mark.kind.rawValue, mark.key])
                if !ids.isEmpty { found[mark] = Set(ids) }
            }
            return found
        }
    }

    static func caseFacts(into book: RoutingBook, db: Database) throws -> RoutingBook {
        var book = book
        var asins: [Int64: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT case_id, asin FROM case_asin") {
            asins[row["case_id"], default: []].insert(row["asin"])
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, account, marketplace, reason, status FROM suspension_case") {
            let id: Int64 = row["id"]
            book.add(CaseFacts(
                id: id, account: row["account"], marketplace: row["marketplace"],
                reason: SuspensionReason(rawValue: row["reason"] ?? "") ?? .other, asins: asins[id] ?? [],
                finished: (CaseStatus(rawValue: row["status"] ?? "") ?? .open).isFinished))
        }
        return book
    }

    /// Whether a message with this identity was imported or held before.
    public func knowsMail(_ identity: String) throws -> Bool {
        try read { db in try Self.knowsMail(identity, db: db) }
    }

    static func knowsMail(_ identity: String, db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM mail_identity WHERE identity = ?) OR EXISTS (SELECT 1 FROM held_message WHERE identity = ?)",
            arguments: [identity, identity]) ?? false
    }

    // MARK: - Filing

    /// Files one mailbox message in one transaction: the case when it opens one, the message as
    /// `message add` stores it (checklist, deadline, status), its attachments, its identity and the marks
    /// that place later messages of its thread. All of it is saved, or nothing.
    public func fileMail(
        raw: Data, reading: MessageReading, facts: MailFacts, into target: MailTarget, attachments: [MailAttachment], now: Date
    ) throws -> MailFiling {
        try write { db in
            if try Self.knowsMail(facts.identity, db: db) { return .duplicate }
            return try Self.insertMail(raw: raw, reading: reading, facts: facts, into: target, attachments: attachments, now: now, author: author, db: db)
        }
    }

    static func insertMail(
        raw: Data, reading: MessageReading, facts: MailFacts, into target: MailTarget, attachments: [MailAttachment], now: Date,
        author: String? = nil, db: Database
    ) throws -> MailFiling {
        let received = Timestamp.wholeSeconds(reading.received ?? now)
        let caseID: Int64
        let opened: Bool
        switch target {
        case .existing(let id):
            try requireCase(id, db: db)
            caseID = id
            opened = false
        case .new(let fields):
            caseID = try insertCase(fields.suspensionCase(opened: received), db: db)
            opened = true
        }
        let stored = try insertMessage(
            caseID: caseID, raw: raw, reading: reading, kind: nil, received: received, now: now, author: author, db: db)
        try insertMailRecords(facts: facts, attachments: attachments, caseID: caseID, messageID: stored.message.id, now: now, db: db)
        return .filed(stored, opened: opened)
    }

    /// What a message from a mailbox leaves beside it: its identity (so the mailbox does not bring it
    /// again), the marks that place the later messages of its thread, its attachments. Returns the
    /// identity and marks that were new, which an undo takes away again.
    @discardableResult
    static func insertMailRecords(
        facts: MailFacts, attachments: [MailAttachment], caseID: Int64, messageID: Int64, now: Date, db: Database
    ) throws -> (identity: String?, marks: [MailMarkDocument]) {
        try insertMailRecords(
            identity: facts.identity,
            marks: RoutingBook.marks(of: facts).map { (kind: $0.0, key: RoutingBook.markKey($0.0, $0.1)) },
            attachments: attachments, caseID: caseID, messageID: messageID, now: now, db: db)
    }

    static func insertMailRecords(
        identity candidate: String?, marks candidates: [(kind: MailMark, key: String)], attachments: [MailAttachment],
        caseID: Int64, messageID: Int64, now: Date, db: Database
    ) throws -> (identity: String?, marks: [MailMarkDocument]) {
        var identity: String? = nil
        if let candidate {
            try db.execute(
                sql: "INSERT OR IGNORE INTO mail_identity (identity, message_id, imported_at) VALUES (?, ?, ?)",
                arguments: [candidate, messageID, now.stored])
            if db.changesCount > 0 { identity = candidate }
        }
        var marks: [MailMarkDocument] = []
        for (kind, key) in candidates {
            try db.execute(
                sql: "INSERT OR IGNORE INTO mail_mark (case_id, kind, value) VALUES (?, ?, ?)", arguments: [caseID, kind.rawValue, key])
            if db.changesCount > 0 { marks.append(MailMarkDocument(kind: kind.rawValue, value: key)) }
        }
        try insertAttachments(attachments, messageID: messageID, db: db)
        return (identity, marks)
    }

    /// A message added by hand (`message add`, the tracker) that is a saved e-mail is kept as mail intake
    /// keeps one: its attachments stay retrievable, and when it has a Message-ID, importing the mailbox
    /// it came from later does not add it a second time, and its thread's replies find its case.
    static func insertMailRecords(ofAdded stored: inout StoredMessage, raw: Data, reading: MessageReading, now: Date, db: Database) throws {
        guard let mail = AddedMail(raw: raw, reading: reading) else { return }
        let added = try insertMailRecords(
            identity: mail.identity, marks: mail.marks, attachments: mail.attachments,
            caseID: stored.message.caseID, messageID: stored.message.id, now: now, db: db)
        stored.mailIdentityAdded = added.identity
        stored.mailMarksAdded = added.marks
    }

    /// Takes away the identity and marks a message's adding recorded (its undo).
    func forgetMailRecords(of stored: StoredMessage) throws {
        guard stored.mailIdentityAdded != nil || !stored.mailMarksAdded.isEmpty else { return }
        try write { db in
            if let identity = stored.mailIdentityAdded {
                try db.execute(sql: "DELETE FROM mail_identity WHERE identity = ?", arguments: [identity])
            }
            for mark in stored.mailMarksAdded {
                try db.execute(
                    sql: "DELETE FROM mail_mark WHERE case_id = ? AND kind = ? AND value = ?",
                    arguments: [stored.message.caseID, mark.kind, mark.value])
            }
        }
    }

    static func insertAttachments(_ attachments: [MailAttachment], messageID: Int64, db: Database) throws {
        for (index, a) in attachments.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO message_attachment (message_id, number, filename, content_type, size, sha256, data)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [messageID, index + 1, a.filename, a.contentType, a.data.count, SHA256.hex(a.data), a.data])
        }
    }

    // MARK: - Held messages

    /// Keeps a message aside for the seller; nil when it is known already (held or imported before).
    public func holdMail(raw: Data, facts: MailFacts, reason: String, origin: String, now: Date) throws -> Int64? {
        try write { db in
            if try Self.knowsMail(facts.identity, db: db) { return nil }
            try db.execute(
                sql: """
                    INSERT INTO held_message (identity, received_at, subject, sender, reason, origin, raw, held_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [facts.identity, Timestamp.wholeSeconds(facts.received ?? now).stored, facts.subject, facts.fromAddress,
                            reason, origin, raw, now.stored])
            return db.lastInsertedRowID
        }
    }

    /// The held messages, oldest first, without their bytes.
    public func heldMessages() throws -> [HeldMessage] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, identity, received_at, subject, sender, reason, origin, held_at FROM held_message ORDER BY received_at, id"
            ).map { Self.held($0) }
        }
    }

    /// How many messages are held.
    public func heldCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM held_message") ?? 0 }
    }

    /// One held message with its bytes.
    public func heldMessage(_ id: Int64) throws -> HeldMessage {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM held_message WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(what: "Held message \(id)")
            }
            return Self.held(row)
        }
    }

    /// Files a held message into a case (`caseID`), or a new one made from what it says, in one
    /// transaction: it leaves the held list and is stored as an imported message (`HeldFiling`), so
    /// importing the mailbox again does not bring it back.
    public func fileHeld(_ id: Int64, caseID: Int64?, now: Date) throws -> StoredMessage {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM held_message WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(what: "Held message \(id)")
            }
            let filing = HeldFiling(Self.held(row), caseID: caseID)
            try db.execute(sql: "DELETE FROM held_message WHERE id = ?", arguments: [id])
            let target: MailTarget = caseID.map { .existing($0) } ?? .new(filing.newCase)
            guard case .filed(let stored, _) = try Self.insertMail(
                raw: row["raw"] ?? Data(), reading: filing.reading, facts: filing.facts, into: target, attachments: filing.attachments,
                now: now, author: author, db: db)
            else { throw StoreError.invalid("Held message \(id) was imported already; nothing was changed.") }
            return stored
        }
    }

    static func held(_ row: Row) -> HeldMessage {
        HeldMessage(
            id: row["id"], identity: row["identity"], received: row.date("received_at"), subject: row["subject"],
            sender: row["sender"], reason: row["reason"], origin: row["origin"], held: row.date("held_at"),
            raw: row.hasColumn("raw") ? (row["raw"] ?? Data()) : Data())
    }

    // MARK: - Attachments

    /// The attachments kept with a message, in order (without their bytes).
    public func attachments(messageID: Int64) throws -> [StoredAttachment] {
        try read { db in try Self.attachments(of: [messageID], db: db)[messageID] ?? [] }
    }

    /// The attachments kept with a case's messages, by message id (without their bytes).
    public func attachments(of history: CaseHistory) throws -> [Int64: [StoredAttachment]] {
        try read { db in try Self.attachments(of: history.messages.map(\.id), db: db) }
    }

    static func attachments(of messageIDs: [Int64], db: Database) throws -> [Int64: [StoredAttachment]] {
        guard !messageIDs.isEmpty else { return [:] }
        var out: [Int64: [StoredAttachment]] = [:]
        for chunk in stride(from: 0, to: messageIDs.count, by: 500).map({ Array(messageIDs[$0..<min($0 + 500, messageIDs.count)]) }) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT message_id, number, filename, content_type, size, sha256 FROM message_attachment
                    WHERE message_id IN (\(marks)) ORDER BY message_id, number
                    """,
                arguments: StatementArguments(chunk))
            {
                let a = StoredAttachment(
                    messageID: row["message_id"], number: row["number"], filename: row["filename"], contentType: row["content_type"],
                    size: row["size"], sha256: row["sha256"])
                out[a.messageID, default: []].append(a)
            }
        }
        return out
    }

    /// One attachment's bytes.
    public func attachmentData(messageID: Int64, number: Int) throws -> (StoredAttachment, Data) {
        try read { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE id = ?", arguments: [messageID]) == 1 else {
                throw StoreError.notFound(what: "Message \(messageID)")
            }
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM message_attachment WHERE message_id = ? AND number = ?", arguments: [messageID, number])
            else {
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM message_attachment WHERE message_id = ?", arguments: [messageID]) ?? 0
                throw StoreError.notFound(
                    what: "Attachment \(number) of message \(messageID) (it has \(count == 0 ? "none" : count == 1 ? "one" : "\(count)"))")
            }
            let a = StoredAttachment(
                messageID: messageID, number: number, filename: row["filename"], contentType: row["content_type"], size: row["size"],
                sha256: row["sha256"])
            return (a, row["data"] ?? Data())
        }
    }
}

extension CaseStore {
    // MARK: - Whole-store documents

    /// Adds to each message of `docs` its mail identity and attachments, and to each case the marks mail
    /// left on it (optional keys, so a store without mail writes the same document as before).
    static func addMailRecords(to docs: inout [CaseDocument], db: Database) throws {
        try addMailMarks(to: &docs, db: db)
        let ids = docs.flatMap { $0.messages.map(\.id) }
        guard !ids.isEmpty else { return }
        let attachments = try attachments(of: ids, db: db)
        var identities: [Int64: String] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            for row in try Row.fetchAll(
                db, sql: "SELECT identity, message_id FROM mail_identity WHERE message_id IN (\(marks))", arguments: StatementArguments(chunk))
            {
                identities[row["message_id"]] = row["identity"]
            }
        }
        guard !attachments.isEmpty || !identities.isEmpty else { return }
        for c in docs.indices {
            for m in docs[c].messages.indices {
                let id = docs[c].messages[m].id
                docs[c].messages[m].mailIdentity = identities[id]
                if let list = attachments[id], !list.isEmpty {
                    docs[c].messages[m].attachments = list.map {
                        AttachmentDocument(number: $0.number, filename: $0.filename, contentType: $0.contentType, size: $0.size, sha256: $0.sha256)
                    }
                }
            }
        }
    }

    static func addMailMarks(to docs: inout [CaseDocument], db: Database) throws {
        guard !docs.isEmpty else { return }
        let (condition, arguments) = CaseSelection.ids(docs.map(\.id)).condition("case_id")
        var marks: [Int64: [MailMarkDocument]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT case_id, kind, value FROM mail_mark WHERE \(condition) ORDER BY case_id, kind, value", arguments: arguments)
        {
            marks[row["case_id"], default: []].append(MailMarkDocument(kind: row["kind"], value: row["value"]))
        }
        guard !marks.isEmpty else { return }
        for c in docs.indices { docs[c].mailMarks = marks[docs[c].id] }
    }

    /// The held messages with their bytes, oldest id first, as the whole-store document carries them.
    static func heldDocuments(db: Database) throws -> [HeldDocument] {
        try Row.fetchAll(db, sql: "SELECT * FROM held_message ORDER BY id").map { HeldDocument(held($0)) }
    }

    /// Stores a case document's mail marks, each checked as routing would have made it.
    static func importMailMarks(of c: CaseDocument, db: Database) throws {
        for mark in c.mailMarks ?? [] {
            guard let kind = MailMark(rawValue: mark.kind) else {
                throw StoreError.badDocument("case \(c.id): unknown mail mark kind \"\(mark.kind)\"")
            }
            guard !mark.value.isEmpty, mark.value.count <= 1100 else {
                throw StoreError.badDocument("case \(c.id): a mail mark's value is empty or too long")
            }
            try db.execute(
                sql: "INSERT OR IGNORE INTO mail_mark (case_id, kind, value) VALUES (?, ?, ?)",
                arguments: [c.id, kind.rawValue, RoutingBook.markKey(kind, mark.value)])
        }
    }

    /// Stores the document's held messages with their ids, so `mail file N` names the same message.
    static func importHeld(_ held: [HeldDocument], db: Database) throws {
        for h in held {
            let record = try h.record(limit: messageLimit)
            guard try !knowsMail(record.identity, db: db) else {
                throw StoreError.badDocument("held message \(h.id): its identity is held or imported twice in the document")
            }
            try db.execute(
                sql: """
                    INSERT INTO held_message (id, identity, received_at, subject, sender, reason, origin, raw, held_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [record.id, record.identity, record.received.stored, record.subject, record.sender, record.reason,
                            record.origin, record.raw, record.held.stored])
        }
    }

    /// Stores a document message's mail identity and attachments, taking the attachments' bytes out of
    /// its raw message and checking each against the document: a file that does not match is refused.
    static func importMailRecords(of m: MessageDocument, caseID: Int64, raw: Data, db: Database) throws {
        if let identity = m.mailIdentity {
            guard !identity.isEmpty, identity.count <= 1100 else {
                throw StoreError.badDocument("case \(caseID), message \(m.id): its mailIdentity is empty or too long")
            }
            try db.execute(
                sql: "INSERT INTO mail_identity (identity, message_id, imported_at) VALUES (?, ?, ?)",
                arguments: [identity, m.id, m.received])
        }
        guard let described = m.attachments, !described.isEmpty else { return }
        let found = MailAttachments.read(raw)
        guard found.count == described.count,
            zip(found, described).allSatisfy({ $0.data.count == $1.size && SHA256.hex($0.data) == $1.sha256 })
        else {
            throw StoreError.badDocument(
                "case \(caseID), message \(m.id): its attachments are not the ones its raw message carries; import the backup as Reinstate wrote it")
        }
        try insertAttachments(found, messageID: m.id, db: db)
    }
}
