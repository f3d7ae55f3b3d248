import Foundation
import Testing

/// Compares `text` with `__Snapshots__/<name>` beside this file. Records it when the file is missing
/// (and fails once, so a new snapshot is always looked at); otherwise reports the first differing lines.
func assertTextSnapshot(
    _ text: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name)
    guard let stored = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        Issue.record(Comment(rawValue: "Recorded a new snapshot at \(file.path); check it and run again."), sourceLocation: sourceLocation)
        return
    }
    guard stored != text else { return }
    let expected = stored.split(separator: "\n", omittingEmptySubsequences: false)
    let actual = text.split(separator: "\n", omittingEmptySubsequences: false)
    var diff: [String] = []
    for i in 0..<max(expected.count, actual.count) {
        let e = i < expected.count ? String(expected[i]) : "<none>"
        let a = i < actual.count ? String(actual[i]) : "<none>"
        if e != a { diff.append("line \(i + 1):\n  expected |\(e)|\n  actual   |\(a)|") }
    }
    Issue.record(
        Comment(rawValue: "Snapshot \(name) differs (delete the file to re-record):\n" + diff.prefix(12).joined(separator: "\n")),
        sourceLocation: sourceLocation)
}
