import ReinstateCore
/// A column of a table: a heading and a width; flexible columns share what is left.
public struct TableColumn: Sendable, Equatable {
    public var title: String
    public var width: Int
    public var flexible: Bool
    public var alignRight: Bool

    /// A fixed-width column (or, when `flexible`, one of at least `width` columns).
    public init(_ title: String, width: Int, flexible: Bool = false, alignRight: Bool = false) {
        self.title = title
        self.width = width
        self.flexible = flexible
        self.alignRight = alignRight
    }
}

/// Rows of cells in columns one space apart, each cell cut by display width with "…".
public enum Table {
    /// Column widths for a total width: fixed columns as given, flexible ones sharing the rest.
    public static func widths(_ columns: [TableColumn], total: Int) -> [Int] {
        let gaps = max(0, columns.count - 1)
        let fixed = columns.filter { !$0.flexible }.reduce(0) { $0 + $1.width }
        let flexibleCount = columns.filter(\.flexible).count
        guard flexibleCount > 0 else { return columns.map(\.width) }
        let spare = max(0, total - gaps - fixed)
        let minimum = columns.filter(\.flexible).reduce(0) { $0 + $1.width }
        var extra = max(0, spare - minimum)
        var widths: [Int] = []
        var remaining = flexibleCount
        for column in columns {
            if column.flexible {
                let share = extra / remaining
                widths.append(column.width + share)
                extra -= share
                remaining -= 1
            } else {
                widths.append(column.width)
            }
        }
        return widths
    }

    /// Draws one row of cells from column `x`; returns nothing, the row is always `total` wide.
    public static func draw(_ cells: [Span], columns: [TableColumn], widths: [Int], x: Int = 0, y: Int, in frame: inout Frame) {
        var column = x
        for (index, cell) in cells.enumerated() where index < widths.count {
            let width = widths[index]
            let text = TextLayout.fit(TerminalSafe.singleLine(cell.text), to: width, alignRight: columns[index].alignRight)
            frame.write(text, x: column, y: y, style: cell.style, maxWidth: width)
            column += width + 1
        }
    }

    /// Draws the headings.
    public static func drawHeader(_ columns: [TableColumn], widths: [Int], x: Int = 0, y: Int, in frame: inout Frame) {
        draw(columns.map { Span($0.title, Style(bold: true, underline: true)) }, columns: columns, widths: widths, x: x, y: y, in: &frame)
    }
}
