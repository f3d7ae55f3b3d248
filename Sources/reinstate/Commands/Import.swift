import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a whole-store JSON document (from export --all --format json) into an empty store.",
        discussion: """
            All of it is loaded, or nothing. To restore a backup: reinstate --store NEW.sqlite import backup.json

            On a team store (--store postgresql://…) the database must be empty (it is set up first, as by \
            `reinstate store init`, and says so) or a Reinstate store without cases or held mail, and only the \
            store's owner may load it: a staff role sees only its clients' cases, so a store that looks empty \
            to it may hold others'. It is `reinstate store copy` from a document instead of a file.
            """)

    @OptionGroup var options: StoreOptions
    @Argument(help: "The JSON document.") var file: String

    func run() async throws {
        try await reporting {
            let fd = try RegularFile.open(file, what: "JSON document")
            defer { close(fd) }
            let data = try RegularFile.read(fd, upTo: Int.max)
            let document = try StoreDocument.decode(data)
            if PostgresAddress.isURL(options.path) {
                try StoreCommand.refuseReadOnly()
                let shown = try await StoreCommand.load(document, intoTeamStore: options.path)
                Output.line("Imported \(document.cases.count) case\(document.cases.count == 1 ? "" : "s") into \(shown).")
                return
            }
            let existed = options.exists
            let store = try options.open(creating: true)
            do {
                try store.importDocument(document)
            } catch {
                // A refused import leaves no empty store behind where there was none.
                if !existed, (try? store.caseCount()) == 0 {
                    for suffix in ["", "-wal", "-shm", "-journal"] { unlink(store.path + suffix) }
                }
                throw error
            }
            Output.line("Imported \(document.cases.count) case\(document.cases.count == 1 ? "" : "s") into \(store.path).")
        }
    }
}
