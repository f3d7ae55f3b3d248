import ArgumentParser
import Foundation
import ReinstateApp
import ReinstateCore
import ReinstateStore

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Create, list and show suspension cases, and change their status.",
        subcommands: [New.self, List.self, Show.self, Status.self, Edit.self])
}

extension CaseCommand {
    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Open a new case; prints its id alone on stdout.",
            discussion: "Give --asin once per listing when Amazon removed listings rather than the whole account.")

        @OptionGroup var options: StoreOptions
        @Option(help: "What the case is about, in your words.") var title: String
        @Option(help: "The seller account's name.") var account: String = ""
        @Option(help: "The marketplace, like amazon.com or amazon.de.") var marketplace: String = ""
        @Option(help: "The reason as Amazon names it: \(SuspensionReason.allValueStrings.joined(separator: ", ")).")
        var reason: SuspensionReason = .other
        @Option(name: .customLong("asin"), help: "A suspended listing's ASIN (repeat for several).") var asins: [String] = []
        @Option(help: "When the suspension began (ISO 8601; default now).") var opened: String?

        func run() async throws {
            try await reporting {
                let now = try Clock.now()
                let asins = asins.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
                let c = SuspensionCase(
                    title: title, account: account.trimmingCharacters(in: .whitespaces),
                    marketplace: Marketplace.normalize(marketplace), scope: asins.isEmpty ? .account : .listings(asins),
                    reason: reason, opened: try opened.map { try parseDate($0, option: "--opened") } ?? now)
                let id = try await options.withStore(creating: true, writing: true) { try await $0.createCase(c) }
                Output.line(String(id))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List cases, most urgent first.",
            discussion: "Urgency: overdue first, then the nearest deadline; cases with no open deadline last.")

        @OptionGroup var options: StoreOptions
        @Option(help: "Only cases with this status, or \"unfinished\" for all but reinstated, denied and closed.")
        var status: StatusFilter = .all
        @Option(help: "Only cases whose title, account, marketplace, ASIN or text contains this.") var search: String = ""
        @Option(help: "Order: \(CaseSort.allValueStrings.joined(separator: ", ")).") var sort: CaseSort = .urgency
        @Flag(help: "Print JSON: an array of objects.") var json = false

        func run() async throws {
            try await reporting {
                try await options.withStore { store in
                    let now = try Clock.now()
                    let filter = CaseFilter(text: search, status: status)
                    if json {
                        let rows = try await store.caseSummaries(filter, sort: sort, offset: 0, limit: Int(Int32.max))
                        try Output.json(rows.map(CaseSummaryJSON.init))
                        return
                    }
                    let count: Int
                    if let local = store as? CaseStore {
                        // Two passes over one snapshot, so 100,000 cases never sit in memory at once.
                        count = try local.walkCaseSummaries(filter, sort: sort) { pass in try printTable(pass, now: now) }
                    } else {
                        let rows = try await store.caseSummaries(filter, sort: sort, offset: 0, limit: Int(Int32.max))
                        count = try printTable({ each in for row in rows { try each(row) } }, now: now)
                    }
                    if count == 0 {
                        if filter != CaseFilter() {
                            Output.line(
                                "No case matches; \(try await store.caseCount(CaseFilter())) in all. Try without --search or --status.")
                        } else {
                            Output.line("No cases yet. Add one with: reinstate case new --title \"…\"  (or try: reinstate demo)")
                        }
                        return
                    }
                    Output.line("\(count) case\(count == 1 ? "" : "s")")
                }
            }
        }

        /// The table of cases, whichever store they come from: two passes over the same rows (`pass(each)`
        /// walks them once), the column widths, then the lines, written through the buffered standard
        /// output. Returns how many rows it printed.
        func printTable(_ pass: ((CaseSummary) throws -> Void) throws -> Void, now: Date) throws -> Int {
            let header = ["ID", "ACCOUNT", "MARKET", "TITLE", "STATUS", "NEXT DEADLINE", "OPEN", "APPEALS"]
            func cells(_ r: CaseSummary) -> [String] {
                [
                    String(r.id), DisplayWidth.truncate(Output.safe(r.account), to: 24), r.marketplace,
                    DisplayWidth.truncate(Output.safe(r.title), to: 36), r.status.label,
                    r.nextDeadline.map { DeadlineRules.countdown(until: $0, now: now) } ?? "–",
                    String(r.unanswered), String(r.appealsSubmitted),
                ]
            }
            var columns: [Int] = []
            TextTable.measure(header, into: &columns)
            var count = 0
            try pass { TextTable.measure(cells($0), into: &columns); count += 1 }
            guard count > 0 else { return 0 }
            let out = StandardOutput()
            var line: [UInt8] = []
            TextTable.appendLine(header, columns: columns, to: &line)  // written with the first row
            try pass {
                TextTable.appendLine(cells($0), columns: columns, to: &line)
                try out.write(line)
                line.removeAll(keepingCapacity: true)
            }
            try out.flush()
            return count
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one case: its messages, requested details, plan versions, deadlines and notes.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The case id.") var id: Int64
        @Flag(help: "Print everything the store holds about the case as JSON (the export format).") var json = false

        func run() async throws {
            try await reporting {
                try await options.withStore { store in
                    if json {
                        try Output.json(try await store.caseDocument(id))
                        return
                    }
                    let h = try await store.history(id)
                    CaseReport.print(h, now: try Clock.now(), attachments: h.attachments)
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Change a case's status.",
            discussion: """
                Statuses: \(CaseStatus.allValueStrings.joined(separator: ", ")). Reinstated, denied and closed \
                close the case's open deadlines; setting it back to an open status opens them again. On a \
                terminal, finishing a case asks first (the default is no; --yes skips the question); scripts \
                are not asked.
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: "The case id.") var id: Int64
        @Argument(help: "The new status.") var status: CaseStatus
        @Flag(name: [.customShort("y"), .long], help: "Finish the case without asking.") var yes = false

        func run() async throws {
            try await reporting {
                try await options.withStore(writing: true) { store in
                    let current = try await store.caseSummary(id)
                    if status.isFinished, current.status != status {
                        let open = try await store.history(id).deadlines.filter(\.isOpen).count
                        try Confirm.ifTerminal(
                            "Set case \(id) (\(Output.safe(current.title))) to \(status.rawValue)?"
                                + (open > 0 ? " It closes \(open) open deadline\(open == 1 ? "" : "s")." : ""),
                            yes: yes)
                    }
                    // The status shown (and confirmed) is what the user decided on: a colleague's change
                    // since, even while the question was open, is not overwritten.
                    let change = try await store.changeStatus(caseID: id, to: status, at: try Clock.now(), seen: current.status)
                    if change.before == change.after {
                        Output.line("Case \(id) is already \(status.label).")
                        return
                    }
                    Output.line("Case \(id) is now \(status.label) (was \(change.before.label)).")
                    if !change.deadlineChanges.isEmpty { Output.lines(DeadlineWords.lines(change.deadlineChanges)) }
                }
            }
        }
    }
}

/// A case-list row as JSON.
struct CaseSummaryJSON: Encodable {
    var id: Int64
    var title: String
    var account: String
    var marketplace: String
    var reason: String
    var status: String
    var nextDeadline: String?
    var unanswered: Int
    var appealsSubmitted: Int

    init(_ s: CaseSummary) {
        id = s.id
        title = s.title
        account = s.account
        marketplace = s.marketplace
        reason = s.reason.rawValue
        status = s.status.rawValue
        nextDeadline = s.nextDeadline.map(Timestamp.utc)
        unanswered = s.unanswered
        appealsSubmitted = s.appealsSubmitted
    }
}
