import Foundation
import ReinstateCore

/// Who a change is recorded as made by. The configuration file's `author = Name` wins; then
/// `REINSTATE_AUTHOR` (for tests and scripts, as `REINSTATE_NOW` pins the clock); then, on the local
/// store, the login name. On a team store without either, nil: the server records its own
/// `current_user` (the role it authenticated), which no client can claim to be someone else.
public enum Author {
    /// The author to pass to a store: `configured` (the configuration file's `author`), else
    /// `REINSTATE_AUTHOR` in `environment`, else the login name when `loginNameFallback` (the local
    /// store), else nil. Blank values count as unset; the name is kept to one line of 200 characters.
    public static func resolve(configured: String?, environment: [String: String], loginNameFallback: Bool) -> String? {
        for candidate in [configured, environment["REINSTATE_AUTHOR"]] {
            if let name = clean(candidate) { return name }
        }
        return loginNameFallback ? clean(loginName(environment: environment)) : nil
    }

    /// The operating system's name for this user (getpwuid), else `$USER`.
    public static func loginName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return environment["USER"]
    }

    /// A name as recorded: trimmed, on one line, at most 200 characters; nil when nothing is left.
    public static func clean(_ name: String?) -> String? {
        guard let name else { return nil }
        let line = name.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return line.isEmpty ? nil : String(line.prefix(200))
    }

    /// An author read from a document, checked as an import checks everything: one line of at most 200
    /// characters, as `clean` keeps it; nil stays nil.
    public static func checked(_ name: String?, caseID: Int64) throws -> String? {
        guard let name else { return nil }
        guard clean(name) == name else {
            throw StoreError.badDocument(
                "case \(caseID): the author \"\(TerminalSafe.singleLine(String(name.prefix(40))))\" is empty, "
                    + "longer than 200 characters, or not one line")
        }
        return name
    }
}
