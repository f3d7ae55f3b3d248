import Foundation

/// Small text normalisations shared by the readers.
enum TextCleanup {
    /// Whether a scalar is white space for reading purposes (includes NBSP and the ideographic space).
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0B, 0x0C, 0x0D, 0x0A, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Zero-width and formatting characters that carry nothing when reading.
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD, 0x00: return true
        default: return false
        }
    }

    /// Trims and collapses every run of white space (of any kind) into one ASCII space.
    static func collapseSpaces(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pending = false
        for s in text.unicodeScalars {
            if isInvisible(s) { continue }
            if isSpace(s) {
                pending = !out.isEmpty
                continue
            }
            if pending { out.append(" "); pending = false }
            out.append(s)
        }
        return String(out)
    }

    /// Whether a scalar is Han, Hiragana or Katakana (text written without spaces between words).
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F: return true
        default: return false
        }
    }

    /// Trims white space and, optionally, the given characters from both ends (scalar by scalar,
    /// without Foundation's bridging).
    static func trim(_ text: some StringProtocol, also extra: Set<Unicode.Scalar> = []) -> String {
        let string = String(text)
        let scalars = string.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) || extra.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            if isSpace(scalars[before]) || extra.contains(scalars[before]) { end = before } else { break }
        }
        return String(scalars[start..<end])
    }
}

extension StringProtocol {
    /// The text without white space at either end.
    var trimmedSpaces: String { TextCleanup.trim(self) }
}
