import Foundation
import ReinstateCore
import ReinstateStore
import ReinstateUI

/// The full-screen UI's view of the case store.
public struct StoreCaseBook: CaseBook {
    public let store: CaseStore
    let reader = MessageReader()
    /// The largest message the UI stores (the command line refuses larger files the same way).
    public static let messageLimit = 20 * 1024 * 1024

    public init(store: CaseStore) {
        self.store = store
    }

    public func dueWarnings(now: Date, within window: TimeInterval, first limit: Int) throws -> DueWarnings {
        try store.dueWarnings(now: now, within: window, first: limit)
    }

    public func changeMark() throws -> Int? {
        try store.dataVersion()
    }

    public func countCases(matching filter: CaseFilter) throws -> Int {
        try store.caseCount(filter)
    }

    public func cases(matching filter: CaseFilter, sortedBy sort: CaseSort, offset: Int, limit: Int) throws -> [CaseSummary] {
        try store.caseSummaries(filter, sort: sort, offset: offset, limit: limit)
    }

    public func caseHistory(id: Int64) throws -> CaseHistory? {
        do {
            return try store.history(id)
        } catch StoreError.notFound {
            return nil
        }
    }

    public func setRequestState(detailID: Int64, to state: RequestState) throws {
        try store.setRequestState(detailID, to: state)
    }

    public func changeStatus(caseID: Int64, to status: CaseStatus, at time: Date) throws {
        try store.setStatus(caseID: caseID, to: status, at: time)
    }

    public func addNote(caseID: Int64, text: String, at time: Date) throws {
        try store.addNote(caseID: caseID, text: text, at: time)
    }

    public func messageDate(_ raw: Data) throws -> Date? {
        try checkSize(raw)
        return reader.read(raw).received
    }

    public func addMessage(caseID: Int64, raw: Data, at time: Date) throws -> AddedMessage {
        try checkSize(raw)
        let stored = try store.addMessage(caseID: caseID, raw: raw, reading: reader.read(raw), now: time)
        return AddedMessage(
            id: stored.message.id, kind: stored.message.kind, received: stored.message.received,
            requestCount: stored.requests.count, deadline: stored.deadline?.due)
    }

    func checkSize(_ raw: Data) throws {
        guard raw.count <= Self.messageLimit else {
            throw StoreError.invalid("The message is larger than \(Self.messageLimit / 1_048_576) MB; is it the right file?")
        }
    }

    public func addPlanDraft(caseID: Int64, text: String, at time: Date) throws -> Int {
        try store.addPlan(caseID: caseID, text: text, created: time)
    }

    public func markPlanSubmitted(caseID: Int64, version: Int, at time: Date) throws {
        try store.submitPlan(caseID: caseID, number: version, at: time)
    }

    public func newCase(_ suspensionCase: SuspensionCase) throws -> Int64 {
        try store.createCase(suspensionCase)
    }

    public func checkPlan(caseID: Int64, version: Int) throws -> PlanCheck {
        try store.checkPlan(caseID: caseID, text: store.plan(caseID: caseID, number: version).text, version: version)
    }

    public func exportCase(id: Int64, format: String, to path: String, replacing: Bool, at time: Date) throws {
        let data = try CaseExport.render(try store.history(id), format: format, store: store, now: time)
        try AtomicFile.write(data, to: path, overwrite: replacing, protecting: AtomicFile.storeFiles(store.path))
    }
}
