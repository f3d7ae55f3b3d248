import Foundation
import Testing
@testable import ReinstateCore

@Suite struct DeadlineRulesTests {
    let day: TimeInterval = 86_400
    let notice = Timestamp.parse("2026-11-01T10:00:00Z")!
    var reply: Date { notice.addingTimeInterval(6 * day) }

    @Test func fourteenDaysOfTheOriginalNotificationCountFromTheFirstNotice() {
        let rule = DeadlineRule(amount: 14, unit: .days, anchor: .originalNotification, text: "within 14 days of the original notification")
        #expect(rule.due(messageReceived: reply, originalNotification: notice) == Timestamp.parse("2026-11-15T10:00:00Z"))
    }

    @Test func seventeenDaysCountFromTheMessageItself() {
        let rule = DeadlineRule(amount: 17, unit: .days, anchor: .thisMessage, text: "within 17 days")
        #expect(rule.due(messageReceived: reply, originalNotification: notice) == Timestamp.parse("2026-11-24T10:00:00Z"))
    }

    @Test func seventyTwoHours() {
        let rule = DeadlineRule(amount: 72, unit: .hours, anchor: .thisMessage, text: "72 hours")
        #expect(rule.due(messageReceived: notice, originalNotification: notice) == Timestamp.parse("2026-11-04T10:00:00Z"))
    }

    @Test func theOriginalNotificationIsTheEarliestNoticeElseTheEarliestMessageElseTheOpeningDay() {
        let opened = notice.addingTimeInterval(-3 * day)
        #expect(DeadlineRules.originalNotification(opened: opened, messages: []) == opened)
        #expect(DeadlineRules.originalNotification(opened: opened, messages: [(.reply, reply), (.warning, notice)]) == notice)
        #expect(DeadlineRules.originalNotification(opened: opened, messages: [(.reply, notice), (.notice, reply)]) == reply)
    }

    @Test func aSubmissionClosesOnlyDeadlinesSetBeforeIt() {
        let closure = DeadlineRules.closure(
            set: reply, submissions: [(1, notice.addingTimeInterval(day)), (2, reply.addingTimeInterval(day))], finished: nil)
        #expect(closure == .planSubmitted(version: 2, at: reply.addingTimeInterval(day)))
        #expect(DeadlineRules.closure(set: reply, submissions: [(1, notice)], finished: nil) == nil)
    }

    @Test func finishingTheCaseClosesEverything() {
        let finishedAt = reply.addingTimeInterval(2 * day)
        #expect(DeadlineRules.closure(set: reply, submissions: [], finished: (.reinstated, finishedAt)) == .caseFinished(status: .reinstated, at: finishedAt))
        // Whichever came first wins.
        let submitted = reply.addingTimeInterval(day)
        #expect(DeadlineRules.closure(set: reply, submissions: [(3, submitted)], finished: (.closed, finishedAt)) == .planSubmitted(version: 3, at: submitted))
    }

    @Test func theNextDeadlineIsTheEarliestOpenOne() {
        let rule = DeadlineRule(amount: 1, unit: .days, anchor: .thisMessage, text: "")
        let a = Deadline(id: 1, caseID: 1, messageID: 1, rule: rule, set: notice, due: notice.addingTimeInterval(day), closure: .planSubmitted(version: 1, at: notice))
        let b = Deadline(id: 2, caseID: 1, messageID: 2, rule: rule, set: notice, due: notice.addingTimeInterval(5 * day))
        let c = Deadline(id: 3, caseID: 1, messageID: 3, rule: rule, set: notice, due: notice.addingTimeInterval(3 * day))
        #expect(DeadlineRules.next(of: [a, b, c])?.id == 3)
        #expect(DeadlineRules.next(of: [a]) == nil)
    }

    @Test func countdownsInDaysAndHours() {
        #expect(DeadlineRules.countdown(until: notice.addingTimeInterval(2 * day + 5 * 3600 + 59), now: notice) == "2d 5h left")
        #expect(DeadlineRules.countdown(until: notice.addingTimeInterval(3 * 3600), now: notice) == "3h left")
        #expect(DeadlineRules.countdown(until: notice.addingTimeInterval(59 * 60), now: notice) == "under 1h left")
        #expect(DeadlineRules.countdown(until: notice, now: notice.addingTimeInterval(60)) == "overdue under 1h")
        #expect(DeadlineRules.countdown(until: notice, now: notice.addingTimeInterval(day + 7200)) == "overdue 1d 2h")
    }

    @Test func versionsCountUpAndNeverReuseANumber() {
        #expect(PlanVersion.nextNumber(after: []) == 1)
        #expect(PlanVersion.nextNumber(after: [1, 2, 3]) == 4)
        #expect(PlanVersion.nextNumber(after: [2, 5]) == 6)
    }

    @Test func requestStates() {
        #expect(RequestState.unanswered.isOpen)
        #expect(!RequestState.answered(version: 2, by: .user).isOpen)
        #expect(RequestState.answered(version: 2, by: .user).label == "answered by v2 (you)")
        #expect(RequestState.answered(version: 2, by: .matcher).label == "answered by v2")
        #expect(!RequestState.waived(reason: "n/a").isOpen)
    }
}
