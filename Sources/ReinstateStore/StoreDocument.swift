import Foundation
import ReinstateCore

/// The whole store as one JSON document: the backup format. Keys are sorted and instants are whole
/// UTC seconds, so exporting the same store twice gives the same bytes.
public struct StoreDocument: Codable, Equatable, Sendable {
    public static let formatName = "reinstate-store"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var cases: [CaseDocument]
    /// Since mail intake: the messages from mailboxes kept aside for the seller (`mail held`), oldest
    /// id first. Absent when there are none, so a store without them writes the same document as before.
    public var held: [HeldDocument]? = nil

    public init(cases: [CaseDocument], held: [HeldDocument]? = nil) {
        format = Self.formatName
        version = Self.currentVersion
        self.cases = cases
        self.held = held.flatMap { $0.isEmpty ? nil : $0 }
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Writes the bytes of `encoded()` a batch of cases at a time, so a store of any size is backed up
    /// in bounded memory: `head`, then `cases(_:)` for each batch in order, then `foot`. The layout is the
    /// encoder's own: each batch is encoded as a document of its cases and cut out of it, and the cut
    /// is checked, so a change in the encoder's layout fails loudly instead of writing other bytes.
    public struct Encoder {
        /// Everything before the first case.
        public let head: Data
        /// Everything after the last case.
        public let foot: Data
        private let held: [HeldDocument]?
        private var first = true

        /// An encoder for a document whose held messages are `held` (they come after the cases).
        public init(held: [HeldDocument]? = nil) throws {
            self.held = held
            let empty = try StoreDocument(cases: [], held: held).encoded()
            // `{\n  "cases" : [\n` + `\n  ],\n  "format" …}\n`: the empty array is the line break between.
            guard let open = empty.firstIndex(of: UInt8(ascii: "[")), open + 1 < empty.endIndex, empty[open + 1] == 0x0A else {
                throw StoreError.badDocument("the JSON encoder writes an unexpected layout")
            }
            head = Data(empty[..<(open + 2)])
            foot = Data(empty[(open + 2)...])
        }

        /// The bytes of `cases`, to follow the head or the cases before them.
        public mutating func cases(_ cases: [CaseDocument]) throws -> Data {
            guard !cases.isEmpty else { return Data() }
            let whole = try StoreDocument(cases: cases, held: held).encoded()
            guard whole.count > head.count + foot.count, whole.starts(with: head), whole.suffix(foot.count).elementsEqual(foot) else {
                throw StoreError.badDocument("the JSON encoder writes an unexpected layout")
            }
            var out = first ? Data() : Data(",\n".utf8)
            first = false
            out.append(whole[(whole.startIndex + head.count)..<(whole.endIndex - foot.count)])
            return out
        }
    }

    public static func decode(_ data: Data) throws -> StoreDocument {
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw StoreError.badDocument("it is not JSON, or not an object (\(Self.describe(error)))")
        }
        guard header.format == formatName else {
            throw StoreError.badDocument("its \"format\" is not \"\(formatName)\"")
        }
        guard let version = header.version, version <= currentVersion else {
            throw StoreError.badDocument("it was written by a newer Reinstate (version \(header.version ?? -1)); update Reinstate")
        }
        do {
            return try JSONDecoder().decode(StoreDocument.self, from: data)
        } catch {
            throw StoreError.badDocument(Self.describe(error))
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" at \(path(context))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong value at \(path(context)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "damaged at \(path(context)): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    static func path(_ context: DecodingError.Context) -> String {
        let p = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return p.isEmpty ? "the top" : p
    }
}

/// One case with everything the store holds about it.
public struct CaseDocument: Codable, Equatable, Sendable {
    public var id: Int64
    public var title: String
    public var account: String
    public var marketplace: String
    public var scope: String
    public var asins: [String]
    public var reason: String
    public var status: String
    public var statusChanged: String
    public var opened: String
    public var nextDeadline: String?
    public var appealsSubmitted: Int
    public var messages: [MessageDocument]
    public var plans: [PlanDocument]
    public var deadlines: [DeadlineDocument]
    public var notes: [NoteDocument]
    public var evidence: [EvidenceDocument]
    /// Since mail intake: what mail filed into the case taught about it (its threads' Message-IDs, order
    /// ids, Amazon's reference numbers, merchant tokens, the addresses written to), so a restored or copied
    /// store still places the next reply. Sorted by kind, then value; absent when there are none.
    public var mailMarks: [MailMarkDocument]? = nil
    /// Since authors were kept (issue 17): who set the status last. Absent when nobody was recorded, so
    /// older documents read (and write) the same.
    public var statusSetBy: String? = nil

    /// A document from its fields (public, so the PostgreSQL store builds the same documents).
    public init(
        id: Int64, title: String, account: String, marketplace: String, scope: String, asins: [String],
        reason: String, status: String, statusChanged: String, opened: String, nextDeadline: String? = nil,
        appealsSubmitted: Int, messages: [MessageDocument], plans: [PlanDocument], deadlines: [DeadlineDocument],
        notes: [NoteDocument], evidence: [EvidenceDocument], mailMarks: [MailMarkDocument]? = nil, statusSetBy: String? = nil
    ) {
        self.statusSetBy = statusSetBy
        self.id = id
        self.title = title
        self.account = account
        self.marketplace = marketplace
        self.scope = scope
        self.asins = asins
        self.reason = reason
        self.status = status
        self.statusChanged = statusChanged
        self.opened = opened
        self.nextDeadline = nextDeadline
        self.appealsSubmitted = appealsSubmitted
        self.messages = messages
        self.plans = plans
        self.deadlines = deadlines
        self.notes = notes
        self.evidence = evidence
        self.mailMarks = mailMarks.flatMap { $0.isEmpty ? nil : $0 }
    }
}

public struct MessageDocument: Codable, Equatable, Sendable {
    public var id: Int64
    public var kind: String
    public var received: String
    public var subject: String
    /// The message as received, when it is valid UTF-8 …
    public var raw: String?
    /// … else its bytes in base64, so nothing is lost either way.
    public var rawBase64: String?
    public var text: String
    public var readerVersion: Int
    public var requested: [RequestDocument]
    /// Only in a redacted export: says that `raw` is the redacted text as read and that the message as
    /// received was left out (its encoded parts would carry what the redaction took out).
    public var rawLeftOut: String? = nil
    /// Since mail intake: how the message is known when it came from a mailbox (Message-ID or hash), so a
    /// restored store does not import it again. Absent in older documents.
    public var mailIdentity: String? = nil
    /// Since mail intake: the attachments kept with it. Their bytes are in `raw`; an import takes them out
    /// again and checks each against its size and SHA-256. Absent in older documents.
    public var attachments: [AttachmentDocument]? = nil
    /// Since authors were kept: who added the message. Absent when nobody was recorded.
    public var addedBy: String? = nil

    /// A document from its fields (public, so the PostgreSQL store builds the same documents).
    public init(
        id: Int64, kind: String, received: String, subject: String, raw: String? = nil, rawBase64: String? = nil,
        text: String, readerVersion: Int, requested: [RequestDocument], rawLeftOut: String? = nil,
        mailIdentity: String? = nil, attachments: [AttachmentDocument]? = nil, addedBy: String? = nil
    ) {
        self.addedBy = addedBy
        self.id = id
        self.kind = kind
        self.received = received
        self.subject = subject
        self.raw = raw
        self.rawBase64 = rawBase64
        self.text = text
        self.readerVersion = readerVersion
        self.requested = requested
        self.rawLeftOut = rawLeftOut
        self.mailIdentity = mailIdentity
        self.attachments = attachments
    }
}

/// A fact mail taught about a case: `kind` is one of `MailMark`'s names ("message-id", "order",
/// "reference", "token", "address"), `value` as routing compares it.
public struct MailMarkDocument: Codable, Equatable, Sendable, Comparable {
    public var kind: String
    public var value: String

    /// A mark from its fields.
    public init(kind: String, value: String) {
        self.kind = kind
        self.value = value
    }

    public static func < (a: MailMarkDocument, b: MailMarkDocument) -> Bool { (a.kind, a.value) < (b.kind, b.value) }
}

/// A message held from a mailbox, with its bytes (as a message's: `raw` when valid UTF-8, else
/// `rawBase64`).
public struct HeldDocument: Codable, Equatable, Sendable {
    public var id: Int64
    public var identity: String
    public var received: String
    public var subject: String
    public var sender: String
    public var reason: String
    public var origin: String
    public var held: String
    public var raw: String?
    public var rawBase64: String?

    /// A held message's document from the store's record.
    public init(_ h: HeldMessage) {
        id = h.id
        identity = h.identity
        received = Timestamp.utc(h.received)
        subject = h.subject
        sender = h.sender
        reason = h.reason
        origin = h.origin
        held = Timestamp.utc(h.held)
        let text = String(data: h.raw, encoding: .utf8)
        raw = text
        rawBase64 = text == nil ? h.raw.base64EncodedString() : nil
    }

    /// The held message it describes, checked as an import checks a message: a bad date, an empty
    /// identity, bytes that are missing or too large are refused with where they are.
    public func record(limit: Int) throws -> HeldMessage {
        func date(_ text: String, _ what: String) throws -> Date {
            guard let d = Timestamp.parse(text), Timestamp.inRange(d) else {
                throw StoreError.badDocument("held message \(id): \(what) \"\(text)\" is not an ISO 8601 date-time of the years 1900 to 9999")
            }
            return d
        }
        guard id > 0, id < Int64.max else { throw StoreError.badDocument("held message id \(id) is not a positive id") }
        guard !identity.isEmpty, identity.count <= 1100 else {
            throw StoreError.badDocument("held message \(id): its identity is empty or too long")
        }
        let bytes: Data
        switch (raw, rawBase64.flatMap { Data(base64Encoded: $0) }) {
        case (let text?, nil) where rawBase64 == nil: bytes = Data(text.utf8)
        case (nil, let data?): bytes = data
        default: throw StoreError.badDocument("held message \(id): it needs raw or rawBase64 (one of them, valid)")
        }
        guard bytes.count <= limit else {
            throw StoreError.badDocument("held message \(id): larger than \(limit / 1_048_576) MB, the most Reinstate stores")
        }
        return HeldMessage(
            id: id, identity: identity, received: try date(received, "received"), subject: subject, sender: sender, reason: reason,
            origin: origin, held: try date(held, "held"), raw: bytes)
    }
}

/// An attachment of a message, described; its bytes travel inside the message's raw text.
public struct AttachmentDocument: Codable, Equatable, Sendable {
    public var number: Int
    public var filename: String
    public var contentType: String
    public var size: Int
    public var sha256: String

    /// A description from its fields (public, so the PostgreSQL store builds the same documents).
    public init(number: Int, filename: String, contentType: String, size: Int, sha256: String) {
        self.number = number
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
    }
}

extension CaseDocument {
    public static let rawLeftOutNote =
        "redacted export: the message as received was left out; raw is the text as read, redacted"

    /// The document of a redacted case: no message carries bytes as received, and each says so.
    public func redacted() -> CaseDocument {
        var doc = self
        for i in doc.messages.indices {
            doc.messages[i].raw = doc.messages[i].text
            doc.messages[i].rawBase64 = nil
            doc.messages[i].rawLeftOut = Self.rawLeftOutNote
            // Message-IDs and attachment names can name the seller; neither is needed without the raw message.
            doc.messages[i].mailIdentity = nil
            doc.messages[i].attachments = nil
        }
        // Addresses, order ids and Message-IDs name the seller and their buyers.
        doc.mailMarks = nil
        return doc
    }
}

public struct RequestDocument: Codable, Equatable, Sendable {
    public var id: Int64
    public var text: String
    public var aspect: String
    /// True when the seller corrected aspect or topic; left out otherwise.
    public var corrected: Bool?
    public var topic: String
    public var state: String
    public var answeredVersion: Int?
    public var answeredBy: String?
    public var waivedReason: String?
    /// The request's group of alternatives in its message and its option there (both or neither);
    /// left out for a request that stands on its own, so older documents read the same.
    public var alternativeGroup: Int? = nil
    public var alternativeOption: Int? = nil
    /// Since authors were kept: who set `state` last and when (`answeredBy` says whether a person or the
    /// coverage check decided; this names the person whose action it was). Absent when nobody was recorded.
    public var stateSetBy: String? = nil
    public var stateSetAt: String? = nil

    /// A document from its fields (public, so the PostgreSQL store builds the same documents).
    public init(
        id: Int64, text: String, aspect: String, corrected: Bool? = nil, topic: String, state: String,
        answeredVersion: Int? = nil, answeredBy: String? = nil, waivedReason: String? = nil,
        alternativeGroup: Int? = nil, alternativeOption: Int? = nil, stateSetBy: String? = nil, stateSetAt: String? = nil
    ) {
        self.stateSetBy = stateSetBy
        self.stateSetAt = stateSetAt
        self.id = id
        self.text = text
        self.aspect = aspect
        self.corrected = corrected
        self.topic = topic
        self.state = state
        self.answeredVersion = answeredVersion
        self.answeredBy = answeredBy
        self.waivedReason = waivedReason
        self.alternativeGroup = alternativeGroup
        self.alternativeOption = alternativeOption
    }
}

public struct PlanDocument: Codable, Equatable, Sendable {
    public var number: Int
    public var text: String
    public var created: String
    public var submitted: String?
    /// Since authors were kept: who stored the version and who recorded its submission. Absent when
    /// nobody was recorded.
    public var createdBy: String? = nil
    public var submittedBy: String? = nil

    /// A document from its fields (public, so the PostgreSQL store builds the same documents).
    public init(
        number: Int, text: String, created: String, submitted: String? = nil, createdBy: String? = nil,
        submittedBy: String? = nil
    ) {
        self.createdBy = createdBy
        self.submittedBy = submittedBy
        self.number = number
        self.text = text
        self.created = created
        self.submitted = submitted
    }
}

public struct DeadlineDocument: Codable, Equatable, Sendable {
    public var id: Int64
    public var messageId: Int64
    public var amount: Int
    public var unit: String
    public var anchor: String
    public var text: String
    public var set: String
    /// Derived (recomputed on import); exported for people reading the file.
    public var due: String
    public var closedAt: String?
    public var closedBy: String?
    public var closedVersion: Int?
    public var closedStatus: String?

    /// A document from its fields (public, so the PostgreSQL store builds the same documents).
    public init(
        id: Int64, messageId: Int64, amount: Int, unit: String, anchor: String, text: String, set: String,
        due: String, closedAt: String? = nil, closedBy: String? = nil, closedVersion: Int? = nil,
        closedStatus: String? = nil
    ) {
        self.id = id
        self.messageId = messageId
        self.amount = amount
        self.unit = unit
        self.anchor = anchor
        self.text = text
        self.set = set
        self.due = due
        self.closedAt = closedAt
        self.closedBy = closedBy
        self.closedVersion = closedVersion
        self.closedStatus = closedStatus
    }
}

public struct NoteDocument: Codable, Equatable, Sendable {
    public var id: Int64
    public var created: String
    public var text: String
    /// Since authors were kept: who wrote the note. Absent when nobody was recorded.
    public var author: String? = nil

    /// A document from its fields (public, so the PostgreSQL store builds the same documents).
    public init(
        id: Int64, created: String, text: String, author: String? = nil
    ) {
        self.author = author
        self.id = id
        self.created = created
        self.text = text
    }
}

public struct EvidenceDocument: Codable, Equatable, Sendable {
    public var id: Int64
    public var path: String
    public var size: Int64
    public var sha256: String
    public var added: String

    /// A document from its fields (public, so the PostgreSQL store builds the same documents).
    public init(
        id: Int64, path: String, size: Int64, sha256: String, added: String
    ) {
        self.id = id
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.added = added
    }
}
