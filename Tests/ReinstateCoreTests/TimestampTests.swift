import Foundation
import Testing
@testable import ReinstateCore

@Suite struct TimestampTests {
    let utc = TimeZone(identifier: "UTC")!
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test func parsesDatesAndDateTimes() {
        #expect(Timestamp.parse("2026-11-22T09:30:00Z")?.timeIntervalSince1970 == 1_795_339_800)
        #expect(Timestamp.parse("2026-11-22T17:30:00+08:00") == Timestamp.parse("2026-11-22T09:30:00Z"))
        #expect(Timestamp.parse("2026-11-22 09:30", zone: utc) == Timestamp.parse("2026-11-22T09:30:00Z"))
        #expect(Timestamp.parse("2026-11-22", zone: shanghai) == Timestamp.parse("2026-11-21T16:00:00Z"))
        #expect(Timestamp.parse("2026-11-22T09:30:00.750Z")?.timeIntervalSince1970 == 1_795_339_800.75)
    }

    @Test(arguments: ["", "2026-13-01", "2026-02-30", "22/11/2026", "2026-11-22T25:00", "2026-11-22Tfoo", "tomorrow"])
    func rejectsWhatIsNotISO8601(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func printsUTCAndLocal() {
        let date = Date(timeIntervalSince1970: 1_795_339_800.9)
        #expect(Timestamp.utc(date) == "2026-11-22T09:30:00Z")
        #expect(Timestamp.local(date, zone: shanghai) == "2026-11-22 17:30")
        #expect(Timestamp.day(date, zone: TimeZone(identifier: "America/Los_Angeles")!) == "2026-11-22")
        #expect(Timestamp.utc(Date(timeIntervalSince1970: -86_400)) == "1969-12-31T00:00:00Z")
    }

    @Test func roundTripsEveryDayOfSeveralYears() {
        var t = Timestamp.parse("2023-12-25T00:00:00Z")!
        for _ in 0..<(366 * 5) {
            #expect(Timestamp.parse(Timestamp.utc(t)) == t)
            t.addTimeInterval(86_400 + 3_601)
        }
    }
}
