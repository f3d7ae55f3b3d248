import Foundation
import Testing
@testable import ReinstateCore

@Suite struct VersionTests {
    @Test func amazonRepeatingARequestRejectsTheVersionsBetween() {
        let v1 = PlanVersion(caseID: 1, number: 1, text: "a", created: PlanFixtures.day(11), submitted: PlanFixtures.day(12))
        let v2 = PlanVersion(caseID: 1, number: 2, text: "b", created: PlanFixtures.day(15), submitted: PlanFixtures.day(16))
        let v3 = PlanVersion(caseID: 1, number: 3, text: "c", created: PlanFixtures.day(19))
        let s = PlanFixtures.service, p = PlanFixtures.packaging
        let history = PlanFixtures.history(
            requests: [
                PlanFixtures.request(1, .rootCause, p, message: 1), PlanFixtures.request(2, .rootCause, s, message: 1),
                PlanFixtures.request(3, .rootCause, s, message: 2),
                PlanFixtures.request(4, .rootCause, "Unresponsive or  poor customer service", message: 3),
                PlanFixtures.request(5, .preventiveMeasure, s, message: 3),
            ],
            plans: [v1, v2, v3],
            messages: [PlanFixtures.message(1, day: 10), PlanFixtures.message(2, day: 14), PlanFixtures.message(3, day: 18)])
        let rejected = RepeatedRequests.rejectedVersions(in: history)
        #expect(rejected[1] == nil)  // packaging was not asked again
        #expect(rejected[2] == [1, 2])
        #expect(rejected[3] == [1, 2])
        #expect(rejected[4] == [1, 2])
        #expect(rejected[5] == nil)  // asked once, under another aspect
    }

    @Test func wordDiffMarksRemovedAndAddedWords() {
        let old = "Root cause:\nWe used thin boxes for glass.\nWe are sorry."
        let new = "Root cause:\nWe used single-wall boxes for glass and mugs.\nOur packer was new."
        #expect(PlanDiff.marked(from: old, to: new) == "Root cause:\nWe used [-thin-]{+single-wall+} boxes for [-glass.-]{+glass and mugs.+}\n[-We are sorry.-]{+Our packer was new.+}")
        let lines = PlanDiff.lines(from: old, to: new)
        #expect(lines.count == 3)
        #expect(lines[1].contains(PlanDiff.Piece(.removed, "thin")))
        #expect(lines[1].contains(PlanDiff.Piece(.added, "single-wall")))
        #expect(PlanDiff.marked(from: old, to: old) == old)
        let counts = PlanDiff.counts(from: old, to: new)
        #expect(counts.removed >= 4 && counts.added >= 6)
    }

    @Test func aFirstDraftIsASkeletonWithTheOpenRequestsUnderTheirParts() {
        var requests = PlanFixtures.sevenRequests
        requests[5].state = .answered(version: 1, by: .user)
        let history = PlanFixtures.history(requests: requests)
        let draft = PlanDraft.text(for: history, previous: nil)
        let lines = draft.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let root = lines.firstIndex(of: "Root cause:"), let corrective = lines.firstIndex(of: "Corrective actions:"),
            let preventive = lines.firstIndex(of: "Preventive measures:"), let evidence = lines.firstIndex(of: "Evidence:")
        else {
            Issue.record("missing headings in \(draft)")
            return
        }
        #expect(lines[root + 1].hasPrefix("#> #1 Amazon asks: Greater detail on the root cause"))
        #expect(lines[root + 2].hasPrefix("#> #4 "))
        #expect(lines[corrective + 1].hasPrefix("#> #2 "))
        #expect(lines[preventive + 1].hasPrefix("#> #3 "))
        #expect(!draft.contains("#> #6 "))  // the seller answered it
        #expect(lines[evidence + 1].hasPrefix("#> #7 "))
        // Unchanged or empty stores nothing; comments are stripped from what is stored.
        #expect(PlanDraft.result(original: draft, edited: draft) == nil)
        #expect(PlanDraft.result(original: draft, edited: "#> only a comment\n\n") == nil)
        let written = draft.replacingOccurrences(of: "Root cause:\n", with: "Root cause:\nOur packer used 1 layer of paper.\n")
        let stored = PlanDraft.result(original: draft, edited: written)
        #expect(stored?.contains("Our packer used 1 layer of paper.") == true)
        #expect(stored?.contains("#>") == false)
    }

    @Test func aLaterDraftStartsFromThePreviousVersionAndListsOnlyWhatItLeavesOpen() {
        let v1 = PlanVersion(caseID: 1, number: 1, text: PlanFixtures.headed, created: PlanFixtures.day(11))
        var requests = PlanFixtures.sevenRequests
        requests.append(PlanFixtures.request(8, .correctiveAction, "listings that used a brand's trademark"))
        let draft = PlanDraft.text(for: PlanFixtures.history(requests: requests, plans: [v1]), previous: v1)
        let comments = draft.split(separator: "\n").filter { $0.hasPrefix("#> #") }
        #expect(comments.count == 1)
        let lines = draft.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let at = lines.firstIndex(where: { $0.hasPrefix("#> #8") }) {
            #expect(lines[at - 1] == "Corrective actions:")
        } else {
            Issue.record("no comment for #8")
        }
        #expect(PlanDraft.strip(draft).trimmingCharacters(in: .whitespacesAndNewlines) == PlanFixtures.headed)
    }

    /// The binary carries Data/phrases embedded; this fails while the two differ
    /// (run Scripts/embed-data phrases Sources/ReinstateCore/Plans/PhraseTexts+Generated.swift PhraseTexts).
    @Test func embeddedTextsMatchDataFolder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Data/phrases")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files == PhraseTexts.files.keys.sorted())
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            var trimmed = text
            while trimmed.hasSuffix("\n") { trimmed.removeLast() }
            #expect(PhraseTexts.files[file] == trimmed, "Data/phrases/\(file) changed; run Scripts/embed-data")
        }
    }

    @Test func everyPhraseListIsUsable() {
        let book = PhraseBook.shared
        #expect(book.templates.groups.count >= 6)
        for name in ["root-cause", "corrective", "preventive", "evidence", "letter"] { #expect(book.headings.group(name) != nil) }
        for name in ["general", "packaging", "customer service", "authenticity", "late shipment", "tracking"] {
            #expect(book.topics.group(name) != nil, "\(name)")
        }
        #expect(book.blame.group("cancel") != nil && book.blame.group("others") != nil)
    }
}
