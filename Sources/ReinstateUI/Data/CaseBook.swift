import Foundation
import ReinstateCore

/// What the full-screen UI reads and changes, synchronously, one call per effect. The executable
/// implements it over the case store; the tests over memory. Every call is expected to be quick:
/// the case list asks for a count and a window of rows, never for all cases.
public protocol CaseBook {
    /// Open deadlines of unfinished cases that are overdue or due before `now + window`, most urgent
    /// first, one per deadline: the due dates of all, and the first `limit` with their cases.
    func dueWarnings(now: Date, within window: TimeInterval, first limit: Int) throws -> DueWarnings

    /// How many cases pass the filter.
    func countCases(matching filter: CaseFilter) throws -> Int

    /// A window of the case list: at most `limit` rows from position `offset` of the filtered,
    /// sorted list.
    func cases(matching filter: CaseFilter, sortedBy sort: CaseSort, offset: Int, limit: Int) throws -> [CaseSummary]

    /// One case with its messages, requested details, plan versions, deadlines and notes; nil when
    /// there is no such case.
    func caseHistory(id: Int64) throws -> CaseHistory?

    /// Sets where a requested detail stands: answered by a version (`by: .user`), waived with a
    /// reason, or unanswered again. `seen` is the state the screen showed: when a colleague set
    /// another since, nothing changes and the error says who and when (a `ChangeConflict`).
    func setRequestState(detailID: Int64, to state: RequestState, seen: RequestState?) throws -> UndoToken?

    /// Changes a case's status (finishing a case closes its open deadlines); `seen` is the status the
    /// screen showed, checked as for `setRequestState`.
    func changeStatus(caseID: Int64, to status: CaseStatus, at time: Date, seen: CaseStatus?) throws -> UndoToken?

    /// Adds a note.
    func addNote(caseID: Int64, text: String, at time: Date) throws -> UndoToken?

    /// When a message says it was sent (an e-mail's Date, a date line copied with a pasted message);
    /// nil when it carries no date, and the seller is asked.
    func messageDate(_ raw: Data) throws -> Date?

    /// Adds a message from Amazon exactly as given (the store reads it: kind, requests, deadline) and
    /// says what was read. `time` is when it arrived if the message itself does not say.
    func addMessage(caseID: Int64, raw: Data, at time: Date) throws -> AddedMessage

    /// Adds a plan version as a draft and returns its number.
    func addPlanDraft(caseID: Int64, text: String, at time: Date) throws -> Int

    /// Marks a plan version submitted to Amazon (closing the deadlines it answers).
    func markPlanSubmitted(caseID: Int64, version: Int, at time: Date) throws -> UndoToken?

    // MARK: Corrections (each returns the token that takes it back)

    /// Changes a note's text.
    func editNote(id: Int64, text: String) throws -> UndoToken?
    /// Removes a note.
    func removeNote(id: Int64) throws -> UndoToken?
    /// Re-dates, moves or removes a message; deadlines and checklists are counted again.
    func correctMessage(id: Int64, _ fix: MessageFix) throws -> Correction
    /// Takes back a submission made by mistake: the deadlines it closed open again.
    func unsubmitPlan(caseID: Int64, version: Int, at time: Date) throws -> UndoToken?
    /// Corrects a case's title, account and marketplace.
    func editCase(id: Int64, title: String, account: String, marketplace: String) throws -> UndoToken?
    /// Puts back what the change with this token did, exactly.
    func undo(_ token: UndoToken) throws

    /// Opens a new case (its `id` is ignored) and returns the new id.
    func newCase(_ suspensionCase: SuspensionCase) throws -> Int64

    /// Checks a stored plan version against its case as `reinstate check` does.
    func checkPlan(caseID: Int64, version: Int) throws -> PlanCheck

    /// Writes one case to `path` in a format of `reinstate export` (markdown, html, json, text, ics),
    /// whole or not at all, over an existing regular file only when `replacing` (the seller said so).
    func exportCase(id: Int64, format: String, to path: String, replacing: Bool, at time: Date) throws

    /// A number that changes when another process commits a change to the store (SQLite's
    /// `PRAGMA data_version`); the UI compares it on every tick and reloads when it moved. Nil when the
    /// book cannot tell.
    func changeMark() throws -> Int?

    /// Why the store cannot be reached now (a team store whose server went away), in one line that says
    /// it is being tried again; nil while it can be, and always for a local file. Looked at when idle.
    func connectionProblem() -> String?

    /// The messages a mail import held because it could not place them, oldest first (without bytes).
    func heldMessages() throws -> [HeldMessage]

    /// One held message with its bytes.
    func heldMessage(id: Int64) throws -> HeldMessage

    /// Why this user sees no held mail whatever is held (a team store's staff role: held mail is the
    /// owner's), in one line; nil when they see it all.
    func heldMailNote() throws -> String?

    /// Files a held message into a case, or into a new case made from what it says (`caseID` nil).
    func fileHeld(id: Int64, caseID: Int64?, at time: Date) throws -> AddedMessage
}

/// A case book that keeps no mail (the tests' books) cannot file held messages.
public struct HeldMessagesUnavailable: Error, CustomStringConvertible {
    public var description: String { "This store keeps no held messages." }
}

extension CaseBook {
    public func changeMark() throws -> Int? { nil }
    public func connectionProblem() -> String? { nil }
    public func heldMessages() throws -> [HeldMessage] { [] }
    public func heldMessage(id: Int64) throws -> HeldMessage { throw HeldMessagesUnavailable() }
    public func heldMailNote() throws -> String? { nil }
    public func fileHeld(id: Int64, caseID: Int64?, at time: Date) throws -> AddedMessage { throw HeldMessagesUnavailable() }
}

/// A change a case book can take back, named by a number only the book knows.
public struct UndoToken: Sendable, Hashable {
    public let id: Int
    public init(_ id: Int) { self.id = id }
}

/// A correction of a stored message.
public enum MessageFix: Sendable, Equatable {
    /// It arrived at another time.
    case received(Date)
    /// It belongs to another case.
    case move(toCase: Int64)
    /// It should not be there at all.
    case remove
}

/// What a correction changed, in words (each deadline that moved: "deadline of #3: 2026-12-01 → 2026-12-04"),
/// and how to take it back.
public struct Correction: Sendable, Equatable {
    public var changes: [String]
    public var undo: UndoToken?

    public init(changes: [String], undo: UndoToken?) {
        self.changes = changes
        self.undo = undo
    }
}

/// What the store read from a message it just added, for the line the tracker shows.
public struct AddedMessage: Sendable, Equatable {
    public var id: Int64
    public var kind: MessageKind
    public var received: Date
    public var requestCount: Int
    /// The deadline it set, if any.
    public var deadline: Date?
    /// Takes the message back out (with the status it moved the case to).
    public var undo: UndoToken?
    /// The case it went into, when the caller did not choose it (a held message filed into a new case).
    public var caseID: Int64? = nil

    public init(id: Int64, kind: MessageKind, received: Date, requestCount: Int, deadline: Date?, undo: UndoToken? = nil) {
        self.id = id
        self.kind = kind
        self.received = received
        self.requestCount = requestCount
        self.deadline = deadline
        self.undo = undo
    }

    /// "Added the reply of 2026-11-20 14:05 (message 41): 3 requested details; deadline 2026-12-04 14:05, 12d 5h left."
    public func summary(now: Date, zone: TimeZone) -> String {
        let what = kind == .other ? "a message" : "the \(kind.rawValue)"
        var text = "Added \(what) of \(Timestamp.local(received, zone: zone)) (message \(id)): "
        text += requestCount == 0 ? "no requested details" : requestCount == 1 ? "1 requested detail" : "\(requestCount) requested details"
        if let deadline {
            text += "; deadline \(Timestamp.local(deadline, zone: zone)), \(DeadlineRules.countdown(until: deadline, now: now))."
        } else {
            text += "; no deadline."
        }
        return text
    }
}
