import Foundation
import Testing
@testable import ReinstateCore

/// `message reparse` and `request edit` as pure rules: a message's stored requests and a new reading
/// in, what stays, what is added and what goes out (both stores write exactly this).
@Suite struct ReparseRulesTests {
    let received = Timestamp.parse("2026-11-01T10:00:00Z")!

    func stored(_ id: Int64, _ text: String, state: RequestState = .unanswered, corrected: Bool = false, aspect: Aspect = .other)
        -> RequestedDetail
    {
        RequestedDetail(
            id: id, caseID: 1, messageID: 7, text: text, aspect: aspect, topic: "old topic", state: state, corrected: corrected)
    }

    @Test func foundAgainStaysNewIsAddedGoneIsRemovedUnlessTheSellerMarkedIt() {
        let old = [
            stored(1, "Invoices from your supplier"),
            stored(2, "A letter of authorization", corrected: true, aspect: .evidence),
            stored(3, "Something no longer asked"),
            stored(4, "Something else no longer asked", state: .waived(reason: "Not ours")),
            stored(5, "Asked by the matcher's reading only", state: .answered(version: 1, by: .matcher)),
        ]
        let reading = MessageReading(
            text: "new text",
            requested: [
                ReadRequest(text: "A letter of authorization", aspect: .rootCause, topic: "brand", alternatives: 1, option: 1),
                ReadRequest(text: "A photo of the packing station", aspect: .evidence, topic: "packing"),
                ReadRequest(text: "Invoices from your supplier", aspect: .evidence, topic: "invoices"),
            ],
            deadline: DeadlineRule(amount: 17, unit: .days, anchor: .thisMessage, text: "within 17 days"))
        let changes = ReparseRules.changes(old: old, reading: reading, received: received)
        #expect(changes.summary == Reparse(added: 1, removed: 2, keptForYourWord: 1, unchanged: 1, regrouped: 1))
        #expect(changes.summary.changedChecklist)
        // The corrected one keeps the seller's aspect and topic; the other takes the new reading's.
        #expect(changes.kept == [
            .init(id: 2, position: 0, aspect: .evidence, topic: "old topic", alternative: RequestAlternative(group: 1, option: 1)),
            .init(id: 1, position: 2, aspect: .evidence, topic: "invoices", alternative: nil),
            .init(id: 4, position: 3, aspect: .other, topic: "old topic", alternative: nil),
        ])
        #expect(changes.added == [.init(position: 1, request: reading.requested[1])])
        #expect(changes.removed == [3, 5])
        #expect(changes.text == "new text")
        #expect(changes.deadline?.amount == 17)
    }

    @Test func theSameReadingChangesNothingAndNoDeadlineReadMeansNone() {
        let old = [stored(1, "Invoices"), stored(2, "Invoices")]
        let reading = MessageReading(
            text: "t",
            requested: [ReadRequest(text: "Invoices", aspect: .other, topic: "old topic"), ReadRequest(text: "Invoices", aspect: .other, topic: "old topic")])
        let changes = ReparseRules.changes(old: old, reading: reading, received: received)
        // Two requests of the same words each find their own.
        #expect(changes.kept.map(\.id) == [1, 2])
        #expect(changes.summary == Reparse(added: 0, removed: 0, keptForYourWord: 0, unchanged: 2))
        #expect(!changes.summary.changedChecklist)
        #expect(changes.deadline == nil)
    }

    @Test func anEditSetsWhatIsGivenTrimmedAndMarksItCorrected() {
        let request = stored(1, "Invoices")
        let edited = ReparseRules.edited(request, aspect: .evidence, topic: "  supplier invoices \n")
        #expect(edited.aspect == .evidence && edited.topic == "supplier invoices" && edited.corrected)
        let topicOnly = ReparseRules.edited(request, aspect: nil, topic: "")
        #expect(topicOnly.aspect == .other && topicOnly.topic == "" && topicOnly.corrected)
        #expect(ReparseRules.edited(request, aspect: nil, topic: nil) == request)
    }
}
