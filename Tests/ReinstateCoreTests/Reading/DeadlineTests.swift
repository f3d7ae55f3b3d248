import Foundation
import Testing

@testable import ReinstateCore

@Suite("Deadlines")
struct DeadlineTests {
    @Test func fourteenDaysOfTheOriginalNotification() {
        #expect(read(packagingReply).deadline == rule(14, .days, .originalNotification, "within 14 days of the original notification"))
    }

    @Test func seventeenDaysFromThisMessage() {
        let r = read("""
            Your selling privileges have been deactivated.
            If you do not submit an appeal within 17 days, your account will remain deactivated.
            """)
        #expect(r.deadline == rule(17, .days, .thisMessage, "within 17 days"))
        #expect(r.kind == .notice)
    }

    @Test func seventyTwoHours() {
        let r = read("We need to verify your identity. Please respond with the requested documents within 72 hours.")
        #expect(r.deadline == rule(72, .hours, .thisMessage, "within 72 hours"))
    }

    @Test func spelledNumbers() {
        #expect(read("Please send the requested information within fourteen days of the original notification.").deadline
            == rule(14, .days, .originalNotification, "within fourteen days of the original notification"))
        #expect(read("If we do not hear from you within seventy-two (72) hours, your listings will be removed.").deadline
            == rule(72, .hours, .thisMessage, "within seventy-two (72) hours"))
        #expect(read("You have seventeen days to appeal this decision.").deadline == rule(17, .days, .thisMessage, "seventeen days"))
    }

    @Test func distractorUpToNinetyDaysIsNotTheDeadline() {
        let r = read("""
            We may hold any funds in your account for up to 90 days.
            If you do not submit an appeal within 17 days, your account will remain deactivated.
            """)
        #expect(r.deadline == rule(17, .days, .thisMessage, "within 17 days"))
    }

    @Test func distractorsAlone() {
        let r = read("""
            Your account has been deactivated because your Order Defect Rate over the last 60 days exceeds our target.
            We may hold any funds in your account for up to 90 days.
            Invoices must be dated within the last 365 days.
            We will reply within two days.
            Your account has been deactivated since 30 days ago.
            """)
        #expect(r.deadline == nil)
    }

    @Test func noDeadline() {
        #expect(read("Your account has been reactivated. Thank you for your patience.").deadline == nil)
    }

    @Test func deadlineInQuotedTextIsIgnored() {
        let r = read("""
            Thank you for your appeal. We are reviewing it.

            > Please reply within two days.
            > If we do not receive the requested information within 14 days, your account will remain deactivated.
            """)
        #expect(r.deadline == nil)
    }

    @Test func wrappedDeadlinePhrase() {
        let r = read("""
            If we do not receive the requested information within 14 days of the original
            notification, your account will remain deactivated.
            """)
        #expect(r.deadline == rule(14, .days, .originalNotification, "within 14 days of the original notification"))
    }

    @Test func businessDaysAndNextHours() {
        #expect(read("Please submit your response within 5 business days.").deadline == rule(5, .businessDays, .thisMessage, "within 5 business days"))
        #expect(read("Please send the documents in the next 48 hours.").deadline == rule(48, .hours, .thisMessage, "in the next 48 hours"))
    }
}
