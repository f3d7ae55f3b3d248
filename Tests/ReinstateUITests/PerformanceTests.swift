import Foundation
import ReinstateCore
import ReinstateUI
import Testing

/// A book of 100,000 cases that makes rows on demand, so what is timed is the UI, not a store.
final class GeneratedCaseBook: CaseBook {
    let total: Int
    var rowsHanded = 0
    init(total: Int) { self.total = total }

    func row(_ i: Int) -> CaseSummary {
        CaseSummary(id: Int64(i + 1), title: "Case \(i) 亚马逊 listing", account: "Account \(i % 97)", marketplace: "amazon.de",
                    reason: .inauthentic, status: .open, nextDeadline: Fixtures.at(days: Double(i % 30) - 3), unanswered: i % 4, appealsSubmitted: i % 3)
    }

    func dueWarnings(now: Date, within window: TimeInterval, first limit: Int) throws -> DueWarnings { .none }
    func countCases(matching filter: CaseFilter) throws -> Int { total }
    func cases(matching filter: CaseFilter, sortedBy sort: CaseSort, offset: Int, limit: Int) throws -> [CaseSummary] {
        let rows = (offset..<min(total, offset + limit)).map(row)
        rowsHanded += rows.count
        return rows
    }
    func caseHistory(id: Int64) throws -> CaseHistory? { nil }
    func setRequestState(detailID: Int64, to state: RequestState, seen: RequestState?) throws -> UndoToken? { nil }
    func changeStatus(caseID: Int64, to status: CaseStatus, at time: Date, seen: CaseStatus?) throws -> UndoToken? { nil }
    func addNote(caseID: Int64, text: String, at time: Date) throws -> UndoToken? { nil }
    func editNote(id: Int64, text: String) throws -> UndoToken? { nil }
    func removeNote(id: Int64) throws -> UndoToken? { nil }
    func correctMessage(id: Int64, _ fix: MessageFix) throws -> Correction { Correction(changes: [], undo: nil) }
    func unsubmitPlan(caseID: Int64, version: Int, at time: Date) throws -> UndoToken? { nil }
    func editCase(id: Int64, title: String, account: String, marketplace: String) throws -> UndoToken? { nil }
    func undo(_ token: UndoToken) throws {}
    func messageDate(_ raw: Data) throws -> Date? { nil }
    func addMessage(caseID: Int64, raw: Data, at time: Date) throws -> AddedMessage {
        AddedMessage(id: 1, kind: .other, received: time, requestCount: 0, deadline: nil)
    }
    func addPlanDraft(caseID: Int64, text: String, at time: Date) throws -> Int { 1 }
    func markPlanSubmitted(caseID: Int64, version: Int, at time: Date) throws -> UndoToken? { nil }
    func newCase(_ suspensionCase: SuspensionCase) throws -> Int64 { 1 }
    func exportCase(id: Int64, format: String, to path: String, replacing: Bool, at time: Date) throws {}
    func checkPlan(caseID: Int64, version: Int) throws -> PlanCheck { throw CocoaError(.featureUnsupported) }
}

/// How the list scales is a property (only a window is held); how fast it is gets measured by
/// Benchmarks/run, not asserted here, because these machines are noisy.
@Suite struct PerformanceTests {
    @Test func only_aWindowOfRowsIsEverHeld() {
        let book = GeneratedCaseBook(total: 100_000)
        let runtime = UIRuntime(book: book, options: Fixtures.options(), width: 100, height: 30, clock: { Fixtures.now })
        runtime.start()
        for key: Key in [.character("G"), .character("g"), .pageDown, .pageDown, .control("d")] { runtime.send(.key(key)) }
        #expect(runtime.state.list.window.rows.count <= 3 * runtime.state.layout.listRows)
        #expect(book.rowsHanded < 500)
        #expect(runtime.state.list.total == 100_000)
    }
}
