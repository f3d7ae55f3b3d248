import Foundation
import ReinstateCore
import Testing
@testable import ReinstateStore

@Suite struct CaseListTests {
    let day: TimeInterval = 86_400
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    /// Three cases: one overdue, one due in two days, one with no deadline.
    func threeCases() throws -> (CaseStore, [Int64]) {
        let store = try CaseStore()
        var ids: [Int64] = []
        for (title, account, age) in [("no deadline", "Zeta", nil), ("due soon", "alpha", 15.0), ("overdue", "Mid", 20.0)] as [(String, String, Double?)] {
            let id = try store.createCase(SuspensionCase(title: title, account: account, marketplace: "amazon.de", scope: .listings(["B0ABCDEF12"]), opened: now))
            if let age {
                _ = try store.addMessage(
                    caseID: id, raw: Data("深圳 packaging text".utf8), reading: MessageReading(kind: .notice, text: "深圳 packaging text", deadline: .seventeen),
                    received: now.addingTimeInterval(-age * day), now: now)
            }
            ids.append(id)
        }
        return (store, ids)
    }

    @Test func urgencyPutsOverdueFirstAndNoDeadlineLast() throws {
        let (store, _) = try threeCases()
        #expect(try store.caseSummaries().map(\.title) == ["overdue", "due soon", "no deadline"])
        #expect(try store.caseSummaries(sort: .newest).map(\.title) == ["overdue", "due soon", "no deadline"])
        #expect(try store.caseSummaries(sort: .account).map(\.account) == ["alpha", "Mid", "Zeta"])
        try store.setStatus(caseID: 1, to: .denied, at: now.addingTimeInterval(3600))
        #expect(try store.caseSummaries(sort: .status).map(\.title) == ["overdue", "due soon", "no deadline"])
        #expect(try store.caseSummaries(sort: .updated).first?.title == "no deadline")
        #expect(try store.caseCount(CaseFilter(status: .unfinished)) == 2)
    }

    @Test func aWindowReadsOnlyItsRows() throws {
        let (store, _) = try threeCases()
        #expect(try store.caseSummaries(offset: 1, limit: 1).map(\.title) == ["due soon"])
        #expect(try store.caseCount() == 3)
    }

    @Test func searchLooksAtFieldsAndText() throws {
        let (store, ids) = try threeCases()
        #expect(try store.caseCount(CaseFilter(text: "alph")) == 1)
        #expect(try store.caseCount(CaseFilter(text: "B0ABCDEF")) == 3)
        #expect(try store.caseCount(CaseFilter(text: "packaging")) == 2)
        #expect(try store.caseCount(CaseFilter(text: "深圳 pack")) == 2)
        #expect(try store.caseCount(CaseFilter(text: "\(ids[0])")) >= 1)
        #expect(try store.caseCount(CaseFilter(text: "100%_\"'")) == 0)
        #expect(try store.caseCount(CaseFilter(status: .only(.open))) == 3)
        #expect(try store.caseCount(CaseFilter(status: .only(.denied))) == 0)
    }

    @Test func dueListsWhatIsOverdueOrWithinTheWindow() throws {
        let (store, _) = try threeCases()
        let due = try store.due(now: now, within: 3 * day)
        #expect(due.map(\.summary.title) == ["overdue", "due soon"])
        #expect(try store.due(now: now, within: 0).map(\.summary.title) == ["overdue"])
    }
}

@Suite struct DueWarningTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    @Test func theWarningsCountAllAndReadTheFirstWhole() throws {
        let store = try CaseStore()
        try store.fillDemo(count: 60, seed: 2, now: now)
        let all = try store.due(now: now, within: 7 * 86_400)
        #expect(all.count > 5)
        let warnings = try store.dueWarnings(now: now, within: 7 * 86_400, first: 5)
        #expect(warnings.dues == all.map(\.deadline.due))
        #expect(warnings.first == Array(all.prefix(5)))
        #expect(warnings.overdue(at: now) == all.filter { $0.deadline.due <= now }.count)
        #expect(try store.dueWarnings(now: now, within: 7 * 86_400, first: 1000) == DueWarnings(all))
    }
}
