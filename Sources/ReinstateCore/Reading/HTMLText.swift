import Foundation

/// HTML to plain text, in one forward pass (linear in the input, whatever the markup).
///
/// As a document (`text(fromDocument:)`): tags dropped; script, style, head and comments dropped
/// with their content; block tags become line breaks, paragraphs blank lines, `<li>` a "- " bullet,
/// `<blockquote>` lines prefixed "> " (so quoted text stays recognisable); entities decoded; runs of
/// white space collapsed.
///
/// As remnants in pasted plain text (`cleanRemnants`): only real HTML tag names are touched
/// ("<br>" → line break, "<b>" dropped), so placeholders like "<URL>" or "<name@example.com>"
/// stay; entities are decoded; the text's own line breaks are kept.
enum HTMLText {
    static func text(fromDocument html: String) -> String {
        convert(html, document: true)
    }

    static func cleanRemnants(_ text: String) -> String {
        guard text.utf8.contains(0x3C) || text.utf8.contains(0x26) else { return text }
        return convert(text, document: false)
    }

    /// Whether pasted text is a whole HTML document rather than text with a few stray tags.
    static func looksLikeDocument(_ text: String) -> Bool {
        let head = FoldedText(text.prefix(4096))
        return head.contains(" html ") && (head.contains(" body ") || head.contains(" head ") || head.contains(" doctype "))
    }

    /// The charset named by a `<meta>` tag near the top of an HTML part, if any.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        guard let r = head.range(of: "charset=") else { return nil }
        var name = ""
        for c in head[r.upperBound...].drop(while: { $0 == "\"" || $0 == "'" }) {
            if c.isLetter || c.isNumber || c == "-" || c == "_" { name.append(c) } else { break }
        }
        return name.isEmpty ? nil : name
    }

    static let knownTags: Set<String> = [
        "a", "abbr", "address", "article", "aside", "b", "big", "blockquote", "body", "br", "button", "caption",
        "center", "cite", "code", "col", "colgroup", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure",
        "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe",
        "img", "input", "ins", "label", "li", "link", "main", "mark", "meta", "nav", "noscript", "o:p", "ol", "p",
        "pre", "q", "s", "script", "section", "small", "span", "strike", "strong", "style", "sub", "sup", "svg",
        "table", "tbody", "td", "template", "tfoot", "th", "thead", "title", "tr", "tt", "u", "ul", "wbr",
    ]
    static let skipContent: Set<String> = ["script", "style", "head", "title", "noscript", "template", "svg"]
    static let paragraphTags: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "hr", "blockquote"]
    static let lineTags: Set<String> = [
        "div", "tr", "section", "article", "header", "footer", "dd", "dt", "form", "center", "address", "nav", "aside",
        "main", "figure", "figcaption", "pre", "caption", "tbody", "thead", "tfoot",
    ]

    private struct Writer {
        var out = String.UnicodeScalarView()
        var atLineStart = true
        var blankLines = 1
        var pendingSpace = false
        var quoteDepth = 0
        /// Containers whose close tag is known to be missing, so they are not searched for again.
        var unclosed: Set<String> = []
        let document: Bool

        init(document: Bool) { self.document = document }

        mutating func put(_ s: Unicode.Scalar) {
            if atLineStart {
                if quoteDepth > 0 { for _ in 0..<min(quoteDepth, 8) { out.append(">") }; out.append(" ") }
            } else if pendingSpace {
                out.append(" ")
            }
            pendingSpace = false
            out.append(s)
            atLineStart = false
            blankLines = 0
        }

        mutating func text(_ s: Unicode.Scalar) {
            if document {
                if s == " " || s == "\n" || s == "\t" || s == "\r" || s == "\u{A0}" || s == "\u{0C}" {
                    if !atLineStart { pendingSpace = true }
                    return
                }
                put(s)
            } else {
                if s == "\n" { newline(); return }
                if s == " " || s == "\t" || s == "\r" {
                    if atLineStart { return }  // indentation is not kept
                    out.append(s)
                    return
                }
                put(s)
            }
        }

        mutating func newline() {
            out.append("\n")
            if atLineStart { blankLines += 1 }
            atLineStart = true
            pendingSpace = false
        }

        mutating func lineBreak() { if !atLineStart { newline() } }

        mutating func paragraphBreak() {
            lineBreak()
            if blankLines == 0 { newline() }
        }
    }

    private static func convert(_ input: String, document: Bool) -> String {
        let s = Array(input.unicodeScalars)
        let n = s.count
        var w = Writer(document: document)
        var i = 0
        while i < n {
            let c = s[i]
            if c == "<" {
                if let end = handleTag(s, at: i, writer: &w) {
                    i = end
                    continue
                }
                w.text(c)
                i += 1
            } else if c == "&" {
                if let (decoded, end) = entity(s, at: i) {
                    for d in decoded { w.text(d) }
                    i = end
                } else {
                    w.text(c)
                    i += 1
                }
            } else {
                w.text(c)
                i += 1
            }
        }
        return String(w.out)
    }

    /// Handles the tag at `start` and returns where reading goes on, or nil when it is not a tag.
    private static func handleTag(_ s: [Unicode.Scalar], at start: Int, writer w: inout Writer) -> Int? {
        let n = s.count
        var i = start + 1
        guard i < n else { return nil }
        if s[i] == "!" {
            if i + 2 < n, s[i + 1] == "-", s[i + 2] == "-" {
                guard w.document else { return nil }
                var j = i + 3
                while j + 2 < n, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                return min(j + 3, n)
            }
            guard w.document else { return nil }
            var j = i
            while j < n, s[j] != ">" { j += 1 }
            return min(j + 1, n)
        }
        var closing = false
        if s[i] == "/" { closing = true; i += 1 }
        var name = ""
        while i < n, name.unicodeScalars.count < 20,
            (s[i] >= "a" && s[i] <= "z") || (s[i] >= "A" && s[i] <= "Z") || (s[i] >= "0" && s[i] <= "9") || s[i] == ":"
        {
            name.unicodeScalars.append(s[i])
            i += 1
        }
        name = name.lowercased()
        guard !name.isEmpty, name.first?.isLetter == true else { return nil }
        if !w.document && !knownTags.contains(name) { return nil }
        // Find the end of the tag, outside quotes; if quotes never close, the first ">" seen.
        var j = i
        var quote: Unicode.Scalar? = nil
        var firstGT: Int? = nil
        while j < n {
            let c = s[j]
            if let q = quote {
                if c == q { quote = nil }
                if c == ">" && firstGT == nil { firstGT = j }
            } else if c == "\"" || c == "'" {
                if w.document { quote = c }
            } else if c == ">" {
                break
            } else if !w.document && c == "\n" {
                return nil
            }
            j += 1
        }
        var end: Int
        if j < n { end = j + 1 } else if let g = firstGT { end = g + 1 } else { return n }
        let selfClosing = end >= 2 && s[end - 2] == "/"
        if !closing && skipContent.contains(name) && !selfClosing && !w.unclosed.contains(name) {
            // Drop everything up to the matching close tag (or the end).
            let target = Array(("</" + name).unicodeScalars)
            var k = end
            while k + target.count <= n {
                if s[k] == "<" {
                    var match = true
                    for t in 0..<target.count where s[k + t].properties.lowercaseMapping.unicodeScalars.first != target[t] {
                        match = false
                        break
                    }
                    if match { break }
                }
                k += 1
            }
            if k + target.count > n {
                // No close tag: a script or style runs to the end; other containers are read on.
                if name == "script" || name == "style" { return n }
                w.unclosed.insert(name)
                return end
            }
            var m = k
            while m < n, s[m] != ">" { m += 1 }
            end = min(m + 1, n)
            if name == "title" || name == "head" { w.lineBreak() }
            return end
        }
        switch name {
        case "br": w.newline()
        case "li":
            w.lineBreak()
            if !closing { for c in "- ".unicodeScalars { w.put(c) } }
        case "td", "th":
            if !w.atLineStart { w.pendingSpace = true }
        case "blockquote":
            w.paragraphBreak()
            if closing { w.quoteDepth = max(0, w.quoteDepth - 1) } else if !selfClosing { w.quoteDepth += 1 }
        default:
            if paragraphTags.contains(name) {
                w.paragraphBreak()
            } else if lineTags.contains(name) {
                w.lineBreak()
            }
        }
        return end
    }

    static let entities: [String: UInt32] = [
        "nbsp": 0xA0, "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "ndash": 0x2013,
        "mdash": 0x2014, "bull": 0x2022, "middot": 0xB7, "hellip": 0x2026, "lsquo": 0x2018, "rsquo": 0x2019,
        "ldquo": 0x201C, "rdquo": 0x201D, "sbquo": 0x201A, "bdquo": 0x201E, "copy": 0xA9, "reg": 0xAE,
        "trade": 0x2122, "euro": 0x20AC, "laquo": 0xAB, "raquo": 0xBB, "deg": 0xB0, "times": 0xD7, "shy": 0xAD,
        "zwnj": 0x200C, "zwj": 0x200D, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "pound": 0xA3,
        "yen": 0xA5, "cent": 0xA2, "sect": 0xA7, "para": 0xB6, "iexcl": 0xA1, "iquest": 0xBF, "szlig": 0xDF,
        "auml": 0xE4, "ouml": 0xF6, "uuml": 0xFC, "Auml": 0xC4, "Ouml": 0xD6, "Uuml": 0xDC, "eacute": 0xE9,
        "Eacute": 0xC9, "egrave": 0xE8, "Egrave": 0xC8, "ecirc": 0xEA, "euml": 0xEB, "agrave": 0xE0, "Agrave": 0xC0,
        "aacute": 0xE1, "Aacute": 0xC1, "acirc": 0xE2, "atilde": 0xE3, "aring": 0xE5, "aelig": 0xE6, "ccedil": 0xE7,
        "Ccedil": 0xC7, "igrave": 0xEC, "iacute": 0xED, "Iacute": 0xCD, "icirc": 0xEE, "iuml": 0xEF, "ntilde": 0xF1,
        "Ntilde": 0xD1, "ograve": 0xF2, "oacute": 0xF3, "Oacute": 0xD3, "ocirc": 0xF4, "otilde": 0xF5, "oslash": 0xF8,
        "ugrave": 0xF9, "uacute": 0xFA, "Uacute": 0xDA, "ucirc": 0xFB, "yacute": 0xFD, "yuml": 0xFF, "oelig": 0x153,
        "OElig": 0x152, "rarr": 0x2192, "larr": 0x2190, "check": 0x2713, "ordm": 0xBA, "ordf": 0xAA,
    ]

    /// The entity at `start` ("&amp;", "&#233;", "&#xE9;") and where it ends.
    private static func entity(_ s: [Unicode.Scalar], at start: Int) -> ([Unicode.Scalar], Int)? {
        let n = s.count
        var j = start + 1
        var name = ""
        while j < n, j - start <= 32, s[j] != ";", s[j].value < 0x80, s[j].properties.isAlphabetic || (s[j] >= "0" && s[j] <= "9") || s[j] == "#" {
            name.unicodeScalars.append(s[j])
            j += 1
        }
        let hasSemicolon = j < n && s[j] == ";"
        guard !name.isEmpty else { return nil }
        var value: UInt32? = nil
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            value = UInt32(name.dropFirst(2), radix: 16)
        } else if name.hasPrefix("#") {
            value = UInt32(name.dropFirst())
        } else {
            value = entities[name] ?? entities[name.lowercased()]
            if !hasSemicolon && name != "nbsp" && name != "amp" { value = nil }
        }
        guard let v = value else { return nil }
        let scalar: Unicode.Scalar
        if v == 0 || v > 0x10FFFF {
            scalar = "\u{FFFD}"
        } else if v >= 0x80 && v < 0xA0 {
            scalar = Unicode.Scalar(Charset.cp1252High[Int(v) - 0x80]) ?? "\u{FFFD}"
        } else {
            scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        }
        return ([scalar], hasSemicolon ? j + 1 : j)
    }
}
