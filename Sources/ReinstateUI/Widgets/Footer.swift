import ReinstateCore
/// The bottom line: the most useful keys of the current screen, from the key table.
public enum Footer {
    /// Draws "key title" pairs on row `y` while they fit; edit keys are left out in read-only mode.
    public static func draw(
        _ table: KeyTable, context: KeyContext, readOnly: Bool, hiding hidden: Set<Command> = [], y: Int, in frame: inout Frame
    ) {
        frame.fill(x: 0, y: y, count: frame.width)
        var x = 0
        let entries = table.bindings(in: context).filter { $0.inFooter && !(readOnly && $0.edits) && !hidden.contains($0.command) }
        for binding in entries {
            guard let key = binding.keys.first?.name else { continue }
            let width = DisplayWidth.of(key) + 1 + DisplayWidth.of(binding.title) + 2
            if x + width > frame.width { break }
            x += frame.write(key, x: x, y: y, style: Style(foreground: .accent, bold: true))
            x += frame.write(" " + binding.title + "  ", x: x, y: y, style: .plain)
        }
    }
}
