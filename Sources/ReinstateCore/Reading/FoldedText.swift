import Foundation

/// Text folded for phrase matching: lower-cased, every run of characters that are neither letters
/// nor digits turned into one space, curly apostrophes made straight, and a space at each end.
///
/// Phrases to look for are written the same way, so `" root cause"` matches "Root cause(s)" at a
/// word start and `" loa "` matches only the whole word. Matching works on UTF-8 bytes, so every
/// search is linear in the text (phrases are short).
struct FoldedText: Sendable {
    let bytes: [UInt8]

    init(_ text: some StringProtocol) {
        var string = String(text)
        bytes = string.withUTF8 { FoldedText.fold($0) }
    }

    private static func fold(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = [0x20]
        out.reserveCapacity(b.count + 2)
        var lastSpace = true
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x27 {
                    out.append(c); lastSpace = false
                } else if c >= 0x41 && c <= 0x5A {
                    out.append(c + 32); lastSpace = false
                } else if !lastSpace {
                    out.append(0x20); lastSpace = true
                }
                i += 1
                continue
            }
            let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
            var v = UInt32(c & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07))
            var k = 1
            while k < length, i + k < n {
                v = v << 6 | UInt32(b[i + k] & 0x3F)
                k += 1
            }
            let end = min(n, i + length)
            defer { i = end }
            if v == 0x2019 || v == 0x2018 {
                out.append(0x27); lastSpace = false
            } else if v >= 0xFF10 && v <= 0xFF19 {  // full-width digits
                out.append(UInt8(v - 0xFF10 + 0x30)); lastSpace = false
            } else if v >= 0x3040 && v <= 0x9FFF {  // kana and Han: letters without case
                for j in i..<end { out.append(b[j]) }
                lastSpace = false
            } else if let scalar = Unicode.Scalar(v), scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for s in scalar.properties.lowercaseMapping.utf8 { out.append(s) }
                lastSpace = false
            } else if !lastSpace {
                out.append(0x20); lastSpace = true
            }
        }
        if !lastSpace { out.append(0x20) }
        return out
    }

    /// Where `phrase` (already folded, e.g. `" root cause"`) first occurs, as a byte offset.
    func firstOffset(of phrase: String, from start: Int = 0) -> Int? {
        if let found = phrase.utf8.withContiguousStorageIfAvailable({ ByteSearch.firstOffset(of: $0, in: bytes, from: start) }) {
            return found
        }
        return ByteSearch.firstOffset(of: Array(phrase.utf8), in: bytes, from: start)
    }

    func contains(_ phrase: String) -> Bool { firstOffset(of: phrase) != nil }

    /// Whether the text starts with `phrase` (already folded): `firstOffset(of:) == 0` without searching
    /// the rest of the text.
    func hasPrefix(_ phrase: String) -> Bool {
        var i = 0
        for b in phrase.utf8 {
            guard i < bytes.count, bytes[i] == b else { return false }
            i += 1
        }
        return true
    }

    func containsAny(_ phrases: [String]) -> Bool { phrases.contains { contains($0) } }

    /// The earliest offset at which any of `phrases` occurs.
    func earliest(_ phrases: [String]) -> Int? {
        var best: Int? = nil
        for p in phrases {
            if let o = firstOffset(of: p), best.map({ o < $0 }) ?? true { best = o }
        }
        return best
    }
}
