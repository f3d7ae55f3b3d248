import Foundation

/// Everything mail intake routes a message by: its envelope, its sender's verdict, and what its text
/// names (the account greeted, Amazon's reference numbers, merchant tokens, ASINs, order ids, reasons).
public struct MailFacts: Sendable, Equatable {
    /// How the store knows the message (Message-ID, else a hash of its bytes).
    public var identity: String
    public var messageID: String?
    public var thread: [String]
    public var subject: String
    public var received: Date?
    public var sender: SenderVerdict
    public var fromAddress: String
    public var recipients: [String]
    public var kind: MessageKind
    /// The name in the greeting ("Hello Blue Harbor Goods LLC," → "Blue Harbor Goods LLC"), or nil.
    public var greeted: String?
    /// Amazon's case, reference and ticket numbers named in the text.
    public var references: [String]
    /// Merchant tokens named in the text ("A1B2C3D4E5F6G7").
    public var merchantTokens: [String]
    public var asins: [String]
    public var orderIDs: [String]
    public var reasons: [SuspensionReason]
    public var marketplace: String?
    /// The message forwards another one ("---------- Forwarded message ---------", "Fwd:").
    public var forwarded: Bool

    /// The facts of a message read by `MessageReader` (`reading`) with its envelope.
    public init(raw: Data, envelope: MailEnvelope, reading: MessageReading) {
        identity = MailEnvelope.identity(messageID: envelope.messageID, raw: raw)
        messageID = envelope.messageID
        thread = envelope.thread
        subject = reading.subject
        received = reading.received
        sender = SenderCheck.verdict(fromAddress: envelope.fromAddress, authenticationResults: envelope.authenticationResults)
        fromAddress = envelope.fromAddress
        recipients = envelope.recipients
        kind = reading.kind
        greeted = Self.greeting(reading.text)
        references = Self.references(reading.text)
        merchantTokens = Self.tokens(reading.text)
        asins = reading.asins
        orderIDs = reading.orderIDs
        reasons = reading.reasons.filter { $0 != .other }
        marketplace = reading.marketplace
        let lowerSubject = reading.subject.lowercased()
        forwarded = lowerSubject.hasPrefix("fwd:") || lowerSubject.hasPrefix("fw:") || lowerSubject.hasPrefix("wg:")
            || reading.text.contains("Forwarded message") || reading.text.contains("Original Message")
    }

    /// Facts given one by one (tests, and callers that read them elsewhere).
    public init(
        identity: String, messageID: String? = nil, thread: [String] = [], subject: String = "", received: Date? = nil,
        sender: SenderVerdict = .amazon(verified: true), fromAddress: String = "seller-performance@amazon.com",
        recipients: [String] = [], kind: MessageKind = .notice, greeted: String? = nil, references: [String] = [],
        merchantTokens: [String] = [], asins: [String] = [], orderIDs: [String] = [], reasons: [SuspensionReason] = [],
        marketplace: String? = nil, forwarded: Bool = false
    ) {
        self.identity = identity
        self.messageID = messageID
        self.thread = thread
        self.subject = subject
        self.received = received
        self.sender = sender
        self.fromAddress = fromAddress
        self.recipients = recipients
        self.kind = kind
        self.greeted = greeted
        self.references = references
        self.merchantTokens = merchantTokens
        self.asins = asins
        self.orderIDs = orderIDs
        self.reasons = reasons
        self.marketplace = marketplace
        self.forwarded = forwarded
    }

    // MARK: - Reading the text

    static let greetings = ["dear ", "hello ", "hi ", "hallo ", "bonjour ", "ciao ", "hola ", "olá ", "guten tag "]
    /// Greetings that name nobody in particular.
    static let anonymous: Set<String> = ["seller", "amazon seller", "selling partner", "there", "partner", "valued seller", "sir or madam", "customer"]

    /// The name greeted in the first lines ("Hello Blue Harbor Goods LLC,"), or nil.
    static func greeting(_ text: String) -> String? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(12) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let lower = trimmed.lowercased()
            guard let g = greetings.first(where: { lower.hasPrefix($0) }) else { continue }
            var name = String(trimmed.dropFirst(g.count)).trimmingCharacters(in: .whitespaces)
            while let last = name.last, [",", "!", ":", ";", "."].contains(last) { name.removeLast() }
            name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 120, !anonymous.contains(name.lowercased()) else { return nil }
            return name
        }
        return nil
    }

    /// Amazon's case, reference and ticket numbers: "Case ID: 1234567890", "Reference number 12345678".
    static func references(_ text: String) -> [String] {
        numbers(after: ["case id", "case number", "case #", "reference number", "reference id", "reference #", "ticket id", "ticket number"],
                in: text, shape: { $0.count >= 7 && $0.count <= 14 && $0.allSatisfy(\.isASCIIDigit) })
    }

    /// Merchant tokens ("Merchant Token: A2EXAMPLE12345").
    static func tokens(_ text: String) -> [String] {
        numbers(after: ["merchant token", "merchant id", "seller id"], in: text, shape: { t in
            t.count >= 10 && t.count <= 16 && t.first == "A" && t.allSatisfy { $0.isASCIIDigit || ($0.isASCII && $0.isUppercase) }
        })
    }

    /// The word after each of `labels` (skipping ":", "#", "is"), when it has `shape`; each once.
    private static func numbers(after labels: [String], in text: String, shape: (String) -> Bool) -> [String] {
        let lower = text.lowercased()
        var out: [String] = []
        for label in labels {
            var searchStart = lower.startIndex
            while let r = lower.range(of: label, range: searchStart..<lower.endIndex) {
                searchStart = r.upperBound
                // The same offset in the original text (lower-casing ASCII labels keeps offsets for them).
                let tail = lower[r.upperBound...].prefix(40)
                let words = tail.split(whereSeparator: { " :#\t\n.,()".contains($0) }).prefix(3)
                for w in words where w != "is" && w != "no" {
                    let word = String(w).uppercased()
                    if shape(word), !out.contains(word) { out.append(word) }
                    break
                }
            }
        }
        return out
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
