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
        let fm = FileManager.default
        if fm.fileExists(atPath: path), !overwrite {
            throw Failure(description: "\(path) already exists; add --force to replace it.")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let temp = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let fd = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "Cannot write \(path): \(String(cString: strerror(errno))).") }
        var ok = true
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, base + offset, buffer.count - offset)
                if n <= 0 { ok = false; return }
                offset += n
            }
        }
        let error = errno
        if ok, fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok, rename(temp, path) == 0 else {
            let why = String(cString: strerror(ok ? errno : error))
            unlink(temp)
            throw Failure(description: "Cannot write \(path): \(why). Nothing was written.")
        }
    }
}
