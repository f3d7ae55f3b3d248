import Foundation
import ReinstateUI
import Testing

/// Compares a frame with the text snapshot `__Snapshots__/<name>.txt` beside the tests: its lines,
/// a ruler, then its style mask. Records the snapshot when the file is missing (the test then fails
/// once, so a new snapshot is always looked at).
func assertSnapshot(
    _ frame: Frame, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let text = snapshotText(frame)
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name + ".txt")
    guard let stored = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        Issue.record(Comment(rawValue: "Recorded a new snapshot at \(file.path); check it and run again."), sourceLocation: sourceLocation)
        return
    }
    if stored != text {
        let expected = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let actual = text.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for i in 0..<max(expected.count, actual.count) {
            let e = i < expected.count ? String(expected[i]) : "<none>"
            let a = i < actual.count ? String(actual[i]) : "<none>"
            if e != a { diff.append("line \(i + 1):\n  expected |\(e)|\n  actual   |\(a)|") }
        }
        Issue.record(
            Comment(rawValue: "Snapshot \(name) differs (delete the file to re-record):\n" + Array(diff.prefix(12)).joined(separator: "\n")),
            sourceLocation: sourceLocation)
    }
}

/// The text form of a frame kept in snapshots.
func snapshotText(_ frame: Frame) -> String {
    var out = frame.lines.map { $0 + "|" }
    out.append(String(repeating: "-", count: frame.width))
    out.append(contentsOf: frame.styleMask)
    return out.joined(separator: "\n") + "\n"
}
