import Foundation
import GRDB
import Testing
@testable import ReinstateStore

@Suite struct StoreOpeningTests {
    @Test func aNewStoreIsPrivateAndFullyMigrated() throws {
        let tmp = TemporaryFolder()
        let path = tmp.file("data/reinstate/cases.sqlite")
        let store = try CaseStore(path: path)
        #expect(mode(path) == 0o600)
        #expect(mode(tmp.file("data/reinstate")) == 0o700)
        let (migrated, appID, journal, foreignKeys) = try store.queue.read { db in
            (try Schema.migrator.hasCompletedMigrations(db), try Int32.fetchOne(db, sql: "PRAGMA application_id"),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(migrated)
        #expect(appID == Schema.applicationID)
        #expect(journal == "wal")
        #expect(foreignKeys == true)
        #expect(store.warnings.isEmpty)
        // Opening again is fine and changes nothing.
        _ = try CaseStore(path: path)
    }

    @Test func aStoreOfTheFirstSchemaIsUpgradedInPlaceWithItsCasesKept() throws {
        let tmp = TemporaryFolder()
        let path = tmp.file("old.sqlite")
        // A store as the first release wrote it: migration v1 only, with a case and a submitted plan.
        try earlierStore(at: path, upTo: "v1", """
            INSERT INTO suspension_case (id, title, scope, reason, status, status_changed_at, opened_at)
            VALUES (1, 'ODR', 'account', 'order-defect-rate', 'appeal-submitted', '2026-11-01T08:00:00Z', '2026-11-01T08:00:00Z');
            INSERT INTO plan_version (case_id, number, text, created_at, submitted_at)
            VALUES (1, 1, 'Root cause: …', '2026-11-02T08:00:00Z', '2026-11-03T08:00:00Z');
            """)
        // Read-only cannot upgrade, and says how.
        #expect(throws: StoreError.self) { try CaseStore(path: path, readOnly: true) }
        let store = try CaseStore(path: path)
        #expect(try store.caseSummary(1).appealsSubmitted == 1)
        let (done, index) = try store.queue.read { db in
            (try Schema.migrator.completedMigrations(db),
             try String.fetchOne(db, sql: "SELECT name FROM sqlite_master WHERE name = 'plan_version_submitted'"))
        }
        // Every migration there is, whatever came after v4 (mail intake's v6 among them).
        #expect(done == Schema.migrator.migrations)
        #expect(Array(done.prefix(4)) == ["v1", "v2", "v3", "v4"])
        #expect(index == "plan_version_submitted")
    }

    @Test(arguments: [
        ("notes.txt", Data("my notes about the case\n".utf8), "it is not an SQLite database"),
        ("empty.sqlite", Data(), "the file is empty"),
        ("binary.bin", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }), "it is not an SQLite database"),
    ])
    func foreignFilesAreRefusedAndLeftUntouched(_ name: String, _ content: Data, _ why: String) throws {
        let tmp = TemporaryFolder()
        let path = tmp.file(name)
        FileManager.default.createFile(atPath: path, contents: content)
        #expect(throws: StoreError.notAStore(path: path, why: why)) { try CaseStore(path: path) }
        #expect(sha(path) == content)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// A process killed while creating the store leaves ".NAME.PID.creating" (and its -wal, -shm);
    /// the next first use removes it when that process is gone, and leaves a live process's alone.
    @Test func leftoversOfAKilledFirstUseAreRemovedWhenTheirProcessIsGone() throws {
        let tmp = TemporaryFolder()
        let path = tmp.file("data/cases.sqlite")
        try FileManager.default.createDirectory(atPath: tmp.file("data"), withIntermediateDirectories: true)
        let gone = try Process.run(URL(fileURLWithPath: "/bin/true"), arguments: [])
        gone.waitUntilExit()
        let dead = tmp.file("data/.cases.sqlite.\(gone.processIdentifier).creating")
        let alive = tmp.file("data/.cases.sqlite.\(getppid()).creating")
        let unrelated = tmp.file("data/.notes.txt.\(gone.processIdentifier).creating")
        for file in [dead, dead + "-wal", dead + "-shm", alive, unrelated] {
            FileManager.default.createFile(atPath: file, contents: Data())
        }
        _ = try CaseStore(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        for file in [dead, dead + "-wal", dead + "-shm"] { #expect(!FileManager.default.fileExists(atPath: file)) }
        #expect(FileManager.default.fileExists(atPath: alive))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }

    @Test func aFolderIsRefused() throws {
        let tmp = TemporaryFolder()
        #expect(throws: StoreError.notAStore(path: tmp.path, why: "it is a folder")) { try CaseStore(path: tmp.path) }
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftUntouched() throws {
        let tmp = TemporaryFolder()
        let path = tmp.file("other.sqlite")
        let other = try DatabaseQueue(path: path)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)")
        }
        try other.close()
        let before = sha(path)
        #expect(throws: StoreError.notAStore(path: path, why: "it is a database of another program")) { try CaseStore(path: path) }
        #expect(sha(path) == before)
    }

    @Test func aStoreFromANewerReinstateIsRefusedAndLeftUntouched() throws {
        let tmp = TemporaryFolder()
        let path = tmp.file("cases.sqlite")
        do {
            let store = try CaseStore(path: path)
            try store.queue.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            }
            try store.queue.close()
        }
        let before = sha(path)
        #expect(throws: StoreError.newerStore(path: path)) { try CaseStore(path: path) }
        #expect(throws: StoreError.newerStore(path: path)) { try CaseStore(path: path, readOnly: true) }
        #expect(sha(path) == before)
    }

    @Test func looseePermissionsGetAWarning() throws {
        let tmp = TemporaryFolder()
        let path = tmp.file("cases.sqlite")
        _ = try CaseStore(path: path)
        chmod(path, 0o644)
        let store = try CaseStore(path: path)
        #expect(store.warnings.count == 1)
        #expect(store.warnings.first?.contains("chmod 600") == true)
    }

    @Test func aReadOnlyFolderGivesAClearErrorAndNoFile() throws {
        guard getuid() != 0 else { return }  // root ignores permissions; the CLI test covers a read-only mount
        let tmp = TemporaryFolder()
        chmod(tmp.path, 0o500)
        defer { chmod(tmp.path, 0o700) }
        #expect(throws: StoreError.self) { try CaseStore(path: tmp.file("cases.sqlite")) }
    }

    @Test func theLocationFollowsOptionThenEnvironmentThenXDG() {
        #expect(StoreLocation.resolve(option: "/a.sqlite", environment: ["REINSTATE_STORE": "/b"]) == "/a.sqlite")
        #expect(StoreLocation.resolve(option: nil, environment: ["REINSTATE_STORE": "/b"]) == "/b")
        #expect(StoreLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/reinstate/cases.sqlite")
        #expect(StoreLocation.resolve(option: nil, environment: ["HOME": "/h"]) == "/h/.local/share/reinstate/cases.sqlite")
        #expect(StoreLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"]) == "/h/.local/share/reinstate/cases.sqlite")
    }
}
