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

    /// Columns padded to the widest cell, by display width (wide characters count as two), in one write.
    static func table(_ rows: [[String]]) {
        FileHandle.standardOutput.write(Data(TextTable.bytes(rows)))
    }
}
