import Foundation

/// Content lines of an iCalendar file (RFC 5545): CRLF endings, lines folded at 75 octets without
/// splitting a UTF-8 sequence, TEXT values escaped, instants in UTC.
public struct ICalendarWriter: Sendable {
    /// The longest a physical line may be, in octets, not counting CRLF (RFC 5545 §3.1).
    public static let lineLimit = 75

    /// The file so far.
    public private(set) var text = ""

    public init() {}

    /// Appends `NAME:value` with the value written as is (for values the program made: dates, UIDs,
    /// fixed words), folded.
    public mutating func property(_ name: String, raw value: String) {
        fold(name + ":" + value)
    }

    /// Appends `NAME:value` with `value` escaped as TEXT, controls removed first.
    public mutating func property(_ name: String, text value: String) {
        fold(name + ":" + Self.escape(value))
    }

    /// Appends `NAME:YYYYMMDDTHHMMSSZ`.
    public mutating func property(_ name: String, utc date: Date) {
        fold(name + ":" + Self.utc(date))
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and line breaks as `\n`;
    /// terminal controls and other control characters are dropped (TEXT may not hold them).
    public static func escape(_ value: String) -> String {
        let clean = TerminalSafe.clean(value)
        var out = ""
        out.reserveCapacity(clean.utf8.count + 8)
        for scalar in clean.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// "20261122T093000Z".
    public static func utc(_ date: Date) -> String {
        var s = Timestamp.utc(date)  // 2026-11-22T09:30:00Z
        s.removeAll { $0 == "-" || $0 == ":" }
        return s
    }

    /// Writes one logical line, folded: each physical line at most 75 octets, continuation lines
    /// starting with one space, breaks only between whole UTF-8 sequences.
    mutating func fold(_ line: String) {
        let bytes = Array(line.utf8)
        var start = 0
        var limit = Self.lineLimit
        while bytes.count - start > limit {
            var end = start + limit
            // Never split a multi-byte character: back up over continuation bytes (10xxxxxx).
            while end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            text += String(decoding: bytes[start..<end], as: UTF8.self)
            text += "\r\n "
            start = end
            limit = Self.lineLimit - 1
        }
        text += String(decoding: bytes[start...], as: UTF8.self)
        text += "\r\n"
    }
}
