import Foundation
import Testing
@testable import ReinstateCore

@Suite struct CoverageTests {
    let matcher = CoverageMatcher()

    func verdict(_ request: RequestedDetail, _ plan: String) -> MatcherVerdict {
        matcher.verdict(for: request, in: PlanFixtures.read(plan))
    }

    @Test func theGoodPlanAnswersEverythingWithTheRightSentences() {
        let coverage = matcher.coverage(of: PlanFixtures.sevenRequests, in: PlanFixtures.read(PlanFixtures.headed))
        #expect(coverage.all(\.answered), "\(coverage.filter { !$0.answered }.map(\.reason))")
        #expect(coverage.all { $0.by == .matcher })
        #expect(coverage[0].sentences.map(\.line) == [6])
        #expect(coverage[3].sentences.map(\.line) == [7])
        #expect(coverage[5].sentences.map(\.line) == [15])
        #expect(coverage[6].sentences.map(\.line) == [18])
    }

    @Test func anAnswerInTheWrongSectionDoesNotCount() {
        let v = verdict(PlanFixtures.request(1, .rootCause, PlanFixtures.packaging), """
            Root cause:
            We did not know the policy well.
            Preventive measures:
            Every glass is now wrapped in 5 cm of bubble wrap because thin boxes broke 23 glasses.
            """)
        #expect(!v.answered)
        #expect(v.reason.contains("nothing in the root cause"))
    }

    @Test func aGenericSentenceDoesNotAnswer() {
        let v = verdict(PlanFixtures.request(3, .preventiveMeasure, PlanFixtures.packaging), """
            Preventive measures:
            We will improve our packaging to make sure this never happens again.
            All items will be packed properly and carefully.
            """)
        #expect(!v.answered)
        #expect(v.reason.contains("no concrete fact"))
    }

    @Test func aHeadingWithNothingUnderItDoesNotAnswer() {
        let v = verdict(PlanFixtures.request(1, .rootCause, ""), "Root cause:\n\nCorrective actions:\nWe refunded 3 buyers.\n")
        #expect(!v.answered)
        #expect(v.reason.contains("has nothing under it"))
    }

    @Test func synonymsAndWordFormsMatchTheTopic() {
        // "packaging" is asked about; the plan says "packed", "boxes" and "bubble wrap".
        let v = verdict(PlanFixtures.request(3, .preventiveMeasure, "improper packaging"), """
            Preventive measures:
            Since 1 March every fragile order is packed in double-wall boxes with bubble wrap by our warehouse lead.
            """)
        #expect(v.answered)
        // "customer service" asked; the plan speaks of the inbox and replies.
        let service = verdict(PlanFixtures.request(4, .rootCause, PlanFixtures.service), """
            Root cause:
            Our only clerk was on leave for nine days and nobody else checked the inbox, so replies took up to 5 days.
            """)
        #expect(service.answered)
    }

    @Test func aSentenceOnAnotherTopicDoesNotAnswer() {
        let v = verdict(PlanFixtures.request(4, .rootCause, PlanFixtures.service), """
            Root cause:
            We shipped glassware in single-wall boxes, so 23 glasses broke in October.
            """)
        #expect(!v.answered)
    }

    @Test func aBlankTopicMatchesAnySpecificSentenceOfThePart() {
        let v = verdict(PlanFixtures.request(1, .rootCause, "", text: "The root cause of the issue."), """
            Root cause:
            Our carrier pickup moved from 17:00 to 14:00 and we kept our old packing schedule.
            """)
        #expect(v.answered)
    }

    @Test func aTopicHeadingCarriesItsTopicToTheSentencesUnderIt() {
        let v = verdict(PlanFixtures.request(1, .rootCause, PlanFixtures.packaging), """
            Root cause:
            Packaging:
            - Our new employee used 1 layer of thin paper for glass from 2 to 20 October.
            Customer service:
            - Our clerk was away for 9 days.
            """)
        #expect(v.sentences.map(\.line) == [3])
    }

    @Test func evidenceNeedsTheKindOfDocumentAsked() {
        let invoices = PlanFixtures.request(
            7, .evidence, "", text: "Invoices, receipts or letters of authorization from your supplier dated within the last 365 days.")
        #expect(verdict(invoices, "Evidence:\nPlease find attached our supplier invoices from Lindenhof GmbH.").answered)
        #expect(!verdict(invoices, "Evidence:\nPlease find attached the photos of our packing table.").answered)
        let any = PlanFixtures.request(7, .evidence, "")
        #expect(!verdict(any, "Corrective actions:\nWe have attached the documents.").answered)
        #expect(verdict(any, "Corrective actions:\nWe refunded 3 buyers; screenshots of the refunds are attached.").answered)
    }

    @Test func aRequestOfNoAspectNeedsItsOwnWords() {
        let relation = PlanFixtures.request(
            8, .other, "", text: "An explanation of the relationship between your account and the other account.")
        #expect(verdict(relation, "The other account belonged to my brother Tom, who closed it in March 2024; we share no devices.").answered)
        #expect(!verdict(relation, "We refunded 3 buyers on 2 May.").answered)
        let vague = PlanFixtures.request(9, .other, "", text: "Any additional information.")
        #expect(!verdict(vague, "We refunded 3 buyers on 2 May.").answered)
    }

    @Test func theSellersWordWinsBothWays() {
        let plan = PlanFixtures.read(PlanFixtures.headed)
        let reopened = PlanFixtures.request(1, .rootCause, PlanFixtures.packaging, state: .reopened)
        let answered = PlanFixtures.request(2, .rootCause, "the relationship between your accounts", state: .answered(version: 3, by: .user))
        let byMatcher = PlanFixtures.request(3, .rootCause, "the relationship between your accounts", state: .answered(version: 1, by: .matcher))
        let waived = PlanFixtures.request(4, .rootCause, "trademark", state: .waived(reason: "not our listing"))
        let c = matcher.coverage(of: [reopened, answered, byMatcher, waived], in: plan)
        #expect(c[0].answered == false && c[0].by == .user)
        #expect(!c[0].sentences.isEmpty)  // the matcher's sentences are still shown
        #expect(c[1].answered == true && c[1].by == .user)
        #expect(c[1].reason.contains("v3"))
        // A matcher's earlier answer is not the seller's word: this version is read again.
        #expect(c[2].answered == false && c[2].by == .matcher)
        #expect(c[3].waived == "not our listing" && !c[3].isMissing)
    }

    @Test func specificityNamesItsFacts() {
        #expect(!Specificity.isSpecific("We will improve our customer service and take this very seriously."))
        #expect(!Specificity.isSpecific("I have carefully read all of Amazon's policies and help pages."))
        #expect(!Specificity.isSpecific("No one will ever make this mistake again."))
        let facts = Specificity.facts(in: "Our warehouse lead checks one box in ten every Monday using Veeqo.")
        #expect(Set(facts.map(\.kind)).isSuperset(of: [.role, .number, .time, .name]))
        #expect(Specificity.isSpecific("We refunded the affected buyers."))
        #expect(Specificity.isSpecific("Replies are sent within 12 hours."))
        // Naming the topic is not a fact about it.
        #expect(Specificity.isSpecific("We will use more bubble wrap."))
        #expect(!Specificity.isSpecific("We will use more bubble wrap.", excludingTopic: "bubble wrap"))
        #expect(!Specificity.isSpecific("Our Seller Account had an Order Defect Rate problem."))
    }
}
