import Foundation
import ReinstateCore

/// Writes a whole file or nothing: a temporary file beside the target (0600 from its first byte),
/// synced, then given its name. Without `overwrite` the name is taken with a hard link, so a file that
/// appears there meanwhile (another export, another program) is never replaced; with it, only a regular
/// file is replaced, never a device, a FIFO, a socket or a folder. Files are private (0600) because
/// cases are private business data. `protecting` names files that are never written, whatever the
/// flags: the case store and its -wal, -shm and -journal.
public enum AtomicFile {
    /// Why a file could not be written, in words a seller can act on.
    public struct Failure: Error, CustomStringConvertible, LocalizedError {
        public let description: String
        /// Standard output's reader went away (`| head`): nothing to tell anyone, the command just ends.
        public var readerGone = false
        public var errorDescription: String? { description }
    }

    public static func write(_ data: Data, to path: String, overwrite: Bool, protecting: [String] = []) throws {
        let file = try Writer(path: path, overwrite: overwrite, protecting: protecting)
        try file.write(data)
        try file.commit()
    }

    /// A file written piece by piece, still whole or nothing: the pieces go to the temporary file as
    /// they come (through a buffer), and only `commit()` syncs it and gives it its name. Any failure,
    /// or a writer dropped without `commit()`, removes the temporary file: nothing is left under either
    /// name.
    public final class Writer: ExportOutput {
        public let path: String
        let temp: String
        let overwrite: Bool
        private var fd: Int32
        private var buffer = OutputBuffer()
        /// The bytes written so far.
        public private(set) var count = 0

        private var interruptGuard: InterruptGuard?

        /// Refuses an existing file without `overwrite` before anything is created. With
        /// `removedOnInterrupt`, for a file written over a long time, an interrupt (Ctrl-C, SIGTERM,
        /// SIGHUP) before `commit()` removes the temporary file before the process ends.
        public init(path: String, overwrite: Bool, removedOnInterrupt: Bool = false, protecting: [String] = []) throws {
            self.path = path
            self.overwrite = overwrite
            if let store = AtomicFile.protectedFile(path, among: protecting) {
                throw Failure(description: "\(path) is the case store \(store) (or one of its files); an export never writes over it. Choose another file.")
            }
            if let why = FilePlacement.replaceable(path) {
                throw Failure(description: "\(path) is not a file Reinstate replaces (\(why)). Choose another file.")
            }
            var existing = stat()
            if lstat(path, &existing) == 0, !overwrite {
                throw Failure(description: "\(path) already exists; add --force to replace it.")
            }
            let folder = (path as NSString).deletingLastPathComponent
            temp = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
            if removedOnInterrupt { interruptGuard = InterruptGuard(temp) }
            fd = PrivateFile.create(at: temp)
            guard fd >= 0 else {
                interruptGuard = nil
                throw Failure(description: "Cannot write \(path): \(String(cString: strerror(errno))).")
            }
        }

        deinit { abandon() }

        public func write(_ text: String) throws {
            count += text.utf8.count
            if buffer.append(text) { try flush() }
        }

        public func write(_ data: Data) throws {
            count += data.count
            if buffer.append(data) { try flush() }
        }

        /// Syncs the file and gives it its name. On failure the temporary file is removed.
        public func commit() throws {
            try flush()
            guard fd >= 0 else { throw failure(EBADF) }
            if fsync(fd) != 0 { throw failure(errno) }
            close(fd)
            fd = -1
            let code = FilePlacement.place(temp, at: path, overwrite: overwrite)
            guard code == 0 else {
                unlink(temp)
                interruptGuard = nil
                if code == EEXIST {
                    throw Failure(description: "\(path) appeared while the export was being written; it was left as it is. Nothing was written.")
                }
                if code == EINVAL, let why = FilePlacement.replaceable(path) {
                    throw Failure(description: "\(path) is not a file Reinstate replaces (\(why)). Nothing was written.")
                }
                throw Failure(description: "Cannot write \(path): \(String(cString: strerror(code))). Nothing was written.")
            }
            interruptGuard = nil
        }

        /// Removes the temporary file, if it is still there; the target is left as it was.
        public func abandon() {
            guard fd >= 0 else { return }
            close(fd)
            fd = -1
            unlink(temp)
            interruptGuard = nil
        }

        private func flush() throws {
            guard fd >= 0 else { throw failure(EBADF) }
            if let error = buffer.drain(to: fd) { throw failure(error) }
        }

        /// Removes the temporary file and says what went wrong.
        private func failure(_ error: Int32) -> Failure {
            let why = String(cString: strerror(error))
            if fd >= 0 { close(fd) }
            fd = -1
            unlink(temp)
            interruptGuard = nil
            return Failure(description: "Cannot write \(path): \(why). Nothing was written.")
        }
    }
}

extension AtomicFile {
    /// The files of the store at `storePath` that nothing but the store may write.
    public static func storeFiles(_ storePath: String) -> [String] {
        ["", "-wal", "-shm", "-journal"].map { storePath + $0 }
    }

    /// The protected file `path` names (the same file, or the same name once folders and links are
    /// resolved), if any.
    static func protectedFile(_ path: String, among protected: [String]) -> String? {
        let target = canonical(path)
        for p in protected {
            var a = stat(), b = stat()
            if stat(path, &a) == 0, stat(p, &b) == 0, a.st_dev == b.st_dev, a.st_ino == b.st_ino { return p }
            if canonical(p) == target { return p }
        }
        return nil
    }

    /// The path with its folder resolved (links, "..", relative), the last name as given.
    static func canonical(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard let resolved = realpath(folder.isEmpty ? "." : folder, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved) + "/" + name
    }
}

/// While it lives, SIGINT, SIGTERM and SIGHUP remove one temporary file before they end the process
/// as they would have; the signals' earlier handling comes back when it goes. One at a time (a second
/// guard while one lives does nothing); signals the process ignores stay ignored.
final class InterruptGuard {
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?
    private static let signals = [SIGINT, SIGTERM, SIGHUP]
    private var saved: [(Int32, sigaction)] = []
    private var path: UnsafeMutablePointer<CChar>?

    init(_ temp: String) {
        guard Self.pending == nil, let copy = strdup(temp) else { return }
        path = copy
        Self.pending = copy
        for sig in Self.signals {
            var old = sigaction()
            guard sigaction(sig, nil, &old) == 0,
                unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self)
            else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                if let temp = InterruptGuard.pending { unlink(temp) }
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sigemptyset(&action.sa_mask)
            if sigaction(sig, &action, nil) == 0 { saved.append((sig, old)) }
        }
    }

    deinit {
        guard let path else { return }
        for (sig, old) in saved {
            var old = old
            sigaction(sig, &old, nil)
        }
        Self.pending = nil
        free(path)
    }
}

/// Where a streamed export goes: a file written whole or not at all, or standard output.
public protocol ExportOutput: AnyObject {
    func write(_ text: String) throws
    func write(_ data: Data) throws
}

/// Standard output, written through a buffer; `flush()` before the process ends.
public final class StandardOutput: ExportOutput {
    private var buffer = OutputBuffer()

    public init() {}

    public func write(_ text: String) throws {
        if buffer.append(text) { try flush() }
    }

    public func write(_ data: Data) throws {
        if buffer.append(data) { try flush() }
    }

    public func write(_ bytes: [UInt8]) throws {
        if buffer.append(bytes) { try flush() }
    }

    public func flush() throws {
        if let error = buffer.drain(to: STDOUT_FILENO) {
            throw AtomicFile.Failure(
                description: "Cannot write to standard output: \(String(cString: strerror(error))).", readerGone: error == EPIPE)
        }
    }
}

/// Bytes waiting to be written: written out in pieces of about a megabyte, so a long export makes
/// few system calls and holds little.
struct OutputBuffer {
    static let capacity = 1 << 20
    private var bytes: [UInt8] = []

    /// Appends; true when the buffer is full enough to be written out.
    mutating func append(_ text: String) -> Bool {
        bytes.append(contentsOf: text.utf8)
        return bytes.count >= Self.capacity
    }

    mutating func append(_ data: Data) -> Bool {
        bytes.append(contentsOf: data)
        return bytes.count >= Self.capacity
    }

    mutating func append(_ more: [UInt8]) -> Bool {
        bytes.append(contentsOf: more)
        return bytes.count >= Self.capacity
    }

    /// Writes everything to `fd`; the errno of a failed write, or nil.
    mutating func drain(to fd: Int32) -> Int32? {
        defer { bytes.removeAll(keepingCapacity: bytes.capacity <= 2 * Self.capacity) }
        return bytes.withUnsafeBytes { writeAll($0, to: fd) }
    }
}

/// Writes every byte to `fd`, again after an interrupted or short write; the errno of a failed write, or
/// nil. Standard output's buffer and the commands' `Output.write` both go through it.
public func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
    guard let base = buffer.baseAddress else { return nil }
    var offset = 0
    while offset < buffer.count {
        let n = Glibc.write(fd, base + offset, buffer.count - offset)
        if n < 0, errno == EINTR { continue }
        if n <= 0 { return n == 0 ? EIO : errno }
        offset += n
    }
    return nil
}
