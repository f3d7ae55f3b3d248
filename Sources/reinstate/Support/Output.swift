import Foundation
import ReinstateApp
import ReinstateCore

/// The one way every command writes text: lines, tables and JSON on standard output, errors and notes
/// on standard error (`printError`). Everything goes through `TerminalSafe` (text) or `JSONSafety`
/// (JSON), so nothing from a message, a plan, a name, a path or an environment variable can drive the
/// terminal. Only `message show --raw` and exports (whose renderers make their text safe) write bytes
/// as they are.
enum Output {
    static func line(_ text: String = "") {
        write(Data((TerminalSafe.clean(text) + "\n").utf8))
    }

    /// Many lines in one write.
    static func lines(_ lines: [String]) {
        var text = TerminalSafe.clean(lines.joined(separator: "\n"))
        text.append("\n")
        Output.write(Data(text.utf8))
    }

    /// Lines whose text was cleaned piece by piece and then given colours by Reinstate itself.
    static func painted(_ lines: [String]) {
        var text = lines.joined(separator: "\n")
        text.append("\n")
        Output.write(Data(text.utf8))
    }

    static func safe(_ text: String) -> String { TerminalSafe.clean(text) }

    /// Writes bytes to standard output. A reader that has gone (`reinstate case list | head -1`) ends the
    /// process quietly with status 0, as `head` asked, instead of a crash: SIGPIPE is ignored in this
    /// process (the server connections need it so), so the write fails with EPIPE instead.
    static func write(_ data: Data) {
        let failed = data.withUnsafeBytes { writeAll($0, to: STDOUT_FILENO) }
        guard let failed else { return }
        if failed == EPIPE { exit(0) }
        printError("Cannot write to standard output: \(String(cString: strerror(failed))).")
        exit(2)
    }

    /// Pretty, key-sorted JSON with a final newline.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = JSONSafety.escapingControls(try encoder.encode(value))
        data.append(0x0A)
        Output.write(data)
    }

    /// Columns padded to the widest cell, by display width (wide characters count as two), in one write.
    static func table(_ rows: [[String]]) {
        Output.write(Data(TextTable.bytes(rows)))
    }
}
