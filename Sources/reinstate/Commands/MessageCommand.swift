import ArgumentParser
import Foundation
import ReinstateApp
import ReinstateCore
import ReinstateStore

struct MessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message",
        abstract: "Store Amazon's notices and replies, and read them back.",
        subcommands: [Add.self, Show.self, Reparse.self, Edit.self, Move.self, Remove.self])
}

extension MessageCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Store a message from Amazon (a text file, a saved .eml e-mail, or - for pasted text); prints its id.",
            discussion: """
                The message is kept byte for byte. Its requested details become the case's checklist and its \
                deadline the case's clock; what was read is shown on stderr so you can check it. An mbox file \
                of several messages is refused: `reinstate mail import FILE` files each into its case.
                """)

        @OptionGroup var options: StoreOptions
        @Option(name: .customLong("case"), help: "The case id.") var caseID: Int64
        @Option(help: "When it arrived (ISO 8601). Default: the e-mail's Date header, else now.") var received: String?
        @Option(help: "What it is, if the reader got it wrong: \(MessageKind.allValueStrings.joined(separator: ", ")).")
        var kind: MessageKind?
        @Argument(help: "The message file, or - to read standard input.") var file: String

        func run() async throws {
            try await reporting {
                let now = try Clock.now()
                let raw = try InputFile.read(file, what: "message")
                try Self.refuseMailbox(file)
                let reading = MessageReader().read(raw)
                let stored = try await options.withStore(writing: true) { store in
                    let events = DateInput.events(try await store.history(caseID))
                    return try await store.addMessage(
                        caseID: caseID, raw: raw, reading: reading, kind: kind,
                        received: try received.map { try DateInput.resolve($0, option: "--received", events: events) }, now: now)
                }
                Output.line(String(stored.message.id))
                for warning in reading.warnings { printError("warning: " + warning) }
                printError(
                    "read \(stored.message.kind.phrase) of \(Timestamp.local(stored.message.received)) with \(stored.requests.count) requested detail(s)"
                        + (stored.deadline.map { ", deadline \(Timestamp.local($0.due))" } ?? ", no deadline"))
                for r in stored.requests {
                    printError("  #\(r.id) [\(r.aspect.label)] \(r.alternative?.listPrefix ?? "")\(Output.safe(r.text))")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a stored message's text.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The message id.") var id: Int64
        @Flag(help: "Write the bytes exactly as received (for saving to a file; not cleaned for the terminal).")
        var raw = false
        @Option(help: "Save this attachment (1, 2, … as listed) to --output.") var attachment: Int?
        @Option(help: "The file to save the attachment to (private, 0600).") var output: String?
        @Flag(help: "Replace --output if it exists.") var force = false

        func validate() throws {
            if (attachment == nil) != (output == nil) { throw ValidationError("--attachment N and --output FILE go together.") }
            if attachment != nil, raw { throw ValidationError("--raw and --attachment do not go together.") }
        }

        func run() async throws {
            try await reporting {
                try await options.withStore { store in
                    if let attachment, let output {
                        let (described, data) = try await store.attachmentData(messageID: id, number: attachment)
                        try AtomicFile.write(data, to: output, overwrite: force, protecting: AtomicFile.storeFiles(options.path))
                        printError("wrote \(described.filename) (\(described.contentType), \(data.count) bytes) to \(output)")
                        return
                    }
                    let m = try await store.message(id)
                    if raw {
                        Output.write(m.raw)
                        return
                    }
                    if !m.subject.isEmpty { Output.line("Subject: " + Output.safe(m.subject)) }
                    Output.line("Received: \(Timestamp.local(m.received))  (\(m.kind.rawValue))")
                    Output.line()
                    Output.line(Output.safe(m.text))
                    let attachments = try await store.attachments(messageID: id)
                    if !attachments.isEmpty {
                        Output.line()
                        Output.line("Attachments (save one with --attachment N --output FILE):")
                        for a in attachments {
                            Output.line("  \(a.number). \(TerminalSafe.singleLine(a.filename))  \(a.contentType), \(a.size) bytes")
                        }
                    }
                }
            }
        }
    }
}

extension MessageCommand {
    struct Reparse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reparse",
            abstract: "Read a stored message again with this version's reader (after an upgrade).",
            discussion: """
                Requests still found keep their state; new ones are added; ones no longer found are removed \
                unless you marked them (answered, waived, reopened). Give --all to re-read every message \
                read by an older reader.
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: "The message id.") var id: Int64?
        @Flag(help: "Every message an older reader read.") var all = false

        func validate() throws {
            if all == (id != nil) { throw ValidationError("Give a message id or --all.") }
        }

        func run() async throws {
            try await reporting {
                try await options.withStore(writing: true) { store in
                    let reader = MessageReader()
                    let ids: [Int64]
                    if let id { ids = [id] } else { ids = try await store.messageIDs(readBefore: MessageReader.version) }
                    var changed = 0
                    for id in ids {
                        let message = try await store.message(id)
                        let change = try await store.reparseMessage(id, reading: reader.read(message.raw))
                        if change.changedChecklist { changed += 1 }
                        Output.line(
                            "message \(id): \(change.unchanged) unchanged, \(change.added) added, \(change.removed) removed"
                                + (change.regrouped > 0 ? ", \(change.regrouped) now read as alternatives (one of them is enough)" : "")
                                + (change.keptForYourWord > 0 ? ", \(change.keptForYourWord) kept because you marked them" : ""))
                    }
                    if ids.isEmpty {
                        Output.line("Every message was read by this version's reader.")
                    } else if all {
                        Output.line("\(changed) of \(ids.count) checklist\(ids.count == 1 ? "" : "s") changed; states you set were kept.")
                    }
                }
            }
        }
    }
}

extension MessageCommand.Add {
    /// A whole mailbox given as one message would be stored as one message that reads as its first:
    /// an mbox file of more than one message is refused, and `mail import` named.
    static func refuseMailbox(_ file: String) throws {
        guard file != "-", (try? MailboxFormat.detect(file)) == .mbox, let mailbox = try? MboxReader(path: file) else { return }
        var messages = 0
        while let entry = mailbox.next(), messages < 2 {
            if case .message = entry { messages += 1 }
        }
        guard messages > 1 else { return }
        throw CLIError(
            "\(file) is a mailbox of several messages, not one message; nothing was stored. "
                + "File each into its case with: reinstate mail import \(file)")
    }
}
