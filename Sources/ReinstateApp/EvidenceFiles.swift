import Foundation
import ReinstateCore
import SafeFiles

/// Evidence files on disk compared with what the store recorded.
public enum EvidenceFiles {
    /// Compares each evidence file with its recorded size and SHA-256. Each path is read once.
    public static func check(_ histories: [CaseHistory]) -> [Int64: EvidenceCheck] {
        var checker = Checker()
        return checker.check(histories)
    }

    /// Checks evidence a batch of cases at a time, still reading each path once over all the batches.
    public struct Checker {
        private var byPath: [String: (size: Int64, sha256: String)?] = [:]

        public init() {}

        public mutating func check(_ histories: [CaseHistory]) -> [Int64: EvidenceCheck] {
            var result: [Int64: EvidenceCheck] = [:]
            for e in histories.flatMap(\.evidence) {
                guard FileManager.default.fileExists(atPath: e.path) else {
                    result[e.id] = .missing
                    continue
                }
                if byPath[e.path] == nil { byPath[e.path] = .some(EvidenceFiles.fingerprint(e.path)) }
                guard let found = byPath[e.path] ?? nil else {
                    result[e.id] = .unreadable
                    continue
                }
                result[e.id] = found.size == e.size && found.sha256 == e.sha256 ? .matches : .changed(size: found.size, sha256: found.sha256)
            }
            return result
        }
    }

    public static func fingerprint(_ path: String) -> (size: Int64, sha256: String)? {
        // Only a regular file: an evidence path that is now a FIFO or a device is unreadable, not a hang.
        var hasher = SHA256()
        guard let size = try? RegularFile.forEachChunk(path, { hasher.update($0) }) else { return nil }
        return (size, hasher.finalize())
    }
}
