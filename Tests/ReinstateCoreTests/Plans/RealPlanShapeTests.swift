import Foundation
import Testing
@testable import ReinstateCore

/// The shapes real plans come in (issue 16): answers under odd headings or none, Amazon's request
/// copied as a heading, causes told as what went wrong, template wording, blame and promises in plain
/// words, hard line breaks, Chinese plans, and answers Amazon already turned down. Every fixture here is
/// written for the test, one per shape.
@Suite struct RealPlanShapeTests {
    let matcher = CoverageMatcher()
    static let delivery = "buyers not receiving orders or late receipt of orders"

    func verdict(_ request: RequestedDetail, _ plan: String) -> MatcherVerdict {
        matcher.verdict(for: request, in: PlanFixtures.read(plan))
    }

    func findings(_ plan: String) -> [ReviewFinding] {
        PlanReview.findings(for: PlanFixtures.read(plan))
    }

    // MARK: - Coverage

    @Test func aPlanOnAnotherTopicSaysWhatItTalksAbout() {
        let v = verdict(PlanFixtures.request(1, .rootCause, Self.delivery), """
            Root cause:
            We did not refund 6 buyers within 2 days of their return requests.
            We did not check 12 units for damage before sending them.
            """)
        #expect(v.verdict == .unanswered)
        #expect(v.reason.contains("nothing in the root cause is about buyers not receiving orders"), "\(v.reason)")
        #expect(v.reason.contains("it talks about"), "\(v.reason)")
    }

    @Test func onTheTopicWithoutAFactIsPartlyAnswered() {
        let v = verdict(PlanFixtures.request(3, .preventiveMeasure, Self.delivery), """
            Preventive measures:
            We will keep an eye on late orders and on orders not received.
            """)
        #expect(v.verdict == .partly)
        #expect(v.partly.map(\.line) == [2])
        #expect(v.reason.hasPrefix("partly answered"))
        #expect(v.reason.contains("a concrete answer would add who does what"))
    }

    @Test func aCauseToldAsWhatWentWrongAnswersARootCauseOnly() {
        let plan = """
            What went wrong:
            A lapse in updating our detail pages after the supplier changed the packaging.
            """
        #expect(verdict(PlanFixtures.request(1, .rootCause, ""), plan).answered)
        let prevent = verdict(PlanFixtures.request(3, .preventiveMeasure, ""), plan + "\nGoing forward:\nWe did not plan anything yet.\n")
        #expect(!prevent.answered)
    }

    @Test func aClearActionUnderTheRootCauseHeadingStillAnswers() {
        let v = verdict(PlanFixtures.request(2, .correctiveAction, ""), """
            The root cause:
            We moved our warehouse without telling Amazon first.
            I have asked Seller Support to update the pickup address on 3 May.
            Actions taken:
            """)
        #expect(v.answered, "\(v.reason)")
        #expect(v.sentences.map(\.line) == [3])
        #expect(v.reason.contains("outside the corrective actions part"))
    }

    @Test func amazonsRequestCopiedAsAHeadingIsAHeading() {
        let reading = PlanFixtures.read("""
            Dear Seller Performance,
            Greater detail on the steps you have taken to prevent complaints about the condition of your items going forward.
            Every returned unit is now opened and photographed by our packer before it is listed again.
            """)
        #expect(reading.sections.contains { $0.kind == .preventiveMeasures && $0.headingLine == 2 })
        // A sentence that only mentions a root cause is not a heading.
        let prose = PlanFixtures.read("The root cause of the problem was that our only packer used thin boxes for 3 weeks.")
        #expect(prose.sections.allSatisfy { $0.headingLine == nil })
    }

    @Test func aPastWindowOrADocumentIsNoStepForTheFuture() {
        let v = verdict(PlanFixtures.request(3, .preventiveMeasure, ""), """
            Steps to prevent this:
            To always supply receipts that are dated in the last 60 days.
            """)
        #expect(!v.answered)
    }

    @Test func aChinesePlanIsReadTheSameWay() {
        let v = verdict(PlanFixtures.request(1, .rootCause, PlanFixtures.packaging), """
            根本原因：
            我们的包装太薄，3月有12个包裹破损。
            """)
        #expect(v.answered, "\(v.reason)")
    }

    @Test func trackedShippingAnswersBuyersNotReceivingOrders() {
        let v = verdict(PlanFixtures.request(3, .preventiveMeasure, Self.delivery), """
            How we stop it:
            From 1 March every parcel goes with a tracked service, checked by our shipping clerk at 15:00.
            """)
        #expect(v.answered, "\(v.reason)")
    }

    @Test func aChinesePlanWithoutHeadingsIsReadByItsCueWords() {
        let reading = PlanFixtures.read("""
            尊敬的团队：
            由于包装太薄，3月有12个包裹破损。
            今后每个包裹都用双层纸箱，主管每天检查。
            """)
        #expect(reading.sentences.map(\.section) == [.letter, .rootCause, .preventiveMeasures])
        let v = CoverageMatcher().verdict(for: PlanFixtures.request(3, .preventiveMeasure, PlanFixtures.packaging), in: reading)
        #expect(v.answered, "\(v.reason)")
    }

    @Test func thePlansTitleIsNoCorrectiveHeading() {
        let reading = PlanFixtures.read("My Action Plan\n\nThin boxes were used for 31 parcels because our packer was on leave for 9 days.\n")
        #expect(reading.sections.first?.kind == .letter)
        #expect(reading.sections.contains { $0.kind == .rootCause })
    }

    // MARK: - Findings

    @Test func aPartMadeOnlyOfPromisesIsMissing() {
        let f = findings("""
            Root cause:
            Our packer was on leave for 9 days, so 31 parcels went out in thin boxes.
            Corrective actions:
            We refunded the 31 buyers on 3 May.
            We will make sure buyers are happy with us.
            """)
        #expect(f.contains { $0.rule == .missingSection && $0.what.hasPrefix("no preventive measures part") })
    }

    @Test func twoFragmentsOfATemplateNameIt() {
        let f = findings("Thank you for the opportunity to appeal my seller account's suspension due to its late dispatch rate.")
        let copied = f.filter { $0.rule == .copiedTemplate }
        #expect(copied.count == 1)
        #expect(copied.first?.what.contains("the forum appeal opening") == true)
        // One common phrase alone is ordinary wording.
        let own = findings("Thank you for allowing me this opportunity to appeal the removal of my listings.")
        #expect(own.allSatisfy { $0.rule != .copiedTemplate })
    }

    @Test func blameAndDenialInPlainWords() {
        let f = findings("""
            Root cause:
            The customer did not read the tracking e-mail we sent on 2 May.
            We compared the photos with our stock and found no issues.
            Parcels were held up by errors from the transport company.
            """)
        #expect(Set(f.filter { $0.rule == .blame }.compactMap(\.line)) == [2, 3, 4])
        let owned = findings("Root cause:\nWe shipped 14 orders after the expected ship date because our packer was ill.")
        #expect(owned.allSatisfy { $0.rule != .blame })
    }

    @Test func aPromiseThatItNeverHappensAgainIsVagueAnywhere() {
        let f = findings("""
            Dear Amazon,
            We assure you that we are determined to make sure this does not happen again.
            """)
        #expect(f.contains { $0.rule == .vaguePromise && $0.line == 2 })
        let measured = findings("Dear Amazon,\nWe make sure it does not happen again: our manager checks every order at 16:00 daily.")
        #expect(measured.allSatisfy { $0.rule != .vaguePromise })
    }

    @Test func aPleaRunningOverAHardLineBreak() {
        let f = findings("""
            We moved the warehouse and did not tell Amazon, so please reactivate the site because we are
            losing our sales every day it stays closed.
            """)
        #expect(f.contains { $0.rule == .hardshipPlea && $0.line == 1 })
    }

    // MARK: - What Amazon turned down

    @Test func anAnswerAmazonTurnedDownAnswersInNoVersion() {
        let v1Text = """
            Root cause:
            Our only clerk answered buyer messages once a week.
            Corrective actions:
            We answered all 14 open messages on 3 May.
            Preventive measures:
            Two staff share the inbox on a rota from 1 June.
            """
        let v1 = PlanVersion(caseID: 1, number: 1, text: v1Text, created: PlanFixtures.day(11), submitted: PlanFixtures.day(12))
        let history = PlanFixtures.history(
            requests: [PlanFixtures.request(1, .rootCause, PlanFixtures.service), PlanFixtures.request(2, .rootCause, PlanFixtures.service, message: 2)],
            plans: [v1], messages: [PlanFixtures.message(1, day: 10), PlanFixtures.message(2, day: 14)])
        let judge = CoverageMatcher(history: history)
        for text in [v1Text, v1Text + "\nWe are sorry."] {
            let reading = PlanFixtures.read(text)
            for request in history.requests {
                let v = judge.verdict(for: request, in: reading)
                #expect(!v.answered)
                #expect(v.turnedDown.map(\.line) == [2])
                #expect(v.verdict == .partly)
                #expect(v.reason.contains("Amazon asked again after reading v1"))
            }
        }
        // New words answer.
        let v2 = PlanFixtures.read(v1Text.replacingOccurrences(of: "once a week.", with: "once a week, and was on leave from 2 to 20 April."))
        #expect(judge.verdict(for: history.requests[1], in: v2).answered)
        // The check and its finding say the same.
        let check = PlanCheck.run(text: v1Text, version: nil, history: history)
        #expect(check.coverage.allSatisfy { !$0.answered && $0.verdict == .partly })
        #expect(check.findings.contains { $0.rule == .answerAlreadyRejected && $0.line == 2 })
    }
}
