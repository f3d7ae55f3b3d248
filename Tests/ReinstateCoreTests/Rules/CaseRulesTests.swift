import Foundation
import Testing
@testable import ReinstateCore

/// The rules both stores apply on a message, a plan or a submission: facts and an event in, changes out.
@Suite struct CaseRulesTests {
    let day: TimeInterval = 86_400
    let notice = Timestamp.parse("2026-11-01T10:00:00Z")!

    // MARK: - Status

    @Test func aMessageMovesAnOpenCaseByItsKind() {
        #expect(StatusRules.afterMessage(current: .open, kind: .reinstatement, requestCount: 0) == .reinstated)
        #expect(StatusRules.afterMessage(current: .appealSubmitted, kind: .denial, requestCount: 0) == .denied)
        #expect(StatusRules.afterMessage(current: .appealSubmitted, kind: .reply, requestCount: 2) == .moreInformationRequested)
        // A reply that asks for nothing, or a notice, leaves the status alone.
        #expect(StatusRules.afterMessage(current: .appealSubmitted, kind: .reply, requestCount: 0) == nil)
        #expect(StatusRules.afterMessage(current: .open, kind: .notice, requestCount: 3) == nil)
        // Already there: no change to record.
        #expect(StatusRules.afterMessage(current: .moreInformationRequested, kind: .reply, requestCount: 1) == nil)
    }

    @Test func aFinishedCaseIsNeverMovedByAMessageOrAPlan() {
        for finished in [CaseStatus.reinstated, .denied, .closed] {
            #expect(StatusRules.afterMessage(current: finished, kind: .reply, requestCount: 1) == nil)
            #expect(StatusRules.afterMessage(current: finished, kind: .denial, requestCount: 0) == nil)
            #expect(StatusRules.afterPlan(current: finished, submitted: true) == nil)
        }
    }

    @Test func aPlanDraftsAnOpenCaseAndASubmissionAppeals() {
        #expect(StatusRules.afterPlan(current: .open, submitted: false) == .planDrafted)
        #expect(StatusRules.afterPlan(current: .moreInformationRequested, submitted: false) == nil)
        #expect(StatusRules.afterPlan(current: .open, submitted: true) == .appealSubmitted)
        // A second appeal restamps the status: the latest submission is when it was set.
        #expect(StatusRules.afterPlan(current: .appealSubmitted, submitted: true) == .appealSubmitted)
    }

    // MARK: - Deadlines

    func deadline(_ id: Int64, set: Date, amount: Int = 17) -> Deadline {
        Deadline(
            id: id, caseID: 1, messageID: id,
            rule: DeadlineRule(amount: amount, unit: .days, anchor: .thisMessage, text: "within \(amount) days"),
            set: set, due: set)
    }

    @Test func theRefreshRecomputesDueDatesClosuresAndTheNextDueDate() {
        let later = notice.addingTimeInterval(5 * day)
        let facts = DeadlineFacts(
            opened: notice, status: .appealSubmitted, statusChanged: later,
            messages: [(.notice, notice), (.reply, later)],
            submissions: [(version: 1, at: notice.addingTimeInterval(day))],
            deadlines: [deadline(1, set: notice), deadline(2, set: later, amount: 3)])
        let refresh = DeadlineRefresh(facts)
        #expect(refresh.deadlines.map(\.due) == [notice.addingTimeInterval(17 * day), later.addingTimeInterval(3 * day)])
        #expect(refresh.deadlines[0].closure == .planSubmitted(version: 1, at: notice.addingTimeInterval(day)))
        #expect(refresh.deadlines[1].closure == nil)
        #expect(refresh.nextDue == later.addingTimeInterval(3 * day))
    }

    @Test func aFinishedCaseHasNoNextDueDate() {
        let closedAt = notice.addingTimeInterval(2 * day)
        let refresh = DeadlineRefresh(
            DeadlineFacts(
                opened: notice, status: .closed, statusChanged: closedAt, messages: [(.notice, notice)], submissions: [],
                deadlines: [deadline(1, set: notice)]))
        #expect(refresh.deadlines[0].closure == .caseFinished(status: .closed, at: closedAt))
        #expect(refresh.nextDue == nil)
    }

    // MARK: - The matcher's marks on submission

    func history(requests: [RequestedDetail], received: Date) -> CaseHistory {
        CaseHistory(
            suspensionCase: SuspensionCase(id: 1, title: "Case", opened: notice),
            messages: [
                AmazonMessage(id: 7, caseID: 1, kind: .reply, received: received, subject: "", raw: Data(), text: "")
            ],
            requests: requests)
    }

    let plan = """
        Root cause
        Our packaging was improper: the boxes were too thin and items broke in transit.
        Corrective actions
        We replaced every box with double-wall cartons and refunded every affected buyer.
        Preventive measures
        We now drop-test a sample of each shipment before it leaves the warehouse.
        """

    @Test func aSubmissionMarksOnlyOpenRequestsAskedBeforeIt() {
        let asked = RequestedDetail(
            id: 3, caseID: 1, messageID: 7, text: "the root cause of the improper packaging", aspect: .rootCause,
            topic: "improper packaging")
        var waived = asked
        waived.id = 4
        waived.state = .waived(reason: "sent by phone")
        let marks = SubmissionMarks.answered(
            by: plan, submitted: notice.addingTimeInterval(day), in: history(requests: [asked, waived], received: notice))
        #expect(marks.map(\.id) == [3])
        // A request that arrived after the submission is not answered by it.
        let tooEarly = SubmissionMarks.answered(
            by: plan, submitted: notice.addingTimeInterval(-day), in: history(requests: [asked], received: notice))
        #expect(tooEarly.isEmpty)
        // `only` limits the marks to the requests named.
        #expect(
            SubmissionMarks.answered(
                by: plan, submitted: notice.addingTimeInterval(day), in: history(requests: [asked], received: notice),
                only: [99]
            ).isEmpty)
    }
}
