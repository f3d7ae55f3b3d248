import Foundation
import Testing

@testable import ReinstateCore

@Suite("Requested details: list shapes")
struct RequestShapeTests {
    @Test func enDashListLikeTheSeedsThread() {
        let r = read(packagingReply)
        #expect(r.kind == .reply)
        #expect(r.requested == packagingRequests)
        #expect(r.deadline == rule(14, .days, .originalNotification, "within 14 days of the original notification"))
    }

    @Test func sameTopicAcrossAspectsIsIdentical() {
        let topics = read(packagingReply).requested.prefix(6).map(\.topic)
        #expect(Set(topics).count == 2)
    }

    @Test(arguments: [
        ["- ", "- ", "- "], ["-- ", "-- ", "-- "], ["* ", "* ", "* "], ["• ", "• ", "• "], ["1. ", "2. ", "3. "],
        ["1) ", "2) ", "3) "], ["(1) ", "(2) ", "(3) "], ["a) ", "b) ", "c) "], ["① ", "② ", "③ "], ["-", "-", "-"],
        ["o ", "o ", "o "], ["\u{F0B7} ", "\u{F0B7} ", "\u{F0B7} "], ["➢ ", "➢ ", "➢ "], ["1、", "2、", "3、"],
    ])
    func listMarks(marks: [String]) {
        let r = read(lateDeliveryReply(marks: marks))
        #expect(r.requested == lateDeliveryRequests())
    }

    @Test func noBulletsOneRequestPerParagraph() {
        let r = read("""
            Dear Seller,

            We received your appeal but do not have enough information to reinstate your account. Please send the following:

            Greater detail on the root cause(s) of late deliveries.

            Greater detail on the actions you have taken to resolve late deliveries.

            Greater detail on the steps you have taken to prevent late deliveries going forward.

            Please reply to this message with the requested information.
            """)
        #expect(r.requested == lateDeliveryRequests())
    }

    @Test func noBulletsOneRequestPerLine() {
        let r = read("""
            We received your submission but do not have enough information to reactivate your account at this time. To reactivate your account, please send the following:
            Greater detail on the root cause(s) of late deliveries.
            Greater detail on the actions you have taken to resolve late deliveries.
            Greater detail on the steps you have taken to prevent late deliveries going forward.
            How do I send the required information?
            """)
        #expect(r.requested == lateDeliveryRequests())
    }

    @Test func wrappedItemsAreJoined() {
        let r = read("""
            We received your submission but do not have enough information. Please send the following:
            - Greater detail on the root cause(s) of parcels arriving crushed, incomplete
              or opened because of thin packaging.
            - Greater detail on the actions you have taken to resolve parcels arriving
              crushed, incomplete or opened because of thin packaging.
            - Greater detail on the steps you have taken to prevent parcels arriving crushed, incomplete or opened because of thin packaging going
              forward.

            How do I send the required information?
            """)
        #expect(r.requested == Array(packagingRequests.prefix(3)))
    }

    @Test func questionHeadingsAreNotRequests() {
        let r = read(packagingReply)
        #expect(!r.requested.contains { $0.text.hasSuffix("?") })
        #expect(r.requested.count == 7)
    }

    @Test func blankTopicLeftByTheTemplate() {
        let r = read("""
            We received your submission but do not have enough information to reactivate your account at this time. To reactivate your account, please send the following:
            – Greater detail on the root cause(s) of .
            – Greater detail on the actions you have taken to resolve .
            – Greater detail on the steps you have taken to prevent  going forward.
            How do I send the required information?
            """)
        #expect(r.requested == [
            request("Greater detail on the root cause(s) of .", .rootCause, ""),
            request("Greater detail on the actions you have taken to resolve .", .correctiveAction, ""),
            request("Greater detail on the steps you have taken to prevent going forward.", .preventiveMeasure, ""),
        ])
    }

    @Test func pleaseProvideSentences() {
        let r = read("""
            Hello,

            We reviewed your submission regarding ASIN B00ABC1234 and cannot reinstate the listing yet. Please provide invoices or receipts from your supplier that demonstrate the authenticity of your items. Invoices must be dated within the last 365 days.

            Please provide a letter of authorization from the brand owner.

            Please reply to this message with the requested information.
            """)
        #expect(r.requested == [
            request("Please provide invoices or receipts from your supplier that demonstrate the authenticity of your items.", .evidence, ""),
            request("Please provide a letter of authorization from the brand owner.", .evidence, ""),
        ])
        #expect(r.deadline == nil)
        #expect(r.asins == ["B00ABC1234"])
    }

    @Test func yourExplanationShouldIncludeIsSplitPerAspect() {
        let topic = "the authenticity of your items"
        let r = read("""
            We reviewed your plan of action and it does not resolve the issue. Please provide invoices from your supplier that demonstrate the authenticity of your items.

            Your explanation should include the root cause of the complaints about the authenticity of your items, the actions you have taken to resolve it, and the steps you will take to prevent it going forward.
            """)
        #expect(r.requested == [
            request("Please provide invoices from your supplier that demonstrate the authenticity of your items.", .evidence, topic),
            request("Your explanation should include the root cause of the complaints about the authenticity of your items", .rootCause, topic),
            request("the actions you have taken to resolve it", .correctiveAction, topic),
            request("the steps you will take to prevent it going forward.", .preventiveMeasure, topic),
        ])
    }

    @Test func yourExplanationShouldIncludeWithAList() {
        let r = read("""
            Your explanation should include:
            • The root cause of the late deliveries.
            • The actions you have taken to resolve the late deliveries.
            • The steps you will take to prevent the late deliveries from happening again.
            """)
        #expect(r.requested == [
            request("The root cause of the late deliveries.", .rootCause, "the late deliveries"),
            request("The actions you have taken to resolve the late deliveries.", .correctiveAction, "the late deliveries"),
            request("The steps you will take to prevent the late deliveries from happening again.", .preventiveMeasure, "the late deliveries"),
        ])
    }

    @Test func nestedContainerItem() {
        let r = read("""
            To reactivate your account, please send us the following:
            - A plan of action that explains:
              * The root cause of the issue.
              * The actions you have taken to resolve the issue.
              * The steps you have taken to prevent this issue going forward.
            - Invoices for the products listed below.

            ASIN: B01N2ABCDE
            """)
        #expect(r.requested == [
            request("The root cause of the issue.", .rootCause, ""),
            request("The actions you have taken to resolve the issue.", .correctiveAction, ""),
            request("The steps you have taken to prevent this issue going forward.", .preventiveMeasure, ""),
            request("Invoices for the products listed below.", .evidence, ""),
        ])
        #expect(r.asins == ["B01N2ABCDE"])
    }

    @Test func specificIntroWithAnAsinList() {
        let r = read("""
            Please provide invoices from your supplier for the following ASINs:
            - B07XJ8C8F5
            - B08ABCDEF1

            Please reply to this message.
            """)
        #expect(r.requested == [request("Please provide invoices from your supplier for the following ASINs", .evidence, "")])
        #expect(r.asins == ["B07XJ8C8F5", "B08ABCDEF1"])
    }

    @Test func bulletsOutsideARequestListAreNotRequests() {
        let r = read("""
            Your listing has been removed.
            The following ASINs are affected:
            - B07XJ8C8F5 Wireless earbuds
            - B08ABCDEF1 Charging case
            Why is this happening?
            - Customers reported the items were used.
            """)
        #expect(r.requested.isEmpty)
        #expect(r.kind == .notice)
    }

    @Test func statementsOfNeedAreNotRequests() {
        let r = read("We need to verify your identity. Please reply to this message. Please submit your appeal through Seller Central.")
        #expect(r.requested.isEmpty)
    }

    @Test func documentsList() {
        let r = read("""
            To verify your identity, please send the following documents:
            1. A copy of a government-issued identity document.
            2. A bank statement from the last 180 days.
            """)
        #expect(r.requested == [
            request("A copy of a government-issued identity document.", .evidence, ""),
            request("A bank statement from the last 180 days.", .evidence, ""),
        ])
        #expect(r.deadline == nil)
        #expect(r.reasons == [.verification])
    }

    @Test func duplicateRequestsAreReadOnce() {
        let r = read(packagingReply + "\n\n" + packagingReply)
        #expect(r.requested == packagingRequests)
    }
}
