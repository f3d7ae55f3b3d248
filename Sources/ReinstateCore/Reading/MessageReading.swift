import Foundation

/// One requested detail as read from a message, before it is stored.
public struct ReadRequest: Sendable, Equatable, Codable {
    /// The request in Amazon's own words (one line, bullet marks removed).
    public var text: String
    /// Which part of a Plan of Action it asks about.
    public var aspect: Aspect
    /// What it is about ("improper packaging"); empty when Amazon's template left it blank.
    ///
    /// Topics are canonical so that the same issue asked about under several aspects reads the same:
    /// see `RequestTopic` for the rules.
    public var topic: String
    /// Requests with the same number are alternatives, one of which is enough: the items of "Please
    /// provide one of the following:", or the branches of "For food products: … For other products: …"
    /// and "If you own the related account: …". Nil for a request that stands on its own.
    public var alternatives: Int?
    /// Which alternative of its group the request belongs to (the items of one branch share one).
    public var option: Int?

    /// Its place among alternatives as the store keeps it (both numbers, or none).
    public var alternative: RequestAlternative? {
        guard let alternatives else { return nil }
        return RequestAlternative(group: alternatives, option: option ?? 1)
    }

    /// A request as read.
    public init(text: String, aspect: Aspect, topic: String, alternatives: Int? = nil, option: Int? = nil) {
        self.text = text
        self.aspect = aspect
        self.topic = topic
        self.alternatives = alternatives
        self.option = option
    }
}

/// A performance figure named in a message: "Order Defect Rate … 2.35%".
public struct ReadRate: Sendable, Equatable, Codable {
    /// Which metric: `.orderDefectRate`, `.lateShipmentRate` or `.cancellationRate`.
    public var reason: SuspensionReason
    /// The seller's figure in percent (2.35 for "2.35%"); targets such as "under 1%" are not taken.
    public var percent: Double

    /// A figure as read.
    public init(reason: SuspensionReason, percent: Double) {
        self.reason = reason
        self.percent = percent
    }
}

/// Everything the reader took from one message.
public struct MessageReading: Sendable, Equatable {
    /// Notice, reply to an appeal, warning, reinstatement or other, from Amazon's own (unquoted) words.
    public var kind: MessageKind
    /// From the e-mail's Subject header, or empty.
    public var subject: String
    /// From the e-mail's Date header, or nil.
    public var received: Date?
    /// The readable text (decoded body of an e-mail, or the input itself).
    public var text: String
    /// The details Amazon asks for, in the order asked, each once.
    public var requested: [ReadRequest]
    /// The time allowed for answering, or nil when the message states none.
    public var deadline: DeadlineRule?
    /// A deadline written as a date ("by December 5, 2026"), or nil.
    public var deadlineDate: DeadlineDate?
    /// The reasons the message names, in the order of `SuspensionReason`; `.other` only when no
    /// specific reason is named (e.g. "section 3 of the Business Solutions Agreement").
    public var reasons: [SuspensionReason]
    /// The Amazon marketplace the message is about ("amazon.de"), or nil.
    public var marketplace: String?
    /// ASINs ("B0…") and ISBN-10s named in the message, upper-cased, each once.
    public var asins: [String]
    /// Amazon order IDs ("123-1234567-1234567") named in the message, each once.
    public var orderIDs: [String]
    /// Things the seller should know about the input ("invalid UTF-8 replaced").
    public var warnings: [String]
    /// The e-mail's From header as decoded ("Amazon.de <seller-performance@amazon.de>"), or empty.
    public var from: String
    /// Performance figures the message states for the seller's account.
    public var rates: [ReadRate]
    /// The language Amazon's words were read in: "en", "de", "fr", "es", "it", "pt", "tr", "ja" or "zh"; nil
    /// when unknown (a warning says so).
    public var language: String?

    /// A reading; everything but the text has an empty default.
    public init(
        kind: MessageKind = .other, subject: String = "", received: Date? = nil, text: String,
        requested: [ReadRequest] = [], deadline: DeadlineRule? = nil, deadlineDate: DeadlineDate? = nil, reasons: [SuspensionReason] = [],
        marketplace: String? = nil, asins: [String] = [], orderIDs: [String] = [], warnings: [String] = [],
        from: String = "", rates: [ReadRate] = [], language: String? = nil
    ) {
        self.kind = kind
        self.subject = subject
        self.received = received
        self.text = text
        self.requested = requested
        self.deadline = deadline
        self.deadlineDate = deadlineDate
        self.reasons = reasons
        self.marketplace = marketplace
        self.asins = asins
        self.orderIDs = orderIDs
        self.warnings = warnings
        self.from = from
        self.rates = rates
        self.language = language
    }

    /// The deadline to store for a message that arrived at `received`: the stated time allowed, else a
    /// deadline given as a date, as the whole days left from the message's arrival to that date (so the
    /// due day never falls after the date Amazon named); nil when there is none or the date has passed.
    public func deadlineRule(received: Date) -> DeadlineRule? {
        if let deadline { return deadline }
        guard let d = deadlineDate else { return nil }
        let days = Int((d.date.timeIntervalSince(received) / 86_400).rounded(.down))
        guard days > 0 else { return nil }
        return DeadlineRule(amount: days, unit: .days, anchor: .thisMessage, text: d.text)
    }
}
