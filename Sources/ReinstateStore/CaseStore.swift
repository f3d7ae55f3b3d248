import Foundation
import GRDB
import ReinstateCore

/// The case store: one SQLite file holding every case with its full history.
///
/// Every public write runs in one immediate transaction, so a command either saves all it meant to or
/// nothing; a second Reinstate process waits for the first (busy timeout) instead of failing.
public final class CaseStore: Sendable {
    /// Where the store lives, as given.
    public let path: String
    /// Things the seller should know that do not stop the store from working (loose permissions).
    public let warnings: [String]
    /// Who this store's writes are recorded as made by (the configuration's `author`, else the login
    /// name: the commands and the tracker resolve it with `Author.resolve` and pass it in); nil records
    /// no author.
    public let author: String?
    let queue: DatabaseQueue

    /// The largest message Reinstate stores (20 MiB); the commands and the tracker refuse larger files.
    public static let messageLimit = MessageReader.largestMessage

    /// How long a writer waits for another process before giving up.
    static let busyTimeout: TimeInterval = 15

    // MARK: - Opening

    /// Opens the store at `path`, creating it (folder 0700, file 0600) when it does not exist yet.
    /// A file that is not a Reinstate store, or one from a newer Reinstate, is refused and left untouched:
    /// the checks only read, and nothing is written (not even the journal mode) until they pass.
    /// `acceptOlderSchema` lets a read-only open read a store an earlier Reinstate wrote without
    /// upgrading it (restore reads old backups that way); other read-only opens ask for an upgrade.
    /// Without `createFolders`, a store whose folder does not exist is refused instead of the folders
    /// being made (only the default location's folders are made on their own).
    public init(
        path: String, readOnly: Bool = false, acceptOlderSchema: Bool = false, createFolders: Bool = true, author: String? = nil
    ) throws {
        self.path = path
        self.author = author
        if path.contains("\u{FFFD}") {
            // A name that is not UTF-8 reaches Swift with replacement characters: another file's name.
            throw StoreError.cannotOpen(path: path, why: "the path is not valid UTF-8 (or holds U+FFFD); rename the file or its folder")
        }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        var warnings: [String] = []
        let existed = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if existed {
            if isDirectory.boolValue { throw StoreError.notAStore(path: path, why: "it is a folder") }
            try Self.checkHeader(path: path)
            warnings = Self.permissionWarnings(path: path)
        } else {
            if let target = try? fm.destinationOfSymbolicLink(atPath: path) {
                // SQLite would follow the link and make its target with the umask's mode, not 0600.
                throw StoreError.cannotOpen(
                    path: path, why: "it is a symbolic link to \(target), which does not exist; nothing was created")
            }
            if readOnly { throw StoreError.cannotOpen(path: path, why: "there is no store there yet") }
            try Self.createStore(at: path, createFolders: createFolders)
        }
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(Self.busyTimeout)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // A 16 MB page cache: lists and `due` touch a few thousand pages. Memory-mapping the file
            // was 15% faster for `due` but tripled its resident memory (the kernel maps 64 KB around
            // every page touched), and peak memory is a target of its own.
            try db.execute(sql: "PRAGMA cache_size = -16000")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            let needsMigration = try queue.read { db in
                if existed { try Self.checkIdentity(db, path: path) }
                return try !Schema.migrator.hasCompletedMigrations(db)
            }
            if readOnly {
                if needsMigration, !acceptOlderSchema {
                    throw StoreError.cannotOpen(path: path, why: "the store needs an upgrade; open it once without --read-only")
                }
            } else {
                try queue.writeWithoutTransaction { db in
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                        try db.execute(sql: "PRAGMA journal_mode = WAL")
                    }
                }
                if needsMigration { try Schema.migrator.migrate(queue) }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notAStore(path: path, why: Self.explain(error, path: path))
        } catch {
            throw StoreError.cannotOpen(path: path, why: Self.explain(error, path: path))
        }
        self.warnings = warnings
    }

    /// A store in memory, for tests and dry runs.
    public init(inMemory: Void = (), author: String? = nil) throws {
        self.author = author
        path = ":memory:"
        warnings = []
        var config = Configuration()
        config.foreignKeysEnabled = true
        queue = try DatabaseQueue(configuration: config)
        try Schema.migrator.migrate(queue)
    }

    static let sqliteMagic = Array("SQLite format 3\u{0}".utf8)

    /// Looks at the first bytes only, so a foreign file is never opened by SQLite at all.
    static func checkHeader(path: String) throws {
        // Opened without blocking and checked to be a regular file: a FIFO or a device is refused, not waited on.
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            throw StoreError.cannotOpen(path: path, why: "the file cannot be read (check its permissions)")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            throw StoreError.notAStore(path: path, why: "it is \(RegularFile.kind(st.st_mode))")
        }
        let head = (try? RegularFile.read(fd, upTo: 100)) ?? Data()
        if head.isEmpty { throw StoreError.notAStore(path: path, why: "the file is empty") }
        guard head.count >= 16, Array(head.prefix(16)) == sqliteMagic else {
            throw StoreError.notAStore(path: path, why: "it is not an SQLite database")
        }
        // The application id (bytes 68–71 of the header) is in the file of every Reinstate store from
        // the moment it has its name (a new store is made and closed under a temporary name first).
        // Another program's database is refused from its header alone: SQLite never opens it, so its
        // -wal is never checkpointed into it and no -shm is made beside it.
        guard head.count >= 100 else { throw StoreError.notAStore(path: path, why: "it is not an SQLite database") }
        let appID = head[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if Int32(bitPattern: appID) != Schema.applicationID {
            let schemaCookie = head[40..<44].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            var wal = stat()
            let walHasPages = stat(path + "-wal", &wal) == 0 && wal.st_size > 32
            throw StoreError.notAStore(
                path: path,
                why: schemaCookie == 0 && !walHasPages ? "it is an empty SQLite database" : "it is a database of another program")
        }
    }

    /// Checks, by reading only, that an existing file is a Reinstate store this version understands.
    static func checkIdentity(_ db: Database, path: String) throws {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if appID != Schema.applicationID {
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            throw StoreError.notAStore(
                path: path, why: tables == 0 ? "it is an empty SQLite database" : "it is a database of another program")
        }
        if try Schema.migrator.hasBeenSuperseded(db) { throw StoreError.newerStore(path: path) }
    }

    /// Makes a new, fully migrated store under a temporary name beside `path` and only then gives it
    /// its name (a hard link, which never replaces a file). A process killed while creating a store
    /// leaves no empty or half-made file under the store's name, which every later open would refuse;
    /// a second process creating the same store at the same moment uses the one that got the name.
    static func createStore(at path: String, createFolders: Bool = true) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temp = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).creating"
        removeLeftovers(in: folder, prefix: ".\(name).", suffix: ".creating")
        do {
            try createPrivateFile(path: temp, createFolders: createFolders)
        } catch StoreError.cannotOpen(_, let why) {
            throw StoreError.cannotOpen(path: path, why: why)  // name the store, not the temporary file
        }
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temp + suffix) } }
        do {
            let queue = try DatabaseQueue(path: temp)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try Schema.migrator.migrate(queue)
            try queue.close()
        } catch {
            throw StoreError.cannotOpen(path: path, why: explain(error, path: path))
        }
        if link(temp, path) == 0 { return }
        let code = errno
        if code == EEXIST { return }  // another Reinstate made it first: use that one
        // Drives without hard links (FAT, exFAT): claim the name by renaming when it is still free.
        if code == EPERM || code == ENOTSUP || code == EOPNOTSUPP, !FileManager.default.fileExists(atPath: path),
            rename(temp, path) == 0
        {
            return
        }
        throw StoreError.cannotOpen(path: path, why: String(cString: strerror(code)))
    }

    /// Removes what a killed Reinstate left while creating a store: files named PREFIX + PID + SUFFIX
    /// (and their -wal, -shm, -journal) whose process is gone. A live process's files are left alone.
    static func removeLeftovers(in folder: String, prefix: String, suffix: String) {
        let place = folder.isEmpty ? "." : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: place) else { return }
        for file in names where file.hasPrefix(prefix) {
            var base = Substring(file)
            for journal in ["-wal", "-shm", "-journal"] where base.hasSuffix(journal) { base = base.dropLast(journal.count) }
            guard base.hasSuffix(suffix), let pid = Int32(base.dropFirst(prefix.count).dropLast(suffix.count)), pid > 0,
                pid != getpid()
            else { continue }
            if kill(pid, 0) == 0 || errno != ESRCH { continue }  // still running, or not ours to ask
            unlink(place + "/" + file)
        }
    }

    static func createPrivateFile(path: String, createFolders: Bool = true) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let fm = FileManager.default
        if !folder.isEmpty, !fm.fileExists(atPath: folder), !createFolders {
            throw StoreError.cannotOpen(path: path, why: "the folder \(folder) does not exist (is the path right? is the disk mounted?)")
        }
        if !folder.isEmpty, !fm.fileExists(atPath: folder) {
            do {
                try fm.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotOpen(path: path, why: "cannot create the folder \(folder): \(explain(error))")
            }
        }
        let fd = PrivateFile.create(at: path)
        if fd < 0 {
            let code = errno
            switch code {
            case EROFS, EACCES, EPERM: throw StoreError.cannotOpen(path: path, why: Words.readOnly)
            case ENOSPC, EDQUOT: throw StoreError.cannotOpen(path: path, why: Words.full)
            default: throw StoreError.cannotOpen(path: path, why: String(cString: strerror(code)))
            }
        }
        close(fd)
    }

    static func permissionWarnings(path: String) -> [String] {
        var warnings: [String] = []
        let folder = (path as NSString).deletingLastPathComponent
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & 0o077 != 0 {
            warnings.append(
                "the store file \(path) can be read by other users (mode \(String(st.st_mode & 0o777, radix: 8))); "
                    + "run: chmod 600 \(shellQuoted(path))")
        }
        if stat(folder.isEmpty ? "." : folder, &st) == 0, st.st_mode & 0o002 != 0 {
            warnings.append(
                "the store's folder \(folder.isEmpty ? "." : folder) can be written by every user (mode \(String(st.st_mode & 0o7777, radix: 8))), "
                    + "who could replace or remove the store; move it into a private folder")
        } else if !folder.isEmpty, stat(folder, &st) == 0, st.st_mode & 0o077 != 0,
            folder.hasSuffix("/reinstate")
        {
            warnings.append(
                "the store folder \(folder) is open to other users (mode \(String(st.st_mode & 0o777, radix: 8))); "
                    + "run: chmod 700 \(shellQuoted(folder))")
        }
        return warnings
    }

    /// A path quoted for a POSIX shell: a name with quotes, `$` or `;` in it is still one word.
    public static func shellQuoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: - Transactions

    /// Runs `body` in one immediate transaction: all of it is saved, or none of it.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: Result<T, Error>?
                try db.inTransaction(.immediate) {
                    do {
                        result = .success(try body(db))
                        return .commit
                    } catch {
                        result = .failure(error)
                        return .rollback
                    }
                }
                guard let result else { throw StoreError.writeFailed("the transaction did not run") }
                return try result.get()
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.writeFailed(Self.explain(error, path: path))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, why: Self.explain(error, path: path))
        }
    }

    /// The words for the failures a seller can fix.
    enum Words {
        static let full = "the disk is full; free some space and try again"
        static let readOnly = "the store (or its folder) is read-only; check the permissions or use --store elsewhere"
        static func fileSizeLimit(_ bytes: UInt64) -> String {
            "the file grew past this shell's file-size limit (ulimit -f, \(bytes / 1024) KB); "
                + "raise it (ulimit -f unlimited) and try again"
        }
    }

    /// SQLite's errors in words a seller can act on. With the `path` of the file involved, an error that
    /// SQLite can only call "cannot open" or "disk I/O error" is traced to its usual cause: a read-only
    /// disk or folder (SQLite needs to create the -wal and -shm files beside the store even to read it),
    /// a full disk, or a file-size limit.
    static func explain(_ error: Error, path: String? = nil) -> String {
        guard let db = error as? DatabaseError else { return "\(error)" }
        switch db.resultCode {
        case .SQLITE_FULL:
            if let path, placeProblem(at: path) == nil, let limit = fileSizeLimit() { return Words.fileSizeLimit(limit) }
            return Words.full
        case .SQLITE_READONLY, .SQLITE_PERM:
            return Words.readOnly
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "another Reinstate kept the store busy for more than \(Int(busyTimeout)) seconds; try again"
        case .SQLITE_CORRUPT: return "the store file is damaged; restore it from a backup"
        case .SQLITE_NOTADB: return "it is not a database"
        case .SQLITE_CANTOPEN:
            if let path, let problem = placeProblem(at: path) { return problem }
            return "the file cannot be opened (check the folder exists and its permissions)"
        case .SQLITE_IOERR:
            if let path, let problem = placeProblem(at: path) { return problem }
            if path != nil, let limit = fileSizeLimit() { return Words.fileSizeLimit(limit) }
            return "a disk error occurred (\(db.message ?? "I/O error"))"
        default: return db.message ?? "\(db)"
        }
    }

    /// A read-only disk or folder, or a (nearly) full disk, where the file at `path` lives.
    static func placeProblem(at path: String) -> String? {
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        var fs = statvfs()
        let measured = statvfs(folder, &fs) == 0
        if measured, fs.f_flag & UInt(ST_RDONLY) != 0 { return Words.readOnly }
        if access(folder, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM) { return Words.readOnly }
        if access(path, F_OK) == 0, access(path, W_OK) != 0 { return Words.readOnly }
        // Less room than SQLite's shared-memory file (32 KB) needs: nothing can be opened for writing.
        if measured, UInt64(getuid() == 0 ? fs.f_bfree : fs.f_bavail) * UInt64(fs.f_frsize) < 64 * 1024 { return Words.full }
        return nil
    }

    /// The file-size limit (`ulimit -f`) of this process in bytes, when there is one.
    static func fileSizeLimit() -> UInt64? {
        var limit = rlimit()
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        #else
        let resource = RLIMIT_FSIZE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return UInt64(limit.rlim_cur)
    }
}
