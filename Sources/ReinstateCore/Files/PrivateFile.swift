import Foundation

/// Private temporary files: created with `mkstemps`, so the file is the caller's alone (0600) from
/// its first byte, under a name nobody else can have taken.
public enum PrivateFile {
    /// Creates `$TMPDIR/PREFIX-XXXXXX SUFFIX` holding `data` and returns its path.
    /// - Throws: `PrivateFileError` when it cannot be created or written (the half file is removed).
    public static func create(prefix: String, suffix: String, holding data: Data, in folder: String = NSTemporaryDirectory()) throws -> String {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        var template = Array((base + prefix + "-XXXXXX" + suffix).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let pointer = buffer.baseAddress else { return -1 }
            return mkstemps(pointer, Int32(suffix.utf8.count))
        }
        guard fd >= 0 else { throw PrivateFileError(what: "create a private file in \(base)", code: errno) }
        defer { close(fd) }
        let path = template.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { String(cString: $0) } ?? "" }
        // mkstemps already makes it 0600; a umask cannot widen that, and fchmod makes sure of it.
        fchmod(fd, 0o600)
        let failure: Int32? = data.withUnsafeBytes { buffer -> Int32? in
            guard let start = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, start + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failure {
            unlink(path)
            throw PrivateFileError(what: "write \(path)", code: failure)
        }
        return path
    }
}

/// A private file could not be made; the words say what and why.
public struct PrivateFileError: Error, LocalizedError, Equatable {
    public let what: String
    public let code: Int32

    public var errorDescription: String? {
        "Cannot \(what): \(String(cString: strerror(code)))."
    }
}
