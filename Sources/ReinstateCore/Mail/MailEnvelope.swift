import Foundation

/// What an e-mail's headers say about where it comes from and which thread it belongs to: the part of a
/// message that mail intake routes by, beside what the reader reads from its text.
public struct MailEnvelope: Sendable, Equatable {
    /// The Message-ID without its angle brackets, or nil when the message has none.
    public var messageID: String?
    /// The Message-IDs it answers or follows (In-Reply-To, then References), without brackets.
    public var thread: [String]
    /// The sender's address, lower-cased ("seller-performance@amazon.de"), or empty.
    public var fromAddress: String
    /// The addresses it was sent to (To, Cc, Delivered-To, X-Original-To), lower-cased.
    public var recipients: [String]
    /// The decoded Subject.
    public var subject: String
    /// The first Authentication-Results header: the one the receiving server added last, on top.
    public var authenticationResults: String?
    /// The Date header, when it reads as a date.
    public var date: Date? = nil

    /// An envelope given field by field.
    public init(
        messageID: String?, thread: [String], fromAddress: String, recipients: [String], subject: String, authenticationResults: String?,
        date: Date? = nil
    ) {
        self.date = date
        self.messageID = messageID
        self.thread = thread
        self.fromAddress = fromAddress
        self.recipients = recipients
        self.subject = subject
        self.authenticationResults = authenticationResults
    }

    /// The envelope of a saved e-mail, or nil when the bytes do not start with mail headers.
    public static func read(_ raw: Data) -> MailEnvelope? {
        let bytes = [UInt8](raw.prefix(256 * 1024))
        guard let (headers, _) = MailHeaders.parse(bytes[...], requireMailLike: true) else { return nil }
        let thread = ids(headers.value("in-reply-to") ?? "") + ids(headers.value("references") ?? "")
        var recipients: [String] = []
        for name in ["to", "cc", "delivered-to", "x-original-to"] {
            for field in headers.fields where field.name == name {
                for a in addresses(TransferDecoding.encodedWords(field.value)) where !recipients.contains(a) { recipients.append(a) }
            }
        }
        var unique: [String] = []
        for id in thread where !unique.contains(id) { unique.append(id) }
        return MailEnvelope(
            messageID: ids(headers.value("message-id") ?? "").first,
            thread: unique,
            fromAddress: addresses(headers.decoded("from") ?? "").first ?? "",
            recipients: recipients,
            subject: headers.decoded("subject") ?? "",
            authenticationResults: headers.value("authentication-results"),
            date: headers.value("date").flatMap(MailDate.parse))
    }

    /// How the message is known in the store, so importing it again adds nothing: its Message-ID, else a
    /// hash of its bytes.
    public static func identity(messageID: String?, raw: Data) -> String {
        if let messageID, !messageID.isEmpty { return "message-id:" + messageID }
        return "sha256:" + SHA256.hex(raw)
    }

    /// The `<…>` identifiers in a header value ("<a@b> <c@d>"); a bare one when there are no brackets.
    static func ids(_ value: String) -> [String] {
        var out: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if !id.isEmpty, id.count <= 998 { out.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if out.isEmpty {
            let bare = value.trimmingCharacters(in: .whitespaces)
            if !bare.isEmpty, !bare.contains(" "), bare.contains("@") { out.append(bare) }
        }
        return out
    }

    /// The addresses in an address header ("Amazon <a@amazon.de>, b@x.org"), lower-cased.
    static func addresses(_ value: String) -> [String] {
        var out: [String] = []
        for part in splitOutsideQuotes(value) {
            var candidate = Substring(part)
            if let open = part.lastIndex(of: "<"), let close = part[open...].firstIndex(of: ">") {
                candidate = part[part.index(after: open)..<close]
            }
            let address = candidate.trimmingCharacters(in: .whitespaces).lowercased()
            if address.contains("@"), !address.contains(" "), !out.contains(address) { out.append(address) }
        }
        return out
    }

    private static func splitOutsideQuotes(_ value: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var angle = false
        for c in value {
            if c == "\"" { quoted.toggle() }
            if c == "<" { angle = true }
            if c == ">" { angle = false }
            if c == ",", !quoted, !angle {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts
    }

    /// The domain of an address, lower-cased ("amazon.de" of "x@amazon.de").
    public static func domain(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return String(address[address.index(after: at)...]).lowercased()
    }
}
