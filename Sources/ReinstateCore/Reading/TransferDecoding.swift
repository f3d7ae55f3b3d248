import Foundation

/// Content-Transfer-Encoding and RFC 2047 decoders. Lenient: a malformed escape is kept as written,
/// stray characters in base64 are skipped, and missing padding is tolerated.
enum TransferDecoding {
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// Quoted-printable (RFC 2045 6.7). With `underscoreIsSpace` it is the "Q" encoding of headers.
    static func quotedPrintable(_ input: some Collection<UInt8>, underscoreIsSpace: Bool = false) -> [UInt8] {
        let bytes = Array(input)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x3D {  // "="
                // Soft line break: "=" then optional spaces then CRLF or LF (or the end).
                var j = i + 1
                while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j >= n { i = j; continue }
                if bytes[j] == 0x0A { i = j + 1; continue }
                if bytes[j] == 0x0D {
                    i = j + 1
                    if i < n, bytes[i] == 0x0A { i += 1 }
                    continue
                }
                if i + 2 < n, let h = hexValue(bytes[i + 1]), let l = hexValue(bytes[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                    continue
                }
                out.append(b)
                i += 1
            } else if b == 0x5F && underscoreIsSpace {
                out.append(0x20)
                i += 1
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }

    static func base64Value(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x41...0x5A: return b - 0x41
        case 0x61...0x7A: return b - 0x61 + 26
        case 0x30...0x39: return b - 0x30 + 52
        case 0x2B, 0x2D: return 62  // "+" and URL-safe "-"
        case 0x2F, 0x5F: return 63  // "/" and URL-safe "_"
        default: return nil
        }
    }

    /// Base64, skipping anything outside the alphabet and stopping at padding.
    static func base64(_ input: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var acc: UInt32 = 0
        var bits = 0
        for b in input {
            if b == 0x3D { break }
            guard let v = base64Value(b) else { continue }
            acc = (acc << 6) | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
                acc &= (1 << UInt32(bits)) - 1
            }
        }
        return out
    }

    /// Decodes RFC 2047 encoded words ("=?UTF-8?B?…?=", "=?ISO-8859-1?Q?…?="); white space between
    /// two adjacent encoded words is dropped. Text outside encoded words is kept.
    static func encodedWords(_ header: String) -> String {
        guard header.contains("=?") else { return header }
        let bytes = Array(header.utf8)
        var out = ""
        var plain: [UInt8] = []
        var pendingSpace: [UInt8] = []
        var lastWasEncoded = false
        var i = 0
        let n = bytes.count
        func flushPlain() {
            if !plain.isEmpty { out += String(decoding: plain, as: UTF8.self); plain.removeAll() }
        }
        while i < n {
            if bytes[i] == 0x3D, i + 1 < n, bytes[i + 1] == 0x3F, let word = parseWord(bytes, at: i) {
                if !lastWasEncoded { plain.append(contentsOf: pendingSpace) }
                pendingSpace.removeAll()
                flushPlain()
                out += word.text
                i = word.end
                lastWasEncoded = true
                continue
            }
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
                if lastWasEncoded { pendingSpace.append(b == 0x20 || b == 0x09 ? b : 0x20) } else { plain.append(b) }
            } else {
                if lastWasEncoded { plain.append(contentsOf: pendingSpace); pendingSpace.removeAll() }
                lastWasEncoded = false
                plain.append(b)
            }
            i += 1
        }
        plain.append(contentsOf: pendingSpace)
        flushPlain()
        return out
    }

    /// "=?charset?enc?text?=" starting at `start`, or nil when it is not a well-formed encoded word.
    private static func parseWord(_ b: [UInt8], at start: Int) -> (text: String, end: Int)? {
        let n = b.count
        var i = start + 2
        let charsetStart = i
        while i < n, b[i] != 0x3F, b[i] > 0x20, i - charsetStart < 40 { i += 1 }
        guard i < n, b[i] == 0x3F, i > charsetStart else { return nil }
        var charset = String(decoding: b[charsetStart..<i], as: UTF8.self)
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }  // RFC 2231 language
        i += 1
        guard i + 1 < n, b[i + 1] == 0x3F else { return nil }
        let encoding = b[i] | 0x20
        guard encoding == 0x62 || encoding == 0x71 else { return nil }  // b or q
        i += 2
        let textStart = i
        while i + 1 < n, !(b[i] == 0x3F && b[i + 1] == 0x3D) {
            if b[i] == 0x0A || b[i] == 0x0D { return nil }
            i += 1
        }
        guard i + 1 < n else { return nil }
        let payload = b[textStart..<i]
        let raw = encoding == 0x62 ? base64(payload) : quotedPrintable(payload, underscoreIsSpace: true)
        return (Charset.decode(raw, charset: charset).text, i + 2)
    }
}
