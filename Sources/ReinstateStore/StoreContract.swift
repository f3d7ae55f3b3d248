import Foundation
import ReinstateCore

/// What every case store offers, whichever database holds it: the seam between the commands (and, in
/// time, the tracker's `CaseBook`) and the two stores, as TaskChampion's storage trait is for
/// Taskwarrior. `CaseStore` (SQLite) and `PostgresStore` implement it, and one shared test suite
/// (`StoreContractTests`) runs against each.
///
/// It holds what both stores implement: whole-store copies in and out, one case as a document or a
/// history, the case list and `due`, and the everyday writes (a case, a note, a status, a message, a
/// plan version and its submission, a requested detail's state), each all or nothing. The commands
/// that use only these work on either store; the others refuse a PostgreSQL store until what they
/// need joins. Requirements are `async` because
/// a server is awaited; the SQLite store's synchronous methods satisfy them as they are.
public protocol StoreContract: Sendable {
    /// Where the store is, for messages: a path, or a URL without its password.
    var location: String { get }
    /// How many cases the store holds.
    func caseTotal() async throws -> Int
    /// One case with everything about it, as `case show --json` prints it. `StoreError.notFound` when
    /// there is no such case.
    func caseDocument(_ caseID: Int64) async throws -> CaseDocument
    /// Every case, oldest id first, as one document (`export --all --format json`).
    func exportDocument() async throws -> StoreDocument
    /// Loads a whole-store document into this store, which must be empty: all of it, or nothing.
    func importDocument(_ document: StoreDocument) async throws

    // MARK: - Reads of the commands

    /// How many cases pass the filter.
    func caseCount(_ filter: CaseFilter) async throws -> Int
    /// A window of the case list (`case list`): `limit` rows from `offset`, in the order of `sort`.
    func caseSummaries(_ filter: CaseFilter, sort: CaseSort, offset: Int, limit: Int) async throws -> [CaseSummary]
    /// One case as the list shows it. `StoreError.notFound` when there is no such case.
    func caseSummary(_ id: Int64) async throws -> CaseSummary
    /// One case read whole, with its messages' attachments (`case show`, `export --case`).
    func history(_ caseID: Int64) async throws -> CaseHistory
    /// Every open deadline that has passed or falls due before `now + window`, most urgent first (`due`).
    func due(now: Date, within window: TimeInterval) async throws -> [DueDeadline]

    // MARK: - Writes of the commands (each all or nothing, with Core's rules)

    /// Stores a new case and returns its id.
    @discardableResult func createCase(_ new: SuspensionCase) async throws -> Int64
    /// Adds a note to a case and returns its id; an empty note is refused.
    @discardableResult func addNote(caseID: Int64, text: String, at now: Date) async throws -> Int64
    /// Sets a case's status; deadlines close and open again as `DeadlineRefresh` says. `seen` is the status
    /// the user decided on (nil: no check): a colleague's different status set since is not overwritten,
    /// `StoreError.conflict` says who set it and when (`ChangeCheck`).
    @discardableResult func changeStatus(caseID: Int64, to status: CaseStatus, at now: Date, seen: CaseStatus?) async throws -> StatusChange
    /// Stores a message byte for byte with its reading: requests, deadline, and the status `StatusRules` gives.
    func addMessage(
        caseID: Int64, raw: Data, reading: MessageReading, kind: MessageKind?, received: Date?, now: Date
    ) async throws -> StoredMessage
    /// Stores a new plan version (submitted already, or a draft) and returns its number.
    func addPlan(caseID: Int64, text: String, created: Date, submitted: Date?) async throws -> Int
    /// Records that a version was sent: `SubmissionMarks`, the status, the deadlines it closes.
    @discardableResult func submitPlan(caseID: Int64, number: Int, at: Date) async throws -> Submission
    /// One plan version. `StoreError.notFound` when there is no such version.
    func plan(caseID: Int64, number: Int) async throws -> PlanVersion
    /// The number of a case's latest plan version, nil when it has none.
    func latestPlanNumber(caseID: Int64) async throws -> Int?
    /// One requested detail. `StoreError.notFound` when there is no such detail.
    func request(_ id: Int64) async throws -> RequestedDetail
    /// Marks a requested detail answered, waived or open again at `now`; returns it as it was. `seen` is
    /// the state the user decided on (nil: no check), as for `changeStatus`.
    @discardableResult func setRequestState(_ id: Int64, to state: RequestState, at now: Date, seen: RequestState?) async throws
        -> RequestedDetail

    // MARK: - What the tracker reads besides

    /// Open deadlines of unfinished cases in the window, most urgent first: every due date, the first `limit` whole.
    func dueWarnings(now: Date, within window: TimeInterval, first limit: Int) async throws -> DueWarnings
    /// Checks `text` as version `version` of a case (nil: a draft) against the case and other cases' plans.
    func checkPlan(caseID: Int64, text: String, version: Int?) async throws -> PlanCheck
    /// The attachments kept with a case's messages, by message id (without their bytes).
    func attachments(of history: CaseHistory) async throws -> [Int64: [StoredAttachment]]
    /// One note. `StoreError.notFound` when there is no such note.
    func note(_ id: Int64) async throws -> Note
    /// Mail held for the seller to file, oldest first, and one of them whole.
    func heldMessages() async throws -> [HeldMessage]
    func heldMessage(_ id: Int64) async throws -> HeldMessage
    func heldCount() async throws -> Int
    /// Why the connected user may not see or file held mail, in one line (a team store's staff role:
    /// held mail is the owner's); nil when they may (always on a local file).
    func heldMailRefusal() async throws -> String?

    // MARK: - Mail intake (`mail import`, `mail file`, the tracker's filing; each write all or nothing)

    /// Every case's facts that routing decides from (`MailRouter`), read in one snapshot.
    func routingCases() async throws -> [CaseFacts]
    /// The cases that filed mail left each of `marks` on; a mark on no case is left out.
    func casesMarked(_ marks: Set<MailMarkKey>) async throws -> [MailMarkKey: Set<Int64>]
    /// Whether a message with this identity was imported or held before, by anyone: on a team store also
    /// when it lies in a case the connected role may not read, so a colleague's import is never doubled.
    func knowsMail(_ identity: String) async throws -> Bool
    /// Keeps a message aside to be filed by hand; nil when it is known already (imported or held before).
    func holdMail(raw: Data, facts: MailFacts, reason: String, origin: String, now: Date) async throws -> Int64?
    /// Files one mailbox message as `addMessage` stores one (with the case it opens, its attachments, its
    /// identity and the marks that place its thread's next messages), or says it is known already.
    func fileMail(
        raw: Data, reading: MessageReading, facts: MailFacts, into target: MailTarget, attachments: [MailAttachment], now: Date
    ) async throws -> MailFiling
    /// Files a held message (`HeldFiling`) into case `caseID`, or a new case when nil; it leaves the held list.
    func fileHeld(_ id: Int64, caseID: Int64?, now: Date) async throws -> StoredMessage

    // MARK: - Corrections and their undo (each all or nothing; each returns what puts it back)

    @discardableResult func editMessageReceived(_ id: Int64, to received: Date) async throws -> MessageCorrection
    @discardableResult func moveMessage(_ id: Int64, toCase target: Int64) async throws -> MessageCorrection
    @discardableResult func removeMessage(_ id: Int64) async throws -> RemovedMessage
    @discardableResult func restoreMessage(_ removed: RemovedMessage) async throws -> [DeadlineChange]
    @discardableResult func undoMessageCorrection(_ correction: MessageCorrection) async throws -> [DeadlineChange]
    @discardableResult func undoAddMessage(_ stored: StoredMessage) async throws -> RemovedMessage
    func undoSubmission(_ submission: Submission) async throws
    func restoreRequestStates(_ requests: [RequestedDetail]) async throws
    @discardableResult func editCase(_ id: Int64, _ edit: CaseEdit) async throws -> SuspensionCase
    func restoreStatus(_ change: StatusChange) async throws
    @discardableResult func editNote(_ id: Int64, text: String) async throws -> Note
    @discardableResult func removeNote(_ id: Int64) async throws -> Note
    func restoreNote(_ note: Note) async throws
    @discardableResult func unsubmitPlan(caseID: Int64, number: Int, at now: Date) async throws -> Unsubmission
    func restoreSubmission(_ unsubmission: Unsubmission) async throws

    // MARK: - What the remaining commands read besides (message, case edit, evidence, …)

    /// One message. `StoreError.notFound` ("Message N") when there is no such message.
    func message(_ id: Int64) async throws -> AmazonMessage
    /// Records an evidence file of a case (path, size, SHA-256) and returns its id.
    @discardableResult func addEvidence(caseID: Int64, path: String, size: Int64, sha256: String, at now: Date) async throws -> Int64

    // MARK: - Message reading, reparse, request edit

    /// Ids of the messages read by a reader older than `version`, lowest first (`message reparse --all`).
    func messageIDs(readBefore version: Int) async throws -> [Int64]
    /// Reads a stored message again with `reading` (of its raw bytes), as `ReparseRules.changes` says, in
    /// one transaction with the case's deadlines refreshed. `StoreError.notFound` ("Message N") when there is none.
    func reparseMessage(_ id: Int64, reading: MessageReading) async throws -> Reparse
    /// Corrects a request's aspect or topic as `ReparseRules.edited` says. `StoreError.notFound` when there is none.
    func editRequest(_ id: Int64, aspect: Aspect?, topic: String?) async throws
    /// The attachments kept with one message, in order, without their bytes (none when it has none).
    func attachments(messageID: Int64) async throws -> [StoredAttachment]
    /// One attachment (numbered from 1) and its bytes. `StoreError.notFound` for no such message or attachment.
    func attachmentData(messageID: Int64, number: Int) async throws -> (StoredAttachment, Data)
}

extension CaseStore: StoreContract {
    public var location: String { path }
    public func caseTotal() async throws -> Int { try caseCount() }
    public func heldMailRefusal() async throws -> String? { nil }
}
