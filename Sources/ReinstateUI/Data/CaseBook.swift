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
    /// reason, or unanswered again.
    func setRequestState(detailID: Int64, to state: RequestState) throws

    /// Changes a case's status (finishing a case closes its open deadlines).
    func changeStatus(caseID: Int64, to status: CaseStatus, at time: Date) throws

    /// Adds a note.
    func addNote(caseID: Int64, text: String, at time: Date) throws

    /// Adds a message from Amazon exactly as given (the store reads it: kind, requests, deadline).
    /// `time` is when it arrived if the message itself does not say.
    func addMessage(caseID: Int64, raw: Data, at time: Date) throws

    /// Adds a plan version as a draft and returns its number.
    func addPlanDraft(caseID: Int64, text: String, at time: Date) throws -> Int

    /// Marks a plan version submitted to Amazon (closing the deadlines it answers).
    func markPlanSubmitted(caseID: Int64, version: Int, at time: Date) throws

    /// Opens a new case (its `id` is ignored) and returns the new id.
    func newCase(_ suspensionCase: SuspensionCase) throws -> Int64

    /// Checks a stored plan version against its case as `reinstate check` does.
    func checkPlan(caseID: Int64, version: Int) throws -> PlanCheck

    /// Writes one case to `path` in a format of `reinstate export` (markdown, html, json, text, ics),
    /// whole or not at all, never over an existing file.
    func exportCase(id: Int64, format: String, to path: String, at time: Date) throws

    /// A number that changes when another process commits a change to the store (SQLite's
    /// `PRAGMA data_version`); the UI compares it on every tick and reloads when it moved. Nil when the
    /// book cannot tell.
    func changeMark() throws -> Int?
}

extension CaseBook {
    public func changeMark() throws -> Int? { nil }
}
