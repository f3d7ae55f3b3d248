import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill the store with realistic synthetic cases, to try Reinstate or to benchmark it.",
        discussion: """
            The cases are invented (texts in Data/demo): every status, several marketplaces and accounts, \
            overdue and due-soon deadlines, answered and unanswered requests, several plan versions. \
            The same --seed (and REINSTATE_NOW) gives the same cases. A store that already holds cases is \
            refused unless --add is given, so invented cases never mix with real ones.
            """)

    @OptionGroup var options: StoreOptions
    @Option(help: "How many cases.") var cases: Int = 40
    @Option(help: "The seed; the same seed gives the same cases.") var seed: UInt64 = 1
    @Flag(help: "Add the demo cases to a store that already holds cases (never your real store!).") var add = false

    func validate() throws {
        guard (1...1_000_000).contains(cases) else { throw ValidationError("--cases must be between 1 and 1000000.") }
    }

    func run() throws {
        try reporting {
            let store = try options.open(creating: true)
            let existing = try store.caseCount()
            if existing > 0 && !add {
                throw CLIError(
                    "\(store.path) already holds \(existing) case\(existing == 1 ? "" : "s"); demo cases are invented and "
                        + "would mix with them. Use --store with a new file, or --add if this is a demo store.")
            }
            let ids = try store.fillDemo(count: cases, seed: seed, now: try Clock.now())
            let range = ids.map { " (ids \($0.lowerBound)–\($0.upperBound))" } ?? ""
            printError("added \(cases) demo case\(cases == 1 ? "" : "s")\(range) to \(store.path)")
            printError("try: reinstate due --store \(store.path)   ·   reinstate case list --store \(store.path)")
        }
    }
}
