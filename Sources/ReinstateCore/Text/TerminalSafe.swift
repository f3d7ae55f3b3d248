/// Makes text from messages and plans safe to print on a terminal: an e-mail must not be able to drive
/// the terminal (move the cursor, change the title, write the clipboard through OSC 52).
public enum TerminalSafe {
    /// Removes escape sequences (CSI, OSC, DCS, …), C0 controls other than newline and tab, DEL, C1
    /// controls and bidirectional overrides; turns carriage returns (CR LF, or a lone CR) into one
    /// newline. A string sequence left open (an OSC without its terminator) ends at the line's end, so
    /// a broken sequence cannot swallow the rest of a message.
    public static func clean(_ text: String) -> String {
        if !needsCleaning(text) { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func nextScalar() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return scalars.next()
        }
        while let s = nextScalar() {
            switch s.value {
            case 0x1B:
                skipEscape(&scalars, pending: &pending)
            case 0x9B:  // C1 CSI
                skipCSI(&scalars)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:  // C1 OSC, DCS, SOS, PM, APC: skip to the string terminator
                skipString(&scalars, pending: &pending)
            case 0x0D:
                let next = nextScalar()
                out.append("\n")
                if let next, next != "\n" { pending = next }
            case 0x0A, 0x09:
                out.append(s)
            case 0x00...0x1F, 0x7F, 0x80...0x9F:
                continue
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                continue
            default:
                out.append(s)
            }
        }
        return String(out)
    }

    /// The text on one line, for list cells and titles: cleaned, with newlines and tabs as spaces.
    public static func singleLine(_ text: String) -> String {
        let cleaned = clean(text)
        guard cleaned.utf8.contains(where: { $0 == 0x0A || $0 == 0x09 }) else { return cleaned }
        return String(String.UnicodeScalarView(cleaned.unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : $0 }))
    }

    /// A byte scan that finds no control, no C1 control (UTF-8 C2 80–9F) and no bidirectional control
    /// (E2 80 8E/8F/AA–AE, E2 81 A6–A9, D8 9C): most text needs no work.
    static func needsCleaning(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var b0: UInt8 = 0, b1: UInt8 = 0
            for b in bytes {
                // Printable ASCII, the bulk of every name and title, needs one comparison.
                if b >= 0x20, b < 0x7F {
                    b0 = b
                    continue
                }
                if b < 0x20 && b != 0x0A && b != 0x09 { return true }
                if b == 0x7F { return true }
                if b0 == 0xC2 && (0x80...0x9F).contains(b) { return true }
                if b0 == 0xD8 && b == 0x9C { return true }
                if b1 == 0xE2 && b0 == 0x80 && (b == 0x8E || b == 0x8F || (0xAA...0xAE).contains(b)) { return true }
                if b1 == 0xE2 && b0 == 0x81 && (0xA6...0xA9).contains(b) { return true }
                b1 = b0
                b0 = b
            }
            return false
        }
    }

    /// Whether the text would be changed by `clean`.
    public static func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { s in
            switch s.value {
            case 0x0A, 0x09: return false
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
            default: return false
            }
        }
    }

    private static func skipEscape(_ it: inout String.UnicodeScalarView.Iterator, pending: inout Unicode.Scalar?) {
        guard let next = it.next() else { return }
        switch next {
        case "[": skipCSI(&it)
        case "]", "P", "X", "^", "_": skipString(&it, pending: &pending)
        case " "..."/":
            // nF sequences: intermediates then one final byte.
            while let s = it.next() {
                if !(" "..."/").contains(s) { break }
            }
        default:
            // Two-character sequences (ESC 7, ESC c, …): the final byte is dropped too, unless it is a
            // control that starts something else.
            if next.value < 0x20 || next.value == 0x1B { pending = next }
        }
    }

    private static func skipCSI(_ it: inout String.UnicodeScalarView.Iterator) {
        // Parameters and intermediates (0x20–0x3F) until a final byte 0x40–0x7E.
        while let s = it.next() {
            if (0x40...0x7E).contains(s.value) { return }
            if !(0x20...0x3F).contains(s.value) { return }
        }
    }

    private static func skipString(_ it: inout String.UnicodeScalarView.Iterator, pending: inout Unicode.Scalar?) {
        // Until BEL, ST (ESC \) or C1 ST; an unterminated one ends at the line's end.
        var sawEscape = false
        while let s = it.next() {
            if s.value == 0x07 || s.value == 0x9C { return }
            if s == "\n" || s == "\r" {
                pending = s
                return
            }
            if sawEscape && s == "\\" { return }
            sawEscape = s.value == 0x1B
        }
    }
}
