/// A key the seller pressed, as the terminal reports it.
public enum Key: Hashable, Sendable {
    /// A printable character, including space.
    case character(Character)
    /// Ctrl and a letter: `.control("d")` is Ctrl-D.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// F1…F12.
    case function(Int)

    /// How the key is written in help, the footer and configuration files: "j", "Down", "C-d",
    /// "Enter", "Space", "S-Tab", "F1".
    public var name: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "C-\(c)"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        }
    }

    /// Reads a key from its name (the inverse of `name`), as written in a configuration file.
    public init?(name: String) {
        let named: [String: Key] = [
            "Space": .character(" "), "Up": .up, "Down": .down, "Left": .left, "Right": .right,
            "PgUp": .pageUp, "PgDn": .pageDown, "Home": .home, "End": .end, "Enter": .enter,
            "Esc": .escape, "Tab": .tab, "S-Tab": .backTab, "Backspace": .backspace, "Del": .delete,
        ]
        if let key = named[name] {
            self = key
        } else if name.count == 1, let c = name.first {
            self = .character(c)
        } else if name.hasPrefix("C-"), name.count == 3, let c = name.last, c.isLetter {
            self = .control(Character(c.lowercased()))
        } else if name.hasPrefix("F"), let n = Int(name.dropFirst()), (1...12).contains(n) {
            self = .function(n)
        } else {
            return nil
        }
    }

    /// The character a prompt takes as input, if this key types one.
    public var typedCharacter: Character? {
        if case .character(let c) = self { return c }
        return nil
    }
}
