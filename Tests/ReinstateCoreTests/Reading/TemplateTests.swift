import Foundation
import Testing

@testable import ReinstateCore

/// Our own texts in the shapes of Amazon's other templates: appeal-that-includes notices, document
/// requests, inline requests, revised plans and policy warnings.
@Suite("Other template shapes")
struct TemplateTests {
    @Test func relatedAccountNoticeWithAppealThatIncludes() {
        let r = read("""
            Hello,

            We have deactivated your Amazon selling account and placed a temporary hold on any funds in your account.

            Why did this happen?
            We found that your account is related to another account that is not permitted to sell on Amazon.

            How do I reactivate my account?
            To reactivate your account, submit an appeal that includes:
            • An explanation of the relationship between your account and the other account.
            • A copy of a utility bill for the business address listed in your account.

            You can submit your appeal through the Account Health page in Seller Central: <URL>

            What happens if I do not submit an appeal?
            If you do not submit an appeal within 17 days, we may permanently deactivate your account. We may hold funds in your account for 90 days.
            """)
        #expect(r.kind == .notice)
        #expect(r.reasons == [.relatedAccount])
        #expect(r.requested == [
            request("An explanation of the relationship between your account and the other account.", .other, ""),
            request("A copy of a utility bill for the business address listed in your account.", .evidence, ""),
        ])
        #expect(r.deadline == rule(17, .days, .thisMessage, "within 17 days"))
    }

    @Test func inauthenticNoticeWithDocumentsAndAnInlinePlan() {
        let r = read("""
            Hello,

            Your Amazon.com selling privileges have been deactivated and your listings have been removed from our website. Customers have reported that products you sold were not authentic.

            How do I reactivate my account?
            To reactivate your account, please provide the following information:
            -- Invoices, receipts, letters of authorization or licensing agreements from your supplier or manufacturer, dated within the last 365 days.
            -- Contact information for your supplier, including name, phone number and address.
            -- A plan of action that explains the root cause of the issue, the actions you took to resolve the issue, and the steps you will take to prevent this issue in the future.

            ASIN: B07XJ8C8F5
            """)
        #expect(r.kind == .notice)
        #expect(r.reasons == [.inauthentic])
        #expect(r.requested == [
            request("Invoices, receipts, letters of authorization or licensing agreements from your supplier or manufacturer, dated within the last 365 days.", .evidence, ""),
            request("Contact information for your supplier, including name, phone number and address.", .evidence, ""),
            request("A plan of action that explains the root cause of the issue", .rootCause, ""),
            request("the actions you took to resolve the issue", .correctiveAction, ""),
            request("the steps you will take to prevent this issue in the future.", .preventiveMeasure, ""),
        ])
        #expect(r.deadline == nil)
        #expect(r.marketplace == "amazon.com")
    }

    @Test func inlineRequestAfterALeadingClause() {
        let topic = "the customer complaints"
        let r = read("""
            Dear Seller,

            In order to reinstate your account, we need additional information about the root cause of the customer complaints, the actions you have taken to fix it, and what you will do to prevent it from happening again.

            Regards,
            Seller Performance Team
            """)
        #expect(r.requested == [
            request("we need additional information about the root cause of the customer complaints", .rootCause, topic),
            request("the actions you have taken to fix it", .correctiveAction, topic),
            request("what you will do to prevent it from happening again.", .preventiveMeasure, topic),
        ])
    }

    @Test func revisedPlanWithNumberedItemsAndTheSameTopicWithAndWithoutArticle() {
        let r = read("""
            Hello,
            We reviewed the information you provided and determined that it does not resolve the issue. Please provide a revised plan of action that includes:

            1. The root cause of the late shipments.
            2. The actions you have taken to resolve the late shipments.
            3. The steps you will take to prevent late shipments going forward.

            Please note that we may hold funds for up to 90 days. We will review your response within 48 hours.
            """)
        #expect(r.kind == .reply)
        #expect(r.requested == [
            request("The root cause of the late shipments.", .rootCause, "late shipments"),
            request("The actions you have taken to resolve the late shipments.", .correctiveAction, "late shipments"),
            request("The steps you will take to prevent late shipments going forward.", .preventiveMeasure, "late shipments"),
        ])
        #expect(r.deadline == nil)
    }

    @Test func policyWarningAsksForNothing() {
        let r = read("""
            Dear Seller,

            This is a policy warning. We removed the listing below because it violates our Restricted Products policy.

            ASIN: B08XYZ1234
            Title: Garden pesticide spray

            To avoid further action, please review the policy. Repeated violations may result in the deactivation of your account.
            """)
        #expect(r.kind == .warning)
        #expect(r.reasons == [.restrictedProduct])
        #expect(r.requested.isEmpty)
        #expect(r.deadline == nil)
        #expect(r.asins == ["B08XYZ1234"])
    }

    @Test func paragraphItemsWithoutLeads() {
        let r = read("""
            To reactivate your account, please send the following:
            The root cause of the negative feedback.
            The actions you have taken to resolve the negative feedback.
            The steps you will take to prevent the negative feedback from happening again.
            Sincerely, Seller Performance
            """)
        let topic = "the negative feedback"
        #expect(r.requested == [
            request("The root cause of the negative feedback.", .rootCause, topic),
            request("The actions you have taken to resolve the negative feedback.", .correctiveAction, topic),
            request("The steps you will take to prevent the negative feedback from happening again.", .preventiveMeasure, topic),
        ])
    }

    @Test func topicNormalisationOfTheBriefsExample() {
        let r = read("""
            – Greater detail on the root cause(s) of customer complaints of unresponsive or poor customer service.
            – Greater detail on the steps you have taken to prevent complaints of unresponsive or poor customer service going forward.
            """)
        #expect(r.requested.map(\.topic) == [service, service])
        #expect(r.requested.map(\.aspect) == [.rootCause, .preventiveMeasure])
    }
}
