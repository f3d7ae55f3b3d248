import Foundation
import ReinstateApp
import ReinstateCore

/// Reads what the seller hands in (a saved e-mail, a pasted plan), refusing what cannot be meant.
enum InputFile {
    /// Larger than any real message or plan; a bigger file is almost certainly the wrong file.
    static let limit = StoreCaseBook.messageLimit

    /// Reads `path`, or standard input for "-".
    static func read(_ path: String, what: String) throws -> Data {
        let data: Data
        if path == "-" {
            data = try readStandardInput()
        } else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw CLIError("\(path) is a folder; give the \(what) file inside it.")
            }
            // Only a regular file: a FIFO, a device (/dev/zero) or a socket would hang or never end.
            let fd = try RegularFile.open(path, what: "\(what) file")
            defer { close(fd) }
            let size = Int(RegularFile.size(fd))
            if size > limit { throw tooLarge(path, size) }
            data = try RegularFile.read(fd, upTo: limit + 1)
        }
        if data.count > limit { throw tooLarge(path == "-" ? "standard input" : path, data.count) }
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw CLIError("\(path == "-" ? "standard input" : path) is empty; nothing was stored.")
        }
        return data
    }

    static func readStandardInput() throws -> Data {
        var data = Data()
        while true {
            let chunk = FileHandle.standardInput.readData(ofLength: 1 << 16)
            if chunk.isEmpty { break }
            data.append(chunk)
            if data.count > limit { break }
        }
        return data
    }

    static func tooLarge(_ path: String, _ size: Int) -> CLIError {
        CLIError("\(path) is \(size / 1_048_576) MB; Reinstate reads messages and plans up to \(limit / 1_048_576) MB. Is it the right file?")
    }

    /// Text for a plan: UTF-8, with invalid bytes refused so a plan is never stored garbled.
    static func text(_ data: Data, path: String) throws -> String {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CLIError("\(path) is not UTF-8 text. Save it as UTF-8 (most editors offer this under \"Save as\") and try again.")
        }
        if text.contains("\u{0}") { throw CLIError("\(path) holds binary data (NUL bytes); is it the right file?") }
        return text
    }
}
