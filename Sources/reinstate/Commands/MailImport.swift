import ArgumentParser
import Foundation
import ReinstateApp
import ReinstateCore
import ReinstateStore

extension MailCommand {
    struct Import: AsyncParsableCommand {
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

        func run() async throws {
            try await reporting {
                // A dry run on a local store that does not exist yet routes against an empty one, in memory.
                if dryRun, !PostgresAddress.isURL(options.path), !options.exists {
                    try await importAll(into: try CaseStore())
                } else {
                    try await options.withStore(readOnly: dryRun, creating: !dryRun, writing: !dryRun) { try await importAll(into: $0) }
                }
            }
        }

        func importAll(into store: any StoreContract) async throws {
            let intake = try await MailIntake(store: store, dryRun: dryRun, now: try Clock.now())
            let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
            // Written as the messages are read, so memory does not grow with the mailbox.
            var printer = OutcomePrinter(json: json)
            var failures = 0
            for path in paths {
                do {
                    try await intake.importMailbox(path, notice: { line in
                        progress.clear()
                        printError("note: " + line)
                    }) { outcome in
                        if outcome.result == .failed {
                            failures += 1
                            progress.clear()
                            printError(outcome.subject.isEmpty && outcome.date == nil
                                ? outcome.why : "\(outcome.origin): \(outcome.why)")
                        }
                        printer.add(outcome)
                        progress.show(printer.tally.total, path: path)
                    }
                } catch {
                    failures += 1
                    progress.clear()
                    printError("\(error)")
                }
            }
            progress.clear()
            try printer.finish()
            printError(Self.summary(printer.tally, dryRun: dryRun))
            if failures > 0 { throw ExitCode(ExitStatus.failure) }
        }

        /// "12 messages: 7 added to existing cases, 2 opened new cases, 1 held, …"
        static func summary(_ tally: OutcomeTally, dryRun: Bool) -> String {
            func n(_ r: MailOutcome.Result) -> Int { tally.counts[r] ?? 0 }
            var parts = ["\(n(.added)) added to existing cases", "\(n(.newCase)) opened new cases", "\(n(.held)) held",
                         "\(n(.duplicate)) already imported", "\(n(.notFromAmazon)) not from Amazon"]
            if n(.failed) > 0 { parts.append("\(n(.failed)) could not be read or stored") }
            let held = n(.held) > 0 && !dryRun ? " See them with: reinstate mail held" : ""
            return (dryRun ? "dry run, nothing was written: " : "")
                + "\(tally.messages) message\(tally.messages == 1 ? "" : "s"): " + parts.joined(separator: ", ") + "." + held
        }
    }
}

/// How many outcomes of each kind an import had, and how many were messages (not unreadable parts).
struct OutcomeTally {
    var counts: [MailOutcome.Result: Int] = [:]
    var messages = 0
    var total = 0

    mutating func add(_ o: MailOutcome) {
        counts[o.result, default: 0] += 1
        total += 1
        if o.result != .failed || !o.subject.isEmpty || o.date != nil { messages += 1 }
    }
}

/// Prints an import's outcomes as they come: the JSON array element by element (the same bytes as the
/// whole array encoded at once), or the table, whose columns are fitted to its first rows (a mailbox's
/// later rows keep those widths rather than being held in memory to measure them).
struct OutcomePrinter {
    static let measuredRows = 500
    let json: Bool
    private(set) var tally = OutcomeTally()
    private var pending: [[String]] = [["DATE", "SUBJECT", "WHAT HAPPENED", "WHY"]]
    private var columns: [Int]? = nil
    private var first = true

    init(json: Bool) { self.json = json }

    mutating func add(_ o: MailOutcome) {
        tally.add(o)
        if json {
            write((first ? "[\n" : ",\n") + Self.element(o))
            first = false
            return
        }
        guard o.result != .failed else { return }
        let row = [
            o.date.map { Timestamp.local($0) } ?? "-", TerminalSafe.singleLine(String(o.subject.prefix(60))), o.summary,
            TerminalSafe.singleLine(o.why),
        ]
        if let columns {
            var out: [UInt8] = []
            TextTable.appendLine(row, columns: columns, to: &out)
            Output.write(Data(out))
        } else {
            pending.append(row)
            if pending.count > Self.measuredRows { flushMeasured() }
        }
    }

    mutating func finish() throws {
        if json {
            write(first ? "[\n\n]\n" : "\n]\n")
        } else if columns == nil, pending.count > 1 {
            flushMeasured()
        }
    }

    private mutating func flushMeasured() {
        var widths: [Int] = []
        for row in pending { TextTable.measure(row, into: &widths) }
        Output.write(Data(TextTable.bytes(pending)))
        columns = widths
        pending = []
    }

    /// One outcome as the pretty-printed array holds it: its object indented by two spaces.
    static func element(_ o: MailOutcome) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = JSONSafety.escapingControls((try? encoder.encode(o)) ?? Data("{}".utf8))
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { "  " + $0 }.joined(separator: "\n")
    }

    private func write(_ text: String) { Output.write(Data(text.utf8)) }
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
