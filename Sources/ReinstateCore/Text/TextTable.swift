/// Columns of text padded to the widest cell by display width (wide characters count as two), two
/// spaces apart. The command line's tables and the check report share it.
public enum TextTable {
    public static func align(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        let cellWidths = rows.map { $0.map(DisplayWidth.of) }
        var widths = Array(repeating: 0, count: columns)
        for row in cellWidths { for (i, w) in row.enumerated() { widths[i] = max(widths[i], w) } }
        return zip(rows, cellWidths).map { row, rowWidths in
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - rowWidths[i] + 2) }
            }
            return line
        }
    }
}
