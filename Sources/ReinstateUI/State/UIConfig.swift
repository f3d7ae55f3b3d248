import Foundation
import ReinstateCore

/// The optional configuration file `$XDG_CONFIG_HOME/reinstate/config` (`~/.config/reinstate/config`):
///
///     # Reinstate's tracker
///     warn-days = 5                 # warn about deadlines this many days ahead (default 3)
///     color = never                 # or auto (default): never is the same as NO_COLOR
///     key.move-down = j, Down, n    # a command's keys, by the names `?` shows (C-d, PgDn, Space …)
///     store = postgresql://alice@db.example.com/reinstate   # the store every command uses by default
///     author = Dana Kim             # who your changes are recorded as made by (default: the login name,
///                                   # on a team store the database role)
///
/// A mistake never stops the tracker: each bad line is reported and skipped.
public struct UIConfig: Equatable, Sendable {
    public var warnDays: Double?
    public var noColor: Bool?
    /// The store to use when neither --store nor $REINSTATE_STORE names one: a file or a postgresql:// URL.
    public var store: String?
    /// Who the changes made here are recorded as made by (notes, statuses, marks, plans, messages).
    public var author: String?
    public var keys: [(command: Command, keys: [Key])]
    /// "line 3: …" for every line that was not understood.
    public var problems: [String]

    public init() {
        warnDays = nil
        noColor = nil
        store = nil
        keys = []
        problems = []
    }

    public static func == (a: UIConfig, b: UIConfig) -> Bool {
        a.warnDays == b.warnDays && a.noColor == b.noColor && a.store == b.store && a.author == b.author
            && a.problems == b.problems
            && a.keys.map(\.command) == b.keys.map(\.command) && a.keys.map(\.keys) == b.keys.map(\.keys)
    }

    /// Where the file is, by the XDG rules.
    public static func path(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/reinstate/config" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/reinstate/config"
    }

    /// Reads the file's text.
    public static func parse(_ text: String) -> UIConfig {
        var config = UIConfig()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let problem = { (why: String) in config.problems.append("line \(index + 1): \(why)") }
            guard let equals = trimmed.firstIndex(of: "=") else {
                problem("expected name = value")
                continue
            }
            let name = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "warn-days":
                if let days = Double(value), days >= 0, days <= Timestamp.maxDays { config.warnDays = days } else { problem("warn-days takes a number of days") }
            case "color", "colour":
                switch value.lowercased() {
                case "never", "no", "off": config.noColor = true
                case "auto", "yes", "on": config.noColor = false
                default: problem("color is auto or never")
                }
            case "author":
                if value.isEmpty || value.count > 200 { problem("author takes a name (up to 200 characters)") } else { config.author = value }
            case "store":
                if value.isEmpty { problem("store takes a file or a postgresql:// URL") } else { config.store = value }
            case _ where name.hasPrefix("key."):
                guard let command = Command(rawValue: String(name.dropFirst(4))) else {
                    problem("no command called \(name.dropFirst(4)) (see ? in the tracker)")
                    continue
                }
                let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let keys = names.compactMap(Key.init(name:))
                if keys.isEmpty || keys.count != names.count {
                    problem("unknown key in \(value)")
                    continue
                }
                if let taken = keys.first(where: { Self.terminalKeys.contains($0) }) {
                    problem("\(taken.name) never reaches Reinstate (the terminal keeps it for \(Self.terminalKeyUse[taken] ?? "itself")); pick another key")
                    continue
                }
                config.keys.append((command, keys))
            default:
                problem("unknown setting \(name)")
            }
        }
        return config
    }

    /// Keys the terminal keeps for itself: binding one would leave the command (quit!) unreachable.
    static let terminalKeyUse: [Key: String] = [
        .control("q"): "flow control", .control("s"): "flow control", .control("c"): "interrupting",
        .control("z"): "suspending", .control("m"): "Enter", .control("i"): "Tab", .control("j"): "Enter",
        .control("h"): "Backspace",
    ]
    static let terminalKeys = Set(terminalKeyUse.keys)

    /// The options with this file's settings applied.
    public func applied(to options: UIOptions) -> UIOptions {
        var options = options
        if let warnDays { options.warningWindow = warnDays * 86_400 }
        if let noColor, noColor { options.noColor = true }
        for (command, keys) in keys { options.keys = options.keys.rebinding(command, to: keys) }
        return options
    }
}
