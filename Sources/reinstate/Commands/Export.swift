import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

struct Export: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
    }

    static let configuration = CommandConfiguration(
        abstract: "Export one case or the whole store.",
        discussion: """
            --all --format json writes the whole store as one JSON document: the backup format, which \
            `reinstate import` loads. Exporting the same store again gives the same bytes. Files are written \
            whole or not at all, readable only by you (0600), and never replaced without --force.
            """)

    @OptionGroup var options: StoreOptions
    @Option(name: .customLong("case"), help: "The case to export.") var caseID: Int64?
    @Flag(help: "Export every case.") var all = false
    @Option(help: "The format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).") var format: Format = .json
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Flag(help: "Replace the output file if it exists.") var force = false

    func validate() throws {
        if all == (caseID != nil) { throw ValidationError("Give either --case ID or --all.") }
    }

    func run() throws {
        try reporting {
            let store = try options.open()
            let data: Data
            if let caseID {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                data = try encoder.encode(try store.caseDocument(caseID)) + Data([0x0A])
            } else {
                data = try store.exportDocument().encoded()
            }
            if let output {
                try AtomicFile.write(data, to: output, overwrite: force)
                printError("wrote \(output) (\(data.count) bytes)")
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a whole-store JSON document (from export --all --format json) into an empty store.",
        discussion: "All of it is loaded, or nothing. To restore a backup: reinstate --store NEW.sqlite import backup.json")

    @OptionGroup var options: StoreOptions
    @Argument(help: "The JSON document.") var file: String

    func run() throws {
        try reporting {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError("\(file) cannot be read (does it exist? check its permissions).")
            }
            let document = try StoreDocument.decode(data)
            let store = try options.open()
            try store.importDocument(document)
            Output.line("Imported \(document.cases.count) case\(document.cases.count == 1 ? "" : "s") into \(store.path).")
        }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill the store with realistic synthetic cases, to try Reinstate or to benchmark it.",
        discussion: """
            The cases are invented (texts in Data/demo): every status, several marketplaces and accounts, \
            overdue and due-soon deadlines, answered and unanswered requests, several plan versions. \
            The same --seed (and REINSTATE_NOW) gives the same cases. Cases are added to what the store holds.
            """)

    @OptionGroup var options: StoreOptions
    @Option(help: "How many cases.") var cases: Int = 40
    @Option(help: "The seed; the same seed gives the same cases.") var seed: UInt64 = 1

    func validate() throws {
        guard (1...1_000_000).contains(cases) else { throw ValidationError("--cases must be between 1 and 1000000.") }
    }

    func run() throws {
        try reporting {
            let store = try options.open()
            let ids = try store.fillDemo(count: cases, seed: seed, now: try Clock.now())
            let range = ids.map { " (ids \($0.lowerBound)–\($0.upperBound))" } ?? ""
            printError("added \(cases) demo case\(cases == 1 ? "" : "s")\(range) to \(store.path)")
            printError("try: reinstate due --store \(store.path)   ·   reinstate case list --store \(store.path)")
        }
    }
}
