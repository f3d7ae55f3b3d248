import Foundation
import ReinstateCore
import Testing
@testable import ReinstateStore

@Suite struct ConcurrencyTests {
    /// Two connections (as two processes would have) writing at once: both succeed, nothing is lost.
    @Test func twoWritersAtOnceBothSucceed() async throws {
        let tmp = TemporaryFolder()
        let path = tmp.file("cases.sqlite")
        _ = try CaseStore(path: path)
        let now = Timestamp.parse("2026-11-22T09:00:00Z")!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<3 {
                group.addTask {
                    let store = try CaseStore(path: path)
                    for i in 0..<40 {
                        let id = try store.createCase(SuspensionCase(title: "w\(writer)-\(i)", opened: now))
                        _ = try store.addPlan(caseID: id, text: "plan \(i)", created: now)
                        try store.fillDemo(count: 1, seed: UInt64(i), now: now)
                    }
                }
            }
            try await group.waitForAll()
        }
        let store = try CaseStore(path: path)
        #expect(try store.caseCount() == 3 * 40 * 2)
        #expect(try store.caseCount(CaseFilter(text: "w2-39")) == 1)
    }
}
