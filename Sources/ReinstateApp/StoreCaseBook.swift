import Foundation
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import ReinstateUI

/// The full-screen UI's view of the case store: the local SQLite file or a PostgreSQL team store,
/// through the store contract, so the undo log, the words of deadline changes, the size checks, export
/// and held mail are written once for both.
///
/// The UI calls the book synchronously on its thread; the contract is async. Every call goes through
/// `StoreBridge`, which runs it and waits (the SQLite store's calls too: they are synchronous inside, and
/// the bridge costs microseconds against a key's milliseconds). On a team store the calls go through a
/// `TeamStoreLink`, which connects again after a lost connection and counts the changes the server
/// announces.
public struct StoreCaseBook: CaseBook {
    enum Source {
        case local(CaseStore)
        case team(TeamStoreLink)
    }

    let source: Source
    let reader = MessageReader()
    /// How to take back each change of this session, by token.
    let undoLog = UndoLog()
    /// `heldMailNote`, once known.
    let heldNote = Remembered<String?>()
    /// The largest message the UI stores (the command line refuses larger files the same way).
    public static let messageLimit = MessageReader.largestMessage

    /// A book over the local store file.
    public init(store: CaseStore) {
        source = .local(store)
    }

    /// A book over a team store (`TeamStoreLink.open`); the caller closes the link after.
    public init(team: TeamStoreLink) {
        source = .team(team)
    }

    /// Runs one store call and waits for it. `writing` marks a change, so a connection lost under it is
    /// said as a change not saved (or not known to be saved), not as a read that failed.
    func call<T: Sendable>(writing: Bool = false, _ body: @escaping @Sendable (any StoreContract) async throws -> T) throws -> T {
        switch source {
        case .local(let store):
            return try StoreBridge.wait { try await body(store) }
        case .team(let link):
            return try StoreBridge.wait { try await link.run(writing: writing) { try await body($0) } }
        }
    }

    /// Adds a change's way back to the undo log; it runs as a write through the same bridge.
    func undoable(_ step: @escaping @Sendable (any StoreContract) async throws -> Void) -> UndoToken {
        undoLog.add { [self] in try call(writing: true, step) }
    }

    public func dueWarnings(now: Date, within window: TimeInterval, first limit: Int) throws -> DueWarnings {
        try call { try await $0.dueWarnings(now: now, within: window, first: limit) }
    }

    /// SQLite: `PRAGMA data_version`, which moves when another connection commits. A team store: the
    /// number of changes its server announced (LISTEN/NOTIFY), which costs no round trip.
    public func changeMark() throws -> Int? {
        switch source {
        case .local(let store): return try store.dataVersion()
        case .team(let link): return link.changeMark
        }
    }

    /// Why the team store cannot be reached now; nil while it can, and always on a local file.
    public func connectionProblem() -> String? {
        switch source {
        case .local: return nil
        case .team(let link): return link.problem
        }
    }

    public func countCases(matching filter: CaseFilter) throws -> Int {
        try call { try await $0.caseCount(filter) }
    }

    public func cases(matching filter: CaseFilter, sortedBy sort: CaseSort, offset: Int, limit: Int) throws -> [CaseSummary] {
        try call { try await $0.caseSummaries(filter, sort: sort, offset: offset, limit: limit) }
    }

    public func caseHistory(id: Int64) throws -> CaseHistory? {
        do {
            return try call { try await $0.history(id) }
        } catch StoreError.notFound {
            return nil
        }
    }

    public func setRequestState(detailID: Int64, to state: RequestState, seen: RequestState?) throws -> UndoToken? {
        let now = Timestamp.wholeSeconds(Date())
        let before = try call(writing: true) { try await $0.setRequestState(detailID, to: state, at: now, seen: seen) }
        return undoable { try await $0.restoreRequestStates([before]) }
    }

    public func changeStatus(caseID: Int64, to status: CaseStatus, at time: Date, seen: CaseStatus?) throws -> UndoToken? {
        let change = try call(writing: true) { try await $0.changeStatus(caseID: caseID, to: status, at: time, seen: seen) }
        return undoable { try await $0.restoreStatus(change) }
    }

    public func addNote(caseID: Int64, text: String, at time: Date) throws -> UndoToken? {
        let id = try call(writing: true) { try await $0.addNote(caseID: caseID, text: text, at: time) }
        return undoable { _ = try await $0.removeNote(id) }
    }

    public func editNote(id: Int64, text: String) throws -> UndoToken? {
        let before = try call(writing: true) { try await $0.editNote(id, text: text) }
        return undoable { try await $0.restoreNote(before) }
    }

    public func removeNote(id: Int64) throws -> UndoToken? {
        let removed = try call(writing: true) { try await $0.removeNote(id) }
        return undoable { try await $0.restoreNote(removed) }
    }

    public func correctMessage(id: Int64, _ fix: MessageFix) throws -> Correction {
        switch fix {
        case .received(let date):
            let correction = try call(writing: true) { try await $0.editMessageReceived(id, to: date) }
            return Correction(changes: Self.words(correction.deadlineChanges),
                              undo: undoable { _ = try await $0.undoMessageCorrection(correction) })
        case .move(let target):
            let correction = try call(writing: true) { try await $0.moveMessage(id, toCase: target) }
            return Correction(changes: Self.words(correction.deadlineChanges),
                              undo: undoable { _ = try await $0.undoMessageCorrection(correction) })
        case .remove:
            let removed = try call(writing: true) { try await $0.removeMessage(id) }
            return Correction(changes: Self.words(removed.deadlineChanges),
                              undo: undoable { _ = try await $0.restoreMessage(removed) })
        }
    }

    public func unsubmitPlan(caseID: Int64, version: Int, at time: Date) throws -> UndoToken? {
        let taken = try call(writing: true) { try await $0.unsubmitPlan(caseID: caseID, number: version, at: time) }
        return undoable { try await $0.restoreSubmission(taken) }
    }

    public func editCase(id: Int64, title: String, account: String, marketplace: String) throws -> UndoToken? {
        let edit = CaseEdit(title: title, account: account, marketplace: marketplace)
        let previous = try call(writing: true) { try await $0.editCase(id, edit) }
        return undoable { _ = try await $0.editCase(id, CaseEdit(restoring: previous)) }
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
        let reading = reader.read(raw)
        let stored = try call(writing: true) {
            try await $0.addMessage(caseID: caseID, raw: raw, reading: reading, kind: nil, received: nil, now: time)
        }
        return AddedMessage(
            id: stored.message.id, kind: stored.message.kind, received: stored.message.received,
            requestCount: stored.requests.count, deadline: stored.deadline?.due,
            undo: undoable { _ = try await $0.undoAddMessage(stored) })
    }

    func checkSize(_ raw: Data) throws {
        guard raw.count <= Self.messageLimit else {
            throw StoreError.invalid("The message is larger than \(Self.messageLimit / 1_048_576) MB; is it the right file?")
        }
    }

    public func addPlanDraft(caseID: Int64, text: String, at time: Date) throws -> Int {
        try call(writing: true) { try await $0.addPlan(caseID: caseID, text: text, created: time, submitted: nil) }
    }

    public func markPlanSubmitted(caseID: Int64, version: Int, at time: Date) throws -> UndoToken? {
        let submission = try call(writing: true) { try await $0.submitPlan(caseID: caseID, number: version, at: time) }
        return undoable { try await $0.undoSubmission(submission) }
    }

    public func newCase(_ suspensionCase: SuspensionCase) throws -> Int64 {
        try call(writing: true) { try await $0.createCase(suspensionCase) }
    }

    public func checkPlan(caseID: Int64, version: Int) throws -> PlanCheck {
        try call { store in
            try await store.checkPlan(
                caseID: caseID, text: try await store.plan(caseID: caseID, number: version).text, version: version)
        }
    }

    /// Renders the case from what the store reads (its attachments, its JSON document) and writes the
    /// file whole; never over the local store's own files.
    public func exportCase(id: Int64, format: String, to path: String, replacing: Bool, at time: Date) throws {
        let history = try call { try await $0.history(id) }
        let data = try CaseExport.render(
            history, format: format, now: time,
            attachments: { try call { try await $0.attachments(of: history) } },
            document: { try call { try await $0.caseDocument(id) } })
        let protected: [String]
        switch source {
        case .local(let store): protected = AtomicFile.storeFiles(store.path)
        case .team: protected = []
        }
        try AtomicFile.write(data, to: path, overwrite: replacing, protecting: protected)
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
        try call { try await $0.heldMessages() }
    }

    public func heldMessage(id: Int64) throws -> HeldMessage {
        try call { try await $0.heldMessage(id) }
    }

    /// Why this user sees no held mail (`StoreContract.heldMailRefusal`), asked once: the role does not
    /// change under a session.
    public func heldMailNote() throws -> String? {
        if let known = heldNote.value { return known }
        let note = try call { try await $0.heldMailRefusal() }
        heldNote.value = .some(note)
        return note
    }

    /// Files a held message as `reinstate mail file` does (not undoable: it leaves the held list for good).
    /// On a team store only the owner sees and files held mail; a staff role is told so in one line.
    public func fileHeld(id: Int64, caseID: Int64?, at time: Date) throws -> AddedMessage {
        let stored = try call(writing: true) { try await MailIntake.fileHeld(id, caseID: caseID, store: $0, now: time) }
        var added = AddedMessage(
            id: stored.message.id, kind: stored.message.kind, received: stored.message.received,
            requestCount: stored.requests.count, deadline: stored.deadline?.due)
        added.caseID = stored.message.caseID
        return added
    }
}

/// A value worked out once and shared by the copies of a book (which is a struct).
final class Remembered<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    var value: T? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
