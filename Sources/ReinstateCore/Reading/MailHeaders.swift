import Foundation

/// The header block of an e-mail or of a MIME part (RFC 5322 section 2.2): fields in order, folded
/// lines joined, names lower-cased. Values are kept as written (encoded words are decoded on demand).
struct MailHeaders: Sendable {
    var fields: [(name: String, value: String)] = []

    /// Names that mark the top of a saved e-mail.
    static let known: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "date", "received", "return-path", "mime-version", "content-type",
        "message-id", "delivered-to", "reply-to", "sender", "content-transfer-encoding", "dkim-signature",
        "authentication-results", "thread-topic", "thread-index", "in-reply-to", "references", "importance",
        "list-unsubscribe", "feedback-id", "envelope-to", "x-original-to", "content-language", "accept-language",
    ]

    /// The first value of a field, or nil.
    func value(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// The first value of a field with encoded words decoded and white space collapsed.
    func decoded(_ name: String) -> String? {
        value(name).map { TextCleanup.collapseSpaces(TransferDecoding.encodedWords($0)) }
    }

    /// Parses the header block at the start of `bytes`. Returns the headers and where the body starts,
    /// or nil when `requireMailLike` is set and the bytes do not start like an e-mail.
    static func parse(_ bytes: ArraySlice<UInt8>, requireMailLike: Bool) -> (headers: MailHeaders, bodyStart: Int)? {
        var headers = MailHeaders()
        var i = bytes.startIndex
        let end = bytes.endIndex
        var sawKnown = false
        var endedByBlank = false
        var lines = 0
        // An mbox "From " separator line before the headers.
        if requireMailLike, bytes.count > 5, bytes.prefix(5).elementsEqual("From ".utf8) {
            while i < end, bytes[i] != 0x0A { i += 1 }
            if i < end { i += 1 }
        }
        var bodyStart = end
        while i < end {
            var j = i
            while j < end, bytes[j] != 0x0A { j += 1 }
            var lineEnd = j
            if lineEnd > i, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let next = j < end ? j + 1 : end
            let line = bytes[i..<lineEnd]
            lines += 1
            if line.isEmpty || line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                if headers.fields.isEmpty && requireMailLike { return nil }
                endedByBlank = true
                bodyStart = next
                break
            }
            if let first = line.first, first == 0x20 || first == 0x09 {
                guard !headers.fields.isEmpty else {
                    if requireMailLike { return nil }
                    bodyStart = i
                    break
                }
                let last = headers.fields.count - 1
                headers.fields[last].value += " " + text(line).trimmedSpaces
                i = next
                continue
            }
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex, colon - line.startIndex <= 76,
                line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            else {
                // Not a header line: the block ends here (mail without a blank line after the headers).
                if requireMailLike && (!sawKnown || headers.fields.count < 2) { return nil }
                bodyStart = i
                break
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            if known.contains(name) || name.hasPrefix("x-") || name.hasPrefix("arc-") || name.hasPrefix("list-") {
                sawKnown = true
            } else if requireMailLike && headers.fields.isEmpty {
                return nil
            }
            let value = text(line[(colon + 1)...]).trimmedSpaces
            headers.fields.append((name, value))
            i = next
            if lines > 2000 { break }
        }
        if requireMailLike {
            guard sawKnown, endedByBlank || headers.fields.count >= 2 else { return nil }
        }
        return (headers, bodyStart)
    }

    /// Header bytes as text: UTF-8 when valid (some mailers send raw UTF-8), else Windows-1252.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return Charset.windows1252(Array(bytes))
    }

    /// A structured value split into its main part and parameters:
    /// `multipart/mixed; boundary="x"` → ("multipart/mixed", ["boundary": "x"]). Names are lower-cased.
    static func parameters(_ value: String) -> (main: String, params: [String: String]) {
        var parts: [String] = []
        var current = ""
        var inQuote = false
        var escaped = false
        for c in value {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" && inQuote { escaped = true; continue }
            if c == "\"" { inQuote.toggle(); continue }
            if c == ";" && !inQuote { parts.append(current); current = ""; continue }
            current.append(c)
        }
        parts.append(current)
        let main = parts.first?.trimmedSpaces.lowercased() ?? ""
        var params: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { continue }
            var name = part[..<eq].trimmedSpaces.lowercased()
            var val = part[part.index(after: eq)...].trimmedSpaces
            if name.hasSuffix("*") {  // RFC 2231: charset'lang'value
                name.removeLast()
                if let q = val.lastIndex(of: "'") { val = String(val[val.index(after: q)...]) }
            }
            if params[name] == nil { params[name] = val }
        }
        return (main, params)
    }
}
