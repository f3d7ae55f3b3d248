import Foundation

/// A file path as a seller types, pastes or drags it into a prompt: `~/notice.txt`,
/// `'/tmp/my notice.txt'` (a terminal quotes a dragged file), `my\ notice.txt` (a shell-escaped one),
/// `file:///tmp/my%20notice.txt` (a file manager's copy). One reading for every prompt that takes a
/// path, so what works in one works in all.
public enum TypedPath {
    /// The absolute path meant by `typed`; relative paths count from `folder`.
    public static func resolve(_ typed: String, home: String, folder: String) -> String {
        var path = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        if path.count >= 2, let first = path.first, first == "'" || first == "\"", path.last == first {
            path = String(path.dropFirst().dropLast())
        } else if path.contains("\\") {
            path = unescaped(path)
        }
        if path.hasPrefix("file://"), let url = URL(string: path), url.isFileURL {
            path = url.path
        }
        if path == "~" {
            path = home
        } else if path.hasPrefix("~/") {
            path = (home.hasSuffix("/") ? String(home.dropLast()) : home) + String(path.dropFirst())
        }
        if !path.hasPrefix("/") {
            path = (folder.hasSuffix("/") ? folder : folder + "/") + path
        }
        return path
    }

    /// `my\ notice\ \(1\).txt` → `my notice (1).txt`: a backslash keeps the character after it.
    static func unescaped(_ text: String) -> String {
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                out.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        if escaping { out.append("\\") }
        return out
    }
}
