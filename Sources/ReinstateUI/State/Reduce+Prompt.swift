import Foundation
import ReinstateCore

extension AppState {
    /// Keys while the prompt line is open: its commands from the key table, else typed text.
    mutating func handlePrompt(_ key: Key) -> [Effect] {
        guard var current = prompt else { return [] }
        switch options.keys.command(for: key, in: .prompt) {
        case .accept?:
            prompt = nil
            return submit(current)
        case .cancel?:
            prompt = nil
            switch current.purpose {
            case .newCaseAccount, .newCaseMarketplace, .newCaseReason:
                message = StatusMessage("No case opened; the answers so far were not kept.")
            case .editCaseAccount, .editCaseMarketplace:
                message = StatusMessage("The case was not changed.")
            case .messageArrived:
                message = StatusMessage("The message was not stored.")
            case .editorFailed(_, let result):
                if let file = result.keptAt { message = StatusMessage("Nothing stored; your text is in \(file).") }
            default:
                break
            }
            if case .filter(let previous) = current.purpose, previous != list.filter.text {
                list.filter.text = previous
                return restartList()
            }
            return []
        case .refresh?:
            return perform(.refresh)
        case .previousChoice?:
            if current.isChoice { current.choice = (current.choice + current.choices.count - 1) % current.choices.count }
        case .nextChoice?:
            if current.isChoice { current.choice = (current.choice + 1) % current.choices.count }
        case .deleteBackward?:
            if !current.input.isEmpty { current.input.removeLast() }
        case .clearInput?:
            current.input = ""
        default:
            guard let typed = key.typedCharacter else { return [] }
            if current.isChoice {
                // A letter picks the first choice it begins.
                let letter = typed.lowercased()
                if let index = current.choices.firstIndex(where: { $0.lowercased().hasPrefix(letter) }) {
                    current.choice = index
                }
            } else {
                current.input.append(typed)
            }
        }
        prompt = current
        if case .filter = current.purpose, current.input != list.filter.text {
            list.filter.text = current.input
            return restartList()
        }
        return []
    }

    /// What an accepted answer does.
    mutating func submit(_ answer: Prompt) -> [Effect] {
        let text = answer.input.trimmingCharacters(in: .whitespacesAndNewlines)
        func ask(again label: String) -> [Effect] {
            message = StatusMessage(label, isError: true)
            prompt = answer
            return []
        }
        switch answer.purpose {
        case .filter:
            message = StatusMessage(list.total == 1 ? "1 case matches." : "\(list.total) cases match.")
            return []
        case .pagerSearch:
            if text.isEmpty { return findInPager(forward: true) }
            pager?.search = text
            pager?.matchLine = nil
            return findInPager(forward: true, including: true)
        case .answeredByVersion(let caseID, let detailID):
            guard let number = Int(text), caseView?.file.plan(number: number) != nil else {
                let known = caseView?.plans.map { "v\($0.number)" }.joined(separator: ", ") ?? ""
                return ask(again: "Give the number of a plan version (\(known)).")
            }
            return [.setRequestState(
                caseID: caseID, detailID: detailID, state: .answered(version: number, by: .user), seen: shownState(of: detailID))]
        case .waiveReason(let caseID, let detailID):
            guard !text.isEmpty else { return ask(again: "Say why the request is waived.") }
            return [.setRequestState(caseID: caseID, detailID: detailID, state: .waived(reason: text), seen: shownState(of: detailID))]
        case .status(let caseID):
            let status = CaseStatus.allCases[min(answer.choice, CaseStatus.allCases.count - 1)]
            guard status != caseView?.file.suspensionCase.status else {
                message = StatusMessage("The status is already \(status.label); nothing changed.")
                return []
            }
            if status.isFinished {
                // A finished case closes its deadlines: ask, with "no" under Enter.
                prompt = Prompt(.confirmStatus(caseID: caseID, status: status),
                                label: "Set the case to \(status.label)? Its open deadlines close", choices: ["no", "yes"])
                return []
            }
            return [.changeStatus(caseID: caseID, status: status, at: now, seen: shownStatus(of: caseID))]
        case .note(let caseID):
            guard !text.isEmpty else {
                message = StatusMessage("Nothing saved: the note was empty.")
                return []
            }
            return [.addNote(caseID: caseID, text: text, at: now)]
        case .messageSource(let caseID):
            if text.isEmpty {
                return [.editText(EditRequest(purpose: .message(caseID: caseID), initialText: ""))]
            }
            return [.addMessageFile(caseID: caseID, path: text, at: now)]
        case .exportFormat(let caseID):
            let format = Self.exportFormats[min(answer.choice, Self.exportFormats.count - 1)]
            let suffix = ["markdown": "md", "text": "txt"][format] ?? format
            prompt = Prompt(.exportPath(caseID: caseID, format: format), label: "Export to file", input: "case-\(caseID).\(suffix)")
            return []
        case .exportPath(let caseID, let format):
            guard !text.isEmpty else { return ask(again: "Give a file to write the export to.") }
            return [.exportCase(caseID: caseID, format: format, path: text)]
        case .messageArrived(let caseID, let raw):
            if text.isEmpty { return [.addMessage(caseID: caseID, raw: raw, at: now)] }
            guard let date = Timestamp.parse(text, zone: options.timeZone) else {
                return ask(again: "Give a date like 2026-11-20 or 2026-11-20T14:05 (Enter alone: now).")
            }
            guard date <= now else { return ask(again: "That is in the future; give when the message arrived.") }
            return [.addMessage(caseID: caseID, raw: raw, at: date)]
        case .editorFailed(let request, let result):
            guard let file = result.keptAt else { return [] }
            switch answer.choice {
            case 0:
                // The kept file goes once the text is safely stored.
                return store(request, text: result.text).map { .thenRemove($0, file: file) }
            case 1:
                let again = EditRequest(purpose: request.purpose, initialText: result.text, unchangedText: request.unchangedText)
                return [.thenRemove(.editText(again), file: file)]
            default:
                message = StatusMessage("Nothing stored; your text is in \(file).")
                return []
            }
        case .noteText(let caseID, let noteID):
            guard !text.isEmpty else { return ask(again: "A note needs some text; D removes it.") }
            return [.editNote(caseID: caseID, noteID: noteID, text: text)]
        case .messageReceived(let caseID, let messageID):
            guard let date = Timestamp.parse(text, zone: options.timeZone) else {
                return ask(again: "Give a date like 2026-11-20T14:05.")
            }
            guard date <= now else { return ask(again: "That is in the future; give when the message arrived.") }
            return [.correctMessage(caseID: caseID, messageID: messageID, fix: .received(date))]
        case .moveMessage(let caseID, let messageID):
            guard let target = Int64(text.trimmingCharacters(in: CharacterSet(charactersIn: "#"))), target > 0 else {
                return ask(again: "Give the number of the case the message belongs to.")
            }
            guard target != caseID else { return ask(again: "The message is in case #\(caseID) already.") }
            return [.correctMessage(caseID: caseID, messageID: messageID, fix: .move(toCase: target))]
        case .confirmRemove(let caseID, let subject):
            guard answer.choices[answer.choice] == "yes" else {
                message = StatusMessage("Nothing removed.")
                return []
            }
            switch subject {
            case .message(let id): return [.correctMessage(caseID: caseID, messageID: id, fix: .remove)]
            case .note(let id): return [.removeNote(caseID: caseID, noteID: id)]
            case .plan: return []
            }
        case .confirmUnsubmit(let caseID, let version):
            guard answer.choices[answer.choice] == "yes" else {
                message = StatusMessage("v\(version) stays submitted.")
                return []
            }
            return [.unsubmitPlan(caseID: caseID, version: version, at: now)]
        case .editCaseTitle(var draft):
            guard !text.isEmpty else { return ask(again: "A case needs a title.") }
            draft.title = text
            prompt = Prompt(.editCaseAccount(draft), label: "Seller account", input: draft.account)
            return []
        case .editCaseAccount(var draft):
            draft.account = text
            prompt = Prompt(.editCaseMarketplace(draft), label: "Marketplace", input: draft.marketplace)
            return []
        case .editCaseMarketplace(var draft):
            draft.marketplace = Marketplace.normalize(text)
            return [.editCase(caseID: draft.id, title: draft.title, account: draft.account, marketplace: draft.marketplace)]
        case .confirmReplace(let caseID, let format, let path):
            guard answer.choices[answer.choice] == "yes" else {
                prompt = Prompt(.exportPath(caseID: caseID, format: format), label: "Export to another file", input: path)
                return []
            }
            return [.exportCase(caseID: caseID, format: format, path: path, replacing: true)]
        case .confirmSubmitted(let caseID, let version):
            guard answer.choices[answer.choice] == "yes" else {
                message = StatusMessage("Not marked submitted.")
                return []
            }
            return [.markPlanSubmitted(caseID: caseID, version: version, at: now)]
        case .confirmStatus(let caseID, let status):
            guard answer.choices[answer.choice] == "yes" else {
                message = StatusMessage("The status stays as it was.")
                return []
            }
            return [.changeStatus(caseID: caseID, status: status, at: now, seen: shownStatus(of: caseID))]
        case .newCaseTitle:
            guard !text.isEmpty else { return ask(again: "A new case needs a title.") }
            prompt = Prompt(.newCaseAccount(SuspensionCase(title: text, opened: now)), label: "New case: seller account")
            return []
        case .newCaseAccount(var draft):
            draft.account = text
            prompt = Prompt(.newCaseMarketplace(draft), label: "New case: marketplace", input: "amazon.com")
            return []
        case .newCaseMarketplace(var draft):
            draft.marketplace = Marketplace.normalize(text)
            prompt = Prompt(.newCaseReason(draft), label: "New case: reason",
                            choices: SuspensionReason.allCases.map(\.label), choice: SuspensionReason.allCases.count - 1)
            return []
        case .fileHeld(let id):
            if text.lowercased() == "new" { return [.fileHeld(id: id, caseID: nil, at: now)] }
            guard let target = Int64(text.trimmingCharacters(in: CharacterSet(charactersIn: "#"))), target > 0 else {
                return ask(again: "Give the number of a case, or new.")
            }
            return [.fileHeld(id: id, caseID: target, at: now)]
        case .newCaseReason(var draft):
            draft.reason = SuspensionReason.allCases[min(answer.choice, SuspensionReason.allCases.count - 1)]
            return [.newCase(draft)]
        }
    }
}

extension AppState {
    /// The state of a requested detail as the case on screen shows it: what the seller decides on.
    func shownState(of detailID: Int64) -> RequestState? {
        caseView?.file.requests.first { $0.id == detailID }?.state
    }

    /// The status of the case on screen, when it is `caseID`.
    func shownStatus(of caseID: Int64) -> CaseStatus? {
        guard let file = caseView?.file, file.suspensionCase.id == caseID else { return nil }
        return file.suspensionCase.status
    }
}
