/// Columns of text padded to the widest cell by display width (wide characters count as two), two
/// spaces apart. The command line's tables and the check report share it.
public enum TextTable {
    /// One line a row.
    public static func align(_ rows: [[String]]) -> [String] {
        let widths = measure(rows)
        return zip(rows, widths.cells).map { row, rowWidths in
            var line = ""
            append(row, widths: rowWidths, columns: widths.columns, to: &line)
            return line
        }
    }

    /// The whole table as UTF-8 bytes, ready to write: `due` prints thousands of rows, and copying
    /// each cell's bytes into one buffer costs a fraction of appending strings line by line.
    public static func bytes(_ rows: [[String]]) -> [UInt8] {
        let rows = rows.map { $0.map(TerminalSafe.singleLine) }
        let widths = measure(rows)
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * (widths.columns.reduce(0, +) + 2 * widths.columns.count + 1) * 2)
        for (row, rowWidths) in zip(rows, widths.cells) {
            appendLine(row, widths: rowWidths, columns: widths.columns, to: &out)
        }
        return out
    }

    /// Widens `columns` to fit `row`: tables too long to hold (`case list` on 100,000 cases) are
    /// measured a row at a time, then printed a row at a time with `appendLine`.
    public static func measure(_ row: [String], into columns: inout [Int]) {
        if columns.count < row.count { columns += Array(repeating: 0, count: row.count - columns.count) }
        for (i, cell) in row.enumerated() { columns[i] = max(columns[i], DisplayWidth.of(TerminalSafe.singleLine(cell))) }
    }

    /// One row padded to the measured `columns`, and its newline.
    /// Every cell is printed as `TerminalSafe.singleLine` makes it: no cell can drive the terminal.
    public static func appendLine(_ row: [String], columns: [Int], to out: inout [UInt8]) {
        let row = row.map(TerminalSafe.singleLine)
        appendLine(row, widths: row.map(DisplayWidth.of), columns: columns, to: &out)
    }

    static func appendLine(_ row: [String], widths: [Int], columns: [Int], to out: inout [UInt8]) {
        for (i, cell) in row.enumerated() {
            out.append(contentsOf: cell.utf8)
            if i < row.count - 1 {
                out.append(contentsOf: repeatElement(0x20, count: max(1, columns[i] - widths[i] + 2)))
            }
        }
        out.append(0x0A)
    }

    static func measure(_ rows: [[String]]) -> (cells: [[Int]], columns: [Int]) {
        let cells = rows.map { $0.map(DisplayWidth.of) }
        var columns = Array(repeating: 0, count: rows.map(\.count).max() ?? 0)
        for row in cells { for (i, w) in row.enumerated() { columns[i] = max(columns[i], w) } }
        return (cells, columns)
    }

    static func append(_ row: [String], widths: [Int], columns: [Int], to out: inout String) {
        for (i, cell) in row.enumerated() {
            out.append(cell)
            if i < row.count - 1 {
                var pad = columns[i] - widths[i] + 2
                while pad > 0 {
                    let n = min(pad, pads.count - 1)
                    out.append(pads[n])
                    pad -= n
                }
            }
        }
    }

    /// Runs of 0 to 64 spaces, made once.
    static let pads = (0...64).map { String(repeating: " ", count: $0) }
}
