import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
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
