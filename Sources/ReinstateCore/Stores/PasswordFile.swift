import Foundation

/// libpq's password file (`~/.pgpass`): lines of `host:port:database:user:password`, `*` matching
/// anything, `\:` and `\\` standing for a colon and a backslash, `#` starting a comment line. The first
/// line that matches gives the password. A file that its group or others can read is ignored, with a
/// warning, as libpq does: a password file is only trusted when it is private.
public enum PasswordFile {
    /// The password for `address` from the file at `path`, and what the seller should know about the file.
    public static func lookup(path: String, address: PostgresAddress) -> (password: String?, warnings: [String]) {
        var st = stat()
        guard stat(path, &st) == 0 else { return (nil, []) }  // no file: nothing to say
        guard st.st_mode & S_IFMT == S_IFREG else {
            return (nil, ["the password file \(path) is not a plain file; it was ignored"])
        }
        if st.st_mode & 0o077 != 0 {
            return (
                nil,
                [
                    "the password file \(path) can be read by other users (mode \(String(st.st_mode & 0o777, radix: 8))); "
                        + "it was ignored: run chmod 600 \(path)"
                ]
            )
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return (nil, ["the password file \(path) cannot be read as UTF-8 text; it was ignored"])
        }
        return (password(in: text, for: address), [])
    }

    /// The first matching line's password in the text of a password file.
    public static func password(in text: String, for address: PostgresAddress) -> String? {
        // A socket connection matches "localhost" (libpq's rule for its default socket folder) or the folder.
        let hosts = address.isUnixSocket ? ["localhost", address.host] : [address.host]
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix("#") { continue }
            let fields = split(line)
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ values: [String]) -> Bool { field == "*" || values.contains(field) }
            if matches(fields[0], hosts), matches(fields[1], [String(address.port)]),
                matches(fields[2], [address.database]), matches(fields[3], [address.user])
            {
                return fields[4]
            }
        }
        return nil
    }

    /// A line cut at its unescaped colons, escapes removed. The password field takes the rest of the line
    /// (as libpq does, an unescaped colon in it is kept).
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
