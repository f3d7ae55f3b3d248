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
        #expect(f.lines[0].contains("✉ 1 held from mail (H lists them)"))
        assertSnapshot(f, named: "case-list-held-100x24")
        #expect(!render(self.runtime(held: []).state).lines[0].contains("held"))
    }

    static let heldNotice = HeldMessage(
        id: 9, identity: "message-id:n9@amazon.com", received: Fixtures.now.addingTimeInterval(-7200),
        subject: "Your Amazon selling account", sender: "seller-performance@amazon.com",
        reason: "it names no account Reinstate knows", origin: "Inbox/new/2", held: Fixtures.now,
        raw: Data("Subject: Your Amazon selling account\n\nHello Oak Lane Supply,\n\nWe have deactivated your selling account.\n".utf8))

    @Test func hListsTheHeldMessagesToReadAndFileAnyOfThem() {
        let runtime = runtime(held: [Self.heldReply, Self.heldNotice])
        runtime.send(.key(.character("H")))
        #expect(runtime.state.screen == .heldMail)
        #expect(runtime.state.prompt == nil)
        let list = render(runtime.state)
        #expect(list.lines[0].contains("Held from mail"))
        #expect(list.lines.contains { $0.contains("Re: Your Amazon") && $0.contains("Blue Harbor Goods LLC has") })
        #expect(list.lines.contains { $0.contains("it names no account") })
        assertSnapshot(list, named: "held-mail-100x24")

        // The second one, read whole: why it was held, then its text.
        runtime.send(.key(.character("j")))
        runtime.send(.key(.enter))
        #expect(runtime.state.screen == .pager)
        let page = render(runtime.state).lines.joined(separator: "\n")
        #expect(page.contains("Held because: it names no account Reinstate knows"))
        #expect(page.contains("We have deactivated your selling account."))
        runtime.send(.key(.character("q")))
        #expect(runtime.state.screen == .heldMail)

        // f files the selected one (the second), not the first.
        runtime.send(.key(.character("f")))
        #expect(runtime.state.prompt?.purpose == .fileHeld(id: 9))
        for c in "x" { runtime.send(.key(.character(c))) }
        runtime.send(.key(.enter))
        #expect(runtime.state.prompt?.purpose == .fileHeld(id: 9))  // asked again
        runtime.send(.key(.control("u")))
        runtime.send(.key(.character("7")))
        runtime.send(.key(.enter))
        #expect(runtime.state.prompt == nil)
        #expect(runtime.state.held == [Self.heldReply])
        #expect(runtime.state.message?.text.hasPrefix("Filed held message #9 into case #7.") == true)
        #expect(runtime.state.screen == .heldMail)

        // Filing the last one goes back to the case list.
        runtime.send(.key(.character("f")))
        #expect(runtime.state.prompt?.purpose == .fileHeld(id: 4))
        runtime.send(.key(.character("7")))
        runtime.send(.key(.enter))
        #expect(runtime.state.held.isEmpty)
        #expect(runtime.state.screen == .caseList)
    }

    /// Whoever may see no held mail (a team store's staff role) is told why when they press H, not that
    /// none is held.
    @Test func hSaysWhyNoHeldMailIsShownWhereTheBookSaysSo() {
        var state = AppState(width: 100, height: 24, now: Fixtures.now, options: Fixtures.options())
        _ = state.apply(.heldLoaded([], note: "Held mail is the owner's."))
        _ = state.apply(.key(.character("H")))
        #expect(state.message?.text == "Held mail is the owner's.")
        #expect(state.screen == .caseList)
        _ = state.apply(.heldLoaded([]))
        _ = state.apply(.key(.character("H")))
        #expect(state.message?.text == "No message is held; `reinstate mail import` holds what it cannot place.")
    }

    @Test func theReducerAsksForNewOrANumber() {
        var state = AppState(width: 100, height: 24, now: Fixtures.now, options: Fixtures.options())
        state.held = [Self.heldReply]
        _ = state.apply(.key(.character("H")))
        _ = state.apply(.key(.character("f")))
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
        #expect(state.screen == .heldMail)  // reading them is allowed
        #expect(state.apply(.key(.character("f"))) == [])
        #expect(state.prompt == nil)
    }
}
