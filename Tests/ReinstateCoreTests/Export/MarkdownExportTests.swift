import Foundation
import Testing
@testable import ReinstateCore

@Suite struct MarkdownExportTests {
    let markdown = MarkdownExport.render(ExportFixture.history, settings: ExportFixture.settings)

    @Test func matchesTheSnapshot() {
        assertTextSnapshot(markdown, named: "case-7.md")
    }

    @Test func carriesNoTerminalControls() {
        #expect(!ExportFixture.hasControls(markdown))
        #expect(!markdown.contains("pwned\u{07}"))
        #expect(markdown.contains("RED and a title change  and a clipboard write  end."))
    }

    @Test func quotesEveryMessageWholeInsideAFenceItCannotClose() {
        // The notice holds a run of four backticks, so its fence is five long.
        #expect(markdown.contains("`````text\nHello Blue Harbor Goods LLC,"))
        #expect(markdown.contains(ExportFixture.longLine.trimmingCharacters(in: .whitespaces)))
        #expect(markdown.contains("\n# Not a heading\n"))  // inside the fence, so not a heading
        var inFence: String? = nil
        var headings: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if let fence = inFence {
                if line == fence { inFence = nil }
            } else if line.hasPrefix("```") {
                inFence = String(line.prefix { $0 == "`" })
            } else if line.hasPrefix("#") {
                headings.append(String(line))
            }
        }
        #expect(inFence == nil)
        #expect(headings.count == 1 + 5 + 6)  // title, five sections (the check of the latest version among them), three messages and three plans
    }

    @Test func escapesInlineTextFromTheCase() {
        #expect(markdown.hasPrefix("# Case 7: Inauthentic \\<script\\>alert(\"x\")\\</script\\> \\& 中文 🚀 \n"))
        #expect(markdown.contains("Invoices from your supplier \\<Acme \\& Sons\\>."))
        #expect(markdown.contains("**Subject:** Your listings – 日本語 \\& \\<b\\>"))
        #expect(MarkdownText.code("letter`s.pdf") == "``letter`s.pdf``")
        #expect(MarkdownText.code("`x") == "`` `x ``")
    }

    @Test func titleBlockSaysWhereTheCaseStands() {
        for expected in [
            "- **Account:** Blue Harbor Goods LLC", "- **Marketplace:** amazon.com", "- **Suspended:** listings B0C1234567, B0C7654321",
            "- **Status:** more info requested", "- **Appeals submitted:** 2",
            "- **Next deadline:** 2026-12-02 10:00 UTC (10d 1h left): “Within 17 days; really, \\\\ yes”",
            "- **Requested details:** 3 of 6 unanswered",
        ] {
            #expect(markdown.contains(expected + "\n"), "\(expected)")
        }
    }

    @Test func requestsShowThenAndNow() {
        #expect(markdown.contains("""
            - **UNANSWERED** [evidence] A letter of authorization.
              - Then: not answered by any version submitted before Amazon wrote again on 2026-11-15 10:00 UTC
              - Now: **UNANSWERED**
            """))
        #expect(markdown.contains("""
            - **UNANSWERED** [evidence] Invoices from your supplier \\<Acme \\& Sons\\>.
              - Then: not answered by any version submitted before Amazon wrote again on 2026-11-15 10:00 UTC
              - Now: **UNANSWERED: answered in draft v3 (not sent yet) (you said so)**
            """))
        #expect(markdown.contains("  - Then: answered by v2, submitted 2026-11-10 09:00 UTC\n"))
    }

    @Test func evidenceShowsTheCheckOnDisk() {
        #expect(markdown.contains("- `/home/jane/Blue Harbor Goods LLC/invoices <2026>.pdf`: 123,456 bytes"))
        #expect(markdown.contains("; matches the file on disk\n"))
        #expect(markdown.contains("**CHANGED on disk (now 2 bytes, SHA-256 1111"))
    }

    @Test func timelineIsInTimeOrder() {
        let order = ["· Notice from Amazon", "· Plan of Action v1", "· Reply from Amazon", "· Plan of Action v2",
                     "· Reply from Amazon\n\n**Subject:** More information needed", "· Plan of Action v3, draft"]
        var from = markdown.startIndex
        for marker in order {
            let found = markdown.range(of: marker, range: from..<markdown.endIndex)
            #expect(found != nil, "\(marker)")
            if let found { from = found.upperBound }
        }
    }

    @Test func manyCasesMakeOneDocument() {
        var second = ExportFixture.history
        second.suspensionCase.id = 8
        let all = MarkdownExport.render(all: [ExportFixture.history, second], settings: ExportFixture.settings)
        #expect(all.hasPrefix("# Reinstate: 2 cases\n"))
        #expect(all.contains("\n## Case 7: ") && all.contains("\n## Case 8: "))
        #expect(all.contains("\n### Timeline\n"))
    }
}
