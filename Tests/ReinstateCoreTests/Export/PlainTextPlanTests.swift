import Foundation
import Testing
@testable import ReinstateCore

@Suite struct PlainTextPlanTests {
    @Test func theLatestVersionLosesItsMarkdownMarksAndKeepsItsLines() throws {
        var h = ExportFixture.history
        h.plans.removeLast()  // v2 is now the latest
        let plan = try #require(PlainTextPlan.latest(of: h))
        #expect(plan.number == 2)
        #expect(PlainTextPlan.text(of: plan) == """
            Plan of Action
            Dear Seller Performance Team,

            Root cause: we bought from an unauthorised wholesaler.
            - We stopped buying from it.
              - Nested step.
            1. Numbered stays.
            See our policy (https://example.com/policy) and code.

            Sincerely,
            Jane Doe

            """)
    }

    @Test func linesOneByOne() {
        let cases: [(String, String)] = [
            ("## Root cause ##", "Root cause"),
            ("#hashtag stays", "#hashtag stays"),
            ("• bullet", "- bullet"),
            ("– dash bullet", "- dash bullet"),
            ("    * deep", "    - deep"),
            ("> quoted **bold**", "quoted bold"),
            ("5 * 3 = 15 and a*b", "5 * 3 = 15 and a*b"),
            ("__strong__ and snake_case_name", "strong and snake_case_name"),
            ("***", ""),
            ("[https://x.y](https://x.y)", "https://x.y"),
            ("中文 **粗体** 🚀", "中文 粗体 🚀"),
            ("-not a bullet", "-not a bullet"),
        ]
        for (input, expected) in cases {
            #expect(PlainTextPlan.plainLine(input) == expected, "\(input)")
        }
    }

    @Test func controlsAreRemoved() {
        let plan = PlanVersion(caseID: 1, number: 1, text: "a\u{1B}[31mb\r\nc\u{1B}]52;c;SGVsbG8=\u{07}d\n\n", created: ExportFixture.now)
        #expect(PlainTextPlan.text(of: plan) == "ab\ncd\n")
    }
}
