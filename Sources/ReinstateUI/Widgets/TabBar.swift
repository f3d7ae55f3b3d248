import ReinstateCore
/// A row of tab titles, the current one highlighted; also tells which tab a click hit.
public enum TabBar {
    /// The column range each title takes, from the left edge, one space apart.
    public static func ranges(_ titles: [String]) -> [Range<Int>] {
        var x = 1
        return titles.map { title in
            let range = x..<(x + DisplayWidth.of(title) + 2)
            x = range.upperBound + 1
            return range
        }
    }

    /// Draws the titles on row `y`, the selected one reversed and bold.
    public static func draw(_ titles: [String], selected: Int, y: Int, in frame: inout Frame) {
        for (index, range) in ranges(titles).enumerated() where range.lowerBound < frame.width {
            let style = index == selected ? Style(foreground: .accent, bold: true, reverse: true) : Style(underline: true)
            frame.write(" " + titles[index] + " ", x: range.lowerBound, y: y, style: style)
        }
    }

    /// The tab whose title is at column `x`.
    public static func tab(at x: Int, _ titles: [String]) -> Int? {
        ranges(titles).firstIndex { $0.contains(x) }
    }
}
