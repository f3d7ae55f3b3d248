import Foundation
import Testing

@testable import ReinstateCore

/// Shapes learned from real messages sellers posted (each fixture is written by us, in our own words):
/// flattened paragraphs, collapsed lists, lists that are not requests, requirements inside request lists,
/// branches, and requests written as obligations, imperatives or questions.
@Suite("Requested details: shapes of real messages")
struct RealShapeTests {
    func texts(_ r: MessageReading) -> [String] { r.requested.map(\.text) }

    /// A whole notice pasted as one paragraph: headings inline, the list numbered inline "(1) … (2) …",
    /// and a lead-in sentence ("please provide an explanation") that only announces the list.
    @Test func flattenedNoticeWithInlineNumberedList() {
        let r = read("""
            Your seller account has been temporarily deactivated. Why is this happening? We found that the safety certificates you sent were not genuine. How do I reactivate my account? If you think this is a mistake, please provide an explanation. Your explanation should include, (1) An explanation of why the certificates are genuine. (2) Evidence from the testing lab that issued them. What evidence can I provide? Letters, invoices or e-mails from the lab. How do I send the required information? Please follow the instructions on your Account Health page.
            """)
        #expect(r.kind == .notice)
        #expect(texts(r) == ["An explanation of why the certificates are genuine.", "Evidence from the testing lab that issued them."])
    }

    /// A Chinese list collapsed onto one line after "以下信息:", items marked " - " or " -", the text
    /// after the last item separated by a space only.
    @Test func collapsedChineseDashList() {
        let r = read("""
            您的卖家账户已被暂时停用。 如何重新激活我的账户? 要重新激活您的账户,请向我们发送以下信息: -您的供应商开具的发票复印件。 -您的品牌授权书。 -供应商的联系信息,包括名称和电话号码。 您可以发送.pdf或.png文件。这些文件必须清晰可见。
            """)
        #expect(r.kind == .notice)
        #expect(texts(r) == ["您的供应商开具的发票复印件。", "您的品牌授权书。", "供应商的联系信息,包括名称和电话号码。"])
    }

    /// A seller quotes only the items of Amazon's standard list, without the lead-in above them: each
    /// plan part named as a noun phrase is still a request; a statement about a cause is not.
    @Test func planPartsQuotedWithoutTheirLeadIn() {
        let r = read("""
            The root cause(s) of the late deliveries to buyers.
            The actions you have taken to resolve the late deliveries.
            The steps you have taken to prevent late deliveries going forward
            """)
        #expect(texts(r) == [
            "The root cause(s) of the late deliveries to buyers.", "The actions you have taken to resolve the late deliveries.",
            "The steps you have taken to prevent late deliveries going forward",
        ])
        #expect(r.requested.map(\.aspect) == [.rootCause, .correctiveAction, .preventiveMeasure])
        #expect(read("The root cause was a mislabelled parcel at our warehouse.").requested.isEmpty)
    }

    /// Numbered requests that each end in a colon, the text after each colon cut when copied: each one
    /// is a request, not an intro of the next.
    @Test func numberedRequestsEndingInAColonAreSiblings() {
        let r = read("""
            1. Please explain the root causes that led to the complaints:
            2. Please describe the actions you have taken to resolve the complaints
            """)
        #expect(r.requested.count == 2)
        #expect(r.requested.first?.aspect == .rootCause)
    }

    /// Lists that ask for nothing: help links, examples and the rules of a policy.
    @Test func linkExampleAndPolicyListsAreNotRequests() {
        let r = read("""
            We have detected a listing that breaks our rules. If left unaddressed, this may lead to account deactivation.
            Why did this happen?
            Sellers may not include the following on a detail page:
            -- Prices and discounts.
            -- Claims about other sellers.
            Examples of listings include, but are not limited to:
            -- A lamp with a discount in its title.
            We’re here to help.
            If you have questions about this policy, please reference the following:
            -- Understanding detail page rules (https://sellercentral.amazon.com/help/1)
            -- Writing a good plan (https://sellercentral.amazon.com/help/2)
            """)
        #expect(r.kind == .warning)
        #expect(r.requested.isEmpty)
    }

    /// The intro asks for two things ("… the following documents and confirm …"), and requirements on
    /// the documents stand between it and the list.
    @Test func introWithJoinedRequestAndRequirementsBeforeTheList() {
        let r = read("""
            How do I reactivate my account?
            To reactivate your account, please confirm that your bank account is still open and provide the following documents in PDF format. The documents must be readable. The name on them must match your account.
            -- A recent bank statement
            -- A business registration if applicable
            """)
        #expect(texts(r) == [
            "please confirm that your bank account is still open",
            "A recent bank statement",
            "A business registration if applicable",
        ])
    }

    /// Sub-items of a request list: a requirement on the documents is not a request, a "please" item is.
    @Test func requirementSubItemsAreNotRequests() {
        let r = read("""
            To reactivate your selling account, please send us the following information:
              1. Copies of receipts from your wholesaler for the products listed below
                – These receipts should show the quantities you sold.
                – Please include the wholesaler's address and phone number.
            """)
        #expect(texts(r) == [
            "Copies of receipts from your wholesaler for the products listed below",
            "Please include the wholesaler's address and phone number.",
        ])
    }

    /// "For toys: … For other products: …": branches of one list; each item counts.
    @Test func branchesKeepTheListOpen() {
        let r = read("""
            How do I reinstate my products?
            For the request to be considered, we need to receive the following evidence:

            For toys (and games):
            • Photos of the warning labels on the box; and
            • A test report from an accredited lab.

            For other products:
            • A declaration of conformity
            """)
        #expect(texts(r) == [
            "Photos of the warning labels on the box; and", "A test report from an accredited lab.", "A declaration of conformity",
        ])
    }

    /// Paths without list marks under the reactivation heading: each paragraph that asks is a request.
    @Test func branchParagraphsThatAsk() {
        let r = read("""
            How do I reactivate my account?
            Choose the path below that fits you.
            If the other account is yours:
            Reactivate the other account first by appealing its deactivation.
            Once the other account is active, submit an appeal for this account through the Performance page.
            Funds stay in your account meanwhile.
            """)
        #expect(texts(r) == [
            "Reactivate the other account first by appealing its deactivation.",
            "Once the other account is active, submit an appeal for this account through the Performance page.",
        ])
    }

    /// Numbered steps right under the heading: a step that asks counts, one that informs does not; an
    /// obligation in the "why" section states the policy.
    @Test func stepsUnderTheHeading() {
        let r = read("""
            We have deactivated your listings for electrical products.
            Why is this happening?
            You must provide the name of a contact person in the EU to keep selling these products.
            How do I reactivate my listings?
            1. To reactivate your listings, go to the compliance dashboard and enter the contact person for each product.
            2. After you have entered it, your listings will be eligible for reactivation.
            """)
        #expect(r.kind == .notice)
        #expect(texts(r) == ["To reactivate your listings, go to the compliance dashboard and enter the contact person for each product."])
    }

    /// Requests written as obligations and imperatives; boilerplate, consequences and help are not.
    @Test func obligationsImperativesAndBoilerplate() {
        let r = read("""
            Your account is under review. Please ship any open orders.
            How do I verify my identity?
            To verify your identity you need to complete a short video call. To book a time, fill out the form here:
            What happens if I do not book a call?
            If you do not book a call, please note that your account will be deactivated.
            We're here to help
            If you have questions, please contact our team.
            """)
        #expect(r.kind == .warning)
        #expect(texts(r) == ["you need to complete a short video call.", "fill out the form here:"])
    }

    /// A question to the seller ("How do you …?") asks; a heading ("How do I …?") does not.
    @Test func questionToTheSellerIsARequest() {
        let r = read("""
            Provide an appeal that explains why the products were listed. How do you make sure this does not happen again?
            """)
        #expect(texts(r) == [
            "Provide an appeal that explains why the products were listed.", "How do you make sure this does not happen again?",
        ])
        #expect(r.kind == .notice)
    }

    /// Chinese numbered steps without a space after "1.", and a page copied as text that broke the line
    /// around every number.
    @Test func chineseStepsAndBrokenLines() {
        let r = read("""
            如何重新激活我的账户?
            1.您必须先提交申诉,重新激活关联账户。
            2.关联账户恢复后,请使用以下链接提交申诉,以重新激活当前账户。
            请提供以下文档,并确认已设置有效信用卡:
            --
            日期在最近
            60
            天内的银行对账单。
            """)
        #expect(texts(r).count == 4)
        #expect(texts(r)[0] == "您必须先提交申诉,重新激活关联账户。")
        #expect(texts(r)[2] == "确认已设置有效信用卡")
        #expect(texts(r)[3] == "日期在最近60天内的银行对账单。")
        #expect(r.deadline == nil)
    }

    /// Two messages pasted one after the other: the second one's requests are not under the first
    /// one's "What happens if …?" heading.
    @Test func aGreetingStartsTheNextMessage() {
        let r = read("""
            What happens if I do not send the information?
            Your account will stay deactivated.
            Dear Seller,
            Please send the following:
            - Greater detail on the root cause(s) of late deliveries.
            """)
        #expect(texts(r) == ["Greater detail on the root cause(s) of late deliveries."])
    }

    /// The same request mechanism in Turkish: "lütfen … doğrulayın ve aşağıdaki belgeleri … sağlayın".
    @Test func turkishIntroWithJoinedRequest() {
        let r = read("""
            Hesabınız devre dışı bırakıldı.
            Hesabınızı yeniden etkinleştirmek için, lütfen banka hesabınızın açık olduğunu doğrulayın ve aşağıdaki belgeleri PDF formatında sağlayın. Belgeler okunaklı olmalıdır.
            – Banka hesap özeti
            – Vergi levhası
            """)
        #expect(r.kind == .notice)
        #expect(r.language == "tr")
        #expect(texts(r) == ["lütfen banka hesabınızın açık olduğunu doğrulayın", "Banka hesap özeti", "Vergi levhası"])
    }
}

@Suite("Kinds and marketplaces of real messages")
struct RealKindTests {
    @Test func denialMovesNothingButIsADenial() {
        let r = read("""
            Hello,
            We have reviewed your appeal and determined that you may not sell on Amazon. Your account will not be reactivated and we will not respond to further appeals about this account.
            """)
        #expect(r.kind == .denial)
        #expect(MessageKind.denial.phrase == "a denial")
        #expect(MessageKind.other.phrase != "a other")
    }

    @Test(arguments: [
        ("We are reviewing your seller account. During our review, you will not be able to sell on Amazon.", MessageKind.notice),
        ("Your account is currently under review. During the review, your funds will be held.", .warning),
        ("We have temporarily deactivated some of your detail pages. They are currently under review.", .warning),
        ("We removed some of your images because a rights owner reported them.", .notice),
        ("We removed the price from one listing. If left unaddressed, this may lead to account deactivation.", .warning),
        ("Your Amazon seller account has been temporarily deactivated.", .notice),
        ("Thank you for confirming you have carried out your plan. However, some listings are still open.", .reply),
        ("Thank you for your recent submission. It has been reviewed and accepted. However, your account remains deactivated.", .reply),
        ("Daher wurden Ihre nicht geprüften Angebote bei Amazon.de deaktiviert.", .notice),
        ("Sua conta de vendedor foi desativada de acordo com a seção 3.", .notice),
        ("Satıcı hesabınız devre dışı bırakıldı.", .notice),
        ("您的亚马逊卖家账户已被暂时停用。", .notice),
        ("我们已对您的卖家账户进行临时审核。审核期间,您的商品将被停售。", .warning),
        ("As we discussed on the phone, you listed products that are not permitted for sale.", .warning),
    ])
    func kinds(text: String, kind: MessageKind) {
        #expect(read(text).kind == kind)
    }

    @Test func genericSellerCentralAndAmazonComAddressesNameNoMarketplace() {
        let r = read("""
            Your account has been deactivated. See https://sellercentral.amazon.com/help/1 or write to appeals@amazon.com.
            """)
        #expect(r.marketplace == nil)
        #expect(read("Your account has been deactivated. Appeal at https://sellercentral.amazon.co.uk/notifications.").marketplace == "amazon.co.uk")
        #expect(read("Your Amazon.com selling privileges have been removed.").marketplace == "amazon.com")
    }

    @Test func unknownLanguageIsSaid() {
        let r = read("Akaunti yako ya muuzaji imezimwa kwa sababu ya malalamiko mengi kutoka kwa wateja wetu wa duka hili.")
        #expect(r.language == nil)
        #expect(r.warnings.contains { $0.contains("language") })
    }
}
