import Foundation
import ReinstateCore

/// Work the reducer asks the runtime to do: reads and writes of the case book, the editor, quitting.
/// The result comes back as an `Action`, so the reducer itself never does I/O.
public enum Effect: Sendable, Equatable {
    /// → `.dueWarningsLoaded`
    case loadDueDeadlines(now: Date, within: TimeInterval)
    /// → `.casesCounted`
    case countCases(CaseFilter)
    /// → `.casesLoaded`
    case loadCases(CaseWindowRequest)
    /// → `.caseLoaded`
    case loadCase(id: Int64)
    /// → `.saved`
    /// `seen`: the state the screen showed (a colleague's change since is refused → `.conflict`).
    case setRequestState(caseID: Int64, detailID: Int64, state: RequestState, seen: RequestState?)
    /// → `.saved`, or `.conflict` when the status is no longer `seen`
    case changeStatus(caseID: Int64, status: CaseStatus, at: Date, seen: CaseStatus?)
    /// → `.saved`
    case addNote(caseID: Int64, text: String, at: Date)
    /// Reads a message file and looks for its date. → `.messageRead`
    case addMessageFile(caseID: Int64, path: String, at: Date)
    /// Looks for the date of a message written in the editor. → `.messageRead`
    case readMessage(caseID: Int64, raw: Data)
    /// → `.saved` with what was read (kind, date, requested details, deadline)
    case addMessage(caseID: Int64, raw: Data, at: Date)
    /// Hands the terminal to `$VISUAL`/`$EDITOR` and takes it back. → `.edited`
    case editText(EditRequest)
    /// → `.saved`
    case addPlanDraft(caseID: Int64, text: String, at: Date)
    /// → `.saved`
    case markPlanSubmitted(caseID: Int64, version: Int, at: Date)
    /// → `.caseCreated`
    case newCase(SuspensionCase)
    /// → `.planChecked`
    case checkPlan(caseID: Int64, version: Int)
    /// → `.saved`, or `.exportTargetExists` when the file is there and `replacing` is false.
    case exportCase(caseID: Int64, format: String, path: String, replacing: Bool = false)
    /// Takes back a change of this session. → `.saved`
    case undo(UndoStep)
    /// → `.saved`
    case editNote(caseID: Int64, noteID: Int64, text: String)
    /// → `.saved`
    case removeNote(caseID: Int64, noteID: Int64)
    /// → `.saved`, with each deadline that moved
    case correctMessage(caseID: Int64, messageID: Int64, fix: MessageFix)
    /// → `.saved`
    case unsubmitPlan(caseID: Int64, version: Int, at: Date)
    /// → `.saved`
    case editCase(caseID: Int64, title: String, account: String, marketplace: String)
    /// → `.heldLoaded`
    case loadHeld
    /// Reads one held message with its bytes. → `.heldMessageLoaded`
    case loadHeldMessage(id: Int64)
    /// Files a held message into a case, or a new case when `caseID` is nil. → `.heldFiled`
    case fileHeld(id: Int64, caseID: Int64?, at: Date)
    /// Removes a file the editor left (the seller's text is no longer needed there).
    case removeFile(String)
    /// Carries out the effect, then removes `file` unless the effect failed: the seller's kept text
    /// goes only once it is stored or open in the editor again.
    indirect case thenRemove(Effect, file: String)
    /// Sends the next frame whole (Ctrl-L).
    case redrawScreen
    /// Ends the program.
    case quit
}
