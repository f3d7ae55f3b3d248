import Foundation
import Testing
@testable import ReinstateCore

/// The rules both stores apply when a mistake is put right: facts in, the states and status to write out.
@Suite struct CorrectionRulesTests {
    let day: TimeInterval = 86_400
    let notice = Timestamp.parse("2026-11-01T10:00:00Z")!
    let rules = CaseRulesTests()

    func request(_ id: Int64, _ state: RequestState = .unanswered) -> RequestedDetail {
        RequestedDetail(
            id: id, caseID: 1, messageID: 7, text: "the root cause of the improper packaging", aspect: .rootCause,
            topic: "improper packaging", state: state)
    }

    /// The case with its message received at `received` and `plans` as (number, submitted).
    func history(_ requests: [RequestedDetail], received: Date, plans: [(Int, Date?)]) -> CaseHistory {
        var h = rules.history(requests: requests, received: received)
        h.plans = plans.map { PlanVersion(caseID: 1, number: $0.0, text: rules.plan, created: notice, submitted: $0.1) }
        return h
    }

    @Test func theMatchersMarksAreRedoneByTheSubmissionsThatNowComeAfterTheMessage() {
        let sent = notice.addingTimeInterval(day)
        // Marked by v1 when it arrived before it; redated after v1, v2 (sent later) answers it instead.
        let redated = history([request(3, .answered(version: 1, by: .matcher))], received: sent.addingTimeInterval(3_600),
            plans: [(1, sent), (2, sent.addingTimeInterval(day))])
        #expect(CorrectionRules.redoMatcherMarks(of: [3], in: redated).map(\.state) == [.answered(version: 2, by: .matcher)])
        // After every submission: open again.
        let late = history([request(3, .answered(version: 1, by: .matcher))], received: sent.addingTimeInterval(3 * day),
            plans: [(1, sent), (2, sent.addingTimeInterval(day)), (3, nil)])
        #expect(CorrectionRules.redoMatcherMarks(of: [3], in: late).map(\.state) == [.unanswered])
        // Before every submission: the first one sent answers it.
        let early = history([request(3)], received: notice, plans: [(2, sent.addingTimeInterval(day)), (1, sent)])
        #expect(CorrectionRules.redoMatcherMarks(of: [3], in: early).map(\.state) == [.answered(version: 1, by: .matcher)])
    }

    @Test func theSellersWordAndOtherRequestsAreLeftAlone() {
        let sent = notice.addingTimeInterval(day)
        let h = history(
            [request(3, .answered(version: 1, by: .user)), request(4, .waived(reason: "by phone")), request(5, .reopened), request(6)],
            received: notice, plans: [(1, sent)])
        // Only request 6 is the matcher's to decide, and only what is asked for is returned.
        #expect(CorrectionRules.redoMatcherMarks(of: [3, 4, 5, 6], in: h).map(\.id) == [6])
        #expect(CorrectionRules.redoMatcherMarks(of: [3, 4, 5], in: h).isEmpty)
    }

    @Test func aMovedRequestLosesItsAnswerButKeepsAWaiverOrAReopening() {
        #expect(CorrectionRules.movedToAnotherCase(request(3, .answered(version: 2, by: .user)), caseID: 9).state == .unanswered)
        #expect(CorrectionRules.movedToAnotherCase(request(3, .answered(version: 2, by: .matcher)), caseID: 9).state == .unanswered)
        #expect(CorrectionRules.movedToAnotherCase(request(3, .waived(reason: "x")), caseID: 9).state == .waived(reason: "x"))
        #expect(CorrectionRules.movedToAnotherCase(request(3, .reopened), caseID: 9).state == .reopened)
        #expect(CorrectionRules.movedToAnotherCase(request(3), caseID: 9).caseID == 9)
    }

    @Test func takingBackTheOnlySubmissionDraftsTheAppealAgain() {
        #expect(CorrectionRules.statusAfterUnsubmit(current: .appealSubmitted, otherSubmitted: 0) == .planDrafted)
        #expect(CorrectionRules.statusAfterUnsubmit(current: .appealSubmitted, otherSubmitted: 1) == nil)
        #expect(CorrectionRules.statusAfterUnsubmit(current: .moreInformationRequested, otherSubmitted: 0) == nil)
        #expect(CorrectionRules.statusAfterUnsubmit(current: .reinstated, otherSubmitted: 0) == nil)
    }
}
