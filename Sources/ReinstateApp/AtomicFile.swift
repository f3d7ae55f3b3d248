import Foundation

/// Writes a whole file or nothing: a temporary file beside the target, synced, then renamed over it.
/// Files are private (0600) because cases are private business data.
public enum AtomicFile {
    /// Why a file could not be written, in words a seller can act on.
    public struct Failure: Error, CustomStringConvertible, LocalizedError {
        public let description: String
        public var errorDescription: String? { description }
    }

    public static func write(_ data: Data, to path: String, overwrite: Bool) throws {
        let file = try Writer(path: path, overwrite: overwrite)
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
        private var fd: Int32
        private var buffer = OutputBuffer()
        /// The bytes written so far.
        public private(set) var count = 0

        private var interruptGuard: InterruptGuard?

        /// Refuses an existing file without `overwrite` before anything is created. With
        /// `removedOnInterrupt`, for a file written over a long time, an interrupt (Ctrl-C, SIGTERM,
        /// SIGHUP) before `commit()` removes the temporary file before the process ends.
        public init(path: String, overwrite: Bool, removedOnInterrupt: Bool = false) throws {
            self.path = path
            if FileManager.default.fileExists(atPath: path), !overwrite {
                throw Failure(description: "\(path) already exists; add --force to replace it.")
            }
            let folder = (path as NSString).deletingLastPathComponent
            temp = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
            if removedOnInterrupt { interruptGuard = InterruptGuard(temp) }
            fd = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
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
            guard rename(temp, path) == 0 else { throw failure(errno) }
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
            throw AtomicFile.Failure(description: "Cannot write to standard output: \(String(cString: strerror(error))).")
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
        return bytes.withUnsafeBytes { buffer -> Int32? in
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
    }
}
