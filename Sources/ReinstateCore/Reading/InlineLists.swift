import Foundation

/// Undoes what copying does to a message's shape: a whole notice flattened into one paragraph, with its
/// headings inline ("… this issue. Why is this happening? We took …", "…的措施 如何发送所需信息?") and
/// its lists collapsed into one line ("… should include the following information: - A - B",
/// "(1) An explanation … (2) Evidence …", "以下信息: -您的供应商… -如果您…").
///
/// Each such line becomes the lines it was: the text before the first list mark (the intro), one line per
/// item with a list mark, a heading line per inline heading, and the text after the last item. The last
/// item of a collapsed list ends with its first sentence (in Chinese and Japanese, where a space stands
/// between two sentences); what follows it is kept as a `tail` line, which does not end the list.
/// Linear in the text.
enum InlineLists {
    static func expand(_ lines: [TextLine]) -> [TextLine] {
        var out: [TextLine] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            if line.quoted || line.content.utf8.count < 12 {
                out.append(line)
                continue
            }
            for part in splitHeadings(line) {
                out += splitList(part)
            }
        }
        return out
    }

    // MARK: Inline headings

    static func splitHeadings(_ line: TextLine) -> [TextLine] {
        let content = line.content
        guard content.utf8.contains(0x3F) || content.includes("？") else { return [line] }
        var sentences = Sentences.split(content)
        // "…的措施 如何发送所需信息?": in Chinese and Japanese the question may follow a space.
        var k = 0
        while k < sentences.count {
            let s = sentences[k]
            if s.hasSuffix("?") || s.hasSuffix("？"), let cut = lastCJKBoundary(s) {
                let before = TextCleanup.trim(s[..<cut]), after = TextCleanup.trim(s[cut...])
                if !before.isEmpty, !after.isEmpty {
                    sentences.replaceSubrange(k...k, with: [before, after])
                    k += 1
                }
            }
            k += 1
        }
        guard sentences.count > 1 else { return [line] }
        // Each sentence with the spaces that followed it in the line, so that "。 " stays a boundary.
        let bytes = Array(content.utf8)
        var cursor = 0
        var spaced: [String] = []
        for s in sentences {
            let needle = Array(s.utf8)
            guard let start = ByteSearch.firstOffset(of: needle, in: bytes, from: cursor) else { spaced = []; break }
            var end = start + needle.count
            while end < bytes.count, bytes[end] == 0x20 { end += 1 }
            spaced.append(String(decoding: bytes[start..<end], as: UTF8.self))
            cursor = start + needle.count
        }
        var out: [TextLine] = []
        var buffer: [String] = []
        var first = true
        func flush() {
            guard !buffer.isEmpty else { return }
            let text = join(buffer)
            out.append(TextLine(text: text, content: text, bullet: first ? line.bullet : nil, blankBefore: first ? line.blankBefore : true, quoted: false))
            first = false
            buffer = []
        }
        var any = false
        for (k, s) in sentences.enumerated() {
            let withSpace = spaced.count == sentences.count ? spaced[k] : s
            let isHeading = (s.hasSuffix("?") || s.hasSuffix("？")) && s.utf8.count < 200 && !RequestSentence.isSecondPersonQuestion(s)
            if isHeading && !(first && buffer.isEmpty && line.bullet != nil) {
                flush()
                out.append(TextLine(text: s, content: s, bullet: nil, blankBefore: true, quoted: false))
                first = false
                any = true
            } else {
                buffer.append(withSpace)
            }
        }
        flush()
        return any ? out : [line]
    }

    static func join(_ sentences: [String]) -> String {
        var text = ""
        for s in sentences {
            if let last = text.unicodeScalars.last, last != " ", !"。！？".unicodeScalars.contains(last) { text += " " }
            text += s
        }
        return TextCleanup.trim(text)
    }

    /// The last space in `s` that stands between two sentences of Chinese or Japanese text: after a CJK
    /// character, "。" or a closing parenthesis, before a CJK character.
    static func lastCJKBoundary(_ s: String) -> String.Index? {
        var found: String.Index? = nil
        var i = s.startIndex
        var previous: Character? = nil
        while i < s.endIndex {
            let c = s[i]
            if c == " ", let p = previous, isCJKEnd(p) {
                let n = s.index(after: i)
                if n < s.endIndex, let u = s[n].unicodeScalars.first, TextCleanup.isCJK(u) { found = i }
            }
            previous = c
            i = s.index(after: i)
        }
        return found
    }

    static func firstCJKBoundary(_ s: Substring) -> String.Index? {
        var i = s.startIndex
        var previous: Character? = nil
        while i < s.endIndex {
            let c = s[i]
            if c == " ", let p = previous, isCJKEnd(p) {
                let n = s.index(after: i)
                if n < s.endIndex, let u = s[n].unicodeScalars.first, TextCleanup.isCJK(u) { return i }
            }
            previous = c
            i = s.index(after: i)
        }
        return nil
    }

    private static func isCJKEnd(_ c: Character) -> Bool {
        if "。！？)）」』".contains(c) { return true }
        return c.unicodeScalars.first.map(TextCleanup.isCJK) ?? false
    }

    // MARK: Collapsed lists

    private struct Mark {
        var start: Int
        var end: Int
        var bullet: Bullet
    }

    static let dashMarks: [String] = ["--", "—", "–", "-", "•", "·", "●", "▪", "■", "*"]

    /// A quick look at the bytes: a list mark after a space or a colon ("(1", "1)", "-", "–", "•" …).
    static func mayHoldList(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { b in
            var i = 1
            while i + 1 < b.count {
                let before = b[i - 1]
                if before == 0x20 || before == 0x3A || before >= 0x80 {
                    let c = b[i]
                    if c == 0x2D || c == 0x2A || (c == 0x28 && b[i + 1] == 0x31) || (c == 0x31 && (b[i + 1] == 0x29 || b[i + 1] == 0x2E)) { return true }
                    // "–", "—", "•", "·", "●", "▪", "■"
                    if c == 0xE2 || c == 0xC2 { return true }
                }
                i += 1
            }
            return false
        }
    }

    static func splitList(_ line: TextLine) -> [TextLine] {
        guard mayHoldList(line.content) else { return [line] }
        let chars = Array(line.content)
        guard chars.count >= 12 else { return [line] }
        let marks = numberedMarks(chars) ?? dashMarksIn(chars)
        guard let marks, !marks.isEmpty else { return [line] }
        var out: [TextLine] = []
        let intro = TextCleanup.trim(String(chars[0..<marks[0].start]))
        if !intro.isEmpty {
            out.append(TextLine(text: intro, content: intro, bullet: line.bullet, blankBefore: line.blankBefore, quoted: false))
        }
        let cjk = line.content.unicodeScalars.contains(where: TextCleanup.isCJK)
        for (k, mark) in marks.enumerated() {
            let end = k + 1 < marks.count ? marks[k + 1].start : chars.count
            var item = TextCleanup.trim(String(chars[mark.end..<end]))
            var rest = ""
            var restIsTail = false
            if cjk, let cut = firstCJKBoundary(item[...]) {
                // "…网站。 您可以发送…", "…(https://…) 此外,请向我们发送…:"
                rest = TextCleanup.trim(item[cut...])
                item = TextCleanup.trim(item[..<cut])
            } else if k == marks.count - 1, !cjk {
                let sentences = Sentences.split(item)
                if sentences.count > 1 {
                    item = sentences[0]
                    rest = sentences.dropFirst().joined(separator: " ")
                    restIsTail = true
                }
            }
            guard !item.isEmpty else { continue }
            out.append(TextLine(text: item, content: item, bullet: mark.bullet, blankBefore: k == 0 && intro.isEmpty && line.blankBefore, quoted: false))
            if !rest.isEmpty {
                var tail = TextLine(text: rest, content: rest, bullet: nil, blankBefore: false, quoted: false)
                tail.tail = restIsTail
                out += restIsTail ? [tail] : splitList(tail)
            }
        }
        return out.isEmpty ? [line] : out
    }

    /// "(1) … (2) …", "1) … 2) …", "1. … 2. …" in order; one mark is enough right after a colon.
    private static func numberedMarks(_ c: [Character]) -> [Mark]? {
        var marks: [Mark] = []
        var expected = 1
        var i = 0
        let n = c.count
        while i < n {
            let atBoundary = i == 0 || c[i - 1] == " " || c[i - 1] == ":" || c[i - 1] == "：" || c[i - 1] == ","
            if atBoundary, let (value, end, dotted) = number(c, i), value == expected, end < n, c[end] == " " {
                if expected == 1 {
                    // The first mark follows a colon or a comma (the intro), or stands among marks 2, 3 ….
                    var p = i - 1
                    while p >= 0, c[p] == " " { p -= 1 }
                    let afterIntro = p >= 0 && ":：,".contains(c[p])
                    if !afterIntro && i != 0 { i += 1; continue }
                    if dotted && !afterIntro { i += 1; continue }
                }
                marks.append(Mark(start: i, end: end + 1, bullet: .number))
                expected += 1
                i = end + 1
                continue
            }
            i += 1
        }
        if marks.isEmpty { return nil }
        if marks.count == 1 {
            // One item: only right after the intro's colon ("… your image: 1) A letter …").
            var p = marks[0].start - 1
            while p >= 0, c[p] == " " { p -= 1 }
            guard p >= 0, c[p] == ":" || c[p] == "：" else { return nil }
        }
        if marks[0].start == 0 { return nil }  // a list mark at the line start is the line's own
        return marks
    }

    private static func number(_ c: [Character], _ i: Int) -> (Int, Int, Bool)? {
        var j = i
        let paren = c[j] == "(" || c[j] == "（"
        if paren { j += 1 }
        var v = 0, digits = 0
        while j < c.count, let d = c[j].wholeNumberValue, c[j].isASCII, digits < 2 { v = v * 10 + d; j += 1; digits += 1 }
        guard digits > 0, j < c.count else { return nil }
        if paren {
            guard c[j] == ")" || c[j] == "）" else { return nil }
            return (v, j + 1, false)
        }
        if c[j] == ")" { return (v, j + 1, false) }
        if c[j] == "." { return (v, j + 1, true) }
        return nil
    }

    /// " - A - B", ": -- A -- B", "。 -A -B": a dash (or bullet) after a space, at least twice, or once
    /// right after the intro's colon.
    private static func dashMarksIn(_ c: [Character]) -> [Mark]? {
        var best: [Mark]? = nil
        for mark in dashMarks {
            let m = Array(mark)
            var found: [Mark] = []
            var i = 1
            while i + m.count < c.count {
                if c[i] == m[0], Array(c[i..<min(c.count, i + m.count)]) == m {
                    let before = c[i - 1]
                    let afterIndex = i + m.count
                    let after = c[afterIndex]
                    let beforeOK = before == " " || before == ":" || before == "：" || before == "。"
                        || (before.unicodeScalars.first.map(TextCleanup.isCJK) ?? false) && after == " "
                    // Not part of a longer dash run ("---"), not a minus ("-5%"), not a word's hyphen.
                    let longer = after == m[0] || (i >= 1 && c[i - 1] == m[0])
                    var k = afterIndex
                    while k < c.count, c[k] == " " { k += 1 }
                    let startsItem = k < c.count && !c[k].isNumber && (c[k].isLetter || c[k] == "\"" || c[k] == "“" || c[k] == "(")
                    if beforeOK, !longer, startsItem, after == " " || mark == "--" || mark == "-" {
                        found.append(Mark(start: i, end: k, bullet: .symbol(mark)))
                        i = k
                        continue
                    }
                }
                i += 1
            }
            guard !found.isEmpty else { continue }
            // The first mark opens the list: after a colon, a full stop or Chinese/Japanese text.
            var p = found[0].start - 1
            while p >= 0, c[p] == " " { p -= 1 }
            let opener = p >= 0 && (":：。.".contains(c[p]) || (c[p].unicodeScalars.first.map(TextCleanup.isCJK) ?? false))
            let afterColon = p >= 0 && ":：".contains(c[p])
            guard opener, found.count >= 2 || afterColon else { continue }
            if best.map({ found.count > $0.count }) ?? true { best = found }
        }
        return best
    }
}
