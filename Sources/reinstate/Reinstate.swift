import ArgumentParser
import CursesTerminal
import ReinstateApp
import Foundation
import ReinstateCore
import ReinstatePostgres
import ReinstateUI

@main
struct Reinstate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reinstate",
        abstract: "Track Amazon account and listing suspensions: notices, Plans of Action, requested details, deadlines.",
        discussion: """
            Without a command, opens the full-screen case tracker (press ? inside it for every key). \
            Every command takes --store PATH (default: $REINSTATE_STORE, else store = … in \
            ~/.config/reinstate/config, else ~/.local/share/reinstate/cases.sqlite); a postgresql:// URL names a team store, on \
            which every command and the tracker work as on a file (a colleague's change shows within a second; a lost \
            connection is said and tried again; see reinstate store --help). Dates are ISO 8601 (2026-11-22 or 2026-11-22T09:30); \
            REINSTATE_NOW pins "now" for tests and reproducible demos. Changes are recorded as made by author = … \
            in the configuration file, else $REINSTATE_AUTHOR (for tests and scripts), else your login name (on a \
            team store, the database role). NO_COLOR turns colours off.
            """,
        subcommands: [
            CaseCommand.self, MessageCommand.self, MailCommand.self, PoaCommand.self, RequestCommand.self, NoteCommand.self,
            EvidenceCommand.self, Due.self, Parse.self, Export.self, Import.self, Backup.self, Restore.self, Demo.self,
            Check.self, StoreCommand.self, TeamCommand.self, VersionCommand.self,
        ]
    )

    /// A file-size limit (`ulimit -f`) must give an error, not a dead process: by default SIGXFSZ kills a
    /// process whose write passes the limit, mid-transaction. Ignored, the write fails with EFBIG, SQLite
    /// rolls the transaction back, and the command says what happened.
    /// Async, so the PostgreSQL commands (`store init`, `store copy`) can await the server; every other
    /// command still runs synchronously.
    static func main() async {
        signal(SIGXFSZ, SIG_IGN)
        // `--version` alone: not as an argument-parser flag, which would take every subcommand's own
        // `--version N` (request answer, check) for itself.
        if CommandLine.arguments.dropFirst().first == "--version" {
            print(VersionCommand.text)
            return
        }
        await main(nil)
    }

    @OptionGroup var options: StoreOptions
    @Flag(help: "Look, don't touch: every editing key is off. With a command: the store is opened read-only (not created, upgraded or changed).") var readOnly = false
    @Option(help: "At launch, warn about deadlines this many days ahead (default 3, or warn-days in the config file).")
    var warnDays: Double?

    /// The configuration file's text, or nil (said once) when it is not a small UTF-8 text file: a binary
    /// file is not dumped to the terminal line by line, and a FIFO or a device is not waited on.
    static func configText(_ path: String) -> (text: String?, problem: String?) {
        do {
            let data = try RegularFile.head(path, count: 64 * 1024 + 1, what: "configuration file")
            guard data.count <= 64 * 1024, !data.contains(0), let text = String(validating: data, as: UTF8.self) else {
                return (nil, "\(path) is not a short UTF-8 text file; it was ignored.")
            }
            return (text, nil)
        } catch {
            return (nil, "\(error) It was ignored.")
        }
    }

    func validate() throws {
        // Runs for every command (the top command's options are parsed whatever the subcommand).
        StoreOptions.readOnlyRequested = readOnly
    }

    func run() throws {
        try reporting {
            if let warnDays, !(warnDays >= 0 && warnDays <= Timestamp.maxDays) {
                throw CLIError("--warn-days must be from 0 to \(Int(Timestamp.maxDays)) days.")
            }
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw CLIError("The case tracker needs a terminal. For scripts, use the commands: reinstate --help")
            }
            let team = PostgresAddress.isURL(options.path)
            // The default store is made on first use; a --store that names nothing is asked about, so a
            // typo does not silently open an empty tracker. (A team store is made by `store init`.)
            if !team, !options.exists, !options.isDefaultLocation, !readOnly {
                FileHandle.standardError.write(
                    Data("There is no case store at \(TerminalSafe.singleLine(options.path)). Create a new, empty one? [y/N] ".utf8))
                let answer = (readLine(strippingNewline: true) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
                guard answer == "y" || answer == "yes" else { throw StoreOptions.missing(options.path) }
            }
            // A team store: connected (and made read-only on the server with --read-only) before the screen
            // opens, so a store that cannot be reached is said on the command line.
            let link = team ? try TeamTracker.open(options.path, readOnly: readOnly) : nil
            defer { if let link { TeamTracker.close(link) } }
            let book = try link.map { StoreCaseBook(team: $0) } ?? StoreCaseBook(store: options.open(readOnly: readOnly, creating: true))
            let pinned = try Clock.pinned()
            // The optional configuration file; a mistake in it is reported, never fatal.
            let environment = ProcessInfo.processInfo.environment
            let configPath = UIConfig.path(environment: environment)
            var uiOptions = UIOptions(readOnly: readOnly)
            if FileManager.default.fileExists(atPath: configPath) {
                let (text, problem) = Self.configText(configPath)
                if let text {
                    let config = UIConfig.parse(text)
                    uiOptions = config.applied(to: uiOptions)
                    // Shown on the first screen (stderr is hidden behind it) and printed again on the way out.
                    uiOptions.startupProblems = config.problems.map { "\(configPath): \($0) (skipped)" }
                }
                if let problem { uiOptions.startupProblems.append(TerminalSafe.singleLine(problem)) }
            }
            if let warnDays { uiOptions.warningWindow = warnDays * 86_400 }
            defer { for problem in uiOptions.startupProblems { printError(problem) } }
            try runCursesApp(
                book: book,
                options: uiOptions,
                clock: { pinned ?? Timestamp.wholeSeconds(Date()) })
        }
    }
}
