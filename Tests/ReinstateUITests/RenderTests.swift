import Foundation
import ReinstateCore
@testable import ReinstateUI
import Testing

/// Screens drawn into frames of fixed size and compared with text snapshots (lines, then a style
/// mask) in `__Snapshots__`.
@Suite struct RenderTests {
    func frame(_ runtime: UIRuntime<MemoryCaseBook>) -> Frame { render(runtime.state) }

    @Test func warningAtLaunch80x24() {
        let runtime = Fixtures.runtime()
        #expect(runtime.state.screen == .warning)
        assertSnapshot(frame(runtime), named: "warning-80x24")
    }

    @Test func caseListWithBanner80x24() {
        let runtime = Fixtures.runtime()
        runtime.send(.key(.character(" ")))
        assertSnapshot(frame(runtime), named: "case-list-80x24")
    }

    @Test func caseList100x30SortedNewestFirstAndFiltered() {
        let runtime = Fixtures.runtime(width: 100, height: 30)
        runtime.send(.key(.enter))
        runtime.send(.key(.character("o")))
        runtime.send(.key(.character("/")))
        for c in "ltd" { runtime.send(.key(.character(c))) }
        assertSnapshot(frame(runtime), named: "case-list-filter-100x30")
    }

    func openPackagingCase(width: Int = 80, height: Int = 24) -> UIRuntime<MemoryCaseBook> {
        let runtime = Fixtures.runtime(width: width, height: height)
        runtime.send(.key(.enter))  // past the warning
        runtime.send(.key(.character("j")))  // #12 is second by urgency (after the overdue #7)
        runtime.send(.key(.enter))
        return runtime
    }

    @Test func timelineTab() {
        let runtime = openPackagingCase()
        #expect(runtime.state.caseView?.file.caseID == 12)
        assertSnapshot(frame(runtime), named: "case-timeline-80x24")
    }

    @Test func requestedDetailsHighlightUnanswered() {
        let runtime = openPackagingCase()
        runtime.send(.key(.character("2")))
        let f = frame(runtime)
        assertSnapshot(f, named: "case-requested-80x24")
        // The marker survives without colour; the colour role marks it too.
        let row = f.lines.firstIndex { $0.contains("Invoices from your supplier") } ?? 0
        #expect(f.lines[row].contains("● UNANSWERED"))
        #expect(f.styleMask[row].contains("R"))
    }

    @Test func markingAnsweredChangesTheRow() {
        let runtime = openPackagingCase()
        runtime.send(.key(.character("2")))
        runtime.send(.key(.character("a")))
        runtime.send(.key(.enter))  // v1, the suggested latest version sent to Amazon (v2 is a draft)
        let f = frame(runtime)
        #expect(runtime.state.message == StatusMessage("Request marked answered by v1. (u undoes it)"))
        #expect(f.lines.contains { $0.contains("✓ v1 (you)") && $0.contains("root cause of improper packaging") })
        assertSnapshot(f, named: "case-requested-answered-80x24")
    }

    @Test func answeredRequestShowsTheSentenceThatAnswersIt() {
        let runtime = openPackagingCase()
        runtime.send(.key(.character("2")))
        runtime.send(.key(.character("a")))
        runtime.send(.key(.backspace))
        runtime.send(.key(.character("2")))
        runtime.send(.key(.enter))  // v2 answers the root cause, but v2 is a draft: not sent yet
        var f = frame(runtime)
        #expect(f.lines.contains { $0.contains("◐ DRAFT v2 only") })
        #expect(f.lines.contains { $0.contains("Answered in draft v2 (not sent yet), line 2: Our packer used thin boxes") })
        runtime.send(.key(.enter))
        f = frame(runtime)
        #expect(f.lines.contains { $0.contains("The sentences of v2 that answer it:") })
        #expect(f.lines.contains { $0.contains("line 2: Our packer used thin boxes in peak season.") })
    }

    @Test func checkingAPlanShowsTheReviewInThePager() {
        let runtime = openPackagingCase(width: 100, height: 40)
        runtime.send(.key(.character("3")))
        runtime.send(.key(.character("c")))
        #expect(runtime.state.screens.last == .pager)
        let f = frame(runtime)
        assertSnapshot(f, named: "plan-check-100x40")
        let verdict = f.lines.firstIndex { $0.contains("Not ready to send") } ?? -1
        #expect(verdict >= 0)  // the evidence request is unanswered: blocking
        #expect(f.styleMask[max(0, verdict)].contains("R"))
        #expect(f.lines.contains { $0.contains("Requested details (") })
    }

    @Test func plansTab100x30() {
        let runtime = openPackagingCase(width: 100, height: 30)
        runtime.send(.key(.character("3")))
        assertSnapshot(frame(runtime), named: "case-plans-100x30")
    }

    @Test func planDiffInThePager() {
        let runtime = openPackagingCase()
        runtime.send(.key(.character("3")))
        runtime.send(.key(.character("d")))
        assertSnapshot(frame(runtime), named: "plan-diff-80x24")
    }

    @Test func deadlinesTab() {
        let runtime = openPackagingCase()
        runtime.send(.key(.character("4")))
        assertSnapshot(frame(runtime), named: "case-deadlines-80x24")
    }

    @Test func messageInThePagerHasNoEscapes() {
        let runtime = openPackagingCase()
        runtime.send(.key(.character("g")))  // the first notice
        runtime.send(.key(.enter))
        let f = frame(runtime)
        assertSnapshot(f, named: "pager-notice-80x24")
        #expect(!f.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func aMessageFromAMailboxListsItsAttachmentsInThePager() {
        var h = Fixtures.packagingCase()
        h.attachments[1] = [
            StoredAttachment(messageID: 1, number: 1, filename: "invoice\u{1B}[31m.pdf", contentType: "application/pdf", size: 11, sha256: "")
        ]
        let book = MemoryCaseBook()
        book.add(h)
        for other in Fixtures.otherCases() { book.add(other) }
        let runtime = Fixtures.runtime(book: book)
        runtime.send(.key(.enter))
        runtime.send(.key(.character("j")))
        runtime.send(.key(.enter))
        runtime.send(.key(.character("g")))  // the first notice
        runtime.send(.key(.enter))
        let f = frame(runtime)
        #expect(f.lines.contains { $0.contains("Attachments: save one with reinstate message show 1 --attachment N --output FILE") })
        #expect(f.lines.contains { $0.contains("1. invoice[31m.pdf (application/pdf, 11 bytes)") || $0.contains("1. invoice") && $0.contains("(application/pdf, 11 bytes)") })
        #expect(!f.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func helpOfTheCaseList() {
        let runtime = Fixtures.runtime()
        runtime.send(.key(.enter))
        runtime.send(.key(.character("?")))
        assertSnapshot(frame(runtime), named: "help-case-list-80x24")
    }

    @Test func tooSmall() {
        let runtime = Fixtures.runtime(width: 50, height: 12)
        assertSnapshot(frame(runtime), named: "too-small-50x12")
    }

    @Test func readOnlyFooterLeavesOutEdits() {
        let runtime = Fixtures.runtime(options: Fixtures.options(readOnly: true))
        runtime.send(.key(.enter))
        let footer = frame(runtime).lines[23]
        #expect(!footer.contains("new case"))
        #expect(frame(runtime).lines[0].contains("[read-only]"))
    }

    @Test func promptShowsTheCursor() {
        let runtime = Fixtures.runtime()
        runtime.send(.key(.enter))
        runtime.send(.key(.character("/")))
        runtime.send(.key(.character("亚")))
        let f = frame(runtime)
        #expect(f.lines[22] == "Filter: 亚")
        #expect(f.cursor == Frame.Position(x: 10, y: 22))
    }

    @Test func everyScreenFillsEveryLineExactly() {
        for (width, height) in [(80, 24), (100, 30), (60, 16), (61, 17)] {
            let runtime = openPackagingCase(width: width, height: height)
            for key: Key in [.character("1"), .character("2"), .character("3"), .character("4"), .enter, .escape, .character("?")] {
                runtime.send(.key(key))
                let f = frame(runtime)
                for y in 0..<height { #expect(DisplayWidth.of(f.line(y)) == width) }
            }
        }
    }
}
