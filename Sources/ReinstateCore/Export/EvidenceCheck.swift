import Foundation

/// What comparing an evidence file on disk with its recorded size and SHA-256 found. The command does
/// the file I/O and hands the result to the renderers, which stay pure.
public enum EvidenceCheck: Sendable, Equatable {
    /// Same size and the same SHA-256 as when it was recorded.
    case matches
    /// The file is there but differs from what was recorded.
    case changed(size: Int64, sha256: String)
    /// No file at the recorded path.
    case missing
    /// The file is there but cannot be read.
    case unreadable
    /// Not looked at (for example in tests, or when the export was made elsewhere).
    case notChecked

    /// Words for the export: "matches the file on disk", "CHANGED on disk (now 12 bytes, sha256 …)".
    public var label: String {
        switch self {
        case .matches: return "matches the file on disk"
        case .changed(let size, let sha256): return "CHANGED on disk (now \(size) bytes, SHA-256 \(sha256))"
        case .missing: return "MISSING: no file at this path any more"
        case .unreadable: return "cannot be read (check its permissions)"
        case .notChecked: return "not checked"
        }
    }

    /// Whether the seller should look at it: the file changed, went missing or cannot be read.
    public var isProblem: Bool {
        switch self {
        case .matches, .notChecked: return false
        case .changed, .missing, .unreadable: return true
        }
    }
}
