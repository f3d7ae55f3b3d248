import Foundation
import Testing
@testable import ReinstateCore

@Suite struct RequestStandingTests {
    let standings = RequestStanding.byMessage(in: ExportFixture.history)

    func standing(_ id: Int64) -> RequestStanding? {
        standings.values.flatMap { $0 }.first { $0.detail.id == id }
    }

    @Test func answeredThenOnlyWhenTheAnsweringVersionWasSubmittedBeforeAmazonWroteAgain() {
        // v1 was submitted on 11-03, before the reply of 11-06.
        #expect(standing(11)?.then == .answered(version: 1, submitted: ExportFixture.date("2026-11-03T09:00:00Z")))
        // v2 was submitted on 11-10, before the reply of 11-15.
        #expect(standing(21)?.then == .answered(version: 2, submitted: ExportFixture.date("2026-11-10T09:00:00Z")))
        // v3 is a draft: answered now, but Amazon has not seen it.
        #expect(standing(22)?.then == .notAnswered)
        #expect(standing(22)?.answeredByDraft == true)
        #expect(standing(23)?.then == .notAnswered)
        #expect(standing(24)?.then == .notAnswered)
    }

    @Test func theLastMessageCountsUpToNow() {
        #expect(standing(31)?.nextMessage == nil)
        #expect(standing(24)?.nextMessage == ExportFixture.date("2026-11-15T10:00:00Z"))
        #expect(standing(31)?.thenLabel(time: Timestamp.utc) == "not answered by any submitted version (Amazon has not written since)")
        #expect(standing(31)?.nowLabel == "UNANSWERED (you reopened it)")
    }

    @Test func aVersionSubmittedAfterAmazonWroteAgainIsNotThen() {
        var h = ExportFixture.history
        h.requests[1].state = .answered(version: 2, by: .matcher)
        h.messages[2].received = ExportFixture.date("2026-11-08T00:00:00Z")  // before v2 was submitted
        let s = RequestStanding.byMessage(in: h)[2]?.first { $0.detail.id == 21 }
        #expect(s?.then == .notAnswered)
        #expect(s?.nowLabel == "answered by v2 (found by the coverage check)")
    }
}
