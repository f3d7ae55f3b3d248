import Foundation
import ReinstateCore
import ReinstateStore
import ReinstateUI

/// The full-screen UI's view of the case store.
public struct StoreCaseBook: CaseBook {
    public let store: CaseStore
    let reader = MessageReader()
    /// How to take back each change of this session, by token.
    let undoLog = UndoLog()
    /// The largest message the UI stores (the command line refuses larger files the same way).
    public static let messageLimit = MessageReader.largestMessage

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

    public func setRequestState(detailID: Int64, to state: RequestState, seen: RequestState?) throws -> UndoToken? {
        let before = try store.setRequestState(detailID, to: state, at: Timestamp.wholeSeconds(Date()), seen: seen)
        return undoLog.add { [store] in try store.restoreRequestStates([before]) }
    }

    public func changeStatus(caseID: Int64, to status: CaseStatus, at time: Date, seen: CaseStatus?) throws -> UndoToken? {
        let change = try store.changeStatus(caseID: caseID, to: status, at: time, seen: seen)
        return undoLog.add { [store] in try store.restoreStatus(change) }
    }

    public func addNote(caseID: Int64, text: String, at time: Date) throws -> UndoToken? {
        let id = try store.addNote(caseID: caseID, text: text, at: time)
        return undoLog.add { [store] in _ = try store.removeNote(id) }
    }

    public func editNote(id: Int64, text: String) throws -> UndoToken? {
        let before = try store.editNote(id, text: text)
        return undoLog.add { [store] in try store.restoreNote(before) }
    }

    public func removeNote(id: Int64) throws -> UndoToken? {
        let removed = try store.removeNote(id)
        return undoLog.add { [store] in try store.restoreNote(removed) }
    }

    public func correctMessage(id: Int64, _ fix: MessageFix) throws -> Correction {
        switch fix {
        case .received(let date):
            let correction = try store.editMessageReceived(id, to: date)
            return Correction(changes: Self.words(correction.deadlineChanges),
                              undo: undoLog.add { [store] in _ = try store.undoMessageCorrection(correction) })
        case .move(let target):
            let correction = try store.moveMessage(id, toCase: target)
            return Correction(changes: Self.words(correction.deadlineChanges),
                              undo: undoLog.add { [store] in _ = try store.undoMessageCorrection(correction) })
        case .remove:
            let removed = try store.removeMessage(id)
            return Correction(changes: Self.words(removed.deadlineChanges),
                              undo: undoLog.add { [store] in _ = try store.restoreMessage(removed) })
        }
    }

    public func unsubmitPlan(caseID: Int64, version: Int, at time: Date) throws -> UndoToken? {
        let taken = try store.unsubmitPlan(caseID: caseID, number: version, at: time)
        return undoLog.add { [store] in try store.restoreSubmission(taken) }
    }

    public func editCase(id: Int64, title: String, account: String, marketplace: String) throws -> UndoToken? {
        let previous = try store.editCase(id, CaseEdit(title: title, account: account, marketplace: marketplace))
        return undoLog.add { [store] in _ = try store.editCase(id, CaseEdit(restoring: previous)) }
    }

    public func undo(_ token: UndoToken) throws {
        try undoLog.run(token)
    }

    /// Each deadline that moved, opened or closed, in words.
    static func words(_ changes: [DeadlineChange]) -> [String] {
        changes.compactMap { change in
            func due(_ d: Deadline?) -> String {
                guard let d else { return "none" }
                return Timestamp.local(d.due) + (d.isOpen ? "" : " (closed)")
            }
            guard change.before?.due != change.after?.due || change.before?.isOpen != change.after?.isOpen else { return nil }
            return "deadline of case #\(change.caseID): \(due(change.before)) → \(due(change.after))"
        }
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
            requestCount: stored.requests.count, deadline: stored.deadline?.due,
            undo: undoLog.add { [store] in _ = try store.undoAddMessage(stored) })
    }

    func checkSize(_ raw: Data) throws {
        guard raw.count <= Self.messageLimit else {
            throw StoreError.invalid("The message is larger than \(Self.messageLimit / 1_048_576) MB; is it the right file?")
        }
    }

    public func addPlanDraft(caseID: Int64, text: String, at time: Date) throws -> Int {
        try store.addPlan(caseID: caseID, text: text, created: time)
    }

    public func markPlanSubmitted(caseID: Int64, version: Int, at time: Date) throws -> UndoToken? {
        let submission = try store.submitPlan(caseID: caseID, number: version, at: time)
        return undoLog.add { [store] in try store.undoSubmission(submission) }
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

/// The ways back of one session's changes. A token is used once.
final class UndoLog: @unchecked Sendable {
    private var steps: [Int: () throws -> Void] = [:]
    private var next = 1

    func add(_ step: @escaping () throws -> Void) -> UndoToken {
        defer { next += 1 }
        steps[next] = step
        return UndoToken(next)
    }

    func run(_ token: UndoToken) throws {
        guard let step = steps.removeValue(forKey: token.id) else {
            throw StoreError.invalid("That change was already undone.")
        }
        try step()
    }
}

extension StoreCaseBook {
    // MARK: - Held mail

    public func heldMessages() throws -> [HeldMessage] {
        try store.heldMessages()
    }

    /// Files a held message as `reinstate mail file` does (not undoable: it leaves the held list for good).
    public func heldMessage(id: Int64) throws -> HeldMessage {
        try store.heldMessage(id)
    }

    public func fileHeld(id: Int64, caseID: Int64?, at time: Date) throws -> AddedMessage {
        let stored = try MailIntake.fileHeld(id, caseID: caseID, store: store, now: time)
        var added = AddedMessage(
            id: stored.message.id, kind: stored.message.kind, received: stored.message.received,
            requestCount: stored.requests.count, deadline: stored.deadline?.due)
        added.caseID = stored.message.caseID
        return added
    }
}
