import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

struct PoaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poa",
        abstract: "Plan of Action versions: add, submit, show. Versions are never overwritten.",
        subcommands: [Add.self, Submit.self, Show.self, Diff.self, Draft.self, Unsubmit.self])
}

extension PoaCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Store a new plan version from a file (or - for standard input); prints its number.")

        @OptionGroup var options: StoreOptions
        @Option(name: .customLong("case"), help: "The case id.") var caseID: Int64
        @Option(help: "When it was sent to Amazon, if it already was (ISO 8601). Without it, it is a draft.")
        var submitted: String?
        @Argument(help: "The plan file (UTF-8 text), or - to read standard input.") var file: String

        func run() async throws {
            try await reporting {
                try await options.withStore(writing: true) { store in
                    let now = try Clock.now()
                    let text = try InputFile.text(try InputFile.read(file, what: "plan"), path: file)
                    let events = DateInput.events(try await store.history(caseID))
                    let number = try await store.addPlan(
                        caseID: caseID, text: text, created: now,
                        submitted: try submitted.map { try DateInput.resolve($0, option: "--submitted", events: events) })
                    Output.line(String(number))
                }
            }
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit",
            abstract: "Record that a plan version was sent to Amazon; it closes the deadlines set before it.",
            discussion: """
                The requests asked before it that the version answers (as 'reinstate check' reads it) are marked \
                answered by it (matcher); requests you answered, waived or reopened yourself keep your word.
                """)

        @OptionGroup var options: StoreOptions
        @Option(name: .customLong("case"), help: "The case id.") var caseID: Int64
        @Option(help: "When it was sent (ISO 8601; default now). A bare date on the day of a later message needs the time.")
        var date: String?
        @Argument(help: "The version number.") var version: Int

        func run() async throws {
            try await reporting {
                try await options.withStore(writing: true) { store in
                    let events = DateInput.events(try await store.history(caseID), excludingPlan: version)
                    let at = try date.map { try DateInput.resolve($0, option: "--date", events: events) } ?? Clock.now()
                    try await store.submitPlan(caseID: caseID, number: version, at: at)
                    Output.line("Version \(version) of case \(caseID) submitted \(Timestamp.local(at)).")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a plan version (default: the latest).")

        @OptionGroup var options: StoreOptions
        @Option(name: .customLong("case"), help: "The case id.") var caseID: Int64
        @Argument(help: "The version number.") var version: Int?

        func run() async throws {
            try await reporting {
                let plan = try await options.withStore { store in
                    var number = version
                    if number == nil { number = try await store.latestPlanNumber(caseID: caseID) }
                    guard let number else { throw CLIError("Case \(caseID) has no plan versions yet.") }
                    return try await store.plan(caseID: caseID, number: number)
                }
                Output.write(Data((Output.safe(plan.text) + (plan.text.hasSuffix("\n") ? "" : "\n")).utf8))
            }
        }
    }
}
