import Foundation
import ReinstateApp
import ReinstateCore
import ReinstateStore
@testable import ReinstateUI
import Testing

/// Issue 13, item 5, end to end in the tracker over a real store: every kind of change the tracker
/// makes, then `u` as many times, gives back the store exactly as it was (the whole-store document,
/// byte for byte).
@Suite struct TrackerUndoTests {
    @Test func everyChangeOfASessionCanBeTakenBackExactly() throws {
        let store = try CaseStore()
        let now = try #require(Timestamp.parse("2026-11-22T09:00:00Z"))
        try store.fillDemo(count: 6, seed: 3, now: now)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let before = try encoder.encode(store.exportDocument())

        let runtime = UIRuntime(book: StoreCaseBook(store: store), options: UIOptions(timeZone: TimeZone(identifier: "UTC")!),
                                width: 100, height: 30, clock: { now })
        runtime.start()
        let history = try #require(try store.allHistories().first { !$0.messages.isEmpty && !$0.requests.isEmpty && !$0.plans.isEmpty })
        let caseID = history.caseID
        let other = try #require(try store.allHistories().first { $0.caseID != caseID }).caseID
        runtime.send(.caseLoaded(history))

        var changes = 0
        func change(_ effect: Effect) {
            let result = runtime.perform(effect)
            guard case .savedUndoable? = result else {
                Issue.record("\(effect) gave \(String(describing: result)), not an undoable change")
                return
            }
            runtime.send(try! #require(result))
            changes += 1
        }
        let message = history.messages[0].id
        let request = history.requests[0].id
        change(.changeStatus(caseID: caseID, status: .closed, at: now, seen: history.suspensionCase.status))
        change(.setRequestState(caseID: caseID, detailID: request, state: .waived(reason: "covered by the invoices"), seen: history.requests[0].state))
        change(.addNote(caseID: caseID, text: "Called Seller Support", at: now))
        let note = try #require(try store.history(caseID).notes.last).id
        change(.editNote(caseID: caseID, noteID: note, text: "Called Seller Support twice"))
        change(.correctMessage(caseID: caseID, messageID: message, fix: .received(now.addingTimeInterval(-86_400 * 3))))
        change(.correctMessage(caseID: caseID, messageID: message, fix: .move(toCase: other)))
        change(.correctMessage(caseID: other, messageID: message, fix: .remove))
        change(.addMessage(caseID: caseID, raw: Data("Date: Fri, 20 Nov 2026 10:00:00 +0000\n\nPlease provide the root cause of the late shipments within 14 days.".utf8), at: now))
        if let draft = try store.history(caseID).plans.last(where: { $0.submitted == nil }) {
            change(.markPlanSubmitted(caseID: caseID, version: draft.number, at: now))
        }
        if let sent = try store.history(caseID).plans.first(where: { $0.submitted != nil }) {
            change(.unsubmitPlan(caseID: caseID, version: sent.number, at: now))
        }
        change(.editCase(caseID: caseID, title: "Corrected title", account: "Corrected account", marketplace: "amazon.de"))
        #expect(try encoder.encode(store.exportDocument()) != before)
        #expect(runtime.state.undoStack.count == changes)

        for _ in 0..<changes { runtime.send(.key(.character("u"))) }
        #expect(runtime.state.message?.text.hasPrefix("Undone:") == true, "\(String(describing: runtime.state.message))")
        let after = try encoder.encode(store.exportDocument())
        #expect(after == before, "the store differs after undoing every change")
        runtime.send(.key(.character("u")))
        #expect(runtime.state.message == StatusMessage("Nothing to undo in this session."))
    }
}
