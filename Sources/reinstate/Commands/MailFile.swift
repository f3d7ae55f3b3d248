import ArgumentParser
import Foundation
import ReinstateApp
import ReinstateCore
import ReinstateStore

extension MailCommand {
    struct File: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "file",
            abstract: "File a held message into a case (--case N) or into a new case (--new); prints the message's id.",
            discussion: """
                The message is stored as `message add` stores it (checklist, deadline, status), with its \
                attachments, and leaves the held list; importing the mailbox again does not bring it back. \
                With --new the case takes its title, account, marketplace, ASINs and reason from the message.
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: "The held message's id (see `mail held`).") var id: Int64
        @Option(name: .customLong("case"), help: "The case to file it into.") var caseID: Int64?
        @Flag(name: .customLong("new"), help: "Open a new case for it.") var newCase = false

        func validate() throws {
            if (caseID != nil) == newCase { throw ValidationError("Give --case N or --new.") }
        }

        func run() async throws {
            try await reporting {
                let now = try Clock.now()
                let stored = try await options.withStore(writing: true) {
                    try await MailIntake.fileHeld(id, caseID: caseID, store: $0, now: now)
                }
                Output.line(String(stored.message.id))
                printError(
                    "filed \(stored.message.kind.phrase) of \(Timestamp.local(stored.message.received)) into "
                        + (newCase ? "new case #\(stored.message.caseID)" : "case #\(stored.message.caseID)")
                        + " with \(stored.requests.count) requested detail(s)")
            }
        }
    }
}
