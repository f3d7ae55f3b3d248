/// Everything the seller can ask the UI to do. Each command is one row of `KeyTable.standard`, which
/// binds its keys, writes its help line and decides whether it appears in the footer.
public enum Command: String, CaseIterable, Sendable, Hashable {
    // MARK: Moving
    case moveDown = "move-down"
    case moveUp = "move-up"
    case halfPageDown = "half-page-down"
    case halfPageUp = "half-page-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case moveFirst = "move-first"
    case moveLast = "move-last"
    case open
    case back
    case quit
    case help
    case continueToCases = "continue"
    case refresh
    case undo
    // MARK: Case list
    case filter
    case cycleStatusFilter = "status-filter"
    case cycleSort = "sort"
    case newCase = "new-case"
    case fileHeld = "file-held"
    // MARK: Case view
    case nextTab = "next-tab"
    case previousTab = "previous-tab"
    case showTimeline = "show-timeline"
    case showRequestedDetails = "show-requested-details"
    case showPlans = "show-plans"
    case showDeadlines = "show-deadlines"
    case addMessage = "add-message"
    case newPlanDraft = "new-plan-draft"
    case addNote = "add-note"
    case changeStatus = "change-status"
    case markAnswered = "mark-answered"
    case waive
    case reopen
    case markPlanSubmitted = "mark-submitted"
    case pickForCompare = "pick-for-compare"
    case compareVersions = "compare-versions"
    case checkPlan = "check-plan"
    case editEntry = "edit"
    case removeEntry = "remove"
    case moveMessage = "move-message"
    case unsubmit = "take-back-submission"
    case editCase = "edit-case"
    // MARK: Pager
    case search
    case nextMatch = "next-match"
    case previousMatch = "previous-match"
    case exportCase = "export"
    // MARK: Prompt
    case accept
    case cancel
    case previousChoice = "previous-choice"
    case nextChoice = "next-choice"
    case deleteBackward = "delete-backward"
    case clearInput = "clear-input"
}
