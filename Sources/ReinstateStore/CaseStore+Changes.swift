import Foundation
import GRDB

extension CaseStore {
    /// SQLite's `PRAGMA data_version` on this store's one connection: it changes when another
    /// connection (another Reinstate process) commits, and not for this process's own writes. Cheap
    /// enough for a once-a-second look.
    public func dataVersion() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
