import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

extension MailCommand {
    struct Held: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "held",
            abstract: "List the messages an import held because it could not place them with confidence.",
            discussion: "File one with `reinstate mail file ID --case N` (or --new); `--show ID` prints one.")

        @OptionGroup var options: StoreOptions
        @Flag(help: "Print them as JSON.") var json = false
        @Option(help: "Print this held message's text.") var show: Int64?

        func run() async throws {
            try await reporting {
                try await options.withStore { try await report($0) }
            }
        }

        func report(_ store: any StoreContract) async throws {
            // A staff role of a team store is told why it sees none, rather than that none is held.
            if let why = try await store.heldMailRefusal() { throw CLIError(why) }
            if let show {
                let held = try await store.heldMessage(show)
                let reading = MessageReader().read(held.raw)
                Output.line("Subject: " + held.subject)
                Output.line("From: " + held.sender)
                Output.line("Received: \(Timestamp.local(held.received))")
                Output.line("Held because: " + held.reason)
                Output.line()
                Output.line(reading.text)
                return
            }
            let held = try await store.heldMessages()
            if json {
                struct Row: Encodable { var id: Int64; var received: String; var subject: String; var sender: String; var reason: String; var origin: String }
                try Output.json(held.map {
                    Row(id: $0.id, received: Timestamp.utc($0.received), subject: $0.subject, sender: $0.sender, reason: $0.reason, origin: $0.origin)
                })
                return
            }
            guard !held.isEmpty else {
                Output.line("No message is held.")
                return
            }
            var rows = [["ID", "RECEIVED", "FROM", "SUBJECT", "HELD BECAUSE"]]
            for h in held {
                rows.append([String(h.id), Timestamp.local(h.received), TerminalSafe.singleLine(h.sender),
                             TerminalSafe.singleLine(String(h.subject.prefix(50))), TerminalSafe.singleLine(h.reason)])
            }
            Output.table(rows)
        }
    }
}
