import Foundation
import PostgresNIO
import ReinstateCore
import ReinstateStore

/// `message show` (a message's attachments and their bytes), `message reparse` and `request edit` on a
/// team store, as the local store does them: the store reads the facts, asks Core (`ReparseRules`,
/// `DeadlineRefresh` through `refreshDeadlines`) and writes the answer, each write in one transaction
/// that first locks the case. Row security narrows every read: a staff role finds no message or request
/// of an account it was not granted ("Message N" not found, as for one that does not exist).
extension PostgresStore {
    // MARK: - Reading

    public func messageIDs(readBefore version: Int) async throws -> [Int64] {
        try await requireCurrent()
        return try await reading { connection in
            let rows = try await connection.query(
                "SELECT id FROM message WHERE reader_version < \(version) ORDER BY id", logger: logger)
            var ids: [Int64] = []
            for try await id in rows.decode(Int64.self) { ids.append(id) }
            return ids
        }
    }

    /// A message's attachments as its column describes them (the team store keeps their bytes inside the
    /// message's own, as received).
    public func attachments(messageID: Int64) async throws -> [StoredAttachment] {
        try await requireCurrent()
        return try await reading { connection in
            // No such message (or one of an account the role was not granted): none, as on a local store.
            guard let (_, described) = try? await describedAttachments(messageID, connection) else { return [] }
            return described.map { Self.stored($0, messageID: messageID) }
        }
    }

    /// One attachment's bytes, taken out of the message's raw bytes and checked against its description.
    public func attachmentData(messageID: Int64, number: Int) async throws -> (StoredAttachment, Data) {
        try await requireCurrent()
        return try await reading { connection in
            let (raw, described) = try await describedAttachments(messageID, connection)
            guard let wanted = described.first(where: { $0.number == number }) else {
                let count = described.count
                throw StoreError.notFound(
                    what: "Attachment \(number) of message \(messageID) (it has \(count == 0 ? "none" : count == 1 ? "one" : "\(count)"))")
            }
            let found = MailAttachments.read(raw)
            guard number - 1 < found.count, number >= 1, found[number - 1].data.count == wanted.size,
                SHA256.hex(found[number - 1].data) == wanted.sha256
            else {
                throw StoreError.invalid(
                    "Attachment \(number) of message \(messageID) is not the one its message carries; nothing was written.")
            }
            return (Self.stored(wanted, messageID: messageID), found[number - 1].data)
        }
    }

    /// A message's raw bytes and its attachments' descriptions, in order; "Message N" not found.
    func describedAttachments(_ id: Int64, _ connection: PostgresConnection) async throws -> (Data, [AttachmentDocument]) {
        let rows = try await connection.query("SELECT raw, attachments FROM message WHERE id = \(id)", logger: logger)
        var found: (Data, String?)? = nil
        for try await (raw, json) in rows.decode((Data, String?).self) { found = (raw, json) }
        guard let (raw, json) = found else { throw StoreError.notFound(what: "Message \(id)") }
        let described = try json.map { try JSONDecoder().decode([AttachmentDocument].self, from: Data($0.utf8)) } ?? []
        return (raw, described.sorted { $0.number < $1.number })
    }

    static func stored(_ a: AttachmentDocument, messageID: Int64) -> StoredAttachment {
        StoredAttachment(
            messageID: messageID, number: a.number, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256)
    }

    // MARK: - Writing

    /// Reads a stored message again, as `ReparseRules.changes` says, in one transaction: the case locked,
    /// the message's requests and deadline rewritten, the case's deadlines refreshed.
    public func reparseMessage(_ id: Int64, reading: MessageReading) async throws -> Reparse {
        try await requireCurrent()
        return try await transaction { connection in
            let (message, history) = try await lockedMessage(id, connection)
            let old = history.requests.filter { $0.messageID == id }
            let changes = ReparseRules.changes(old: old, reading: reading, received: message.received)
            for k in changes.kept {
                try await connection.query(
                    """
                    UPDATE requested_detail SET position = \(k.position), aspect = \(k.aspect.rawValue), topic = \(k.topic),
                        alternative_group = \(k.alternative?.group), alternative_option = \(k.alternative?.option)
                    WHERE id = \(k.id)
                    """, logger: logger)
            }
            for a in changes.added {
                try await connection.query(
                    """
                    INSERT INTO requested_detail (case_id, message_id, position, text, aspect, topic, state,
                        alternative_group, alternative_option)
                    VALUES (\(message.caseID), \(id), \(a.position), \(a.request.text), \(a.request.aspect.rawValue),
                        \(a.request.topic), 'unanswered', \(a.request.alternative?.group), \(a.request.alternative?.option))
                    """, logger: logger)
            }
            for removed in changes.removed {
                try await connection.query("DELETE FROM requested_detail WHERE id = \(removed)", logger: logger)
            }
            try await connection.query(
                "UPDATE message SET text = \(changes.text), reader_version = \(MessageReader.version) WHERE id = \(id)",
                logger: logger)
            let own = history.deadlines.filter { $0.messageID == id }.map(\.id).sorted()
            let received = Timestamp.wholeSeconds(message.received)
            if let rule = changes.deadline, let kept = own.first {
                try await connection.query(
                    """
                    UPDATE deadline SET amount = \(rule.amount), unit = \(rule.unit.rawValue), anchor = \(rule.anchor.rawValue),
                        phrase = \(rule.text), set_at = \(received), due_at = \(received)
                    WHERE id = \(kept)
                    """, logger: logger)
                try await connection.query("DELETE FROM deadline WHERE message_id = \(id) AND id <> \(kept)", logger: logger)
            } else {
                try await connection.query("DELETE FROM deadline WHERE message_id = \(id)", logger: logger)
                if let rule = changes.deadline {
                    try await connection.query(
                        """
                        INSERT INTO deadline (case_id, message_id, amount, unit, anchor, phrase, set_at, due_at)
                        VALUES (\(message.caseID), \(id), \(rule.amount), \(rule.unit.rawValue), \(rule.anchor.rawValue), \(rule.text),
                            \(received), \(received))
                        """, logger: logger)
                }
            }
            _ = try await refreshDeadlines(message.caseID, connection)
            return changes.summary
        }
    }

    /// Corrects a request's aspect or topic (`ReparseRules.edited`), its case locked first.
    public func editRequest(_ id: Int64, aspect: Aspect?, topic: String?) async throws {
        try await requireCurrent()
        try await transaction { connection in
            try await lockCase(try await fetchRequest(id, connection).caseID, connection)
            // Read again under the lock: a colleague may have just changed it.
            let edited = ReparseRules.edited(try await fetchRequest(id, connection), aspect: aspect, topic: topic)
            try await connection.query(
                """
                UPDATE requested_detail SET aspect = \(edited.aspect.rawValue), topic = \(edited.topic), corrected = \(edited.corrected)
                WHERE id = \(id)
                """, logger: logger)
        }
    }
}
