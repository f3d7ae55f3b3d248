import ReinstateCore

/// An inline word diff of two plan versions, git `--word-diff=plain` style: removed words in `[-…-]`,
/// added ones in `{+…+}`, so the change reads without colour too. The difference itself is Core's
/// `PlanDiff` (the same one `reinstate poa diff` prints); this only styles it for the screen.
public enum WordDiff {
    /// Styles of removed and added words.
    public static let removedStyle = Style(foreground: .removed, underline: true)
    public static let addedStyle = Style(foreground: .added, bold: true)

    /// The new text as lines, with the changes from the old one marked.
    public static func lines(from old: String, to new: String) -> [StyledLine] {
        PlanDiff.lines(from: TerminalSafe.clean(old), to: TerminalSafe.clean(new)).map { pieces in
            pieces.map { piece in
                switch piece.change {
                case .same: return Span(piece.text)
                case .removed: return Span("[-" + piece.text + "-]", removedStyle)
                case .added: return Span("{+" + piece.text + "+}", addedStyle)
                }
            }
        }
    }
}
