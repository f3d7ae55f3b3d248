/// How many terminal columns text takes: East Asian wide and fullwidth characters and emoji take two,
/// combining marks and zero-width characters none (like `wcwidth`, decided per grapheme cluster).
public enum DisplayWidth {
    public static func of(_ text: some StringProtocol) -> Int {
        if let width = text.utf8.withContiguousStorageIfAvailable(of(utf8:)) { return width }
        var walker = Walker()
        return text.unicodeScalars.reduce(0) { $0 + walker.step($1.value).width }
    }

    static func of(utf8 p: UnsafeBufferPointer<UInt8>) -> Int {
        // Most names and titles are ASCII: one column a byte.
        if !p.contains(where: { $0 >= 0x7F || $0 < 0x20 }) { return p.count }
        var walker = Walker()
        var total = 0
        var i = 0
        while i < p.count {
            let (v, length) = scalar(in: p, at: i)
            total += walker.step(v).width
            i += length
        }
        return total
    }

    /// The scalar whose UTF-8 starts at `i` (Swift strings hold valid UTF-8) and its length in bytes.
    @inline(__always)
    static func scalar(in p: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b = UInt32(p[i])
        if b < 0x80 { return (b, 1) }
        if b < 0xE0 { return ((b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b < 0xF0 { return ((b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3) }
        return ((b & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4)
    }

    /// Widths scalar by scalar without breaking text into grapheme clusters (which is slow): marks,
    /// joiners and modifiers add nothing, a joined emoji sequence counts once, a variation selector 16
    /// widens the emoji before it, and a pair of regional indicators is one flag. `of` and `truncate`
    /// share it, so a cut text is never measured differently from a whole one.
    struct Walker {
        var previous = 0  // width of the previous scalar
        var afterJoiner = false
        var pendingFlag = false

        /// The columns scalar `v` adds, and whether it starts a new character (a place to cut).
        mutating func step(_ v: UInt32) -> (width: Int, starts: Bool) {
            if v >= 0x20, v < 0x7F, !afterJoiner {  // ASCII between the wide characters: one column
                previous = 1
                pendingFlag = false
                return (1, true)
            }
            if afterJoiner {
                afterJoiner = false
                previous = 0
                return (0, false)
            }
            var w: Int
            var starts = true
            switch v {
            case 0x200D:
                (w, starts, afterJoiner) = (0, false, true)
            case 0xFE0F:
                (w, starts) = (previous == 1 ? 1 : 0, false)
            case 0x1F3FB...0x1F3FF:
                (w, starts) = previous == 2 ? (0, false) : (2, true)
            case 0x1F1E6...0x1F1FF:
                (w, starts) = pendingFlag ? (0, false) : (2, true)
                pendingFlag.toggle()
            default:
                let s = Unicode.Scalar(v) ?? "\u{FFFD}"
                w = DisplayWidth.of(scalar: s)
                // Below U+1F000 every emoji-presentation scalar is in `isWide` already.
                if w == 1, v >= 0x1F000, s.properties.isEmojiPresentation { w = 2 }
                starts = w > 0
            }
            if !(0x1F1E6...0x1F1FF).contains(v) { pendingFlag = false }
            if w > 0 { previous = w }
            return (w, starts)
        }
    }

    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }
        var emoji = false
        for s in scalars {
            if s.value == 0xFE0F || s.properties.isEmojiPresentation { emoji = true }
        }
        if emoji { return 2 }
        return of(scalar: first)
    }

    public static func of(scalar s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        if isWide(v) { return 2 }
        if isNarrowSymbol(v) { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0x1160...0x11FF).contains(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Dashes, quotes, currency, letterlike symbols, arrows, box drawing: common in titles and names,
    /// one column each and never a mark or a format character, so the Unicode property lookup (slow)
    /// is skipped. `DisplayWidthTests` checks this against the lookup for every scalar.
    static func isNarrowSymbol(_ v: UInt32) -> Bool {
        switch v {
        case 0x2010...0x2027, 0x2030...0x205F, 0x2070...0x20CF, 0x2100...0x2CEE: return true
        default: return false
        }
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
            0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD,
            0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797,
            0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
            0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
            0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
            0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
            0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `text` that fits in `columns`, with "…" when something was cut. Cuts
    /// only where a new character starts, never inside a cluster (a mark, a joined emoji, a flag).
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        let budget = columns - 1
        var text = text
        return text.withUTF8 { p in
            var walker = Walker()
            var used = 0
            var i = 0
            var cut = 0
            while i < p.count {
                let (v, length) = scalar(in: p, at: i)
                let (w, starts) = walker.step(v)
                if starts {
                    // Everything before this scalar is whole; stop if this character does not fit.
                    cut = i
                    if used + w > budget { break }
                } else if used + w > budget {
                    break  // a widening modifier that no longer fits: cut before its cluster
                }
                used += w
                i += length
            }
            return String(decoding: UnsafeBufferPointer(rebasing: p[..<cut]), as: UTF8.self) + "…"
        }
    }
}
