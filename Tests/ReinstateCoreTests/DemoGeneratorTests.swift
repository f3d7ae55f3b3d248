import Foundation
import Testing
@testable import ReinstateCore

@Suite struct DemoGeneratorTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    @Test func theSameSeedGivesTheSameCases() {
        let a = DemoGenerator().cases(count: 50, seed: 7, now: now)
        let b = DemoGenerator().cases(count: 50, seed: 7, now: now)
        let c = DemoGenerator().cases(count: 50, seed: 8, now: now)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func casesCoverEveryStageAndNothingHappensInTheFuture() {
        let cases = DemoGenerator().cases(count: 300, seed: 1, now: now)
        var kinds = Set<MessageKind>()
        var submittedPlans = 0, drafts = 0, answers = 0
        for c in cases {
            for event in c.events {
                switch event {
                case .message(let kind, let received, let text):
                    kinds.insert(kind)
                    #expect(received <= now)
                    #expect(!text.contains("{"), "unfilled placeholder in \(text)")
                case .plan(_, let created, let submitted):
                    #expect(created <= now)
                    if let submitted { #expect(submitted <= now); submittedPlans += 1 } else { drafts += 1 }
                case .answer: answers += 1
                default: break
                }
            }
        }
        #expect(kinds == [.notice, .reply, .reinstatement, .denial])  // a denial is stored as one, not as "other"
        #expect(submittedPlans > 0 && drafts > 0 && answers > 0)
        #expect(Set(cases.map(\.suspensionCase.marketplace)).count >= 5)
    }

    /// The binary carries Data/demo embedded; this fails while the two differ
    /// (run Scripts/embed-data demo Sources/ReinstateCore/Demo/DemoTexts+Generated.swift DemoTexts).
    @Test func embeddedTextsMatchDataFolder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Data/demo")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files == DemoTexts.files.keys.sorted())
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            var trimmed = text
            while trimmed.hasSuffix("\n") { trimmed.removeLast() }
            #expect(DemoTexts.files[file] == trimmed, "Data/demo/\(file) changed; run Scripts/embed-data")
        }
    }
}
