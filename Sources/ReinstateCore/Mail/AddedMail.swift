import Foundation

/// What a saved e-mail added by hand (`message add FILE.eml`, a file in the tracker) leaves beside
/// the message, as mail intake would: its attachments, and, when it has a Message-ID, its identity and
/// the marks that place its thread's replies (a hash of bytes saved by hand rarely equals the
/// mailbox's copy, so without a Message-ID no identity is kept). One rule for both stores; each only
/// writes what this says.
public struct AddedMail: Sendable {
    public var attachments: [MailAttachment]
    /// How the store knows it ("message-id:…"), when it has a Message-ID.
    public var identity: String?
    /// The marks, each with its value as routing compares and stores it (`RoutingBook.markKey`).
    public var marks: [(kind: MailMark, key: String)]

    /// What `raw` leaves, or nil when it is no e-mail (pasted text, a text file).
    public init?(raw: Data, reading: MessageReading) {
        guard let envelope = MailEnvelope.read(raw) else { return nil }
        attachments = MailAttachments.read(raw)
        guard envelope.messageID != nil else {
            identity = nil
            marks = []
            return
        }
        let facts = MailFacts(raw: raw, envelope: envelope, reading: reading)
        identity = facts.identity
        marks = RoutingBook.marks(of: facts).map { (kind: $0.0, key: RoutingBook.markKey($0.0, $0.1)) }
    }
}
