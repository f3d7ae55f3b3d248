import Foundation
import ReinstateCore

extension AppState {
    /// The formats the case view exports to, as `reinstate export` names them.
    static let exportFormats = ["markdown", "html", "json", "text", "ics"]

    /// The commands of the case view's tabs.
    mutating func performOnCase(_ command: Command) -> [Effect] {
        guard var view = caseView else { return [] }
        let caseID = view.file.caseID
        switch command {
        case .nextTab: view.tab = view.tab.next
        case .previousTab: view.tab = view.tab.previous
        case .showTimeline: view.tab = .timeline
        case .showRequestedDetails: view.tab = .requestedDetails
        case .showPlans: view.tab = .plans
        case .showDeadlines: view.tab = .deadlines
        case .addMessage:
            prompt = Prompt(.messageSource(caseID: caseID), label: "Message file (Enter alone: paste it in your editor)")
        case .newPlanDraft:
            let start = view.plans.last?.text ?? PlanTemplate.text(for: view.file)
            return [.editText(EditRequest(purpose: .planDraft(caseID: caseID), initialText: start))]
        case .addNote:
            prompt = Prompt(.note(caseID: caseID), label: "Note")
        case .exportCase:
            prompt = Prompt(.exportFormat(caseID: caseID), label: "Export as", choices: Self.exportFormats)
        case .changeStatus:
            let current = CaseStatus.allCases.firstIndex(of: view.file.suspensionCase.status) ?? 0
            prompt = Prompt(.status(caseID: caseID), label: "Status", choices: CaseStatus.allCases.map(\.label), choice: current)
        case .markAnswered:
            guard let detail = view.selectedDetail else { return nothingSelected("request") }
            guard let latest = view.plans.last else {
                message = StatusMessage("There is no plan version yet: write one first (p).", isError: true)
                return []
            }
            // What Amazon has seen counts: the latest submitted version is proposed; a draft says so.
            if let sent = view.plans.last(where: { !$0.isDraft }) {
                let newer = latest.number != sent.number ? " (v\(latest.number) is a draft, not sent yet)" : ""
                prompt = Prompt(.answeredByVersion(caseID: caseID, detailID: detail.id),
                                label: "Answered by plan version\(newer)", input: String(sent.number))
            } else {
                prompt = Prompt(.answeredByVersion(caseID: caseID, detailID: detail.id),
                                label: "Answered by plan version (v\(latest.number) is a draft: it counts once sent)", input: String(latest.number))
            }
        case .waive:
            guard let detail = view.selectedDetail else { return nothingSelected("request") }
            prompt = Prompt(.waiveReason(caseID: caseID, detailID: detail.id), label: "Waive: why")
        case .reopen:
            guard let detail = view.selectedDetail else { return nothingSelected("request") }
            // A request no longer needed (another alternative was answered) can be reopened: the seller
            // says this one is still wanted after all.
            let notNeeded: Bool
            if case .notNeeded = view.file.standing(of: detail) { notNeeded = true } else { notNeeded = false }
            guard notNeeded || (detail.state != .unanswered && detail.state != .reopened) else {
                message = StatusMessage("This request is already unanswered.")
                return []
            }
            return [.setRequestState(caseID: caseID, detailID: detail.id, state: .reopened, seen: detail.state)]
        case .markPlanSubmitted:
            guard let plan = view.selectedPlan else { return nothingSelected("plan version") }
            if let submitted = plan.submitted {
                message = StatusMessage("v\(plan.number) was submitted on \(Timestamp.local(submitted, zone: options.timeZone)).", isError: true)
                return []
            }
            // Submitting closes deadlines: "no" is the answer Enter gives.
            prompt = Prompt(.confirmSubmitted(caseID: caseID, version: plan.number),
                            label: "Mark v\(plan.number) submitted to Amazon now? It closes the open deadlines", choices: ["no", "yes"])
        case .editEntry:
            guard let entry = view.selectedEntry else { return nothingSelected("entry") }
            switch entry.subject {
            case .message(let id):
                let when = view.file.messages.first { $0.id == id }.map { Timestamp.local($0.received, zone: options.timeZone) } ?? ""
                prompt = Prompt(.messageReceived(caseID: caseID, messageID: id), label: "Message \(id) arrived (date and time)", input: when)
            case .note(let id):
                let text = view.file.notes.first { $0.id == id }?.text ?? ""
                prompt = Prompt(.noteText(caseID: caseID, noteID: id), label: "Note", input: TerminalSafe.singleLine(text))
            case .plan(let number):
                message = StatusMessage("A version is never changed: press p to write v\(number + 1) from it.", isError: true)
            }
        case .removeEntry:
            guard let entry = view.selectedEntry else { return nothingSelected("entry") }
            switch entry.subject {
            case .message(let id):
                prompt = Prompt(.confirmRemove(caseID: caseID, entry.subject),
                                label: "Remove message \(id) with its requested details and deadline", choices: ["no", "yes"])
            case .note(let id):
                prompt = Prompt(.confirmRemove(caseID: caseID, entry.subject), label: "Remove note \(id)", choices: ["no", "yes"])
            case .plan:
                message = StatusMessage("Plan versions are kept for the record; U in the Plans tab takes back a submission.", isError: true)
            }
        case .moveMessage:
            guard let entry = view.selectedEntry, case .message(let id) = entry.subject else {
                message = StatusMessage("Select a message on the timeline to move it.", isError: true)
                return []
            }
            prompt = Prompt(.moveMessage(caseID: caseID, messageID: id), label: "Move message \(id) to case #")
        case .unsubmit:
            guard let plan = view.selectedPlan else { return nothingSelected("plan version") }
            guard plan.submitted != nil else {
                message = StatusMessage("v\(plan.number) is a draft: there is no submission to take back.", isError: true)
                return []
            }
            prompt = Prompt(.confirmUnsubmit(caseID: caseID, version: plan.number),
                            label: "Take back the submission of v\(plan.number)? Its deadlines open again", choices: ["no", "yes"])
        case .editCase:
            let current = view.file.suspensionCase
            prompt = Prompt(.editCaseTitle(current), label: "Case title", input: current.title)
        case .pickForCompare:
            guard let plan = view.selectedPlan else { return nothingSelected("plan version") }
            if view.pickedVersion == plan.number {
                view.pickedVersion = nil
                message = StatusMessage("Nothing picked to compare.")
            } else {
                view.pickedVersion = plan.number
                message = StatusMessage("Picked v\(plan.number): select another version and press d.")
            }
        case .compareVersions:
            guard let plan = view.selectedPlan else { return nothingSelected("plan version") }
            let base = view.pickedVersion.flatMap { view.file.plan(number: $0) }
                ?? view.plans.last { $0.number < plan.number }
            guard let base, base.number != plan.number else {
                message = StatusMessage("Nothing to compare v\(plan.number) with: pick another version first (Space).", isError: true)
                return []
            }
            pager = PagerState.diff(view.file, from: base, to: plan, width: width)
            screens.append(.pager)
        case .checkPlan:
            guard let plan = view.selectedPlan else { return nothingSelected("plan version") }
            return [.checkPlan(caseID: caseID, version: plan.number)]
        default:
            return []
        }
        caseView = view
        return []
    }

    mutating func nothingSelected(_ what: String) -> [Effect] {
        message = StatusMessage("No \(what) selected.", isError: true)
        return []
    }
}
