import Foundation

/// The elements an export may contain. A fixed list, so no text can ever become a tag, and nothing
/// that loads from outside (`script`, `link`, `img`, `iframe`) can be written at all.
public enum HTMLTag: String, Sendable {
    case html, head, meta, title, style, body, header, footer, main, section, article, nav
    case h1, h2, h3, h4, p, div, span, strong, em, small, code, pre, blockquote
    case ul, ol, li, dl, dt, dd, table, thead, tbody, tr, th, td

    /// Void elements have no end tag.
    var isVoid: Bool { self == .meta }
}

/// The attributes an export may use; values are always escaped. No `href` or `src`: the document
/// refers to nothing outside itself.
public enum HTMLAttributeName: String, Sendable {
    case `class`, id, lang, charset, name, content, title
}

/// One attribute: a known name and an escaped value.
public struct HTMLAttribute: Sendable {
    public var name: HTMLAttributeName
    public var value: String

    public init(_ name: HTMLAttributeName, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A piece of an HTML document built as a value: elements from `HTMLTag`, text that is always escaped
/// and cleaned of control characters, and the style sheet, which can only be a constant of the program.
public indirect enum HTMLNode: Sendable {
    case element(HTMLTag, [HTMLAttribute], [HTMLNode])
    case text(String)
    case fragment([HTMLNode])
    /// A style sheet written by the program (a `StaticString`), never text from a case.
    case styleSheet(StaticString)

    /// An element with an optional class.
    public static func el(_ tag: HTMLTag, class className: String? = nil, _ children: [HTMLNode] = []) -> HTMLNode {
        .element(tag, className.map { [HTMLAttribute(.class, $0)] } ?? [], children)
    }

    /// An element holding only text.
    public static func el(_ tag: HTMLTag, class className: String? = nil, text: String) -> HTMLNode {
        el(tag, class: className, [.text(text)])
    }

    /// The document as text: `<!DOCTYPE html>` then the node.
    public func document() -> String {
        var out = "<!DOCTYPE html>\n"
        render(into: &out)
        out += "\n"
        return out
    }

    /// Appends the node's HTML.
    public func render(into out: inout String) {
        switch self {
        case .text(let text):
            HTMLNode.escape(TerminalSafe.clean(text), into: &out)
        case .fragment(let nodes):
            for node in nodes { node.render(into: &out) }
        case .styleSheet(let css):
            out += "<style>"
            out += css.description
            out += "</style>"
        case .element(let tag, let attributes, let children):
            HTMLNode.startTag(tag, attributes, into: &out)
            if tag.isVoid { return }
            // A parser drops one newline right after <pre>: give it one to drop.
            if tag == .pre, case .text(let first)? = children.first, first.hasPrefix("\n") || first.hasPrefix("\r") {
                out += "\n"
            }
            for child in children { child.render(into: &out) }
            HTMLNode.endTag(tag, into: &out)
        }
    }

    /// The start tag of an element, as `render(into:)` writes it: for a document written in pieces,
    /// whose children come one at a time.
    public static func startTag(_ tag: HTMLTag, _ attributes: [HTMLAttribute] = [], into out: inout String) {
        out += "<"
        out += tag.rawValue
        for a in attributes {
            out += " "
            out += a.name.rawValue
            out += "=\""
            HTMLNode.escape(TerminalSafe.singleLine(a.value), into: &out)
            out += "\""
        }
        out += ">"
    }

    /// The end tag of an element (none for a void one), with the line break of a block element.
    public static func endTag(_ tag: HTMLTag, into out: inout String) {
        if tag.isVoid { return }
        out += "</"
        out += tag.rawValue
        out += ">"
        if tag.breaksLine { out += "\n" }
    }

    /// Escapes `& < > " '`, which makes text safe both between tags and inside quoted attributes.
    static func escape(_ text: String, into out: inout String) {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}

extension HTMLTag {
    /// Block elements end with a line break, so the file stays readable and diffable.
    var breaksLine: Bool {
        switch self {
        case .span, .strong, .em, .small, .code, .title, .pre: return false
        default: return true
        }
    }
}
