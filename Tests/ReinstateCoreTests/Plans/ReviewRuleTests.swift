import Foundation
import Testing
@testable import ReinstateCore

@Suite struct ReviewRuleTests {
    /// The good plan with one line added to its preventive measures.
    func plan(adding line: String, to part: String = "Preventive measures:") -> PlanReading {
        PlanFixtures.read(PlanFixtures.headed.replacingOccurrences(of: part, with: part + "\n" + line))
    }

    func findings(_ plan: PlanReading, context: PlanReview.Context = PlanReview.Context()) -> [ReviewFinding] {
        PlanReview.findings(for: plan, context: context)
    }

    func rules(_ plan: PlanReading) -> Set<ReviewRule> { Set(findings(plan).map(\.rule)) }

    @Test func theGoodPlanHasNoFindings() {
        #expect(findings(PlanFixtures.read(PlanFixtures.headed)).isEmpty)
    }

    @Test func missingAndEmptySections() {
        let f = findings(PlanFixtures.read("Root cause:\n\nCorrective actions:\nWe refunded 31 buyers on 2 May and repacked 140 glasses.\n"))
        let missing = f.filter { $0.rule == .missingSection }
        #expect(missing.count == 2)
        #expect(missing.all { $0.severity == .blocking })
        #expect(missing.any { $0.what == "the root cause heading has nothing under it" && $0.line == 1 })
        #expect(missing.any { $0.what == "no preventive measures part" && $0.line == nil })
    }

    @Test func anUnansweredRequestBlocksOnceForRepeatedAsks() {
        let plan = PlanFixtures.read(PlanFixtures.headed)
        let requests = [
            PlanFixtures.request(1, .rootCause, "listings that used a brand's trademark"),
            PlanFixtures.request(2, .rootCause, "listings that used a brand's trademark", message: 2),
        ]
        let coverage = CoverageMatcher().coverage(of: requests, in: plan)
        let f = findings(plan, context: PlanReview.Context(coverage: coverage)).filter { $0.rule == .unansweredRequest }
        #expect(f.count == 1)
        #expect(f.first?.what.hasPrefix("#1, #2 root cause") == true)
        #expect(f.first?.line == 5)
        #expect(f.first?.severity == .blocking)
    }

    @Test func blame() {
        for line in [
            "The customer lied about the damage.", "This was Amazon's mistake.", "It was not my fault.",
            "Some buyers run a scam on sellers.", "The carrier lost 4 parcels.",
        ] {
            let f = findings(plan(adding: line)).filter { $0.rule == .blame }
            #expect(f.count == 1, "\(line)")
            #expect(f.first?.severity == .blocking)
            #expect(f.first?.line == 14)
        }
    }

    @Test func blameFalseAlarms() {
        for line in [
            "We never blame our customers for a damaged parcel.",
            "We take full responsibility; it was not the carrier's fault.",
            "Even if the carrier lost a parcel, we refund the buyer within 24 hours.",
            "We do not think any customer lied.",
        ] {
            #expect(!rules(plan(adding: line)).contains(.blame), "\(line)")
        }
    }

    @Test func hardshipPleas() {
        for line in [
            "I cannot pay my kids' school fees or my car payments.", "Please please reinstate us.",
            "I am desperate and this is the only source of income for my family.",
        ] {
            let f = findings(plan(adding: line)).filter { $0.rule == .hardshipPlea }
            #expect(f.count == 1, "\(line)")
            #expect(f.first?.severity == .warning)
        }
        #expect(!rules(plan(adding: "Our family-run warehouse packs 40 orders a day.")).contains(.hardshipPlea))
    }

    @Test func shoutingInCapitalsAndExclamationMarks() {
        #expect(rules(plan(adding: "WE WILL NEVER LET THIS HAPPEN AGAIN.")).contains(.shouting))
        #expect(rules(plan(adding: "We fixed it within 2 days!!!")).contains(.shouting))
        // Headings in capitals and names are not shouting.
        #expect(!rules(plan(adding: "Our ODR fell after UPS and FBA changes on 2 May.")).contains(.shouting))
        let caps = PlanFixtures.read(PlanFixtures.headed.replacingOccurrences(of: "Root cause:", with: "ROOT CAUSE"))
        #expect(!rules(caps).contains(.shouting))
    }

    @Test func vaguePromisesInPreventiveSteps() {
        for line in ["I will try to answer messages as soon as possible.", "We hope to ship faster.", "We will respond ASAP."] {
            let f = findings(plan(adding: line)).filter { $0.rule == .vaguePromise }
            #expect(f.count == 1, "\(line)")
            #expect(f.first?.line == 14)
        }
        // With a measure it is a plan, not a promise.
        #expect(!rules(plan(adding: "We will answer every message as soon as possible and within 12 hours.")).contains(.vaguePromise))
        // Outside the preventive measures it is not looked for.
        #expect(!rules(plan(adding: "We hope to keep them as customers.", to: "Corrective actions:")).contains(.vaguePromise))
    }

    @Test func lengthTooLongAndTooShort() {
        let long = PlanFixtures.headed.replacingOccurrences(
            of: "Preventive measures:",
            with: "Preventive measures:\n" + String(repeating: "Our warehouse lead checks 1 box in 10 every morning before the 16:00 pickup. ", count: 110))
        let f = findings(PlanFixtures.read(long)).filter { $0.rule == .tooLong }
        #expect(f.count == 1)
        #expect(f.first?.what.contains("more than 1500") == true)
        #expect(rules(PlanFixtures.read("Root cause: thin boxes.\nCorrective actions: refunded 3.\nPreventive measures: double-wall boxes.")).contains(.tooShort))
        #expect(!rules(PlanFixtures.read(PlanFixtures.headed)).contains(.tooShort))
    }

    @Test func copiedTemplateSentences() {
        let f = findings(plan(adding: "All employees involved with packing and shipping will undergo periodic training."))
            .filter { $0.rule == .copiedTemplate }
        #expect(f.count == 1)
        #expect(f.first?.line == 14)
        // Many template sentences make a blocking finding.
        let copied = PlanFixtures.read(PlanReview.templateSample)
        #expect(findings(copied).any { $0.rule == .copiedTemplate && $0.severity == .blocking })
    }

    @Test func copiedFromAnotherCase() {
        let mine = PlanFixtures.read(PlanFixtures.headed)
        let stranger = OtherCasePlan(caseID: 9, number: 2, account: "Someone Else", text: PlanFixtures.headed)
        let f = findings(mine, context: PlanReview.Context(otherPlans: [stranger], account: "Blue Harbor"))
            .filter { $0.rule == .copiedFromAnotherCase }
        #expect(f.count == 1)
        #expect(f.first?.severity == .blocking)
        #expect(f.first?.what.contains("case 9 v2") == true)
        let own = OtherCasePlan(caseID: 9, number: 2, account: "blue harbor", text: PlanFixtures.headed)
        #expect(findings(mine, context: PlanReview.Context(otherPlans: [own], account: "Blue Harbor"))
            .first { $0.rule == .copiedFromAnotherCase }?.severity == .warning)
        let unrelated = OtherCasePlan(caseID: 9, number: 1, account: "x", text: "We sell garden tools and answer within a day.")
        #expect(findings(mine, context: PlanReview.Context(otherPlans: [unrelated])).all { $0.rule != .copiedFromAnotherCase })
    }

    @Test func unchangedAndNearlyUnchangedResubmission() {
        let previous = PlanVersion(caseID: 1, number: 1, text: PlanFixtures.headed, created: PlanFixtures.day(2), submitted: PlanFixtures.day(3))
        let same = findings(PlanFixtures.read(PlanFixtures.headed), context: PlanReview.Context(previousSubmitted: previous))
        #expect(same.any { $0.rule == .unchangedResubmission && $0.severity == .blocking })
        let touched = PlanFixtures.headed.replacingOccurrences(of: "Thank you for reviewing our appeal.", with: "Thank you for reviewing our second appeal, with more detail.")
        let near = findings(PlanFixtures.read(touched), context: PlanReview.Context(previousSubmitted: previous))
        #expect(near.any { $0.rule == .unchangedResubmission && $0.severity == .warning })
        let rewritten = PlanFixtures.read("Root cause:\nOur only clerk was on leave for 9 days in October.\nCorrective actions:\nWe answered all 14 messages on 21 October.\nPreventive measures:\nTwo staff share the inbox on a rota from 1 November.")
        #expect(findings(rewritten, context: PlanReview.Context(previousSubmitted: previous)).all { $0.rule != .unchangedResubmission })
    }

    @Test func anAnswerAmazonAlreadyTurnedDown() {
        let v1 = PlanVersion(caseID: 1, number: 1, text: PlanFixtures.headed, created: PlanFixtures.day(11), submitted: PlanFixtures.day(12))
        let history = PlanFixtures.history(
            requests: [PlanFixtures.request(1, .rootCause, PlanFixtures.service), PlanFixtures.request(2, .rootCause, PlanFixtures.service, message: 2)],
            plans: [v1], messages: [PlanFixtures.message(1, day: 10), PlanFixtures.message(2, day: 14)])
        let check = PlanCheck.run(text: PlanFixtures.headed + "\nWe will add 2 more staff in December.", version: nil, history: history)
        #expect(check.coverage.all { $0.rejectedVersions == [1] })
        #expect(check.findings.any { $0.rule == .answerAlreadyRejected && $0.severity == .blocking && $0.line == 7 })
        #expect(check.hasBlocking)
    }

    @Test func everyRuleHasAWhy() {
        for rule in ReviewRule.allCases { #expect(!rule.why.isEmpty && !rule.why.contains("\n")) }
    }
}

extension PlanReview {
    /// A plan made mostly of template sentences, for the blocking copied-template finding.
    static let templateSample = """
        Root cause:
        I understand that Amazon takes the performance of its sellers very seriously and I take full responsibility for what happened.
        Corrective actions:
        We have contacted all affected customers, apologized for the inconvenience and offered them a full refund.
        Preventive measures:
        We will inspect every item as soon as it arrives in our warehouse and list it only after the inspection.
        All items will be packed safely and securely with high quality boxes and bubble wrap so that no damage occurs in transit.
        All employees involved with packing and shipping will undergo periodic training.
        """
}
