import Foundation

/// One requested detail as read from a message, before it is stored.
public struct ReadRequest: Sendable, Equatable, Codable {
    /// The request in Amazon's own words (one line, bullet marks removed).
    public var text: String
    public var aspect: Aspect
    /// What it is about ("improper packaging"); empty when Amazon's template left it blank.
    public var topic: String

    public init(text: String, aspect: Aspect, topic: String) {
        self.text = text
        self.aspect = aspect
        self.topic = topic
    }
}

/// Everything the reader took from one message.
public struct MessageReading: Sendable, Equatable {
    public var kind: MessageKind
    /// From the e-mail's Subject header, or empty.
    public var subject: String
    /// From the e-mail's Date header, or nil.
    public var received: Date?
    /// The readable text (decoded body of an e-mail, or the input itself).
    public var text: String
    public var requested: [ReadRequest]
    public var deadline: DeadlineRule?
    public var reasons: [SuspensionReason]
    public var marketplace: String?
    public var asins: [String]
    public var orderIDs: [String]
    /// Things the seller should know about the input ("invalid UTF-8 replaced").
    public var warnings: [String]

    public init(
        kind: MessageKind = .other, subject: String = "", received: Date? = nil, text: String,
        requested: [ReadRequest] = [], deadline: DeadlineRule? = nil, reasons: [SuspensionReason] = [],
        marketplace: String? = nil, asins: [String] = [], orderIDs: [String] = [], warnings: [String] = []
    ) {
        self.kind = kind
        self.subject = subject
        self.received = received
        self.text = text
        self.requested = requested
        self.deadline = deadline
        self.reasons = reasons
        self.marketplace = marketplace
        self.asins = asins
        self.orderIDs = orderIDs
        self.warnings = warnings
    }
}
