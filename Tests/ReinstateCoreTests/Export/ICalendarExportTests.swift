import Foundation
import Testing
@testable import ReinstateCore

@Suite struct ICalendarExportTests {
    let ics = ICalendarExport.render([ExportFixture.history], settings: ExportFixture.settings)

    @Test func isValidRFC5545AndCarriesNoControls() throws {
        _ = try ICalendarValidator.parse(Data(ics.utf8))
        #expect(!ExportFixture.hasControls(ics.replacingOccurrences(of: "\r\n", with: "")))
    }

    @Test func everyOpenDeadlineIsOneEventCheckedFieldByField() throws {
        let calendar = try ICalendarValidator.parse(Data(ics.utf8))
        #expect(calendar.value("VERSION") == "2.0")
        #expect(try calendar.value("PRODID").map(ICalendarValidator.unescape) == ICalendarExport.productID)
        #expect(calendar.value("METHOD") == "PUBLISH")
        let events = calendar.children.filter { $0.name == "VEVENT" }
        #expect(events.count == 1)  // deadline 41 is closed
        let event = try #require(events.first)
        #expect(event.value("UID") == "deadline-42@reinstate")
        #expect(event.value("DTSTAMP") == "20261122T090000Z")
        #expect(event.value("DTSTART") == "20261202T100000Z")
        let summary = try ICalendarValidator.unescape(try #require(event.value("SUMMARY")))
        #expect(summary == "Amazon deadline: case 7 – Inauthentic <script>alert(\"x\")</script> & 中文 🚀 ")
        let description = try ICalendarValidator.unescape(try #require(event.value("DESCRIPTION")))
        #expect(description.contains("Amazon wrote: “Within 17 days; really, \\ yes” (due 2026-12-02T10:00:00Z)"))
        #expect(description.contains("Unanswered requested details (3):\n"))
        #expect(description.contains("- [evidence] A letter of authorization.\n"))
        #expect(description.hasSuffix("- [evidence] Your supplier's phone number (中文)"))
        #expect(description.contains("Invoices from your supplier"))  // answered only in a draft: not sent, still listed
        let alarms = event.children.filter { $0.name == "VALARM" }
        #expect(alarms.map { $0.value("TRIGGER") } == ["-P3D", "-P1D"])
        #expect(alarms.allSatisfy { $0.value("ACTION") == "DISPLAY" })
    }

    @Test func theUIDStaysTheSameAcrossExports() {
        var later = ExportFixture.settings
        later.now = ExportFixture.date("2026-11-25T09:00:00Z")
        let again = ICalendarExport.render([ExportFixture.history], settings: later)
        #expect(again.contains("UID:deadline-42@reinstate\r\n"))
        #expect(again.contains("DTSTAMP:20261125T090000Z\r\n"))
    }

    @Test func foldingNeverSplitsACharacterAndUnfoldsToTheSameLine() throws {
        let pieces = ["a", "中", "🚀", "👩‍👩‍👧", "é", ";", ",", "\\", "\n", "日本語"]
        var rng = SeededGenerator(seed: 5545)
        for length in [1, 20, 60, 74, 75, 76, 150, 400] {
            for _ in 0..<20 {
                let text = (0..<length).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined()
                var w = ICalendarWriter()
                w.property("BEGIN", raw: "VCALENDAR")
                w.property("VERSION", raw: "2.0")
                w.property("PRODID", text: "x")
                w.property("X-TEST", text: text)
                w.property("END", raw: "VCALENDAR")
                let calendar = try ICalendarValidator.parse(Data(w.text.utf8))
                #expect(try calendar.value("X-TEST").map(ICalendarValidator.unescape) == text)
            }
        }
    }

    @Test func textEscapingRoundTrips() throws {
        let text = "a\\b;c,d\ne \u{1B}[31mred"
        #expect(ICalendarWriter.escape(text) == "a\\\\b\\;c\\,d\\ne red")
        #expect(try ICalendarValidator.unescape(ICalendarWriter.escape(text)) == "a\\b;c,d\ne red")
    }

    @Test func allCasesGoInOneCalendarInDueOrder() throws {
        var other = ExportFixture.history
        other.suspensionCase.id = 8
        other.deadlines[1].id = 43
        other.deadlines[1].due = ExportFixture.date("2026-11-30T00:00:00Z")
        let calendar = try ICalendarValidator.parse(Data(ICalendarExport.render([ExportFixture.history, other], settings: ExportFixture.settings).utf8))
        #expect(calendar.children.compactMap { $0.value("UID") } == ["deadline-43@reinstate", "deadline-42@reinstate"])
    }
}
