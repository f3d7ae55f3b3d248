import Foundation

/// A small RFC 5545 reader for the tests: checks the physical form (CRLF, 75 octets, folds between
/// whole UTF-8 sequences), unfolds, parses content lines into nested components and unescapes TEXT.
struct ICalendarValidator {
    struct Component {
        var name: String
        var properties: [(name: String, value: String)] = []
        var children: [Component] = []

        func values(_ name: String) -> [String] { properties.filter { $0.name == name }.map(\.value) }
        func value(_ name: String) -> String? { values(name).first }
    }

    enum Problem: Error, CustomStringConvertible {
        case form(String)
        var description: String { if case .form(let s) = self { return s }; return "" }
    }

    /// The calendar, or the first problem found.
    static func parse(_ data: Data) throws -> Component {
        let bytes = Array(data)
        guard bytes.count >= 2, bytes.suffix(2) == [0x0D, 0x0A] else { throw Problem.form("does not end with CRLF") }
        // Physical lines: split at CRLF; no bare CR or LF anywhere.
        var physical: [[UInt8]] = []
        var line: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else { throw Problem.form("bare CR at byte \(i)") }
                physical.append(line)
                line = []
                i += 2
                continue
            }
            if bytes[i] == 0x0A { throw Problem.form("bare LF at byte \(i)") }
            line.append(bytes[i])
            i += 1
        }
        // Unfold at the byte level: a fold may fall between any two characters, even before a
        // combining mark or a zero-width joiner, so the leading space is one octet, not one Character.
        var logicalBytes: [[UInt8]] = []
        for (n, p) in physical.enumerated() {
            guard p.count <= 75 else { throw Problem.form("line \(n + 1) is \(p.count) octets") }
            guard String(validating: p, as: UTF8.self) != nil else {
                throw Problem.form("line \(n + 1) splits a UTF-8 sequence")
            }
            if let first = p.first, first == 0x20 || first == 0x09 {
                guard !logicalBytes.isEmpty else { throw Problem.form("first line is a continuation") }
                logicalBytes[logicalBytes.count - 1] += p.dropFirst()
            } else {
                guard !p.isEmpty else { throw Problem.form("empty line \(n + 1)") }
                logicalBytes.append(p)
            }
        }
        let logical = logicalBytes.map { String(decoding: $0, as: UTF8.self) }
        var stack: [Component] = []
        var root: Component? = nil
        for l in logical {
            guard let colon = l.firstIndex(of: ":") else { throw Problem.form("no colon in \(l)") }
            let name = String(l[..<colon].split(separator: ";")[0])
            let value = String(l[l.index(after: colon)...])
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), name == name.uppercased() else {
                throw Problem.form("bad property name \(name)")
            }
            switch name {
            case "BEGIN":
                stack.append(Component(name: value))
            case "END":
                guard let last = stack.popLast(), last.name == value else { throw Problem.form("END:\(value) does not close") }
                if stack.isEmpty { root = last } else { stack[stack.count - 1].children.append(last) }
            default:
                guard !stack.isEmpty else { throw Problem.form("\(name) outside a component") }
                stack[stack.count - 1].properties.append((name, value))
            }
        }
        guard stack.isEmpty, let calendar = root, calendar.name == "VCALENDAR" else { throw Problem.form("not one VCALENDAR") }
        try check(calendar)
        return calendar
    }

    static let required: [String: [String]] = [
        "VCALENDAR": ["VERSION", "PRODID"], "VEVENT": ["UID", "DTSTAMP", "DTSTART"],
        "VALARM": ["ACTION", "TRIGGER", "DESCRIPTION"],
    ]
    static let once = ["VERSION", "PRODID", "UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION", "ACTION", "TRIGGER"]
    static let textProperties = ["SUMMARY", "DESCRIPTION", "CATEGORIES", "X-WR-CALNAME", "PRODID"]

    static func check(_ c: Component) throws {
        for name in required[c.name] ?? [] where c.value(name) == nil {
            throw Problem.form("\(c.name) lacks \(name)")
        }
        for name in once where c.values(name).count > 1 { throw Problem.form("\(c.name) has \(name) twice") }
        for name in ["DTSTAMP", "DTSTART"] {
            if let v = c.value(name), v.wholeMatch(of: /\d{8}T\d{6}Z/) == nil { throw Problem.form("\(name) \(v) is not UTC") }
        }
        for name in textProperties {
            for v in c.values(name) { _ = try unescape(v) }
        }
        for child in c.children { try check(child) }
    }

    /// A TEXT value unescaped; an unescaped `;` or `,`, or a stray backslash, is a problem.
    static func unescape(_ value: String) throws -> String {
        var out = ""
        var it = value.makeIterator()
        while let c = it.next() {
            switch c {
            case "\\":
                switch it.next() {
                case "\\": out.append("\\")
                case ";": out.append(";")
                case ",": out.append(",")
                case "n", "N": out.append("\n")
                default: throw Problem.form("stray backslash in \(value)")
                }
            case ";", ",":
                throw Problem.form("unescaped \(c) in \(value)")
            default:
                out.append(c)
            }
        }
        return out
    }
}
