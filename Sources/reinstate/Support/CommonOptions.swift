import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore
import ReinstateUI

/// `--store`, shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The case store file, or a postgresql:// URL of a team store (see `reinstate store --help`).",
            discussion: "Default: $REINSTATE_STORE, else store = … in the configuration file, else $XDG_DATA_HOME/reinstate/cases.sqlite (~/.local/share/reinstate/cases.sqlite).",
            valueName: "path"))
    var store: String?

    var path: String {
        StoreLocation.resolve(option: store, environment: ProcessInfo.processInfo.environment, configured: Self.configuredStore)
    }

    /// `store = …` in the configuration file, read once (its other settings are the tracker's).
    static let configuredStore: String? = {
        let path = UIConfig.path(environment: ProcessInfo.processInfo.environment)
        guard FileManager.default.fileExists(atPath: path), let text = Reinstate.configText(path).text else { return nil }
        guard let store = UIConfig.parse(text).store else { return nil }
        // No shell reads the file: "~/" is the home folder here, as a seller writing it means.
        if store.hasPrefix("~/") { return NSHomeDirectory() + store.dropFirst(1) }
        return store
    }()

    /// `author = …` in the configuration file, read once.
    static let configuredAuthor: String? = {
        let path = UIConfig.path(environment: ProcessInfo.processInfo.environment)
        guard FileManager.default.fileExists(atPath: path), let text = Reinstate.configText(path).text else { return nil }
        return UIConfig.parse(text).author
    }()

    /// Who this command's changes are recorded as made by (`Author.resolve`): `author = …` in the
    /// configuration file, else $REINSTATE_AUTHOR, else on the local store the login name; nil on a team
    /// store, whose server then records its `current_user`.
    var author: String? {
        Author.resolve(
            configured: Self.configuredAuthor, environment: ProcessInfo.processInfo.environment,
            loginNameFallback: !PostgresAddress.isURL(path))
    }

    /// The store's path was not given (--store, $REINSTATE_STORE): the default location in the data folder.
    var isDefaultLocation: Bool {
        (store ?? "").isEmpty && (ProcessInfo.processInfo.environment["REINSTATE_STORE"] ?? "").isEmpty
            && (Self.configuredStore ?? "").isEmpty
    }

    /// Whether a store exists at the path (a file of any kind: what is there is checked when opened).
    var exists: Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    static func missing(_ path: String) -> CLIError {
        CLIError(
            "There is no case store at \(path); nothing was created. Check --store (or $REINSTATE_STORE); "
                + "`reinstate case new` or `reinstate demo` makes a new store.")
    }

    /// `--read-only` given anywhere on the command line. It belongs to the top command, and
    /// swift-argument-parser also accepts it after a subcommand (`reinstate export --all --read-only`)
    /// without telling the subcommand; `Reinstate.validate()` records it here so every command honours
    /// it instead of silently ignoring it.
    nonisolated(unsafe) static var readOnlyRequested = false

    /// Opens the store, telling the seller about loose permissions. Read-only when asked by the command
    /// or by `--read-only`: nothing is created, upgraded or changed, and a write fails with words.
    ///
    /// Only commands that add something pass `creating`: any other command refuses a store that does
    /// not exist (a mistyped --store, an unmounted disk) instead of making an empty one and reporting on
    /// it. Only the default location's folders are made on their own, never those of --store or
    /// $REINSTATE_STORE.
    func open(readOnly: Bool = false, creating: Bool = false) throws -> CaseStore {
        let path = path
        if !creating, !exists {
            throw Self.missing(path)
        }
        let store = try CaseStore(
            path: path, readOnly: readOnly || Self.readOnlyRequested, createFolders: isDefaultLocation, author: author)
        for warning in store.warnings { printError("warning: " + warning) }
        return store
    }
}

/// "Now" for every command: the clock, or `REINSTATE_NOW` (ISO 8601) for tests and reproducible demos.
enum Clock {
    static func now() throws -> Date {
        try pinned() ?? Timestamp.wholeSeconds(Date())
    }

    /// The instant `REINSTATE_NOW` pins, if it is set.
    static func pinned() throws -> Date? {
        guard let pinned = ProcessInfo.processInfo.environment["REINSTATE_NOW"], !pinned.isEmpty else { return nil }
        guard let date = Timestamp.parse(pinned), Timestamp.inRange(date) else {
            throw CLIError("REINSTATE_NOW=\(TerminalSafe.singleLine(pinned)) is not an ISO 8601 date or date-time (like 2026-11-22T09:00:00Z).")
        }
        return date
    }
}

/// Parses a date given on the command line.
func parseDate(_ text: String, option: String) throws -> Date {
    guard let date = Timestamp.parse(text) else {
        throw CLIError("\(option) \(TerminalSafe.singleLine(text)) is not an ISO 8601 date or date-time (like 2026-11-22 or 2026-11-22T09:30).")
    }
    guard Timestamp.inRange(date) else { throw CLIError("\(option) \(text) is outside the years 1900 to 9999.") }
    return date
}

extension CaseStatus: ExpressibleByArgument {
    /// The name commands take (`more-information-requested`), or the words shown on screen
    /// (`"more info requested"`, also with hyphens): one status, whichever wording the seller saw.
    public init?(argument: String) {
        let a = argument.lowercased().trimmingCharacters(in: .whitespaces)
        let hyphens = a.replacingOccurrences(of: " ", with: "-")
        guard let status = CaseStatus(rawValue: hyphens)
            ?? CaseStatus.allCases.first(where: { $0.label.replacingOccurrences(of: " ", with: "-") == hyphens })
        else { return nil }
        self = status
    }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension SuspensionReason: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension MessageKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension CaseSort: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension StatusFilter: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "all": self = .all
        case "unfinished": self = .unfinished
        default:
            guard let status = CaseStatus(argument: argument) else { return nil }
            self = .only(status)
        }
    }

    public static var allValueStrings: [String] { ["all", "unfinished"] + CaseStatus.allValueStrings }
}

extension Aspect: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
