import Foundation
import Testing
@testable import ReinstateCore

@Suite struct PlanReaderTests {
    func kinds(_ text: String) -> [PlanSection.Kind] { PlanFixtures.read(text).sections.map(\.kind) }

    @Test func plainHeadingsWithLettersAround() {
        let r = PlanFixtures.read(PlanFixtures.headed)
        #expect(r.sections.map(\.kind) == [.letter, .rootCause, .correctiveActions, .preventiveMeasures, .evidence, .letter])
        let root = r.sections[1]
        #expect(root.firstLine == 5 && root.lastLine == 7)
        #expect(root.headingLine == 5)
        #expect(root.why == "heading \u{201C}Root cause\u{201D} (line 5)")
        #expect(r.sentences(in: .rootCause).map(\.line) == [6, 7])
        #expect(r.sentences(in: .rootCause).first?.text.hasPrefix("Between 2 and 20 October") == true)
        #expect(r.headingLines.isSuperset(of: [5, 9, 13, 17]))
    }

    @Test func theForumThreadsHeadings() {
        let r = PlanFixtures.read("""
            Dear Amazon Seller Performance Team
            Thank you for the opportunity to appeal my account's suspension due to my Order Defect Rate.
            The root of case:
            -
            This was caused because I was not prepared.
            What I have done to resolve the issue:
            I answered every message.
            What I will do to prevent this from happening again:
            I will answer messages within 12 hours.
            I believe that my Plan of Action addresses the issues and I am looking forward to continue selling on Amazon.
            Thanks for your time.
            """)
        #expect(r.sections.map(\.kind) == [.letter, .rootCause, .correctiveActions, .preventiveMeasures, .letter])
        #expect(r.sentences.first { $0.line == 2 }?.section == .letter)
        #expect(r.sentences.first { $0.line == 10 }?.section == .letter)
        #expect(r.sentences.first { $0.line == 9 }?.section == .preventiveMeasures)
    }

    @Test func numberedGuideHeadings() {
        #expect(kinds("""
            1) Root Cause:
            Our packer used thin mailers.
            2) Immediate Remedy:
            We refunded 12 buyers.
            3) Preventing Future Issues:
            We will use double-wall boxes.
            """) == [.rootCause, .correctiveActions, .preventiveMeasures])
        #expect(kinds("""
            Step 1: Root cause analysis
            Our packer used thin mailers.
            Step 2 - Actions taken
            We refunded 12 buyers.
            Step 3: Steps I have taken to prevent it
            We will use double-wall boxes.
            """) == [.rootCause, .correctiveActions, .preventiveMeasures])
    }

    @Test func boldMarkdownAndAllCapsHeadings() {
        #expect(kinds("""
            **Root cause**
            Our packer used thin mailers.
            **Immediate actions:** We refunded 12 buyers.
            ## Preventive measures going forward
            We will use double-wall boxes.
            """) == [.rootCause, .correctiveActions, .preventiveMeasures])
        let caps = PlanFixtures.read("""
            ROOT CAUSE
            Our packer used thin mailers.
            CORRECTIVE ACTIONS
            We refunded 12 buyers.
            PREVENTIVE MEASURES
            We will use double-wall boxes.
            """)
        #expect(caps.sections.map(\.kind) == [.rootCause, .correctiveActions, .preventiveMeasures])
        #expect(caps.headingLines == [1, 3, 5])
    }

    @Test func inlineHeadingKeepsItsSentence() {
        let r = PlanFixtures.read("Root cause: one person answered all buyer messages.\nCorrective actions: we hired a second clerk.\nPreventive measures: two staff share the inbox daily.")
        #expect(r.sections.map(\.kind) == [.rootCause, .correctiveActions, .preventiveMeasures])
        #expect(r.sentences.map(\.text) == ["one person answered all buyer messages.", "we hired a second clerk.", "two staff share the inbox daily."])
        #expect(r.sentences.map(\.line) == [1, 2, 3])
    }

    @Test func chineseHeadings() {
        #expect(kinds("""
            根本原因：
            我们的包装太薄。
            纠正措施：
            我们给12位买家退款。
            预防措施：
            每个订单都用双层纸箱。
            """) == [.rootCause, .correctiveActions, .preventiveMeasures])
    }

    @Test func withoutHeadingsParagraphsGoByWhatTheySay() {
        let r = PlanFixtures.read("""
            Dear Seller Performance,

            Thank you for the chance to explain our appeal.

            Between 2 and 20 October our glassware was damaged because our new packer had not been shown our packing standard. Nobody checked his work.

            We refunded all 31 buyers and repacked the remaining stock in double-wall boxes.

            From now on every fragile order will be packed with 5 cm of bubble wrap.

            Regards,
            Anna
            """)
        #expect(r.sections.map(\.kind) == [.letter, .rootCause, .correctiveActions, .preventiveMeasures, .letter])
        let cause = r.sections[1]
        #expect(cause.firstLine == 5)
        #expect(cause.why.contains("because"))
        #expect(r.sections[2].why.contains("refunded"))
        #expect(r.sections[3].why.contains("will"))
        // "Nobody checked his work." has no cue words: it stays with the sentence before it.
        #expect(r.sentences.first { $0.text == "Nobody checked his work." }?.section == .rootCause)
    }

    @Test func mixedPlanReadsTheUnheadedCauseBeforeTheFirstHeading() {
        let r = PlanFixtures.read("""
            Our listing photos showed the old model because nobody updated them after the change in March.

            Corrective actions:
            We corrected the photos on 6 ASINs.

            Preventive measures:
            A second person checks every listing change.
            """)
        #expect(r.sections.map(\.kind) == [.rootCause, .correctiveActions, .preventiveMeasures])
    }

    @Test func aHeadingWithNothingUnderItIsEmpty() {
        let r = PlanFixtures.read("Root cause:\n\nCorrective actions:\nWe refunded 3 buyers.\nPreventive measures:\n")
        #expect(!r.hasContent(.rootCause))
        #expect(r.hasContent(.correctiveActions))
        #expect(!r.hasContent(.preventiveMeasures))
        #expect(r.sections.first?.sentenceCount == 0)
    }

    @Test func sentencesBulletsAndAbbreviations() {
        let r = PlanFixtures.read("""
            Corrective actions:
            - We refunded the buyers, e.g. order 123-1234567-1234567. We also called UPS at 9 a.m. on Monday.
            • We moved 1.5 kg items to boxes.
            """)
        #expect(r.sentences.map(\.text) == [
            "We refunded the buyers, e.g. order 123-1234567-1234567.", "We also called UPS at 9 a.m. on Monday.",
            "We moved 1.5 kg items to boxes.",
        ])
        #expect(r.sentences.map(\.line) == [2, 2, 3])
        #expect(r.wordCount > 20)
    }

    @Test func contentLinesAreNotHeadings() {
        let r = PlanFixtures.read("""
            Root cause:
            I will never let this happen again because I now understand the policy and have read it.
            We did the following to resolve it: refunded 4 buyers.
            """)
        #expect(r.headingLines == [1])
        #expect(r.sentences.count == 2)
    }
}
