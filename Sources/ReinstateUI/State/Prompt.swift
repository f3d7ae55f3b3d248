import Foundation
import ReinstateCore

/// What a prompt's answer is for.
public enum PromptPurpose: Sendable, Equatable {
    /// Filtering the case list as you type; Esc goes back to `previous`.
    case filter(previous: String)
    /// Searching the text in the pager.
    case pagerSearch
    case answeredByVersion(caseID: Int64, detailID: Int64)
    case waiveReason(caseID: Int64, detailID: Int64)
    case status(caseID: Int64)
    case note(caseID: Int64)
    /// A file path, or empty to paste the message in the editor.
    case messageSource(caseID: Int64)
    /// A message that carries no date: when it arrived (Enter alone: now).
    case messageArrived(caseID: Int64, raw: Data)
    case confirmSubmitted(caseID: Int64, version: Int)
    /// Setting a finished status (reinstated, denied, closed) closes deadlines: asked first.
    case confirmStatus(caseID: Int64, status: CaseStatus)
    /// The editor failed and the seller's text is kept in a file: store it, edit again, or leave it.
    case editorFailed(EditRequest, EditorResult)
    case exportFormat(caseID: Int64)
    case exportPath(caseID: Int64, format: String)
    /// The export's file exists: replace it? ("no" under Enter)
    case confirmReplace(caseID: Int64, format: String, path: String)
    /// Corrections: a note's text, a message's arrival, its case, a removal or a submission taken back.
    case noteText(caseID: Int64, noteID: Int64)
    case messageReceived(caseID: Int64, messageID: Int64)
    case moveMessage(caseID: Int64, messageID: Int64)
    case confirmRemove(caseID: Int64, TimelineEntry.Subject)
    case confirmUnsubmit(caseID: Int64, version: Int)
    /// Correcting a case: title, then account, then marketplace, carrying the answers so far.
    case editCaseTitle(SuspensionCase)
    case editCaseAccount(SuspensionCase)
    case editCaseMarketplace(SuspensionCase)
    /// The questions for a new case, one after another, carrying the answers so far.
    case newCaseTitle
    case newCaseAccount(SuspensionCase)
    case newCaseMarketplace(SuspensionCase)
    case newCaseReason(SuspensionCase)
    /// A held message from mail import: the case to file it into, or "new".
    case fileHeld(id: Int64)
}

/// The question on the prompt line: typed text, or one of a few choices picked with the arrows.
public struct Prompt: Sendable, Equatable {
    public var purpose: PromptPurpose
    public var label: String
    public var input: String
    /// Empty for a text prompt.
    public var choices: [String]
    public var choice: Int

    /// A text prompt.
    public init(_ purpose: PromptPurpose, label: String, input: String = "") {
        self.purpose = purpose
        self.label = label
        self.input = input
        choices = []
        choice = 0
    }

    /// A choice prompt.
    public init(_ purpose: PromptPurpose, label: String, choices: [String], choice: Int = 0) {
        self.purpose = purpose
        self.label = label
        input = ""
        self.choices = choices
        self.choice = min(max(0, choice), max(0, choices.count - 1))
    }

    /// Whether the answer is picked from choices rather than typed.
    public var isChoice: Bool { !choices.isEmpty }
}
