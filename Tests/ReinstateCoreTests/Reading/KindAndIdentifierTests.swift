import Foundation
import Testing

@testable import ReinstateCore

@Suite("Kind, reasons and identifiers")
struct KindAndIdentifierTests {
    static let notice = """
        Hello,

        Your Amazon.co.uk selling privileges have been deactivated because your account's Order Defect Rate (ODR) is 2.4%, which does not meet our target of under 1%.

        Why is this happening?
        Customers reported that items arrived damaged. We may hold any funds in your account for up to 90 days.

        How do I reactivate my account?
        To reactivate your account, please send us a plan of action that explains:
        -- The root cause of the complaints about items arriving damaged.
        -- The actions you have taken to resolve the complaints about items arriving
           damaged.
        -- The steps you will take to prevent complaints about items arriving damaged
           in the future.

        What happens if I do not send an appeal?
        If you do not submit an appeal within 17 days, your account will remain deactivated. Your performance over the last 60 days was reviewed.

        Order ID: 203-1234567-7654321
        ASIN: B07XJ8C8F5
        ISBN: 0306406152
        Case ID: 1234567890
        """

    @Test func noticeOfSuspension() {
        let r = read(Self.notice)
        let topic = "items arriving damaged"
        #expect(r.kind == .notice)
        #expect(r.requested == [
            request("The root cause of the complaints about items arriving damaged.", .rootCause, topic),
            request("The actions you have taken to resolve the complaints about items arriving damaged.", .correctiveAction, topic),
            request("The steps you will take to prevent complaints about items arriving damaged in the future.", .preventiveMeasure, topic),
        ])
        #expect(r.deadline == rule(17, .days, .thisMessage, "within 17 days"))
        #expect(r.reasons == [.orderDefectRate])
        #expect(r.rates == [ReadRate(reason: .orderDefectRate, percent: 2.4)])
        #expect(r.marketplace == "amazon.co.uk")
        #expect(r.asins == ["B07XJ8C8F5", "0306406152"])
        #expect(r.orderIDs == ["203-1234567-7654321"])
    }

    /// A marker is a whole word: "prevent" is not read inside "preventive measures", whose topic
    /// came out as "ive measures you have put in place …".
    @Test func markersMatchWholeWords() {
        let r = read("""
            We need more information. Please provide:

            -- A description of the preventive measures you have put in place to prevent late shipment going forward.
            -- Greater detail on the root cause(s) of late shipment.
            """)
        #expect(r.requested.map(\.aspect) == [.preventiveMeasure, .rootCause])
        #expect(r.requested.map(\.topic) == ["late shipment", "late shipment"])
    }

    @Test func kinds() {
        #expect(read("Good news: your account has been reactivated and you can sell again.").kind == .reinstatement)
        #expect(read("We have reinstated your listing for ASIN B07XJ8C8F5.").kind == .reinstatement)
        #expect(read("This is a warning. Selling restricted products may result in the deactivation of your account.").kind == .warning)
        #expect(read("Listings that violate our policies may result in the removal of your selling privileges.").kind == .warning)
        #expect(read("We removed your listing because it is a restricted product.").kind == .notice)
        #expect(read("Thank you for contacting Seller Support.").kind == .other)
        // A rights owner's report: Amazon acts on the listing even where the copy is cut before it says so; a
        // policy warning about one stays a warning.
        #expect(read("We received a report of trademark infringement on the detail page of one of your listings. Please modify your detail page.").kind == .notice)
        #expect(read("Policy warning: we received a report of trademark infringement on one of your listings.").kind == .warning)
        #expect(read("If you do not send it, your account will remain deactivated. We received your appeal.").kind == .reply)
        #expect(read("Your account has been deactivated. Once your account has been reactivated, you can sell again.").kind == .notice)
    }

    @Test func reasons() {
        #expect(read("We received complaints that the items you sold were counterfeit.").reasons == [.inauthentic])
        #expect(read("We received a report from a rights owner about trademark infringement.").reasons == [.intellectualProperty])
        #expect(read("Your late shipment rate is 6.2%, above our target of 4%.").rates == [ReadRate(reason: .lateShipmentRate, percent: 6.2)])
        #expect(read("Your pre-fulfillment cancel rate is above our target.").reasons == [.cancellationRate])
        #expect(read("We found your account is related to another account.").reasons == [.relatedAccount])
        #expect(read("You are selling a restricted product.").reasons == [.restrictedProduct])
        #expect(read("Your account is not in compliance with section 3 of the Business Solutions Agreement.").reasons == [.other])
    }

    @Test func marketplaceFromSenderOrText() {
        #expect(read("Visit https://sellercentral.amazon.com.mx/ for details.").marketplace == "amazon.com.mx")
        #expect(read("See sellercentral-europe.amazon.com for details.").marketplace == nil)
        #expect(read("We at Amazon.fr and Amazon.fr thank you; see also amazon.com.").marketplace == "amazon.fr")
    }

    @Test func orderIDsNotInsideLongerNumbers() {
        #expect(read("Orders 111-2222222-3333333, 1111-2222222-3333333 and 444-5555555-6666666.").orderIDs == ["111-2222222-3333333", "444-5555555-6666666"])
    }
}
