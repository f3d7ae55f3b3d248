import Foundation
import Testing
@testable import ReinstateCore

/// The documents of several cases, pinned byte for byte: the export of a whole store is written in
/// pieces (a head, one piece a case, a foot) as the cases are read, and the pieces must add up to
/// exactly these documents. The snapshots were recorded with the renderers that built the whole
/// document in memory.
@Suite struct ManyCasesSnapshotTests {
    /// Three cases of different shapes: the full fixture, an empty case, and one with only an open
    /// deadline that falls before the fixture's.
    static var histories: [CaseHistory] {
        var empty = CaseHistory(
            suspensionCase: SuspensionCase(
                id: 9, title: "", account: "", marketplace: "", scope: .account, reason: .other, status: .open,
                opened: ExportFixture.date("2026-11-20T00:00:00Z")),
            messages: [], requests: [], plans: [], deadlines: [], notes: [], evidence: [])
        empty.suspensionCase.title = "Empty \u{202E}reversed\u{202C} & <tag>"
        var early = ExportFixture.history
        early.suspensionCase.id = 12
        early.suspensionCase.title = "Second, with an earlier deadline"
        early.suspensionCase.status = .appealSubmitted
        early.messages = Array(early.messages.prefix(1))
        early.requests = early.requests.filter { $0.messageID == 1 }
        early.deadlines = [
            Deadline(id: 3, caseID: 12, messageID: 1,
                     rule: DeadlineRule(amount: 3, unit: .days, anchor: .thisMessage, text: "within 3 days"),
                     set: ExportFixture.date("2026-11-20T08:00:00Z"), due: ExportFixture.date("2026-11-23T08:00:00Z")),
            Deadline(id: 4, caseID: 12, messageID: 1,
                     rule: DeadlineRule(amount: 10, unit: .days, anchor: .thisMessage, text: "same due, later id"),
                     set: ExportFixture.date("2026-11-22T10:00:00Z"), due: ExportFixture.date("2026-12-02T10:00:00Z")),
        ]
        return [ExportFixture.history, empty, early]
    }

    @Test func markdownOfManyCases() {
        assertTextSnapshot(MarkdownExport.render(all: Self.histories, settings: ExportFixture.settings), named: "all-cases.md")
    }

    @Test func markdownOfNoCase() {
        assertTextSnapshot(MarkdownExport.render(all: [], settings: ExportFixture.settings), named: "no-case.md")
    }

    @Test func htmlOfManyCases() {
        assertTextSnapshot(HTMLExport.render(all: Self.histories, settings: ExportFixture.settings), named: "all-cases.html")
    }

    @Test func htmlOfOneCaseInTheManyCaseLayout() {
        assertTextSnapshot(HTMLExport.render(all: [ExportFixture.history], settings: ExportFixture.settings), named: "one-of-all.html")
    }

    @Test func htmlOfOneCase() {
        assertTextSnapshot(HTMLExport.render(ExportFixture.history, settings: ExportFixture.settings), named: "case-7.html")
    }

    @Test func calendarOfManyCases() {
        // CRLF line ends are part of the format: kept visible in the snapshot as "\r" markers.
        let ics = ICalendarExport.render(Self.histories, settings: ExportFixture.settings)
        assertTextSnapshot(ics.replacingOccurrences(of: "\r\n", with: "\\r\n"), named: "all-cases.ics")
    }

    @Test func calendarOfNoCase() {
        let ics = ICalendarExport.render([], settings: ExportFixture.settings)
        assertTextSnapshot(ics.replacingOccurrences(of: "\r\n", with: "\\r\n"), named: "no-case.ics")
    }
}
