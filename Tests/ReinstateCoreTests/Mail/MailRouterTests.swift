import Foundation
import Testing

@testable import ReinstateCore

@Suite("Mail routing")
struct MailRouterTests {
    /// Two accounts; Blue Harbor has two open cases (inauthentic on B0AAAAAAAA, ODR) and Northwind one,
    /// on the same ASIN as Blue Harbor's (accounts share products).
    static func book() -> RoutingBook {
        var b = RoutingBook()
        b.add(CaseFacts(id: 1, account: "Blue Harbor Goods LLC", marketplace: "amazon.com", reason: .inauthentic, asins: ["B0AAAAAAAA"], finished: false))
        b.add(CaseFacts(id: 2, account: "Blue Harbor Goods LLC", marketplace: "amazon.com", reason: .orderDefectRate, asins: [], finished: false))
        b.add(CaseFacts(id: 3, account: "Northwind Home & Garden", marketplace: "amazon.com", reason: .inauthentic, asins: ["B0AAAAAAAA"], finished: false))
        b.add(CaseFacts(id: 4, account: "Northwind Home & Garden", marketplace: "amazon.de", reason: .verification, asins: [], finished: true))
        b.mark(.messageID, "notice-1@amazon.com", caseID: 1)
        b.mark(.messageID, "notice-3@amazon.com", caseID: 3)
        b.mark(.order, "111-2223334-4445556", caseID: 3)
        b.mark(.address, "ops@blueharbor.example", caseID: 1)
        b.mark(.address, "ops@blueharbor.example", caseID: 2)
        b.know("message-id:old@amazon.com")
        return b
    }

    func route(_ m: MailFacts) -> RoutingDecision { MailRouter.route(m, book: Self.book()) }

    @Test func knownMessagesAreDuplicates() {
        #expect(route(MailFacts(identity: "message-id:old@amazon.com")) == .duplicate)
    }

    @Test func mailFromOtherDomainsIsNotFromAmazonAndForwardedCopiesAreHeld() {
        #expect(route(MailFacts(identity: "x", sender: .notAmazon("gmail.com"), greeted: "Blue Harbor Goods LLC")) == .notFromAmazon("sent from gmail.com"))
        guard case .hold(let why) = route(MailFacts(identity: "x", sender: .notAmazon("gmail.com"), fromAddress: "pat@gmail.com", forwarded: true))
        else { Issue.record("a forwarded copy was not held"); return }
        #expect(why.contains("pat@gmail.com"))
    }

    @Test func failedAuthenticationIsHeldWithAWarning() {
        guard case .hold(let why) = route(MailFacts(identity: "x", thread: ["notice-1@amazon.com"], sender: .failedAuthentication("forged")))
        else { Issue.record("not held"); return }
        #expect(why.hasPrefix("warning:"))
    }

    @Test func theThreadPlacesAReply() {
        #expect(route(MailFacts(identity: "x", thread: ["notice-1@amazon.com"], kind: .reply)) == .file(caseID: 1, because: "same thread"))
    }

    @Test func anOrderIDPlacesAMessageEvenWithAShareASIN() {
        #expect(route(MailFacts(identity: "x", kind: .reply, asins: ["B0AAAAAAAA"], orderIDs: ["111-2223334-4445556"]))
                == .file(caseID: 3, because: "order 111-2223334-4445556"))
    }

    @Test func identifiersPointingToTwoCasesAreHeld() {
        guard case .hold = route(MailFacts(identity: "x", thread: ["notice-1@amazon.com"], orderIDs: ["111-2223334-4445556"])) else {
            Issue.record("not held"); return
        }
    }

    @Test func aThreadThatContradictsTheGreetedAccountIsHeld() {
        guard case .hold(let why) = route(MailFacts(identity: "x", thread: ["notice-3@amazon.com"], kind: .reply, greeted: "Blue Harbor Goods LLC"))
        else { Issue.record("not held"); return }
        #expect(why.contains("Northwind"))
    }

    @Test func theAccountAndAnASINPlaceAMessage() {
        #expect(route(MailFacts(identity: "x", kind: .reply, greeted: "blue harbor goods llc", asins: ["B0AAAAAAAA"]))
                == .file(caseID: 1, because: "the only open case of Blue Harbor Goods LLC with the same ASIN"))
    }

    @Test func aSharedASINWithoutTheAccountIsHeld() {
        guard case .hold = route(MailFacts(identity: "x", kind: .reply, asins: ["B0AAAAAAAA"])) else { Issue.record("guessed"); return }
    }

    @Test func anAccountWithSeveralFittingCasesIsHeld() {
        guard case .hold(let why) = route(MailFacts(identity: "x", kind: .reply, greeted: "Blue Harbor Goods LLC", marketplace: "amazon.com"))
        else { Issue.record("guessed"); return }
        #expect(why.contains("#1, #2"))
    }

    @Test func theAccountAloneIsNotEnough() {
        guard case .hold = route(MailFacts(identity: "x", kind: .reply, greeted: "Blue Harbor Goods LLC")) else { Issue.record("guessed"); return }
    }

    @Test func theReasonPicksOneOfTheAccountsCases() {
        #expect(route(MailFacts(identity: "x", kind: .reply, greeted: "Blue Harbor Goods LLC", reasons: [.orderDefectRate]))
                == .file(caseID: 2, because: "the only open case of Blue Harbor Goods LLC with the same reason"))
    }

    @Test func aNoticeForANewProblemOpensACase() {
        let d = route(MailFacts(identity: "x", kind: .notice, greeted: "Blue Harbor Goods LLC", asins: ["B0BBBBBBBB"], reasons: [.intellectualProperty], marketplace: "amazon.com"))
        #expect(d == .newCase(
            NewCaseFields(title: "Intellectual property – B0BBBBBBBB", account: "Blue Harbor Goods LLC", marketplace: "amazon.com",
                          scope: .listings(["B0BBBBBBBB"]), reason: .intellectualProperty),
            because: "a notice for Blue Harbor Goods LLC that fits none of its open cases"))
    }

    @Test func aNoticeForAnUnknownAccountOpensACaseForIt() {
        guard case .newCase(let fields, _) = route(MailFacts(identity: "x", kind: .notice, greeted: "Kestrel Outdoor Supply", reasons: [.orderDefectRate]))
        else { Issue.record("no new case"); return }
        #expect(fields.account == "Kestrel Outdoor Supply")
        #expect(fields.scope == .account)
    }

    @Test func aReplyForAnUnknownAccountIsHeld() {
        guard case .hold = route(MailFacts(identity: "x", kind: .reply, greeted: "Kestrel Outdoor Supply")) else { Issue.record("guessed"); return }
    }

    @Test func aGreetingWinsOverASharedAddress() {
        // Sent to Blue Harbor's address, but greeting another seller: a new account, not Blue Harbor's.
        guard case .newCase(let fields, _) = route(MailFacts(identity: "x", recipients: ["ops@blueharbor.example"], kind: .notice, greeted: "Kestrel Outdoor Supply"))
        else { Issue.record("no new case"); return }
        #expect(fields.account == "Kestrel Outdoor Supply")
    }

    @Test func nothingToGoOnIsHeld() {
        guard case .hold = route(MailFacts(identity: "x", kind: .notice)) else { Issue.record("guessed"); return }
    }

    @Test func recordingAFiledMessageTeachesItsThread() {
        var b = Self.book()
        let notice = MailFacts(identity: "message-id:n9@amazon.com", messageID: "n9@amazon.com", kind: .notice, asins: ["B0CCCCCCCC"])
        b.record(notice, filedInto: 2)
        #expect(b.isKnown("message-id:n9@amazon.com"))
        #expect(MailRouter.route(MailFacts(identity: "y", thread: ["n9@amazon.com"], kind: .reply), book: b) == .file(caseID: 2, because: "same thread"))
        #expect(b.cases[2]?.asins == ["B0CCCCCCCC"])
    }
}
