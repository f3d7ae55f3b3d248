import Foundation
import ReinstateCore

/// Evidence files on disk compared with what the store recorded.
public enum EvidenceFiles {
    /// Compares each evidence file with its recorded size and SHA-256. Each path is read once.
    public static func check(_ histories: [CaseHistory]) -> [Int64: EvidenceCheck] {
        var checker = Checker()
        return checker.check(histories)
    }

    /// Checks evidence a batch of cases at a time, still reading each path once over all the batches.
    ///
    /// A file is hashed only when it may have changed: one of the recorded size whose status last
    /// changed (its ctime, which every write and every `touch` moves to the present) before it was
    /// recorded is the file that was hashed then, and matches without being read again. So a 4 GB
    /// evidence file costs each export one `stat`, not 20 seconds.
    public struct Checker {
        private var byPath: [String: (size: Int64, sha256: String)?] = [:]
        /// Told before a file of `longHash` bytes or more is hashed (a line on stderr, for the commands).
        public var onLongHash: ((String, Int64) -> Void)?
        public static let longHash: Int64 = 256 * 1024 * 1024

        public init(onLongHash: ((String, Int64) -> Void)? = nil) {
            self.onLongHash = onLongHash
        }

        public mutating func check(_ histories: [CaseHistory]) -> [Int64: EvidenceCheck] {
            var result: [Int64: EvidenceCheck] = [:]
            for e in histories.flatMap(\.evidence) {
                guard FileManager.default.fileExists(atPath: e.path) else {
                    result[e.id] = .missing
                    continue
                }
                if byPath[e.path] == nil, EvidenceFiles.unchangedSince(e) {
                    result[e.id] = .matches
                    continue
                }
                if byPath[e.path] == nil {
                    var st = stat()
                    if stat(e.path, &st) == 0, Int64(st.st_size) >= Self.longHash { onLongHash?(e.path, Int64(st.st_size)) }
                    byPath[e.path] = .some(EvidenceFiles.fingerprint(e.path))
                }
                guard let found = byPath[e.path] ?? nil else {
                    result[e.id] = .unreadable
                    continue
                }
                result[e.id] = found.size == e.size && found.sha256 == e.sha256 ? .matches : .changed(size: found.size, sha256: found.sha256)
            }
            return result
        }
    }

    /// A regular file of the recorded size whose status has not changed since a second before it was
    /// recorded: the bytes hashed then.
    static func unchangedSince(_ e: Evidence) -> Bool {
        var st = stat()
        guard stat(e.path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int64(st.st_size) == e.size else { return false }
        return Double(st.st_ctim.tv_sec) < e.added.timeIntervalSince1970.rounded(.down)
    }

    public static func fingerprint(_ path: String) -> (size: Int64, sha256: String)? {
        // Only a regular file: an evidence path that is now a FIFO or a device is unreadable, not a hang.
        var hasher = SHA256()
        guard let size = try? RegularFile.forEachChunk(path, { hasher.update($0) }) else { return nil }
        return (size, hasher.finalize())
    }
}
