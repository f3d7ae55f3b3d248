import Foundation
import GRDB
import ReinstateCore

/// Looks into a store file the binary left, with GRDB, as the next Reinstate would find it.
struct StoreFile {
    let path: String

    /// Opens the file read-write, as the next Reinstate would: a -wal left by a killed process is
    /// recovered, and closing checkpoints it away.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.inDatabase(body)
    }

    /// SQLite's `PRAGMA integrity_check`, plus one line per foreign-key violation: ["ok"] when sound.
    func integrity() throws -> [String] {
        try read { db in
            let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let keys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return check + keys
        }
    }

    func count(_ sql: String) throws -> Int { try read { db in try Int.fetchOne(db, sql: sql) ?? -1 } }

    var caseCount: Int { get throws { try count("SELECT count(*) FROM suspension_case") } }
}

/// The SHA-256 of a file's bytes ("missing" when there is no file).
func checksum(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "missing" }
    return SHA256.hex(data)
}

func fileMode(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
}

func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
