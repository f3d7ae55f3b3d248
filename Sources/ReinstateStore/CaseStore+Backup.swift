import Foundation
import GRDB
import ReinstateCore

/// Where a backup goes.
public enum BackupDestination: Sendable, Equatable {
    /// This file. An existing file is replaced only with `overwrite`.
    case file(String, overwrite: Bool)
    /// A dated file in `folder` (created 0700 when missing): `NAME-2026-11-22T0900.sqlite` in local time,
    /// or `NAME-2026-11-22T0900-2.sqlite` and so on when that name is taken. Never replaces a file.
    case dated(folder: String, name: String, at: Date)
}

/// A backup written whole, and what it holds.
public struct BackupSummary: Sendable, Equatable {
    public let path: String
    public let cases: Int
}

extension CaseStore {
    // MARK: - Backup

    /// The folder `reinstate backup` writes into by default: `backups` beside the store.
    public static func backupFolder(forStoreAt path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return (parent.isEmpty ? "." : parent) + "/backups"
    }

    /// The default destination: a dated file named after the store in the backups folder beside it
    /// (`…/backups/cases-2026-11-22T0900.sqlite`).
    public static func defaultBackup(forStoreAt path: String, at now: Date) -> BackupDestination {
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return .dated(folder: backupFolder(forStoreAt: path), name: base.isEmpty ? "cases" : base, at: now)
    }

    static func datedName(_ name: String, at: Date, attempt: Int) -> String {
        // "2026-11-22 09:00" → "2026-11-22T0900": sorts by time and needs no quoting in a shell.
        let stamp = Timestamp.local(at).replacingOccurrences(of: " ", with: "T").replacingOccurrences(of: ":", with: "")
        return "\(name)-\(stamp)\(attempt > 1 ? "-\(attempt)" : "").sqlite"
    }

    /// Copies the whole store into a new file with SQLite's online backup: one consistent snapshot of the
    /// store, even while other processes (the case tracker, a script) read and write it.
    ///
    /// The copy is written to a temporary file in the destination folder (0600), turned into one
    /// self-contained file (a rollback journal, so no -wal beside it), checked with SQLite's integrity
    /// check, synced, and only then given its name, so a file under that name is always a whole backup.
    /// If anything fails the temporary file is removed and nothing is left under the name.
    public func backup(to destination: BackupDestination) throws -> BackupSummary {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let folder: String
        let shownName: String
        switch destination {
        case .file(let target, let overwrite):
            for file in ["", "-wal", "-shm", "-journal"] where Self.sameFile(target, path + file) {
                throw StoreError.backupFailed(path: target, why: "it is the store itself")
            }
            if let why = FilePlacement.replaceable(target) { throw StoreError.backupFailed(path: target, why: why) }
            var st = stat()
            if lstat(target, &st) == 0, !overwrite { throw StoreError.backupExists(path: target) }
            let parent = (target as NSString).deletingLastPathComponent
            folder = parent.isEmpty ? "." : parent
            guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw StoreError.backupFailed(path: target, why: "the folder \(folder) does not exist")
            }
            shownName = target
        case .dated(let dated, let name, let at):
            folder = dated
            shownName = dated + "/" + Self.datedName(name, at: at, attempt: 1)
            var st = stat()
            if lstat(dated, &st) == 0, st.st_mode & S_IFMT != S_IFDIR || st.st_uid != geteuid() {
                // A link or a folder another user planted beside the store would take the backups elsewhere.
                throw StoreError.backupFailed(
                    path: shownName,
                    why: "\(dated) is \(st.st_mode & S_IFMT == S_IFDIR ? "a folder of another user" : RegularFile.kind(st.st_mode)), "
                        + "not your own folder; remove it or use --output")
            }
            if !fm.fileExists(atPath: dated) {
                do {
                    try fm.createDirectory(
                        atPath: dated, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                } catch {
                    throw StoreError.backupFailed(
                        path: shownName, why: "cannot create the folder \(dated) (\(Self.placeProblem(at: dated + "/x") ?? "\(error)"))")
                }
            }
        }

        let temp = folder + "/.\((shownName as NSString).lastPathComponent).\(getpid()).tmp"
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temp + suffix) }  // a leftover of a killed run of this pid
        let fd = PrivateFile.create(at: temp)
        guard fd >= 0 else {
            throw StoreError.backupFailed(path: shownName, why: Self.words(errno: errno, at: temp))
        }
        close(fd)
        var named = false
        defer { if !named { for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temp + suffix) } } }

        let cases: Int
        do {
            var config = Configuration()
            config.busyMode = .timeout(Self.busyTimeout)
            let copy = try DatabaseQueue(path: temp, configuration: config)
            try queue.backup(to: copy)
            cases = try copy.writeWithoutTransaction { db in
                // The store runs in WAL mode and the copy took its header: make the copy one file.
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)")
                guard problems == ["ok"] else {
                    throw StoreError.damaged(path: path, why: problems.prefix(3).joined(separator: "; "))
                }
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM suspension_case") ?? 0
            }
            try copy.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.backupFailed(path: shownName, why: Self.explain(error, path: temp))
        }
        Self.sync(temp)

        let final: String
        switch destination {
        case .file(let target, let overwrite):
            let code = FilePlacement.place(temp, at: target, overwrite: overwrite)
            if code == EEXIST { throw StoreError.backupExists(path: target) }
            if code == EINVAL, let why = FilePlacement.replaceable(target) { throw StoreError.backupFailed(path: target, why: why) }
            guard code == 0 else { throw StoreError.backupFailed(path: target, why: Self.words(errno: code, at: target)) }
            final = target
        case .dated(let dated, let name, let at):
            var attempt = 1
            while true {
                let candidate = dated + "/" + Self.datedName(name, at: at, attempt: attempt)
                let code = FilePlacement.place(temp, at: candidate, overwrite: false)
                if code == 0 { final = candidate; break }
                guard code == EEXIST, attempt < 1000 else {
                    throw StoreError.backupFailed(path: candidate, why: Self.words(errno: code, at: candidate))
                }
                attempt += 1
            }
        }
        named = true
        Self.sync(folder)
        return BackupSummary(path: final, cases: cases)
    }

    /// Flushes a file or a folder (so a rename survives a power cut) to the disk.
    static func sync(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func words(errno code: Int32, at path: String) -> String {
        switch code {
        case ENOSPC, EDQUOT: return Words.full
        case EROFS, EACCES, EPERM: return "the folder is read-only; check the permissions or choose another place"
        default: return String(cString: strerror(code))
        }
    }

    /// Whether two paths name the same file (the same inode on the same device).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    // MARK: - Restore

    /// Replaces everything in this store with the content of `source`, a store opened read-only (so it
    /// passed the checks every store passes: a Reinstate store, not from a newer version).
    ///
    /// The source is checked with SQLite's integrity check first. Then it is copied into this store with
    /// SQLite's online backup, as one write transaction on the store's own file: other processes see the
    /// old cases or the new ones, never a mixture, and a process killed halfway leaves the old store.
    /// No file is renamed over the store (a -wal file left beside a renamed store would damage it).
    /// Returns the number of cases the store now holds.
    public func restore(from source: CaseStore) throws -> Int {
        if Self.sameFile(source.path, path) {
            throw StoreError.invalid("\(source.path) is the store itself; there is nothing to restore. Nothing was changed.")
        }
        try source.checkIntegrity()
        try source.checkSchemaIsReinstates()
        let sourcePage = try source.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0 }
        let storePage = try read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0 }
        guard sourcePage == storePage else {
            throw StoreError.invalid(
                "\(source.path) uses \(sourcePage)-byte pages and the store \(storePage)-byte pages, so SQLite cannot "
                    + "copy it in place. Open it directly instead: --store \(source.path). Nothing was changed.")
        }
        do {
            try source.queue.backup(to: queue)
        } catch {
            throw StoreError.writeFailed(Self.explain(error, path: path))
        }
        return try caseCount()
    }

    /// Refuses a store whose schema (tables, indexes, triggers, views) is not exactly the one Reinstate
    /// made at its version: a trigger or a view someone added could delete or change the seller's later
    /// work once restored. The store's schema is compared, entry by entry and statement by statement,
    /// with a new store in memory brought to the same migrations.
    public func checkSchemaIsReinstates() throws {
        let (applied, found) = try read { db in (try Schema.migrator.appliedIdentifiers(db), try Self.schemaEntries(db)) }
        let all = Schema.migrator.migrations
        guard let last = all.last(where: applied.contains), Set(all.prefix(through: all.firstIndex(of: last)!)) == applied else {
            throw StoreError.invalid("\(path) has migrations Reinstate does not know; it was not made by Reinstate. Nothing was changed.")
        }
        let fresh = try DatabaseQueue()
        try Schema.migrator.migrate(fresh, upTo: last)
        let expected = try fresh.read(Self.schemaEntries)
        guard found == expected else {
            let extra = found.subtracting(expected).sorted().prefix(3).map { "\($0.type) \($0.name)" }
            let missing = expected.subtracting(found).sorted().prefix(3).map { "\($0.type) \($0.name)" }
            let what: [String] = (extra.isEmpty ? [] : ["not Reinstate's: " + extra.joined(separator: ", ")])
                + (missing.isEmpty ? [] : ["missing or changed: " + missing.joined(separator: ", ")])
            throw StoreError.invalid(
                "\(path) is not a store as Reinstate made it (\(what.joined(separator: "; "))). It was not restored; nothing was changed.")
        }
    }

    struct SchemaEntry: Hashable, Comparable {
        var type: String
        var name: String
        var table: String
        var sql: String
        static func < (a: SchemaEntry, b: SchemaEntry) -> Bool { (a.type, a.name) < (b.type, b.name) }
    }

    /// Every table, index, trigger and view, with its SQL; SQLite's statistics tables (ANALYZE) aside.
    static func schemaEntries(_ db: Database) throws -> Set<SchemaEntry> {
        Set(try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master").compactMap { row in
            let name: String = row["name"]
            if name.hasPrefix("sqlite_stat") { return nil }
            return SchemaEntry(type: row["type"], name: name, table: row["tbl_name"], sql: row["sql"] ?? "")
        })
    }

    /// Runs SQLite's integrity check over the whole file; throws `StoreError.damaged` with what it found.
    public func checkIntegrity() throws {
        let problems: [String]
        do {
            problems = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check(20)") }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            throw StoreError.damaged(path: path, why: error.message ?? "\(error.resultCode)")
        } catch {
            throw StoreError.cannotOpen(path: path, why: Self.explain(error, path: path))
        }
        guard problems == ["ok"] else {
            throw StoreError.damaged(path: path, why: problems.prefix(3).joined(separator: "; "))
        }
    }
}
