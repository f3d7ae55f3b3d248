import Foundation
import ReinstateCore
import ReinstatePostgres
import ReinstateStore

/// `export --all` on a PostgreSQL team store. So far the whole-store JSON document (`--all --format json`,
/// without --redact): the same bytes the local store writes for the same cases, which is how a copy is
/// checked. The other whole-store forms refuse the store in one line until the store contract has what
/// they read. (`export --case` works on either store: `exportOne`.)
extension Export {
    func exportFromPostgres() async throws {
        guard all, format == .json, !redact else {
            let what = "export --all --format \(format.rawValue)\(redact ? " --redact" : "")"
            throw CLIError(StoreOptions.notYetOnPostgres(what, url: options.path))
        }
        let document = try await PostgresOpening.connect(options.path).closing { try await $0.exportDocument() }
        // As `writeBackup` writes it: DEL, C1 and bidirectional controls as \u escapes.
        let data = JSONSafety.escapingControls(try document.encoded())
        try stream(to: output) { out in try out.write(data) }
    }
}
