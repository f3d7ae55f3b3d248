/// How many terminal columns text takes: East Asian wide and fullwidth characters and emoji take two,
/// combining marks and zero-width characters none (like `wcwidth`, decided per grapheme cluster).
public enum DisplayWidth {
    public static func of(_ text: some StringProtocol) -> Int {
        // Most names and titles are ASCII: one column a byte.
        var ascii = true
        for byte in text.utf8 where byte >= 0x7F || byte < 0x20 {
            ascii = false
            break
        }
        if ascii { return text.utf8.count }
        return ofScalars(text.unicodeScalars)
    }

    /// The width of a run of scalars without breaking it into grapheme clusters (which is slow):
    /// marks, joiners and modifiers add nothing, a joined emoji sequence counts once, a variation
    /// selector 16 widens the emoji before it, and a pair of regional indicators is one flag.
    static func ofScalars(_ scalars: some Sequence<Unicode.Scalar>) -> Int {
        var total = 0
        var previous = 0  // width of the previous scalar
        var afterJoiner = false
        var pendingFlag = false
        for s in scalars {
            let v = s.value
            if afterJoiner {
                afterJoiner = false
                previous = 0
                continue
            }
            var w: Int
            switch v {
            case 0x200D:
                afterJoiner = true
                w = 0
            case 0xFE0F:
                w = previous == 1 ? 1 : 0
            case 0x1F3FB...0x1F3FF:
                w = previous == 2 ? 0 : 2
            case 0x1F1E6...0x1F1FF:
                w = pendingFlag ? 0 : 2
                pendingFlag.toggle()
            default:
                w = of(scalar: s)
                if w == 1, v >= 0x2000, s.properties.isEmojiPresentation { w = 2 }
            }
            if !(0x1F1E6...0x1F1FF).contains(v) { pendingFlag = false }
            total += w
            if w > 0 { previous = w }
        }
        return total
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
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0x1160...0x11FF).contains(v) { return 0 }
        return isWide(v) ? 2 : 1
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
        let width = of(text)
        if width <= columns { return text }
        let budget = columns - 1
        let scalars = text.unicodeScalars
        var used = 0
        var index = scalars.startIndex
        var cut = index
        var previous = 0
        var afterJoiner = false
        var pendingFlag = false
        while index < scalars.endIndex {
            let s = scalars[index]
            let v = s.value
            var starts = true
            var w: Int
            if afterJoiner {
                afterJoiner = false
                (w, starts) = (0, false)
            } else {
                switch v {
                case 0x200D: (w, starts, afterJoiner) = (0, false, true)
                case 0xFE0F: (w, starts) = (previous == 1 ? 1 : 0, false)
                case 0x1F3FB...0x1F3FF where previous == 2: (w, starts) = (0, false)
                case 0x1F1E6...0x1F1FF:
                    (w, starts) = pendingFlag ? (0, false) : (2, true)
                    pendingFlag.toggle()
                default:
                    w = of(scalar: s)
                    if w == 1, v >= 0x2000, s.properties.isEmojiPresentation { w = 2 }
                    if w == 0 { starts = false }
                }
            }
            if !(0x1F1E6...0x1F1FF).contains(v) { pendingFlag = false }
            if starts {
                // Everything before this scalar is whole; stop if this character does not fit.
                cut = index
                if used + w > budget { break }
            } else if used + w > budget {
                break  // a widening modifier that no longer fits: cut before its cluster
            }
            used += w
            if w > 0 { previous = w }
            index = scalars.index(after: index)
        }
        return String(scalars[..<cut]) + "…"
    }
}
