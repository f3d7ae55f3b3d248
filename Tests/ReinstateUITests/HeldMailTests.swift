import Foundation
import ReinstateCore
@testable import ReinstateUI
import Testing

/// Messages a mail import held: shown on the launch screen, filed with `H`.
@Suite struct HeldMailTests {
    static let heldReply = HeldMessage(
        id: 4, identity: "message-id:r9@amazon.com", received: Fixtures.now.addingTimeInterval(-3600),
        subject: "Re: Your Amazon selling account", sender: "seller-performance@amazon.com",
        reason: "Blue Harbor Goods LLC has several open cases it could belong to (#3, #7)", origin: "Inbox/new/1", held: Fixtures.now)

    func runtime(held: [HeldMessage], width: Int = 100, height: Int = 24) -> UIRuntime<MemoryCaseBook> {
        let book = Fixtures.book()
        book.held = held
        let runtime = Fixtures.runtime(width: width, height: height, book: book)
        runtime.send(.key(.enter))  // past the warning
        return runtime
    }

    @Test func theCaseListSaysHowManyAreHeld() {
        let runtime = runtime(held: [Self.heldReply])
        #expect(runtime.state.held == [Self.heldReply])
        let f = render(runtime.state)
        #expect(f.lines[0].contains("✉ 1 held from mail (H files)"))
        assertSnapshot(f, named: "case-list-held-100x24")
        #expect(!render(self.runtime(held: []).state).lines[0].contains("held"))
    }

    @Test func hAsksForTheCaseAndFilesIt() {
        let runtime = runtime(held: [Self.heldReply])
        runtime.send(.key(.character("H")))
        #expect(runtime.state.prompt?.purpose == .fileHeld(id: 4))
        #expect(runtime.state.message?.text.contains("several open cases") == true)
        for c in "x" { runtime.send(.key(.character(c))) }
        runtime.send(.key(.enter))
        #expect(runtime.state.prompt?.purpose == .fileHeld(id: 4))  // asked again
        runtime.send(.key(.control("u")))
        for c in "7" { runtime.send(.key(.character(c))) }
        runtime.send(.key(.enter))
        #expect(runtime.state.prompt == nil)
        #expect(runtime.state.held.isEmpty)
        #expect(runtime.state.message?.text.hasPrefix("Filed held message #4 into case #7.") == true)
    }

    @Test func theReducerAsksForNewOrANumber() {
        var state = AppState(width: 100, height: 24, now: Fixtures.now, options: Fixtures.options())
        state.held = [Self.heldReply]
        _ = state.apply(.key(.character("H")))
        _ = state.apply(.key(.character("n")))
        _ = state.apply(.key(.character("e")))
        _ = state.apply(.key(.character("w")))
        #expect(state.apply(.key(.enter)) == [.fileHeld(id: 4, caseID: nil, at: Fixtures.now)])
        var empty = AppState(width: 100, height: 24, now: Fixtures.now, options: Fixtures.options())
        #expect(empty.apply(.key(.character("H"))) == [])
        #expect(empty.message?.text.hasPrefix("No message is held") == true)
    }

    @Test func readOnlyModeDoesNotFile() {
        let options = Fixtures.options(readOnly: true)
        var state = AppState(width: 100, height: 24, now: Fixtures.now, options: options)
        state.held = [Self.heldReply]
        #expect(state.apply(.key(.character("H"))) == [])
        #expect(state.prompt == nil)
    }
}
