import Foundation
import ReinstateCore

/// Everything that can happen to the UI: input from the terminal, the clock, and the results of
/// effects. `reduce` turns an action into a new state and more effects.
public enum Action: Sendable, Equatable {
    /// The first action, once the terminal size is known: loads warnings and the first window.
    case started
    case key(Key)
    case mouse(MouseEvent)
    /// Text pasted into the terminal: it goes where the cursor is, never read as keys.
    case paste(String)
    /// Another process changed the store (seen on the clock's tick): what is on screen is reloaded.
    case storeChangedElsewhere
    /// The store could not be reached (the problem, in words) or can be again (nil).
    case connectionChanged(String?)
    case resized(width: Int, height: Int)
    /// The time now, so countdowns move.
    case tick(Date)
    case dueWarningsLoaded(DueWarnings)
    case casesCounted(CaseFilter, total: Int)
    case casesLoaded(CaseWindowRequest, rows: [CaseSummary])
    case caseLoaded(CaseHistory)
    case caseMissing(id: Int64)
    /// A change was saved; `caseID` names the case to reload.
    case saved(String, caseID: Int64?)
    /// A change was saved that `u` can take back.
    case savedUndoable(String, caseID: Int64, undo: UndoStep)
    case caseCreated(id: Int64)
    /// The export's file exists: the seller is asked before it is replaced.
    case exportTargetExists(caseID: Int64, format: String, path: String)
    /// A message was read before storing: `date` is what it says of when it was sent (nil: nothing).
    case messageRead(caseID: Int64, raw: Data, source: String, date: Date?)
    /// A plan version was checked (`reinstate check`): shown in the pager.
    case planChecked(PlanCheck, caseID: Int64)
    /// The editor closed: how it ended and what the file held.
    case edited(EditRequest, EditorResult)
    /// The held messages were read (at launch, after filing one, after a change elsewhere).
    /// The held messages, and why none may be seen (`CaseBook.heldMailNote`).
    case heldLoaded([HeldMessage], note: String? = nil)
    /// One held message was read with its bytes, to be shown in the pager.
    case heldMessageLoaded(HeldMessage)
    /// A held message was filed into `caseID`.
    case heldFiled(String, caseID: Int64)
    /// A colleague changed the same thing first: the one line saying who and when; the case is read again.
    case conflict(String, caseID: Int64)
    case failed(String)
}
