// The floor of `reinstate due` with its command-line parser: a swift-argument-parser command with
// the same options parses `due --store STORE`, opens the store with GRDB, reads one pragma and exits.
// What `due` costs above this is Reinstate's own work (query, formatting, output); what this costs
// above open-store-floor is the parser's (Benchmarks/RESULTS.md).
import ArgumentParser
import GRDB

struct ParseFloor: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse-floor", subcommands: [Due.self])

    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "due")
        @Option var store: String
        @Flag var readOnly = false
        @Option var within: Double = 3
        @Flag var json = false

        func run() throws {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: store, configuration: config)
            let id = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA application_id") }
            if id == nil { throw ExitCode(1) }
        }
    }
}

ParseFloor.main()
