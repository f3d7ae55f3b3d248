import ReinstateCore
/// The top row: the program's name, where you are, and on the right a note such as the row count.
public enum TitleBar {
    /// Draws the title bar on row 0.
    public static func draw(_ title: String, right: String = "", readOnly: Bool, in frame: inout Frame) {
        frame.fill(x: 0, y: 0, count: frame.width, style: .selected)
        var x = frame.write(" Reinstate ", x: 0, y: 0, style: Style(foreground: .accent, bold: true, reverse: true))
        if readOnly { x += frame.write("[read-only] ", x: x, y: 0, style: Style(bold: true, reverse: true)) }
        let rightText = right.isEmpty ? "" : right + " "
        let rightWidth = DisplayWidth.of(rightText)
        let room = frame.width - x - rightWidth - 1
        frame.write(TextLayout.truncate(TerminalSafe.singleLine(title), to: room), x: x, y: 0, style: .selected)
        if rightWidth > 0, rightWidth < frame.width - x {
            frame.write(rightText, x: frame.width - rightWidth, y: 0, style: .selected)
        }
    }
}
