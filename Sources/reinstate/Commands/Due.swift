import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

struct Due: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "List open deadlines that have passed or fall within the window, most urgent first.",
        discussion: """
            Exit status: 0 when nothing is due within the window, 1 when something is, 2 or more on errors, \
            so cron can mail you:  reinstate due || mail -s "Amazon deadlines" you@example.com
            """)

    @OptionGroup var options: StoreOptions
    @Option(help: "The warning window in days (0: only what is overdue).") var within: Double = 3
    @Flag(help: "Print JSON: an array of objects with case, title, account, deadline, overdue, unanswered …")
    var json = false

    func run() async throws {
        var somethingDue = false
        try await reporting {
            guard within >= 0, within <= Timestamp.maxDays else {
                throw CLIError("--within must be from 0 to \(Int(Timestamp.maxDays)) days.")
            }
            let now = try Clock.now()
            let due = try await options.withStore { try await $0.due(now: now, within: within * 86_400) }
            somethingDue = !due.isEmpty
            if json {
                try Output.json(due.map { DueJSON($0, now: now) })
                return
            }
            if due.isEmpty {
                Output.line("Nothing is due in the next \(Self.days(within)).")
                return
            }
            var table = [["CASE", "ACCOUNT", "TITLE", "DEADLINE", "TIME LEFT", "UNANSWERED"]]
            for d in due {
                table.append([
                    String(d.summary.id), DisplayWidth.truncate(Output.safe(d.summary.account), to: 24),
                    DisplayWidth.truncate(Output.safe(d.summary.title), to: 36), Timestamp.local(d.deadline.due),
                    DeadlineRules.countdown(until: d.deadline.due, now: now), String(d.summary.unanswered),
                ])
            }
            Output.table(table)
            let overdue = due.filter { $0.deadline.due < now }.count
            Output.line("\(due.count) deadline\(due.count == 1 ? "" : "s") due within \(Self.days(within)), \(overdue) overdue.")
        }
        if somethingDue { throw ExitCode(ExitStatus.somethingDue) }
    }

    static func days(_ d: Double) -> String {
        d == 1 ? "1 day" : (d == d.rounded() ? "\(Int(d)) days" : "\(d) days")
    }
}

/// One due deadline as JSON.
struct DueJSON: Encodable {
    var `case`: Int64
    var title: String
    var account: String
    var marketplace: String
    var status: String
    var deadline: String
    var overdue: Bool
    var hoursLeft: Int
    var unanswered: Int
    var amount: Int
    var unit: String
    var anchor: String
    var text: String

    init(_ d: DueDeadline, now: Date) {
        `case` = d.summary.id
        title = d.summary.title
        account = d.summary.account
        marketplace = d.summary.marketplace
        status = d.summary.status.rawValue
        deadline = Timestamp.utc(d.deadline.due)
        overdue = d.deadline.due < now
        hoursLeft = Int((d.deadline.due.timeIntervalSince(now) / 3600).rounded(.towardZero))
        unanswered = d.summary.unanswered
        amount = d.deadline.rule.amount
        unit = d.deadline.rule.unit.rawValue
        anchor = d.deadline.rule.anchor.rawValue
        text = d.deadline.rule.text
    }
}
