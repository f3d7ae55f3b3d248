import Foundation
import ReinstateCore
import ReinstatePostgres
import ReinstateStore

/// `export --all` on a PostgreSQL team store. The whole-store JSON document (`--all --format json`,
/// without --redact) is written straight from the server's document: the same bytes the local store
/// writes for the same cases, which is how a copy is checked. Every other whole-store form (the other
/// formats, --redact, --output-dir) is written by the local store's own export from a copy of the team
/// store's document in memory, so its text exists once and the bytes are those of the local file the
/// team store was copied from. (`export --case` works on either store: `exportOne`.)
extension Export {
    func exportFromPostgres() async throws {
        let document = try await PostgresOpening.connect(options.path).closing { try await $0.exportDocument() }
        guard all, format == .json, !redact else {
            let copy = try CaseStore()
            try copy.importDocument(document)
            try exportAll(copy)
            return
        }
        // As `writeBackup` writes it: DEL, C1 and bidirectional controls as \u escapes.
        let data = JSONSafety.escapingControls(try document.encoded())
        try stream(to: output) { out in try out.write(data) }
    }
}
