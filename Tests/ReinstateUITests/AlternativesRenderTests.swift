import Foundation
import ReinstateCore
@testable import ReinstateUI
import Testing

/// The checklist shows requests that are alternatives as such: "either A: …", "or B: …", the option no
/// longer needed once another was answered in a version Amazon has seen, and why, in the pane below.
@Suite struct AlternativesRenderTests {
    /// The packaging case with two more documents of which one is enough; the first answered by the submitted v1.
    static func book() -> MemoryCaseBook {
        var h = Fixtures.packagingCase()
        h.requests += [
            RequestedDetail(id: 4, caseID: 12, messageID: 2, text: "A copy of your packaging supplier's invoice",
                            aspect: .evidence, topic: "improper packaging", state: .answered(version: 1, by: .user),
                            alternative: RequestAlternative(group: 1, option: 1)),
            RequestedDetail(id: 5, caseID: 12, messageID: 2, text: "Photos of the new packaging",
                            aspect: .evidence, topic: "improper packaging", alternative: RequestAlternative(group: 1, option: 2)),
        ]
        let book = MemoryCaseBook()
        book.add(h)
        for other in Fixtures.otherCases() { book.add(other) }
        return book
    }

    @Test func alternativesReadAsEitherOrAndTheOtherIsNotNeeded() {
        let runtime = Fixtures.runtime(book: Self.book())
        runtime.send(.key(.enter))
        runtime.send(.key(.character("j")))
        runtime.send(.key(.enter))
        runtime.send(.key(.character("2")))
        let f = render(runtime.state)
        let either = f.lines.first { $0.contains("either A: A copy of your packaging supplier") }
        let or = f.lines.first { $0.contains("or B: Photos of the new packaging") }
        #expect(either?.contains("✓ v1 (you)") == true)
        #expect(or?.contains("○ not needed") == true)
        // Not needed is not open: the open count of the case leaves it out.
        #expect(runtime.state.caseView?.file.unanswered.map(\.id).sorted() == [1, 3])
        // Select "or B" and read why in the pane.
        let target = runtime.state.caseView?.requestRows.firstIndex { row in
            if case .detail(let i) = row { return runtime.state.caseView?.file.requests[i].id == 5 }
            return false
        }
        let start = runtime.state.caseView?.scroll(.requestedDetails).selected ?? 0
        for _ in 0..<max(0, (target ?? 0) - start) { runtime.send(.key(.character("j"))) }
        #expect(runtime.state.caseView?.selectedDetail?.id == 5)
        let pane = render(runtime.state)
        #expect(pane.lines.contains { $0.contains("State: not needed: alternative A was answered") })
        #expect(pane.lines.contains { $0.contains("Alternative B of 2: one of these is enough (all of one alternative).") })
        assertSnapshot(pane, named: "case-requested-alternatives-80x24")

        // "r" on it: the seller wants this one after all; it is open again, and u takes that back.
        runtime.send(.key(.character("r")))
        func standingOfB() -> DetailStanding? {
            guard let file = runtime.state.caseView?.file, let b = file.requests.first(where: { $0.id == 5 }) else { return nil }
            return file.standing(of: b)
        }
        #expect(standingOfB() == .reopened)
        #expect(runtime.state.caseView?.file.unanswered.map(\.id).sorted() == [1, 3, 5])
        runtime.send(.key(.character("u")))
        #expect(standingOfB() == .notNeeded(option: 1))
    }
}
