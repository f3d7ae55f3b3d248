/// One column of a frame: a grapheme cluster, how many columns it takes, and its style.
///
/// A wide character (Chinese, Japanese, most emoji) sits in its first column with `width == 2`; the
/// column after it holds a continuation cell (`width == 0`, empty text) that the terminal skips.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown here; empty in a continuation cell.
    public var text: String
    /// 1 for most characters, 2 for wide ones, 0 for the second column of a wide one.
    public var width: UInt8
    public var style: Style

    /// Creates a cell.
    public init(text: String, width: UInt8, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A space in the given style.
    public static func blank(_ style: Style = .plain) -> Cell {
        Cell(text: " ", width: 1, style: style)
    }

    /// The second column of a wide character.
    public static func continuation(_ style: Style) -> Cell {
        Cell(text: "", width: 0, style: style)
    }

    /// Whether this is the second column of a wide character.
    public var isContinuation: Bool { width == 0 }
}
