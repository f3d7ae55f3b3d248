import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

struct MessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message",
        abstract: "Store Amazon's notices and replies, and read them back.",
        subcommands: [Add.self, Show.self])
}

extension MessageCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a message from Amazon (a text file, a saved .eml e-mail, or - for pasted text); prints its id.",
            discussion: """
                The message is kept byte for byte. Its requested details become the case's checklist and its \
                deadline the case's clock; what was read is shown on stderr so you can check it.
                """)

        @OptionGroup var options: StoreOptions
        @Option(name: .customLong("case"), help: "The case id.") var caseID: Int64
        @Option(help: "When it arrived (ISO 8601). Default: the e-mail's Date header, else now.") var received: String?
        @Option(help: "What it is, if the reader got it wrong: \(MessageKind.allValueStrings.joined(separator: ", ")).")
        var kind: MessageKind?
        @Argument(help: "The message file, or - to read standard input.") var file: String

        func run() throws {
            try reporting {
                let store = try options.open()
                let now = try Clock.now()
                let raw = try InputFile.read(file, what: "message")
                let reading = MessageReader().read(raw)
                let stored = try store.addMessage(
                    caseID: caseID, raw: raw, reading: reading, kind: kind,
                    received: try received.map { try parseDate($0, option: "--received") }, now: now)
                Output.line(String(stored.message.id))
                for warning in reading.warnings { printError("warning: " + warning) }
                printError(
                    "read a \(stored.message.kind.rawValue) of \(Timestamp.local(stored.message.received)) with \(stored.requests.count) requested detail(s)"
                        + (stored.deadline.map { ", deadline \(Timestamp.local($0.due))" } ?? ", no deadline"))
                for r in stored.requests {
                    printError("  #\(r.id) [\(r.aspect.label)] \(Output.safe(r.text))")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a stored message's text.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The message id.") var id: Int64
        @Flag(help: "Write the bytes exactly as received (for saving to a file; not cleaned for the terminal).")
        var raw = false

        func run() throws {
            try reporting {
                let store = try options.open()
                let m = try store.message(id)
                if raw {
                    FileHandle.standardOutput.write(m.raw)
                } else {
                    if !m.subject.isEmpty { Output.line("Subject: " + Output.safe(m.subject)) }
                    Output.line("Received: \(Timestamp.local(m.received))  (\(m.kind.rawValue))")
                    Output.line()
                    Output.line(Output.safe(m.text))
                }
            }
        }
    }
}
