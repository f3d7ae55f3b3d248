import ArgumentParser
import Foundation

@main
struct Reinstate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reinstate",
        abstract: "Track Amazon account and listing suspensions: notices, Plans of Action, requested details, deadlines.",
        discussion: """
            Every command takes --store PATH (default: $REINSTATE_STORE, else \
            ~/.local/share/reinstate/cases.sqlite). Dates are ISO 8601 (2026-11-22 or 2026-11-22T09:30); \
            REINSTATE_NOW pins "now" for tests and reproducible demos.
            """,
        version: "0.1.0",
        subcommands: [
            CaseCommand.self, MessageCommand.self, PoaCommand.self, RequestCommand.self, NoteCommand.self,
            EvidenceCommand.self, Due.self, Parse.self, Export.self, Import.self, Demo.self,
        ]
    )
}
