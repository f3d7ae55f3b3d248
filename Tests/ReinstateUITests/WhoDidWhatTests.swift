import Foundation
import ReinstateCore
@testable import ReinstateUI
import Testing

/// The tracker says who did what, as `case show` does: on the timeline and in the checklist.
@Suite struct WhoDidWhatTests {
    let day = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func theTimelineNamesWhoAddedEachMessageVersionAndNote() {
        let history = CaseHistory(
            suspensionCase: SuspensionCase(id: 1, title: "Case", opened: day),
            messages: [
                AmazonMessage(id: 1, caseID: 1, kind: .notice, received: day, subject: "Your account", raw: Data(), text: "x",
                              addedBy: "dana"),
                AmazonMessage(id: 2, caseID: 1, kind: .reply, received: day + 60, subject: "Re: appeal", raw: Data(), text: "x"),
            ],
            plans: [
                PlanVersion(caseID: 1, number: 1, text: "Root cause", created: day + 120, submitted: day + 180,
                            createdBy: "lee", submittedBy: "dana"),
                PlanVersion(caseID: 1, number: 2, text: "Second", created: day + 240, createdBy: "lee\u{1B}[31m"),
            ],
            notes: [Note(id: 1, caseID: 1, created: day + 300, text: "Called support", author: "lee"),
                    Note(id: 2, caseID: 1, created: day + 360, text: "Old note")])
        let summaries = TimelineEntry.timeline(of: history, zone: TimeZone(identifier: "UTC")!).map(\.summary)
        #expect(summaries[0] == "Your account  (added by dana)")
        #expect(summaries[1] == "Re: appeal", "nobody recorded: nothing shown, not a guess")
        #expect(summaries[2].hasPrefix("submitted ") && summaries[2].hasSuffix(" by dana · Root cause"), "\(summaries[2])")
        #expect(summaries[3].hasPrefix("draft by lee") && !summaries[3].contains("\u{1B}"), "\(summaries[3])")
        #expect(summaries[4] == "lee: Called support")
        #expect(summaries[5] == "Old note")
    }

    @Test func aMarkByHandNamesWhoMadeIt() {
        #expect(RequestedDetailsTab.stateText(.answered(version: 2, by: .user), setBy: "dana") == "v2 (dana)")
        #expect(RequestedDetailsTab.stateText(.answered(version: 2, by: .user)) == "v2 (you)")
        #expect(RequestedDetailsTab.stateText(.answered(version: 2, by: .matcher), setBy: "dana") == "v2")
    }
}
