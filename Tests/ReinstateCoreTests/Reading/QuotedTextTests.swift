import Foundation
import Testing

@testable import ReinstateCore

@Suite("Quoted and forwarded text")
struct QuotedTextTests {
    @Test func quotedSellerTextInAReplyIsIgnored() {
        let r = read("""
            Hello,

            Thank you for your appeal. We reviewed your plan of action and it does not address the issue. Please send the following:
            * Greater detail on the root cause(s) of late deliveries.

            How do I send the required information?
            Please reply to this message.

            On Mon, 3 Mar 2025 at 10:12, Seller Support <seller@example.com> wrote:
            > Please send the following:
            > - Greater detail on the root cause(s) of wrong items shipped.
            > Please reply within two days.
            """)
        #expect(r.kind == .reply)
        #expect(r.requested == [request("Greater detail on the root cause(s) of late deliveries.", .rootCause, "late deliveries")])
        #expect(r.deadline == nil)
    }

    @Test func attributionWithoutQuoteMarksStillQuotesTheRest() {
        let r = read("""
            Your account has been reactivated.

            On Tue, 4 Mar 2025 at 09:00, Jane Seller <jane@example.com>
            wrote:
            Dear Amazon, please send the following:
            - Greater detail on the root cause(s) of my suspension.
            Your account has been deactivated.
            """)
        #expect(r.kind == .reinstatement)
        #expect(r.requested.isEmpty)
    }

    @Test func forwardedBlockIsIgnored() {
        let r = read("""
            FYI, see below. Please provide the invoices by Friday.

            ---------- Forwarded message ---------
            From: Amazon <seller-performance@amazon.com>
            Date: Mon, 3 Mar 2025 at 10:12
            Subject: Your Amazon.com selling account

            Your account has been deactivated. Please send the following:
            - Greater detail on the root cause(s) of late deliveries.
            If you do not submit an appeal within 17 days, your account will remain deactivated.
            """)
        #expect(r.requested == [request("Please provide the invoices by Friday.", .evidence, "")])
        #expect(r.deadline == nil)
        #expect(r.kind == .other)
    }

    @Test func originalMessageAndOutlookBlocksAreIgnored() {
        let r = read("""
            We reviewed your plan of action. Please provide greater detail on the root cause(s) of late deliveries.

            -----Original Message-----
            We will reply within two days. Please send the following:
            - Greater detail on the root cause(s) of wrong items.
            """)
        #expect(r.requested == [request("Please provide greater detail on the root cause(s) of late deliveries.", .rootCause, "late deliveries")])

        let outlook = read("""
            Your appeal has been accepted and your account has been reactivated.

            From: Jane Seller
            Sent: Monday, March 3, 2025 10:12 AM
            To: seller-performance@amazon.com
            Subject: Appeal

            Please provide greater detail on the root cause(s) of late deliveries within 17 days.
            """)
        #expect(outlook.kind == .reinstatement)
        #expect(outlook.requested.isEmpty)
        #expect(outlook.deadline == nil)
    }

    @Test func yourMessageSectionIsIgnored() {
        let r = read("""
            We reviewed your information and your account remains deactivated.

            Your message:
            Please send me the following: - Greater detail on the root cause(s) of everything. Reply within 2 days.
            """)
        #expect(r.requested.isEmpty)
        #expect(r.deadline == nil)
        #expect(r.kind == .reply)
    }

    @Test func everythingQuotedGivesAWarning() {
        let r = read("> Greater detail on the root cause(s) of late deliveries.\n> Please reply within 2 days.")
        #expect(r.requested.isEmpty)
        #expect(r.warnings == ["everything in this message is quoted or forwarded text; nothing was read as Amazon's words"])
    }
}
