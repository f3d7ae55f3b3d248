import Foundation

/// The marks sellers put at the start of a line: Markdown heading hashes, bullets, numbers ("1)",
/// "2.", "(3)", "IV.", "Step 2:", "①", "一、"), and bold around a heading ("**Root cause**").
struct LineMarkers: Equatable {
    /// The line without its marks and surrounding spaces.
    var text: Substring
    var markdownHeading = false
    var bullet = false
    var numbered = false
    /// The line started with bold text; `text` is the bold part and `afterBold` what followed it.
    var bold = false
    var afterBold: Substring = ""

    static let bullets: Set<Character> = ["-", "*", "•", "–", "—", "·", "◦", "▪", "‣", ">", "+"]
    static let romanNumerals: Set<String> = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    static let counters: Set<String> = ["step", "part", "point", "section", "issue", "第"]

    init(_ line: Substring) {
        var t = line.drop { $0.isWhitespace }
        while let last = t.last, last.isWhitespace { t = t.dropLast() }
        // Markdown heading.
        if t.first == "#" {
            let hashes = t.prefix { $0 == "#" }
            let after = t.dropFirst(hashes.count)
            if hashes.count <= 6, after.isEmpty || after.first == " " {
                markdownHeading = true
                t = after.drop { $0 == " " }
                while t.last == "#" { t = t.dropLast() }
                while let last = t.last, last.isWhitespace { t = t.dropLast() }
            }
        }
        // Bullet: a mark and a space, or a lone mark.
        if let first = t.first, Self.bullets.contains(first), !t.hasPrefix("**"), !t.hasPrefix("--") || t.count == 2 {
            let after = t.dropFirst()
            if after.isEmpty || after.first == " " || after.first == "\t" {
                bullet = true
                t = after.drop { $0.isWhitespace }
            }
        }
        t = Self.stripNumber(t, numbered: &numbered)
        // Bold (or underlined-bold) heading, possibly followed by text on the same line.
        for mark in ["**", "__"] where t.hasPrefix(mark) {
            let inner = t.dropFirst(2)
            if let close = inner.range(of: mark) {
                bold = true
                afterBold = inner[close.upperBound...].drop { $0.isWhitespace }
                t = inner[..<close.lowerBound]
                // "**1. Root cause**"
                t = Self.stripNumber(t.drop { $0.isWhitespace }, numbered: &numbered)
            }
            break
        }
        text = t
    }

    /// Takes off "1)", "2.", "(3)", "IV.", "a)", "Step 2:", "①", "一、".
    private static func stripNumber(_ t: Substring, numbered: inout Bool) -> Substring {
        guard let first = t.first else { return t }
        if let v = first.unicodeScalars.first?.value, (0x2460...0x2473).contains(v) || (0x2776...0x277F).contains(v) {
            numbered = true
            return t.dropFirst().drop { $0.isWhitespace || $0 == "." || $0 == ")" }
        }
        var s = t
        var parenthesised = false
        if s.first == "(" {
            parenthesised = true
            s = s.dropFirst()
        }
        // "Step 2", "Part II"
        let word = s.prefix { $0.isLetter }
        if counters.contains(word.lowercased()), s.dropFirst(word.count).first == " " {
            let after = s.dropFirst(word.count + 1)
            let digits = after.prefix { $0.isNumber }
            if !digits.isEmpty {
                numbered = true
                return after.dropFirst(digits.count).drop { $0 == ":" || $0 == "." || $0 == ")" || $0 == "-" || $0 == "–" || $0.isWhitespace }
            }
        }
        if let c = s.first, "一二三四五六七八九十".contains(c), s.dropFirst().first == "、" {
            numbered = true
            return s.dropFirst(2).drop { $0.isWhitespace }
        }
        var label = s.prefix { $0.isASCII && $0.isNumber }
        if label.isEmpty {
            let letters = s.prefix { $0.isASCII && $0.isLetter }
            if letters.count == 1 || romanNumerals.contains(letters.lowercased()) { label = letters }
        }
        guard !label.isEmpty, label.count <= 4 else { return t }
        let after = s.dropFirst(label.count)
        guard let mark = after.first else { return t }
        let isDigits = label.allSatisfy(\.isNumber)
        let closers: Set<Character> = parenthesised ? [")"] : isDigits ? [".", ")", ":", "、", "．"] : [".", ")"]
        guard closers.contains(mark) else { return t }
        let rest = after.dropFirst()
        // "1.5 kg" or "3.00" is a number, not a label.
        if let next = rest.first, next.isNumber { return t }
        guard rest.isEmpty || rest.first?.isWhitespace == true || mark == "、" || mark == ")" else { return t }
        numbered = true
        return rest.drop { $0.isWhitespace }
    }
}
