import Foundation
import GRDB
import ReinstateCore
import Testing
@testable import ReinstateStore

@Suite struct BackupTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    /// SQLite cannot copy a file with another page size into a store in WAL mode; restore says so
    /// before touching the store, instead of SQLite's "read-only" error.
    @Test func aBackupWithAnotherPageSizeIsRefusedBeforeAnythingChanges() throws {
        let tmp = TemporaryFolder()
        let live = try CaseStore(path: tmp.file("cases.sqlite"))
        try live.createCase(SuspensionCase(title: "Live case", opened: now))
        let otherPath = tmp.file("other.sqlite")
        do {
            let other = try CaseStore(path: otherPath)
            try other.createCase(SuspensionCase(title: "Other case", opened: now))
            try other.queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                try db.execute(sql: "PRAGMA page_size = 8192")
                try db.execute(sql: "VACUUM")
            }
            try other.queue.close()
        }
        let source = try CaseStore(path: otherPath, readOnly: true)
        #expect(try source.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 8192)
        #expect {
            try live.restore(from: source)
        } throws: { error in
            "\(error)".contains("8192-byte pages") && "\(error)".contains("Nothing was changed")
        }
        #expect(try live.caseSummaries().map(\.title) == ["Live case"])
    }

    /// The dated names sort by time and never replace a file: a second backup in the same minute gets -2.
    @Test func datedBackupsTakeTheNextFreeName() throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("shop/demo.sqlite"))
        try store.createCase(SuspensionCase(title: "A case", opened: now))
        let destination = CaseStore.defaultBackup(forStoreAt: store.path, at: now)
        let stamp = Timestamp.local(now).replacingOccurrences(of: " ", with: "T").replacingOccurrences(of: ":", with: "")
        let first = try store.backup(to: destination)
        let second = try store.backup(to: destination)
        #expect(first == BackupSummary(path: tmp.file("shop/backups/demo-\(stamp).sqlite"), cases: 1))
        #expect(second == BackupSummary(path: tmp.file("shop/backups/demo-\(stamp)-2.sqlite"), cases: 1))
        #expect(mode(tmp.file("shop/backups")) == 0o700)
        #expect(mode(first.path) == 0o600)
    }
}
