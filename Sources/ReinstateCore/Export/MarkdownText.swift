import Foundation

/// Safe pieces of Markdown: text from messages, plans and names can never break out of where it is put
/// (no heading, link, HTML or emphasis it did not come with), and no terminal control sequence survives.
public enum MarkdownText {
    /// One line of inline text: controls removed, line breaks as spaces, and the characters that mean
    /// something inline (`\ ` * _ [ ] < > & ~ #`) backslash-escaped, which CommonMark allows for any
    /// ASCII punctuation. Plain-text readers see a backslash now and then, nothing worse.
    public static func inline(_ text: String) -> String {
        let line = TerminalSafe.singleLine(text)
        guard line.utf8.contains(where: isSpecial) else { return line }
        var out = ""
        out.reserveCapacity(line.utf8.count + 8)
        for scalar in line.unicodeScalars {
            if scalar.isASCII, isSpecial(UInt8(scalar.value)) { out.append("\\") }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    static func isSpecial(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "~"),
            UInt8(ascii: "#"), UInt8(ascii: "|"):
            return true
        default:
            return false
        }
    }

    /// A fenced code block holding `text` whole: the fence is one backtick longer than the longest run
    /// of backticks in the text (at least three), so no line of the text can close it.
    public static func fenced(_ text: String, info: String = "text", into out: inout String) {
        let body = TerminalSafe.clean(text)
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(body) + 1))
        out += fence
        out += info
        out += "\n"
        out += body
        if !body.isEmpty, !body.hasSuffix("\n") { out += "\n" }
        out += fence
        out += "\n"
    }

    /// An inline code span for `text` (a path, a hash): delimiters longer than any backtick run inside,
    /// padded with a space when the text starts or ends with a backtick.
    public static func code(_ text: String) -> String {
        let line = TerminalSafe.singleLine(text)
        let ticks = String(repeating: "`", count: longestBacktickRun(line) + 1)
        let pad = line.hasPrefix("`") || line.hasSuffix("`") || line.isEmpty ? " " : ""
        return ticks + pad + line + pad + ticks
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, run = 0
        for b in text.utf8 {
            if b == UInt8(ascii: "`") {
                run += 1
                if run > longest { longest = run }
            } else {
                run = 0
            }
        }
        return longest
    }
}
