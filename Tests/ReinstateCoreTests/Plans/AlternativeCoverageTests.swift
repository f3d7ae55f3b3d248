import Foundation
import Testing
@testable import ReinstateCore

/// Alternatives ("Please provide one of the following"): one option answered is enough, in the check of
/// a plan, in where a request stands, and in what the exports say of each request.
@Suite struct AlternativeCoverageTests {
    static let t0 = Timestamp.parse("2026-11-20T10:00:00Z")!

    /// A reply asking for a root cause, then for invoices or a letter of authorization.
    static func history(plans: [PlanVersion], states: [RequestState] = [.unanswered, .unanswered, .unanswered]) -> CaseHistory {
        let message = AmazonMessage(id: 1, caseID: 1, kind: .reply, received: t0, subject: "", raw: Data(), text: "…")
        let texts = [
            ("The root cause of the late shipments on your account.", Aspect.rootCause, "the late shipments on your account", nil),
            ("Invoices from your supplier dated within the last 365 days.", Aspect.evidence, "", RequestAlternative(group: 1, option: 1)),
            ("A letter of authorization from the brand owner.", Aspect.evidence, "", RequestAlternative(group: 1, option: 2)),
        ]
        let requests = texts.enumerated().map { i, r in
            RequestedDetail(
                id: Int64(i + 1), caseID: 1, messageID: 1, text: r.0, aspect: r.1, topic: r.2, state: states[i], alternative: r.3)
        }
        return CaseHistory(
            suspensionCase: SuspensionCase(id: 1, title: "Late shipments", opened: t0), messages: [message], requests: requests,
            plans: plans)
    }

    static let plan = """
        Root cause
        The root cause of the late shipments on our account was that our warehouse shipped 212 orders late between 2 and 14 November 2026, because one of two packers was ill.

        Corrective actions
        On 16 November 2026 we hired a second packer and shipped all open orders.

        Preventive measures
        From 20 November 2026 we check the late shipment rate every morning.

        Evidence
        We attach the invoices from our supplier dated 3 November 2026 for 500 units.
        """

    @Test func theOtherOptionIsNotMissingWhenOneIsAnsweredInThePlan() {
        let h = Self.history(plans: [PlanVersion(caseID: 1, number: 1, text: Self.plan, created: Self.t0)])
        let check = PlanCheck.run(text: Self.plan, version: 1, history: h)
        let letter = check.coverage.first { $0.request.id == 3 }
        #expect(check.coverage.first { $0.request.id == 2 }?.answered == true)
        #expect(letter?.notNeeded == 1)
        #expect(letter?.isMissing == false)
        #expect(letter?.reason.hasPrefix("not needed: alternative A") == true)
        #expect(!check.findings.contains { $0.rule == .unansweredRequest && $0.what.contains("#3") })
        #expect(CheckReport.text(check, history: h).contains { $0.hasPrefix("  ○ #3") })
    }

    @Test func withNoOptionAnsweredEveryOptionIsMissing() {
        let bare = "Root cause\nThe root cause of the late shipments on our account was a packer who was ill from 2 November 2026."
        let h = Self.history(plans: [PlanVersion(caseID: 1, number: 1, text: bare, created: Self.t0)])
        let check = PlanCheck.run(text: bare, version: 1, history: h)
        #expect(check.coverage.filter { $0.request.alternative != nil }.allSatisfy { $0.isMissing && $0.notNeeded == nil })
        #expect(check.findings.contains { $0.rule == .unansweredRequest && $0.what.contains("#2") })
    }

    @Test func standingFollowsWhatAmazonHasSeen() {
        let draft = PlanVersion(caseID: 1, number: 1, text: Self.plan, created: Self.t0)
        let answered: [RequestState] = [.unanswered, .answered(version: 1, by: .user), .unanswered]
        var h = Self.history(plans: [draft], states: answered)
        #expect(h.standing(of: h.requests[2]) == .unanswered, "an answer in a draft covers nothing yet")
        #expect(h.unanswered.count == 3)
        h.plans[0].submitted = Self.t0.addingTimeInterval(3600)
        #expect(h.standing(of: h.requests[2]) == .notNeeded(option: 1))
        #expect(h.unanswered.map(\.id) == [1])
        #expect(RequestAlternative(group: 1, option: 2).label(options: 2) == "alternative B of 2")
        #expect(RequestAlternative.letter(27) == "27")
    }

    @Test func exportsSayWhichAlternativeAndWhatTheCheckFound() {
        let submitted = PlanVersion(caseID: 1, number: 1, text: Self.plan, created: Self.t0, submitted: Self.t0.addingTimeInterval(3600))
        let h = Self.history(plans: [submitted], states: [.answered(version: 1, by: .matcher), .answered(version: 1, by: .matcher), .unanswered])
        let settings = ExportSettings(now: Self.t0.addingTimeInterval(7200))
        let markdown = MarkdownExport.render(h, settings: settings)
        #expect(markdown.contains("  - *alternative A of 2: one of them is enough*\n"))
        #expect(markdown.contains("  - Now: not needed: alternative A was answered\n"))
        #expect(markdown.contains("  - Check: ✓ v1 (submitted) answers it, line 2: “The root cause of the late shipments"))
        #expect(markdown.contains("  - Check: ○ v1 (submitted): not needed: alternative A of the same request is answered"))
        #expect(markdown.contains("## Check of v1 (submitted)\n"))
        let html = HTMLExport.render(h, settings: settings)
        #expect(html.contains("<span class=\"alternative\">alternative B of 2: one of them is enough</span>"))
        #expect(html.contains("\u{25CB} not needed"))
        #expect(html.contains("<span class=\"check\">Check: \u{2713} v1 (submitted) answers it"))
    }

    @Test func aVerdictIsAboutTheVersionThatAnswersOrElseTheLatest() {
        let v1 = PlanVersion(caseID: 1, number: 1, text: Self.plan, created: Self.t0, submitted: Self.t0.addingTimeInterval(3600))
        let v2 = PlanVersion(caseID: 1, number: 2, text: "Hello.", created: Self.t0.addingTimeInterval(7200))
        let h = Self.history(plans: [v1, v2], states: [.answered(version: 1, by: .matcher), .unanswered, .unanswered])
        let check = ExportCheck.of(h)
        #expect(check?.versionName == "v2 (draft)")
        #expect(check?.verdict(for: h.requests[0])?.hasPrefix("✓ v1 (submitted) answers it") == true)
        #expect(check?.verdict(for: h.requests[1])?.hasPrefix("✗ v2 (draft) does not answer it") == true)
        #expect(ExportCheck.of(Self.history(plans: [])) == nil)
    }
}
