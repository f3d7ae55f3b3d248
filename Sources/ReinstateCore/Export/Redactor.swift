import Foundation

/// Replaces what identifies a seller, for posting a case to a forum: account names, the seller's own
/// names, e-mail addresses, order ids, phone numbers and merchant tokens. The same input always gets
/// the same placeholder within one export ("account-1", "Seller A", "contact1@example.invalid",
/// "111-0000001-0000001", "phone-1", "merchant-token-1"), so the story still reads.
///
/// Names are only those the redactor is told (the cases' account names, names given with
/// `--redact-name`) or finds in a greeting ("Hello Jane Doe,") or a sign-off ("Sincerely,\nJane Doe").
/// Amazon's own addresses (…@amazon.com and the like, except buyers' relay addresses at
/// marketplace.amazon…) are kept: they are public and tell where to write.
public struct Redactor: Sendable {
    /// What a placeholder stands for.
    public enum Kind: Hashable, Sendable {
        case account, seller, email, order, phone, merchantToken
    }

    struct Name: Sendable {
        var lowered: [UInt8]
        var kind: Kind
        /// The name's words (lowered); between them any run of spaces, hyphens, underscores or dots
        /// matches ("Jane Doe", "jane-doe", "Jane_Doe").
        var words: [[UInt8]]
        /// A seller's name of two words, or of three with a one-letter middle: a middle initial may
        /// stand between the first and the last word or be left out ("Jane Doe", "Jane Q. Doe").
        var initialOptional: Bool
        /// What the placeholder is kept under: every variant of a name gets the same one.
        var key: String
    }

    /// Known names by their first (lowered) byte, longest first.
    private var names: [UInt8: [Name]] = [:]
    private var assigned: [Kind: [String: String]] = [:]

    /// A redactor that knows these account names (→ "account-N") and seller names (→ "Seller A").
    /// Names shorter than three characters are ignored: they would match inside ordinary words.
    public init(accountNames: [String] = [], sellerNames: [String] = []) {
        var seen = Set<[UInt8]>()
        var all: [Name] = []
        for (list, kind) in [(accountNames, Kind.account), (sellerNames, Kind.seller)] {
            for raw in list {
                let name = TerminalSafe.singleLine(raw).trimmingCharacters(in: .whitespaces)
                guard name.count >= 3 else { continue }
                let lowered = Self.lower(Array(name.utf8))
                guard seen.insert(lowered).inserted else { continue }
                var words = lowered.split(whereSeparator: Self.isSeparator).map(Array.init)
                var initialOptional = false
                if kind == .seller {
                    if words.count == 3, words[1].count == 1 || (words[1].count == 2 && words[1][1] == 0x2E) {
                        words.remove(at: 1)
                    }
                    initialOptional = words.count == 2
                }
                if words.isEmpty { words = [lowered] }
                let key = String(decoding: Array(words.joined(separator: [0x20])), as: UTF8.self)
                all.append(Name(lowered: lowered, kind: kind, words: words, initialOptional: initialOptional, key: key))
            }
        }
        all.sort { $0.lowered.count > $1.lowered.count }
        for name in all { names[name.lowered[0], default: []].append(name) }
    }

    // MARK: - Redacting

    /// `text` with every identifying span replaced by its placeholder.
    public mutating func redact(_ text: String) -> String {
        redact(text, underscoreSeparates: false)
    }

    /// A file name redacted: underscores separate words there ("invoice_Jane_Doe.pdf").
    public mutating func redactFileName(_ name: String) -> String {
        redact(name, underscoreSeparates: true)
    }

    mutating func redact(_ text: String, underscoreSeparates: Bool) -> String {
        let bytes = Array(text.utf8)
        // Spans are found where underscores read as spaces (same length, so the spans line up).
        let searched = underscoreSeparates ? bytes.map { $0 == 0x5F ? 0x20 : $0 } : bytes
        let spans = Self.resolve(findSpans(searched))
        guard !spans.isEmpty else { return text }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var at = 0
        for span in spans {
            out.append(contentsOf: bytes[at..<span.start])
            let original = span.key ?? String(decoding: bytes[span.start..<span.end], as: UTF8.self)
            out.append(contentsOf: placeholder(for: original, kind: span.kind).utf8)
            at = span.end
        }
        out.append(contentsOf: bytes[at...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The placeholder for `original`, assigning the next one of its kind on first sight.
    public mutating func placeholder(for original: String, kind: Kind) -> String {
        let key = Self.key(original, kind: kind)
        if let known = assigned[kind]?[key] { return known }
        let n = (assigned[kind]?.count ?? 0) + 1
        let made: String
        switch kind {
        case .account: made = "account-\(n)"
        case .seller: made = "Seller " + Self.letters(n)
        case .email: made = "contact\(n)@example.invalid"
        case .order:
            let seven = String(repeating: "0", count: max(0, 7 - String(n).count)) + String(n)
            made = "111-\(seven)-\(seven)"
        case .phone: made = "phone-\(n)"
        case .merchantToken: made = "merchant-token-\(n)"
        }
        assigned[kind, default: [:]][key] = made
        return made
    }

    static func key(_ original: String, kind: Kind) -> String {
        switch kind {
        case .account, .seller, .email: return original.lowercased()
        case .phone: return String(original.filter(\.isASCII).filter(\.isNumber))
        case .order, .merchantToken: return original
        }
    }

    /// A, B, … Z, AA, AB …
    static func letters(_ n: Int) -> String {
        var n = n
        var out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    // MARK: - Finding spans

    struct Span: Equatable {
        var start: Int
        var end: Int
        var kind: Kind
        /// For a name: the name the placeholder is kept under, whichever variant was found.
        var key: String? = nil
    }

    /// Earliest first; at the same start the longest; overlapping later spans dropped.
    static func resolve(_ spans: [Span]) -> [Span] {
        let sorted = spans.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var out: [Span] = []
        for s in sorted where out.last.map({ s.start >= $0.end }) ?? true { out.append(s) }
        return out
    }

    func findSpans(_ b: [UInt8]) -> [Span] {
        var spans: [Span] = []
        let lowered = Self.lower(b)
        var i = 0
        while i < b.count {
            let c = b[i]
            let boundaryBefore = i == 0 || !Self.isWordByte(b[i - 1])
            if boundaryBefore, let candidates = names[lowered[i]] {
                for name in candidates {
                    var found: Int?
                    if Self.matches(lowered, at: i, name.lowered) {
                        let end = i + name.lowered.count
                        if end == b.count || !Self.isWordByte(b[end]) || !Self.isWordByte(b[end - 1]) { found = end }
                    }
                    if found == nil, name.words.count > 1, let end = Self.matchVariant(lowered, at: i, name),
                        end == b.count || !Self.isWordByte(b[end])
                    {
                        found = end
                    }
                    if let end = found {
                        spans.append(Span(start: i, end: end, kind: name.kind, key: name.key))
                        break
                    }
                }
            }
            if c == UInt8(ascii: "@"), let email = Self.email(around: i, in: b) { spans.append(email) }
            if boundaryBefore, Self.isDigit(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "(") {
                if let order = Self.orderID(at: i, in: b) {
                    spans.append(order)
                } else if let phone = Self.phone(at: i, in: b) {
                    spans.append(phone)
                }
            }
            if boundaryBefore, c == UInt8(ascii: "A"), let token = Self.merchantToken(at: i, in: b) { spans.append(token) }
            i += 1
        }
        return spans
    }

    /// Spaces, hyphens, underscores and dots: what stands between the words of a name.
    static func isSeparator(_ c: UInt8) -> Bool { c == 0x20 || c == 0x2D || c == 0x5F || c == 0x2E }

    /// The end of a variant of `name` at `i`: its words with any run of separators between them, and
    /// for a name with `initialOptional` a middle initial ("q", "q.") or none. Nil when none matches.
    static func matchVariant(_ text: [UInt8], at i: Int, _ name: Name) -> Int? {
        func word(_ w: [UInt8], at j: Int) -> Int? {
            guard matches(text, at: j, w) else { return nil }
            let end = j + w.count
            return end == text.count || !isWordByte(text[end]) ? end : nil
        }
        func separators(at j: Int) -> Int? {
            var k = j
            while k < text.count, isSeparator(text[k]) { k += 1 }
            return k > j ? k : nil
        }
        guard var j = word(name.words[0], at: i) else { return nil }
        for (n, w) in name.words.enumerated().dropFirst() {
            guard let next = separators(at: j) else { return nil }
            if let end = word(w, at: next) {
                j = end
                continue
            }
            // "Jane Q. Doe" for "Jane Doe": one letter, an optional dot, separators, then the word.
            guard n == 1, name.initialOptional, next < text.count, text[next] >= 0x61, text[next] <= 0x7A,
                next + 1 < text.count, isSeparator(text[next + 1]), let after = separators(at: next + 1),
                let end = word(w, at: after)
            else { return nil }
            j = end
        }
        return j
    }

    static func matches(_ text: [UInt8], at i: Int, _ name: [UInt8]) -> Bool {
        guard i + name.count <= text.count else { return false }
        for k in 0..<name.count where text[i + k] != name[k] { return false }
        return true
    }

    /// local@domain.tld around the "@" at `at`; Amazon's own addresses are not a span.
    static func email(around at: Int, in b: [UInt8]) -> Span? {
        func local(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D }
        func domain(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x2E || c == 0x2D }
        var start = at
        while start > 0, local(b[start - 1]) { start -= 1 }
        while start < at, b[start] == 0x2E { start += 1 }
        var end = at + 1
        while end < b.count, domain(b[end]) { end += 1 }
        while end > at + 1, b[end - 1] == 0x2E || b[end - 1] == 0x2D { end -= 1 }
        guard start < at, end > at + 1 else { return nil }
        let host = String(decoding: b[(at + 1)..<end], as: UTF8.self).lowercased()
        let labels = host.split(separator: ".")
        guard labels.count >= 2, let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { return nil }
        if isAmazonHost(host), !host.hasPrefix("marketplace.") { return nil }
        return Span(start: start, end: end, kind: .email)
    }

    static func isAmazonHost(_ host: String) -> Bool {
        let labels = host.split(separator: ".")
        guard let i = labels.firstIndex(of: "amazon") else { return false }
        // amazon.com, amazon.co.uk, sellercentral.amazon.de …: "amazon" followed by a country suffix only.
        return labels.count - i <= 3
    }

    /// Three, seven and seven digits joined by hyphens, not inside a longer token.
    static func orderID(at i: Int, in b: [UInt8]) -> Span? {
        let end = i + 19
        guard end <= b.count, b[i + 3] == 0x2D, b[i + 11] == 0x2D else { return nil }
        for k in i..<end where k != i + 3 && k != i + 11 && !isDigit(b[k]) { return nil }
        if end < b.count, isAlnum(b[end]) || (b[end] == 0x2D && end + 1 < b.count && isAlnum(b[end + 1])) { return nil }
        if i > 0, b[i - 1] == 0x2D { return nil }
        return Span(start: i, end: end, kind: .order)
    }

    /// A phone number: "+49 30 12345678", "(555) 123-4567", "555.123.4567", "020 7946 0958". Digits in
    /// groups separated by single spaces, hyphens, dots or parentheses: with a leading "+", 8 to 15
    /// digits; without, 10 to 13 digits in at least three groups. Dates ("2026-11-22 10") are not.
    static func phone(at i: Int, in b: [UInt8]) -> Span? {
        if i > 0, b[i - 1] == 0x2D || b[i - 1] == 0x2E || b[i - 1] == 0x2F || b[i - 1] == 0x3A { return nil }
        let plus = b[i] == 0x2B
        var j = plus ? i + 1 : i
        var digits = 0, groups: [Int] = [], run = 0
        var lastDigitEnd = i
        while j < b.count {
            let c = b[j]
            if isDigit(c) {
                run += 1
                digits += 1
                lastDigitEnd = j + 1
            } else if c == 0x20 || c == 0x2D || c == 0x2E || c == 0x28 || c == 0x29 {
                if run > 0 { groups.append(run); run = 0 }
                // A separator must be followed by a digit or "(" soon; two spaces end the number.
                if c == 0x20, j + 1 < b.count, b[j + 1] == 0x20 { break }
            } else {
                break
            }
            j += 1
        }
        if run > 0 { groups.append(run) }
        guard lastDigitEnd > i, digits <= 15 else { return nil }
        if lastDigitEnd < b.count, isAlnum(b[lastDigitEnd]) { return nil }
        if groups.contains(where: { $0 > 8 }) { return nil }
        let text = b[i..<lastDigitEnd]
        // ISO dates and times are not phone numbers.
        if groups.count >= 3, groups[0] == 4, text.count > 4, text[text.startIndex + 4] == 0x2D { return nil }
        if plus {
            guard digits >= 8 else { return nil }
        } else {
            guard digits >= 10, digits <= 13, groups.count >= 3 || (groups.count == 2 && b[i] == 0x28) else { return nil }
        }
        return Span(start: i, end: lastDigitEnd, kind: .phone)
    }

    /// An Amazon merchant token or seller id: "A" and 12–13 more capital letters and digits, with at
    /// least three of each.
    static func merchantToken(at i: Int, in b: [UInt8]) -> Span? {
        var j = i
        var letters = 0, numbers = 0
        while j < b.count, (b[j] >= 65 && b[j] <= 90) || isDigit(b[j]) {
            if isDigit(b[j]) { numbers += 1 } else { letters += 1 }
            j += 1
        }
        guard (13...14).contains(j - i), letters >= 3, numbers >= 3 else { return nil }
        if j < b.count, isWordByte(b[j]) { return nil }
        return Span(start: i, end: j, kind: .merchantToken)
    }

    // MARK: - Bytes

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    /// ASCII letters and digits and "_": a name inside a longer word is not that name.
    static func isWordByte(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x5F }

    static func lower(_ b: [UInt8]) -> [UInt8] {
        b.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    }
}
