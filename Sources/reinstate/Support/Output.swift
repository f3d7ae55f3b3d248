import Foundation
import ReinstateCore

/// Writes to standard output. Text that came from outside (messages, plans, names) goes through
/// `TerminalSafe` first so it cannot drive the terminal.
enum Output {
    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Many lines in one write.
    static func lines(_ lines: [String]) {
        var text = lines.joined(separator: "\n")
        text.append("\n")
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func safe(_ text: String) -> String { TerminalSafe.clean(text) }

    /// Pretty, key-sorted JSON with a final newline.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }

    /// Columns padded to the widest cell, by display width (wide characters count as two).
    static func table(_ rows: [[String]]) -> [String] {
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
