import Foundation
import ReinstateCore
import ReinstateUI

/// A case book in memory for tests: the same contract the store implements, done the simple way.
final class MemoryCaseBook: CaseBook {
    var histories: [Int64: CaseHistory] = [:]
    var updated: [Int64: Date] = [:]
    /// Every call made, to check the UI only reads windows.
    var calls: [String] = []
    var nextID: Int64 = 1
    /// What `changeMark` answers: a test moves it to play another process changing the store.
    var mark = 0

    func add(_ history: CaseHistory) {
        var history = history
        if history.suspensionCase.id == 0 {
            history.suspensionCase.id = nextID
        }
        nextID = max(nextID, history.suspensionCase.id + 1)
        histories[history.suspensionCase.id] = history
        updated[history.suspensionCase.id] = history.suspensionCase.opened
    }

    func summary(_ history: CaseHistory) -> CaseSummary {
        let c = history.suspensionCase
        return CaseSummary(
            id: c.id, title: c.title, account: c.account, marketplace: c.marketplace, reason: c.reason,
            status: c.status, nextDeadline: history.nextDeadline?.due, unanswered: history.unanswered.count,
            appealsSubmitted: history.appealsSubmitted)
    }

    func changeMark() throws -> Int? { mark }

    func dueWarnings(now: Date, within window: TimeInterval, first limit: Int) throws -> DueWarnings {
        calls.append("dueWarnings")
        let all = DueWarnings(histories.values.filter { !$0.suspensionCase.status.isFinished }.flatMap { history in
            history.deadlines.filter { $0.isOpen && $0.due <= now.addingTimeInterval(window) }
                .map { DueDeadline(summary: summary(history), deadline: $0) }
        })
        return DueWarnings(dues: all.dues, first: Array(all.first.prefix(limit)))
    }

    func matching(_ filter: CaseFilter) -> [CaseHistory] {
        let text = filter.text.lowercased()
        return histories.values.filter { history in
            let c = history.suspensionCase
            guard filter.status.admits(c.status) else { return false }
            guard !text.isEmpty else { return true }
            return ([c.title, c.account, c.marketplace] + c.scope.asins + history.messages.map(\.text))
                .contains { $0.lowercased().contains(text) }
        }
    }

    func countCases(matching filter: CaseFilter) throws -> Int {
        calls.append("count")
        return matching(filter).count
    }

    func cases(matching filter: CaseFilter, sortedBy sort: CaseSort, offset: Int, limit: Int) throws -> [CaseSummary] {
        calls.append("cases \(offset)+\(limit)")
        let rows = matching(filter).map(summary)
        let sorted: [CaseSummary]
        switch sort {
        case .urgency:
            sorted = rows.sorted {
                switch ($0.nextDeadline, $1.nextDeadline) {
                case let (a?, b?): return a == b ? $0.id < $1.id : a < b
                case (_?, nil): return true
                case (nil, _?): return false
                case (nil, nil): return $0.id < $1.id
                }
            }
        case .newest: sorted = rows.sorted { $0.id > $1.id }
        case .account: sorted = rows.sorted { ($0.account, $0.id) < ($1.account, $1.id) }
        case .status:
            let order = Dictionary(uniqueKeysWithValues: CaseStatus.allCases.enumerated().map { ($1, $0) })
            sorted = rows.sorted { ((order[$0.status] ?? 0), $0.id) < ((order[$1.status] ?? 0), $1.id) }
        case .updated: sorted = rows.sorted { (updated[$0.id] ?? .distantPast) > (updated[$1.id] ?? .distantPast) }
        }
        return Array(sorted.dropFirst(offset).prefix(limit))
    }

    func caseHistory(id: Int64) throws -> CaseHistory? {
        calls.append("case \(id)")
        return histories[id]
    }

    /// Undo the simple way: the cases as they were before the change.
    var undoSnapshots: [Int: [Int64: CaseHistory]] = [:]
    func snapshot() -> UndoToken {
        let token = UndoToken(undoSnapshots.count + 1)
        undoSnapshots[token.id] = histories
        return token
    }

    func undo(_ token: UndoToken) throws {
        guard let before = undoSnapshots.removeValue(forKey: token.id) else { throw MemoryBookError.noSuchCase(0) }
        histories = before
    }

    func editNote(id: Int64, text: String) throws -> UndoToken? {
        let token = snapshot()
        for (caseID, history) in histories {
            if let index = history.notes.firstIndex(where: { $0.id == id }) { histories[caseID]?.notes[index].text = text }
        }
        return token
    }

    func removeNote(id: Int64) throws -> UndoToken? {
        let token = snapshot()
        for caseID in histories.keys { histories[caseID]?.notes.removeAll { $0.id == id } }
        return token
    }

    func correctMessage(id: Int64, _ fix: MessageFix) throws -> Correction {
        let token = snapshot()
        for (caseID, history) in histories {
            guard let index = history.messages.firstIndex(where: { $0.id == id }) else { continue }
            switch fix {
            case .received(let date): histories[caseID]?.messages[index].received = date
            case .remove: histories[caseID]?.messages.remove(at: index)
            case .move(let target):
                guard histories[target] != nil else { throw MemoryBookError.noSuchCase(target) }
                var message = history.messages[index]
                histories[caseID]?.messages.remove(at: index)
                message.caseID = target
                histories[target]?.messages.append(message)
            }
            return Correction(changes: [], undo: token)
        }
        throw MemoryBookError.noSuchCase(id)
    }

    func unsubmitPlan(caseID: Int64, version: Int, at time: Date) throws -> UndoToken? {
        let token = snapshot()
        guard let index = histories[caseID]?.plans.firstIndex(where: { $0.number == version }) else { throw MemoryBookError.noSuchCase(caseID) }
        histories[caseID]?.plans[index].submitted = nil
        return token
    }

    func editCase(id: Int64, title: String, account: String, marketplace: String) throws -> UndoToken? {
        let token = snapshot()
        histories[id]?.suspensionCase.title = title
        histories[id]?.suspensionCase.account = account
        histories[id]?.suspensionCase.marketplace = marketplace
        return token
    }

    func setRequestState(detailID: Int64, to state: RequestState, seen: RequestState?) throws -> UndoToken? {
        // A colleague's mark since the screen was drawn is refused, as the stores refuse it.
        if let seen, let current = histories.values.lazy.flatMap(\.requests).first(where: { $0.id == detailID }),
            current.state != seen, current.state != state
        {
            throw MemoryConflict(line: "Request \(detailID) was \(current.state.label) by \(current.stateSetBy ?? "someone") while you had it open; nothing was changed.")
        }
        let token = snapshot()
        calls.append("setRequestState \(detailID)")
        for (id, var history) in histories {
            if let index = history.requests.firstIndex(where: { $0.id == detailID }) {
                history.requests[index].state = state
                histories[id] = history
            }
        }
        return token
    }

    func changeStatus(caseID: Int64, to status: CaseStatus, at time: Date, seen: CaseStatus?) throws -> UndoToken? {
        if let seen, let current = histories[caseID]?.suspensionCase, current.status != seen, current.status != status {
            throw MemoryConflict(line: "Case \(caseID) was set to \(current.status.label) by \(current.statusSetBy ?? "someone") while you had it open; nothing was changed.")
        }
        let token = snapshot()
        histories[caseID]?.suspensionCase.status = status
        updated[caseID] = time
        return token
    }

    func addNote(caseID: Int64, text: String, at time: Date) throws -> UndoToken? {
        guard histories[caseID] != nil else { throw MemoryBookError.noSuchCase(caseID) }
        let token = snapshot()
        let id = Int64((histories[caseID]?.notes.count ?? 0) + 1)
        histories[caseID]?.notes.append(Note(id: id, caseID: caseID, created: time, text: text))
        return token
    }

    /// A message dates itself with a first line "Date: ISO-DATE".
    func messageDate(_ raw: Data) throws -> Date? {
        let text = String(decoding: raw, as: UTF8.self)
        guard text.hasPrefix("Date: ") else { return nil }
        return Timestamp.parse(String(text.dropFirst(6).prefix { $0 != "\n" }))
    }

    func addMessage(caseID: Int64, raw: Data, at time: Date) throws -> AddedMessage {
        let token = snapshot()
        let id = Int64(histories.values.map(\.messages.count).reduce(0, +) + 100)
        let received = try messageDate(raw) ?? time
        histories[caseID]?.messages.append(AmazonMessage(
            id: id, caseID: caseID, kind: .reply, received: received, subject: "", raw: raw, text: String(decoding: raw, as: UTF8.self)))
        return AddedMessage(id: id, kind: .reply, received: received, requestCount: 0, deadline: nil, undo: token)
    }

    func addPlanDraft(caseID: Int64, text: String, at time: Date) throws -> Int {
        let number = PlanVersion.nextNumber(after: histories[caseID]?.plans.map(\.number) ?? [])
        histories[caseID]?.plans.append(PlanVersion(caseID: caseID, number: number, text: text, created: time))
        return number
    }

    func markPlanSubmitted(caseID: Int64, version: Int, at time: Date) throws -> UndoToken? {
        let token = snapshot()
        guard var history = histories[caseID], let index = history.plans.firstIndex(where: { $0.number == version }) else { return nil }
        history.plans[index].submitted = time
        for d in history.deadlines.indices where history.deadlines[d].isOpen && history.deadlines[d].set <= time {
            history.deadlines[d].closure = .planSubmitted(version: version, at: time)
        }
        histories[caseID] = history
        return token
    }

    var exports: [(id: Int64, format: String, path: String)] = []
    func exportCase(id: Int64, format: String, to path: String, replacing: Bool, at time: Date) throws {
        exports.append((id, format, path))
    }

    func checkPlan(caseID: Int64, version: Int) throws -> PlanCheck {
        guard let history = histories[caseID], let plan = history.plan(number: version) else { throw CocoaError(.fileNoSuchFile) }
        return PlanCheck.run(text: plan.text, version: version, history: history)
    }

    /// Messages a mail import held, as the store would list them.
    var held: [HeldMessage] = []

    func heldMessages() throws -> [HeldMessage] { held }

    func heldMessage(id: Int64) throws -> HeldMessage {
        guard let message = held.first(where: { $0.id == id }) else { throw MemoryBookError.noSuchCase(id) }
        return message
    }

    func fileHeld(id: Int64, caseID: Int64?, at time: Date) throws -> AddedMessage {
        guard let index = held.firstIndex(where: { $0.id == id }) else { throw MemoryBookError.noSuchCase(id) }
        let message = held.remove(at: index)
        let target = try caseID ?? newCase(SuspensionCase(title: message.subject, opened: time))
        guard histories[target] != nil else {
            held.insert(message, at: index)
            throw MemoryBookError.noSuchCase(target)
        }
        var added = try addMessage(caseID: target, raw: Data(message.subject.utf8), at: message.received)
        added.caseID = target
        return added
    }

    func newCase(_ suspensionCase: SuspensionCase) throws -> Int64 {
        var c = suspensionCase
        c.id = nextID
        add(CaseHistory(suspensionCase: c))
        return c.id
    }
}

enum MemoryBookError: Error {
    case noSuchCase(Int64)
}

/// What the memory book throws when a colleague's change came first (the stores throw `StoreError.conflict`).
struct MemoryConflict: ChangeConflict {
    let line: String
    var conflictLine: String? { line }
}
