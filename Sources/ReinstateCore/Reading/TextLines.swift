import Foundation

/// A list mark at the start of a line.
enum Bullet: Equatable, Sendable {
    /// "-", "--", "–", "—", "*", "•", "·", "▪", "・", "" and the like.
    case symbol(String)
    /// "1.", "1)", "(1)", "a)", "①", "一、", "1、".
    case number
}

/// One line of text as the readers see it: white space collapsed, wrapped lines joined.
struct TextLine: Sendable {
    /// The whole line, trimmed, white space collapsed.
    var text: String
    /// The line without its list mark.
    var content: String
    var bullet: Bullet?
    /// A blank line comes before it.
    var blankBefore: Bool
    var quoted: Bool
    /// Sentences that followed the last item of a list collapsed into one line ("-- Proof … . We will
    /// investigate …"): they do not end the list.
    var tail = false

    /// A question standing alone as a section heading ("How do I send the required information?").
    var isQuestionHeading: Bool {
        bullet == nil && (content.hasSuffix("?") || content.hasSuffix("？")) && content.utf8.count < 200
    }
}

/// Splits text into lines, marks quoted text, finds list marks and joins the lines of a paragraph or
/// list item that an e-mail program wrapped. Linear in the text.
enum TextLines {
    static func lines(_ text: String) -> [TextLine] {
        var physical: [String] = []
        var current = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s == "\n" || s == "\u{2028}" || s == "\u{2029}" || s == "\u{0B}" || s == "\u{0C}" || s == "\u{85}" {
                physical.append(TextCleanup.collapseSpaces(String(current)))
                current = String.UnicodeScalarView()
            } else {
                current.append(s)
            }
        }
        physical.append(TextCleanup.collapseSpaces(String(current)))
        let quoted = QuotedText.mark(physical)

        var out: [TextLine] = []
        var blank = false
        var danglingBullet: Bullet? = nil
        for (index, line) in physical.enumerated() {
            if line.isEmpty {
                blank = true
                continue
            }
            var (bullet, content) = splitBullet(line, quoted: quoted[index])
            if bullet != nil && content.isEmpty {
                // A mark alone on its line applies to the next line.
                danglingBullet = bullet
                continue
            }
            if bullet == nil, let d = danglingBullet { bullet = d }
            danglingBullet = nil
            // "日期在最近\n90\n天内的…": a page copied as text breaks the line around every Latin word or number.
            if let last = out.last, !blank, bullet == nil, last.quoted == quoted[index],
                (endsCJKOpen(last.content) && isFragment(content)) || (startsCJK(content) && endsWithFragmentAfterCJK(last.content))
            {
                out[out.count - 1].text += line
                out[out.count - 1].content += content
                continue
            }
            if let last = out.last, !blank, bullet == nil, last.quoted == quoted[index], continues(last.content, with: content) {
                let joiner = endsCJK(last.content) && startsCJK(content) ? "" : " "
                out[out.count - 1].text += joiner + line
                out[out.count - 1].content += joiner + content
                continue
            }
            out.append(TextLine(text: line, content: content, bullet: bullet, blankBefore: blank, quoted: quoted[index]))
            blank = false
        }
        return out
    }

    static let dashes: Set<Character> = ["-", "–", "—", "‐", "‑", "−", "~", "*", "•", "·", "●", "○", "◦", "▪", "■", "□", "►", "▶", "➢", "➤", "→", "・", "･", "\u{F0B7}", "\u{F0A7}", "◆", "◇", "✓", "✔", "†", "※", "+",
        "➡", "➡️", "👉", "✅", "▫", "‣", "⁃", "∙", "⦁", "◾", "◽", "▸", "▹", "◘", "❖", "➔", "⇒", "»"]
    static let circled: Set<Character> = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳"]
    static let hanNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// The list mark of a line, if any, and the line without it.
    static func splitBullet(_ line: String, quoted: Bool) -> (Bullet?, String) {
        guard let first = line.first else { return (nil, line) }
        if dashes.contains(first) {
            var rest = line[...]
            var mark = ""
            while let c = rest.first, c == first, mark.count < 3 {
                mark.append(c)
                rest = rest.dropFirst()
            }
            // "---" and longer are rules, not bullets; "-5%" is a number.
            if rest.first == first { return (nil, line) }
            if let c = rest.first, c.isNumber, first == "-" || first == "+" || first == "−" { return (nil, line) }
            if first == "+" || first == "~" || first == "†", rest.first != " " { return (nil, line) }
            let content = rest.drop(while: { $0 == " " })
            if rest.first != " ", first == "*", content.last == "*" { return (nil, line) }  // *emphasis*
            return (.symbol(mark), String(content))
        }
        // "o " before a capital: a bullet as Outlook and Word write it in plain text.
        if first == "o", line.dropFirst().first == " ", let third = line.dropFirst(2).first, third.isUppercase {
            return (.symbol("o"), String(line.dropFirst(2)))
        }
        if circled.contains(first) {
            return (.number, String(line.dropFirst().drop(while: { $0 == " " || $0 == "." || $0 == "、" })))
        }
        // "(1) ", "(a) "
        if first == "(" || first == "（" {
            let inner = line.dropFirst().prefix(4)
            if let close = inner.firstIndex(where: { $0 == ")" || $0 == "）" }) {
                let label = inner[..<close]
                if !label.isEmpty, label.count <= 3, label.allSatisfy({ $0.isNumber || ($0.isLetter && $0.isLowercase && label.count == 1) || "ivx".contains($0) }) {
                    let rest = line[line.index(after: close)...]
                    if rest.isEmpty || rest.first == " " { return (.number, String(rest.drop(while: { $0 == " " }))) }
                }
            }
            return (nil, line)
        }
        // "1. ", "1) ", "12. ", "a) ", "1、", "一、"
        var i = line.startIndex
        var count = 0
        while i < line.endIndex, line[i].isASCII, line[i].isNumber, count < 3 { i = line.index(after: i); count += 1 }
        if count == 0, hanNumerals.contains(first) {
            i = line.index(after: i)
            count = 1
            if i < line.endIndex, line[i] == "、" {
                return (.number, String(line[line.index(after: i)...].drop(while: { $0 == " " })))
            }
            return (nil, line)
        }
        if count == 0, first.isLetter, first.isLowercase, first.isASCII {
            i = line.index(after: i)
            if i < line.endIndex, line[i] == ")" {
                let rest = line[line.index(after: i)...]
                if rest.first == " " { return (.number, String(rest.drop(while: { $0 == " " }))) }
            }
            return (nil, line)
        }
        guard count > 0, i < line.endIndex else { return (nil, line) }
        let mark = line[i]
        let after = line.index(after: i)
        if mark == "、" || mark == "．" {
            return (.number, String(line[after...].drop(while: { $0 == " " })))
        }
        if mark == "." || mark == ")" || mark == ":" {
            if after == line.endIndex { return (.number, "") }
            if line[after] == " " { return (.number, String(line[after...].drop(while: { $0 == " " }))) }
            // "1.您必须先…": Chinese and Japanese lists often leave out the space.
            if mark != ":", count <= 2, let u = line[after].unicodeScalars.first, TextCleanup.isCJK(u) {
                return (.number, String(line[after...]))
            }
        }
        return (nil, line)
    }

    /// Words that leave a sentence unfinished at the end of a line.
    static let openEndings: Set<String> = [
        "a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "with", "by", "due", "that", "your", "our",
        "any", "from", "as", "at", "be", "been", "has", "have", "is", "are", "was", "were", "not", "this", "these",
        "their", "its", "which", "who", "what", "how", "about", "regarding", "including", "such", "than", "within",
        "de", "des", "du", "la", "le", "les", "et", "ou", "un", "une", "d'un", "d'une", "à", "au", "aux", "pour", "votre", "vos",
        "der", "die", "das", "den", "dem", "des", "und", "oder", "zu", "zur", "zum", "von", "für", "mit", "ihre", "ihrer", "ihren", "innerhalb",
        "el", "los", "las", "y", "o", "del", "con", "su", "sus", "por", "para", "un", "una",
        "il", "lo", "gli", "e", "di", "del", "della", "delle", "dei", "per", "tuo", "tua", "tuoi", "entro",
    ]

    /// Whether `next` continues the sentence or item `previous` (a line wrapped by an e-mail program).
    static func continues(_ previous: String, with next: String) -> Bool {
        guard let last = previous.last, let first = next.first else { return false }
        if ".!?:;。！？：；".contains(last) { return false }
        if previous.hasSuffix("?") { return false }
        // Japanese and Chinese lines join only where the break falls inside a phrase.
        if endsCJK(previous) || last == "、" || last == "，" {
            return startsCJK(next) && "、，のをにはがとでや的和或及与因为在从对".contains(last)
        }
        if first.isLetter && first.isLowercase { return true }
        if last == "," { return previous.utf8.count >= 40 }
        let tail = previous.suffix(16)
        let lastWord = (tail.lastIndex(of: " ").map { tail[tail.index(after: $0)...] } ?? tail).lowercased()
        if openEndings.contains(lastWord) {
            return previous.utf8.count >= 20
        }
        return false
    }

    /// A short piece of Latin letters, digits or punctuation alone on its line.
    static func isFragment(_ s: String) -> Bool {
        s.utf8.count <= 24 && !s.utf8.contains(0x20) && !s.unicodeScalars.contains(where: TextCleanup.isCJK) && !s.hasPrefix("http")
    }

    /// Chinese or Japanese text that stops inside a sentence.
    static func endsCJKOpen(_ s: String) -> Bool {
        guard let last = s.unicodeScalars.last else { return false }
        return TextCleanup.isCJK(last) || "、，“「（(".unicodeScalars.contains(last)
    }

    /// "…最近90": a fragment just joined to Chinese or Japanese text.
    static func endsWithFragmentAfterCJK(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars.suffix(26))
        guard let last = scalars.last, !TextCleanup.isCJK(last), !".!?:;。！？：；".unicodeScalars.contains(last) else { return false }
        var k = scalars.count - 1
        while k >= 0, !TextCleanup.isCJK(scalars[k]), scalars[k] != " " { k -= 1 }
        return k >= 0 && TextCleanup.isCJK(scalars[k]) && scalars.count - 1 - k <= 24
    }

    static func endsCJK(_ s: String) -> Bool { s.unicodeScalars.last.map(TextCleanup.isCJK) ?? false }
    static func startsCJK(_ s: String) -> Bool { s.unicodeScalars.first.map(TextCleanup.isCJK) ?? false }
}
