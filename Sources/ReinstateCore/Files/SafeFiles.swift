import Foundation

/// With `PrivateFile`, the one place Reinstate creates, names and reads files it does not own through
/// SQLite: temporary files private (0600) from their first byte, final names taken without replacing
/// what another process put there, and only regular files read (a FIFO or a device would hang or
/// never end).

/// Why a file could not be created, named or read, in words a seller can act on.
public struct FileProblem: Error, CustomStringConvertible, LocalizedError, Equatable {
    public let description: String
    public var errorDescription: String? { description }
    public init(_ description: String) { self.description = description }
}

extension PrivateFile {
    /// Creates `path` as a new file, readable and writable by its owner only from the first byte:
    /// `O_CREAT | O_EXCL` (never an existing file, never through a symbolic link), mode 0600 whatever
    /// the umask. Returns the open descriptor, or -1 with `errno` set. Temporary files beside a target
    /// (exports, backups, a new store) are made with it; `create(prefix:suffix:holding:)` makes those
    /// with a name nobody can guess (the editor's file, `poa draft`).
    public static func create(at path: String, mode: mode_t = 0o600) -> Int32 {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
        if fd >= 0 { fchmod(fd, mode) }  // a umask can only take bits away; this says what is meant
        return fd
    }
}

public enum FilePlacement {
    /// Gives the finished temporary file `temp` the name `target`; returns 0 or an errno (EEXIST when
    /// the name is taken and `overwrite` is off). Without `overwrite` a hard link makes the name appear
    /// only if it is free, with no moment in which a file another process created there could be
    /// replaced; where links are not supported (FAT and exFAT drives) it checks, then renames. With
    /// `overwrite` only a regular file is ever replaced (see `replaceable`): the caller checks first.
    public static func place(_ temp: String, at target: String, overwrite: Bool) -> Int32 {
        if overwrite {
            if replaceable(target) != nil { return EINVAL }  // the caller says why, from `replaceable`
            return rename(temp, target) == 0 ? 0 : errno
        }
        if link(temp, target) == 0 {
            unlink(temp)
            return 0
        }
        let code = errno
        guard code == EPERM || code == EOPNOTSUPP || code == ENOTSUP || code == EMLINK else { return code }
        if access(target, F_OK) == 0 { return EEXIST }
        return rename(temp, target) == 0 ? 0 : errno
    }

    /// Nil when `path` is free or names a regular file (or a link to one) that may be replaced with
    /// --force; otherwise why not ("it is a folder", "it is a device", …). A device, a FIFO, a socket or a
    /// folder is never replaced.
    public static func replaceable(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        if st.st_mode & S_IFMT == S_IFLNK {
            guard stat(path, &st) == 0 else { return nil }  // a dangling link: the link itself is replaced
        }
        return st.st_mode & S_IFMT == S_IFREG ? nil : "it is \(RegularFile.kind(st.st_mode))"
    }
}

public enum RegularFile {
    /// What a file of this mode is, in words: "a folder", "a FIFO (named pipe)", "a device"…
    public static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// Opens `path` for reading only when it is a regular file: opened with `O_NONBLOCK` (so a FIFO
    /// with no writer does not hang the open), checked with `fstat` on what was opened (no window for
    /// a swap), then set back to blocking reads. Returns the descriptor; the caller closes it.
    public static func open(_ path: String, what: String = "file") throws -> Int32 {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ENOENT: throw FileProblem("\(path) does not exist.")
            case EACCES, EPERM: throw FileProblem("\(path) cannot be read (check its permissions).")
            default: throw FileProblem("\(path) cannot be read: \(String(cString: strerror(code))).")
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let code = errno
            close(fd)
            throw FileProblem("\(path) cannot be read: \(String(cString: strerror(code))).")
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw FileProblem("\(path) is \(kind(st.st_mode)), not a \(what); Reinstate reads only regular files.")
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return fd
    }

    /// The size of an open file.
    public static func size(_ fd: Int32) -> Int64 {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int64(st.st_size) : 0
    }

    /// Reads up to `limit` bytes of an open file (one more tells that it is larger).
    public static func read(_ fd: Int32, upTo limit: Int) throws -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while data.count < limit {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, limit - data.count)) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw FileProblem("Reading failed: \(String(cString: strerror(errno))).") }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return data
    }

    /// The first `count` bytes of a regular file at `path`.
    public static func head(_ path: String, count: Int, what: String = "file") throws -> Data {
        let fd = try open(path, what: what)
        defer { close(fd) }
        return try read(fd, upTo: count)
    }

    /// Every chunk of a regular file at `path`, in order, for hashing.
    public static func forEachChunk(_ path: String, _ body: (Data) -> Void) throws -> Int64 {
        let fd = try open(path)
        defer { close(fd) }
        var size: Int64 = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw FileProblem("\(path) cannot be read: \(String(cString: strerror(errno))).") }
            if n == 0 { break }
            body(Data(chunk[0..<n]))
            size += Int64(n)
        }
        return size
    }
}
