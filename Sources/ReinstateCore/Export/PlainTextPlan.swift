import Foundation

/// A plan version as plain text for Seller Central's appeal form, which shows Markdown marks as typed:
/// headings lose their `#`, `**bold**` and `__bold__` lose their marks, bullets become "- ", links become
/// "text (address)", inline code loses its backticks. Line breaks stay; controls go.
public enum PlainTextPlan {
    /// The latest version of a case (the highest number, draft or submitted), if there is one.
    public static func latest(of history: CaseHistory) -> PlanVersion? {
        history.plans.max { $0.number < $1.number }
    }

    /// The text of `plan` ready to paste, ending with one newline.
    public static func text(of plan: PlanVersion) -> String {
        var lines = TerminalSafe.clean(plan.text).split(separator: "\n", omittingEmptySubsequences: false).map { plainLine(String($0)) }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line without Markdown marks.
    public static func plainLine(_ line: String) -> String {
        var indent = line.prefix { $0 == " " || $0 == "\t" }
        var rest = line.dropFirst(indent.count)
        // Block marks: quote, heading, bullet, rule.
        while rest.hasPrefix(">") { rest = rest.dropFirst().drop { $0 == " " } }
        if rest.hasPrefix("#") {
            let hashes = rest.prefix { $0 == "#" }
            if hashes.count <= 6, rest.dropFirst(hashes.count).first.map({ $0 == " " }) ?? true {
                rest = rest.dropFirst(hashes.count).drop { $0 == " " }
                while rest.hasSuffix("#") || rest.hasSuffix(" ") { rest = rest.dropLast() }
                indent = ""
            }
        }
        let trimmed = rest.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 3, Set(trimmed.filter { $0 != " " }).count == 1, let c = trimmed.first, "-*_=".contains(c) {
            return ""
        }
        var bullet = ""
        if let first = rest.first, "-*+\u{2022}\u{2013}\u{00B7}".contains(first), rest.dropFirst().first == " " {
            bullet = "- "
            rest = rest.dropFirst(2).drop { $0 == " " }
            // Nested bullets keep a two-space step per level.
            indent = Substring(String(repeating: " ", count: (indent.replacingOccurrences(of: "\t", with: "    ").count / 2) * 2))
        }
        return String(indent) + bullet + inlinePlain(String(rest))
    }

    /// Removes emphasis marks, inline code backticks, and turns `[text](url)` into "text (url)".
    static func inlinePlain(_ text: String) -> String {
        var s = text
        for mark in ["**", "__"] where s.contains(mark) {
            s = s.replacingOccurrences(of: mark, with: "")
        }
        if s.contains("`") { s.removeAll { $0 == "`" } }
        if s.contains("](") { s = unlink(s) }
        return stripSingleStars(s)
    }

    /// `*emphasis*` → "emphasis", when the stars hug a word on both sides; "5 * 3" and "*" stay.
    static func stripSingleStars(_ s: String) -> String {
        guard s.contains("*") else { return s }
        let chars = Array(s)
        var drop = Set<Int>()
        var open: Int? = nil
        for (i, c) in chars.enumerated() where c == "*" {
            let before = i > 0 ? chars[i - 1] : " "
            let after = i + 1 < chars.count ? chars[i + 1] : " "
            if let o = open, !before.isWhitespace {
                drop.insert(o)
                drop.insert(i)
                open = nil
            } else if !after.isWhitespace, before.isWhitespace || before.isPunctuation {
                open = i
            }
        }
        return String(chars.enumerated().filter { !drop.contains($0.offset) }.map(\.element))
    }

    static func unlink(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "[") {
            guard let close = rest[open...].firstIndex(of: "]"), rest.index(after: close) < rest.endIndex,
                rest[rest.index(after: close)] == "(",
                let end = rest[close...].firstIndex(of: ")")
            else { break }
            out += rest[..<open]
            let label = rest[rest.index(after: open)..<close]
            let url = rest[rest.index(close, offsetBy: 2)..<end]
            out += label == url ? String(label) : "\(label) (\(url))"
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}
