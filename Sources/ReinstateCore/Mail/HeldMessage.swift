import Foundation

/// A message from a mailbox that could not be placed with confidence, kept aside until the seller files
/// it (`reinstate mail file`, or a key in the tracker).
public struct HeldMessage: Sendable, Equatable {
    public var id: Int64
    /// How it is known (Message-ID or hash), so importing the mailbox again does not hold it twice.
    public var identity: String
    public var received: Date
    public var subject: String
    /// The sender's address.
    public var sender: String
    /// Why it was held, in words ("Blue Harbor Goods LLC has several open cases it could belong to (#1, #2)").
    public var reason: String
    /// Where it was found ("inbox.mbox, message 12").
    public var origin: String
    public var held: Date
    /// The bytes as received; empty in lists (read one message to have them).
    public var raw: Data

    /// A held message.
    public init(
        id: Int64 = 0, identity: String, received: Date, subject: String, sender: String, reason: String, origin: String,
        held: Date, raw: Data = Data()
    ) {
        self.id = id
        self.identity = identity
        self.received = received
        self.subject = subject
        self.sender = sender
        self.reason = reason
        self.origin = origin
        self.held = held
        self.raw = raw
    }
}

/// An attachment as the store keeps it with its message.
public struct StoredAttachment: Sendable, Equatable {
    public var messageID: Int64
    /// 1, 2, … in the order the message carries them (what `message show --attachment N` takes).
    public var number: Int
    public var filename: String
    public var contentType: String
    public var size: Int
    public var sha256: String

    /// An attachment's description.
    public init(messageID: Int64, number: Int, filename: String, contentType: String, size: Int, sha256: String) {
        self.messageID = messageID
        self.number = number
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
    }
}
