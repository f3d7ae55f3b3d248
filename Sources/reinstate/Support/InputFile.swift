import Foundation
import ReinstateApp

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
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError("\(path) does not exist.")
            }
            if isDirectory.boolValue { throw CLIError("\(path) is a folder; give the \(what) file inside it.") }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw CLIError("\(path) cannot be read (check its permissions).")
            }
            defer { try? handle.close() }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size > limit { throw tooLarge(path, size) }
            data = (try? handle.read(upToCount: limit + 1)) ?? Data()
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
