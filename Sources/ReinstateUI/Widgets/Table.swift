import ReinstateCore
/// A column of a table: a heading and a width; flexible columns share what is left.
public struct TableColumn: Sendable, Equatable {
    public var title: String
    /// The width it gets when its words fit (and the most a fixed table gives it).
    public var width: Int
    public var flexible: Bool
    public var alignRight: Bool
    /// Never cut: a fitted table gives it the width of its widest cell (the time left, a count).
    public var keepWhole: Bool
    /// The narrowest a fitted table squeezes it to on a small terminal.
    public var minimum: Int
    /// The widest a fitted table lets it grow to when its words need it and there is room.
    public var maximum: Int

    /// A fixed-width column (or, when `flexible`, one of at least `width` columns).
    public init(
        _ title: String, width: Int, flexible: Bool = false, alignRight: Bool = false, keepWhole: Bool = false,
        minimum: Int? = nil, maximum: Int? = nil
    ) {
        self.title = title
        self.width = width
        self.flexible = flexible
        self.alignRight = alignRight
        self.keepWhole = keepWhole
        self.minimum = min(width, minimum ?? width)
        self.maximum = max(width, maximum ?? width)
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

    /// Column widths fitted to what the rows hold: columns marked `keepWhole` get their widest cell;
    /// on a narrow terminal the others shrink toward their `minimum`, the flexible one first; with room
    /// to spare, each column whose words are cut grows toward its `maximum` in turn, and what is left
    /// goes to the flexible columns. Whatever is still cut ends with "…" when drawn.
    public static func fitted(_ columns: [TableColumn], rows: [[Span]], total: Int) -> [Int] {
        let room = total - max(0, columns.count - 1)
        var natural = columns.map { DisplayWidth.of($0.title) }
        var widest = Array(repeating: 1, count: columns.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < columns.count {
                let width = DisplayWidth.of(TerminalSafe.singleLine(cell.text))
                natural[index] = max(natural[index], width)
                widest[index] = max(widest[index], width)
            }
        }
        let floors = columns.indices.map { columns[$0].keepWhole ? widest[$0] : min(columns[$0].minimum, natural[$0]) }
        var widths = columns.indices.map { columns[$0].keepWhole ? max(widest[$0], min(columns[$0].width, natural[$0])) : columns[$0].width }
        // Too wide: take a column at a time from the one with the most to give, the flexible first.
        var over = widths.reduce(0, +) - room
        while over > 0 {
            let slack = columns.indices.map { widths[$0] - floors[$0] }
            let flexible = columns.indices.filter { columns[$0].flexible && slack[$0] > 0 }
            let candidates = flexible.isEmpty ? columns.indices.filter { slack[$0] > 0 } : flexible
            guard let index = candidates.max(by: { slack[$0] < slack[$1] }) else { break }
            widths[index] -= 1
            over -= 1
        }
        // Room to spare: words that are cut first, a column at a time, then the flexible columns.
        var spare = room - widths.reduce(0, +)
        while spare > 0 {
            let wanting = columns.indices.filter { widths[$0] < min(natural[$0], columns[$0].maximum) && !columns[$0].flexible }
            guard !wanting.isEmpty else { break }
            for index in wanting where spare > 0 {
                widths[index] += 1
                spare -= 1
            }
        }
        let flexible = columns.indices.filter { columns[$0].flexible }
        var remaining = flexible.count
        for index in flexible where spare > 0 {
            let share = spare / remaining
            widths[index] += share
            spare -= share
            remaining -= 1
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
