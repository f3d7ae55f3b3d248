import Foundation
import GRDB
@testable import ReinstateStore

/// A folder under the system's temporary directory, removed when the test is done.
final class TemporaryFolder {
    let path: String

    init() {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("reinstate-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

func sha(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

func mode(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
}

/// A store as an earlier Reinstate wrote it: migrations up to `migration` only, then `sql` (its rows).
func earlierStore(at path: String, upTo migration: String, _ sql: String) throws {
    try CaseStore.createPrivateFile(path: path)
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
    try Schema.migrator.migrate(queue, upTo: migration)
    try queue.write { db in try db.execute(sql: sql) }
}
