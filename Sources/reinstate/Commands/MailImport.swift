import ArgumentParser
import Foundation
import ReinstateApp
import ReinstateCore
import ReinstateStore

extension MailCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "File every message from Amazon in mailboxes into its case.",
            discussion: """
                PATH is an mbox file (Thunderbird, Google Takeout), a Maildir folder (mbsync, offlineimap, \
                fetchmail: cur and new are read, tmp is not) or a folder of .eml files. A message goes into \
                the case its thread, order id or Amazon reference number points to, or into the only open \
                case of the account it names that fits its ASIN, reason or marketplace; a notice that fits no \
                open case opens one. Anything else from Amazon is held (see `mail held`), never guessed. Mail \
                from other domains is skipped; mail from an Amazon domain that fails the receiving server's \
                DKIM/SPF check is held with a warning. Each message is stored in its own transaction, and a \
                message imported before (same Message-ID, or same bytes) is not added again, so an import \
                that stopped is completed by running it again. Exit status 2 when a part of a mailbox could \
                not be read (each such part is one line on stderr; the rest is imported).
                """)

        @OptionGroup var options: StoreOptions
        @Flag(help: "Show what would happen; write nothing.") var dryRun = false
        @Flag(help: "Print the outcomes as a JSON array.") var json = false
        @Argument(help: "Mailboxes: mbox files, Maildir folders or folders of .eml files.") var paths: [String]

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Give at least one mailbox.") }
        }

        func run() throws {
            try reporting {
                // A dry run on a store that does not exist yet routes against an empty one, in memory.
                let store = dryRun && !options.exists ? try CaseStore() : try options.open(readOnly: dryRun, creating: !dryRun)
                let intake = try MailIntake(store: store, dryRun: dryRun, now: try Clock.now())
                let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
                var outcomes: [MailOutcome] = []
                var failures = 0
                for path in paths {
                    do {
                        try intake.importMailbox(path) { outcome in
                            if outcome.result == .failed {
                                failures += 1
                                progress.clear()
                                printError(outcome.subject.isEmpty && outcome.date == nil
                                    ? outcome.why : "\(outcome.origin): \(outcome.why)")
                            }
                            outcomes.append(outcome)
                            progress.show(outcomes.count, path: path)
                        }
                    } catch {
                        failures += 1
                        progress.clear()
                        printError("\(error)")
                    }
                }
                progress.clear()
                if json {
                    try Output.json(outcomes)
                } else {
                    var rows = [["DATE", "SUBJECT", "WHAT HAPPENED", "WHY"]]
                    for o in outcomes where o.result != .failed {
                        rows.append([
                            o.date.map { Timestamp.local($0) } ?? "-", TerminalSafe.singleLine(String(o.subject.prefix(60))),
                            o.summary, TerminalSafe.singleLine(o.why),
                        ])
                    }
                    if rows.count > 1 { Output.table(rows) }
                }
                printError(Self.summary(outcomes, dryRun: dryRun))
                if failures > 0 { throw ExitCode(ExitStatus.failure) }
            }
        }

        /// "12 messages: 7 added, 2 new cases, 1 held, 1 duplicate, 1 not from Amazon."
        static func summary(_ outcomes: [MailOutcome], dryRun: Bool) -> String {
            let messages = outcomes.filter { $0.result != .failed || !$0.subject.isEmpty || $0.date != nil }
            func n(_ r: MailOutcome.Result) -> Int { outcomes.filter { $0.result == r }.count }
            var parts = ["\(n(.added)) added to existing cases", "\(n(.newCase)) opened new cases", "\(n(.held)) held",
                         "\(n(.duplicate)) already imported", "\(n(.notFromAmazon)) not from Amazon"]
            if n(.failed) > 0 { parts.append("\(n(.failed)) could not be read or stored") }
            let held = n(.held) > 0 && !dryRun ? " See them with: reinstate mail held" : ""
            return (dryRun ? "dry run, nothing was written: " : "")
                + "\(messages.count) message\(messages.count == 1 ? "" : "s"): " + parts.joined(separator: ", ") + "." + held
        }
    }
}

/// A line on stderr that says how far an import is, redrawn in place; only on a terminal.
final class ProgressLine {
    let enabled: Bool
    private var last = Date.distantPast
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ count: Int, path: String) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        shown = true
        FileHandle.standardError.write(Data("\r\u{1B}[K\(count) messages read from \(TerminalSafe.singleLine((path as NSString).lastPathComponent))…".utf8))
    }

    func clear() {
        guard enabled, shown else { return }
        shown = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
