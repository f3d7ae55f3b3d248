import Foundation
import Testing

@testable import ReinstateCore

@Suite("Deadlines as dates, business days, pasted dates and alternatives")
struct DeadlineDateTests {
    let utc = TimeZone(identifier: "UTC")!

    func at(_ iso: String) -> Date? { Timestamp.parse(iso, zone: utc) }

    @Test func datesInEveryShape() {
        let english = DeadlineDateReader.read(["Please send the requested documents by December 5, 2026."], zone: utc)
        #expect(english == DeadlineDate(date: at("2026-12-05T23:59:59Z")!, text: "by December 5, 2026"))
        let german = DeadlineDateReader.read(["Bitte senden Sie uns die Unterlagen bis zum 5. Dezember 2026."], zone: utc)
        #expect(german?.date == at("2026-12-05T23:59:59Z"))
        let japanese = DeadlineDateReader.read(["2026年12月5日までに必要な情報を送信してください。"], zone: utc)
        #expect(japanese == DeadlineDate(date: at("2026-12-05T23:59:59Z")!, text: "2026年12月5日まで"))
        let withZone = DeadlineDateReader.read(["Submit your appeal by Dec 5, 2026 11:59 PM PST."], zone: utc)
        #expect(withZone?.date == at("2026-12-06T07:59:00Z"))
        let iso = DeadlineDateReader.read(["Failure to provide this information by 2026-12-13T00:00:00.000Z may result in removal."], zone: utc)
        #expect(iso?.date == at("2026-12-13T00:00:00Z"))
    }

    @Test func datesThatAreNotDeadlines() {
        #expect(DeadlineDateReader.read(["Your account will be deactivated on 09/14/2026 if you do not follow the procedure."], zone: utc) == nil)
        #expect(DeadlineDateReader.read(["To continue your offers after June 7, 2026, you will need to complete a training."], zone: utc) == nil)
        #expect(DeadlineDateReader.read(["Funds will be held until December 5, 2026 before we send the payment."], zone: utc) == nil)
        // A date deadline is not a number of days: `deadline` stays empty.
        #expect(read("Please provide the invoices by December 5, 2026.").deadline == nil)
    }

    @Test func aDateBecomesTheDaysLeftWhenStored() {
        let reading = MessageReading(text: "", deadlineDate: DeadlineDate(date: at("2026-12-05T23:59:59Z")!, text: "by December 5, 2026"))
        #expect(reading.deadlineRule(received: at("2026-11-25T09:00:00Z")!) == DeadlineRule(amount: 10, unit: .days, anchor: .thisMessage, text: "by December 5, 2026"))
        #expect(reading.deadlineRule(received: at("2026-12-06T09:00:00Z")!) == nil)
    }

    @Test func businessDaysSkipTheWeekend() {
        let rule = DeadlineRule(amount: 5, unit: .businessDays, anchor: .thisMessage, text: "within 5 business days")
        // Friday 27 November 2026 → Friday 4 December 2026.
        #expect(rule.due(messageReceived: at("2026-11-27T10:00:00Z")!, originalNotification: at("2026-11-27T10:00:00Z")!) == at("2026-12-04T10:00:00Z"))
        #expect(read("Please respond within 3 Werktagen mit den angeforderten Informationen.").deadline?.unit == .businessDays)
        #expect(read("请在5个工作日内提交所需信息。").deadline?.unit == .businessDays)
    }

    @Test func pastedDateLine() {
        let r = read("""
            Nov 10, 2026 9:14 AM UTC

            Dear seller, your account has been deactivated.
            """)
        #expect(r.received == at("2026-11-10T09:14:00Z"))
        let sent = read("Sent: Tuesday, November 10, 2026 9:14 AM GMT\nHello, we removed your listing.")
        #expect(sent.received == at("2026-11-10T09:14:00Z"))
        // A date inside Amazon's words is not when the message arrived.
        #expect(read("Hello,\nAfter June 7, 2026, you will need to complete a training.").received == nil)
    }

    @Test func oneOfTheFollowingAndBranchesAreAlternatives() {
        let r = read("""
            How do I reactivate my listing?
            Please provide one of the following:
            - A letter of authorization from the brand owner
            - An invoice from an authorized distributor
            """)
        #expect(r.requested.count == 2)
        #expect(r.requested[0].alternatives != nil && r.requested[0].alternatives == r.requested[1].alternatives)
        #expect(r.requested.map(\.option) == [1, 2])

        let branches = read("""
            To be considered, we need to receive the following evidence:
            For toys:
            • Photos of the labels
            • A test report
            For other products:
            • A declaration of conformity
            """)
        #expect(branches.requested.map(\.option) == [1, 1, 2])
        #expect(Set(branches.requested.map(\.alternatives)).count == 1)

        let plain = read("Please send us the following:\n- Invoices for the last 365 days\n- Your supplier's address")
        #expect(plain.requested.allSatisfy { $0.alternatives == nil && $0.option == nil })
    }
}
