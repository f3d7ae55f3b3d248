import Foundation

/// What kind of message Amazon sent.
public enum MessageKind: String, CaseIterable, Sendable, Codable {
    /// A notice of suspension or of a listing removal.
    case notice
    /// A reply to a submitted appeal ("we received your submission but …").
    case reply
    case warning
    /// "Your account has been reactivated."
    case reinstatement
    /// A final "no" to an appeal ("we will not respond to further appeals").
    case denial
    case other

    /// "a notice", "a reply to an appeal", … as a sentence names it ("read a notice of …").
    public var phrase: String {
        switch self {
        case .notice: return "a notice"
        case .reply: return "a reply to an appeal"
        case .warning: return "a warning"
        case .reinstatement: return "a reinstatement"
        case .denial: return "a denial"
        case .other: return "a message of no known kind"
        }
    }
}

/// One message from Amazon, kept byte for byte, with what was read from it.
public struct AmazonMessage: Sendable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var kind: MessageKind
    public var received: Date
    public var subject: String
    /// The message exactly as the seller saved or pasted it.
    public var raw: Data
    /// The readable text: decoded from the e-mail, or the raw bytes as UTF-8 with replacement.
    public var text: String
    /// Which version of the reader read it, so an upgraded reader can read it again.
    public var readerVersion: Int
    /// Who added it to the store; nil when no one was recorded.
    public var addedBy: String?

    public init(
        id: Int64 = 0, caseID: Int64, kind: MessageKind, received: Date, subject: String,
        raw: Data, text: String, readerVersion: Int = MessageReader.version, addedBy: String? = nil
    ) {
        self.addedBy = addedBy
        self.readerVersion = readerVersion
        self.id = id
        self.caseID = caseID
        self.kind = kind
        self.received = received
        self.subject = subject
        self.raw = raw
        self.text = text
    }
}
