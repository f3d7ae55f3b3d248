import Foundation
import ReinstateCore

/// The one place the UI's state changes: given a state and an action, the new state and the effects
/// the runtime must carry out (bubbletea's `update`). Pure: no I/O, no clock.
public func reduce(_ state: AppState, _ action: Action) -> (AppState, [Effect]) {
    var next = state
    let effects = next.apply(action)
    return (next, effects)
}

extension AppState {
    /// Applies an action in place and returns the effects it asks for.
    public mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .started:
            if let first = options.startupProblems.first {
                let more = options.startupProblems.count - 1
                message = StatusMessage(first + (more > 0 ? " (and \(more) more; they are listed again when you quit)" : ""), isError: true)
            }
            return [.loadDueDeadlines(now: now, within: options.warningWindow)] + reloadList(count: true) + [.loadHeld]
        case .key(let key):
            return handle(key)
        case .mouse(let event):
            return handle(event)
        case .paste(let text):
            return handlePaste(text)
        case .storeChangedElsewhere:
            // Another window or a colleague changed the store: what is on screen is read again.
            if message == nil { message = StatusMessage("Updated: the store was changed elsewhere.") }
            return reloadAfterChange(caseID: caseView?.file.caseID) + [.loadHeld]
        case .connectionChanged(let problem?):
            // The screen stays as it was read; the line says why nothing new comes.
            message = StatusMessage(problem, isError: true)
            return []
        case .connectionChanged(nil):
            message = StatusMessage("Team store reachable again; the screen was read again.")
            return [.loadDueDeadlines(now: now, within: options.warningWindow)] + reloadAfterChange(caseID: caseView?.file.caseID) + [.loadHeld]
        case .resized(let newWidth, let newHeight):
            width = max(0, newWidth)
            height = max(0, newHeight)
            relayout()
            return ensureListWindow()
        case .tick(let date):
            now = date
            return []
        case .dueWarningsLoaded(let loaded):
            // Kept by due date, so every frame finds the next one and counts the overdue ones without
            // walking thousands of warnings (an agency's store can have that many).
            warnings = loaded
            if !warningsChecked {
                warningsChecked = true
                if !loaded.isEmpty, screen == .caseList { screens.append(.warning) }
            }
            relayout()
            return ensureListWindow()
        case .casesCounted(let filter, let total):
            guard filter == list.filter else { return [] }
            list.total = total
            list.scroll.clamp(count: total, visible: layout.listRows)
            return ensureListWindow()
        case .casesLoaded(let request, let rows):
            guard request.filter == list.filter, request.sort == list.sort else { return [] }
            list.window = CaseWindow(offset: request.offset, rows: rows, limit: request.limit)
            if list.pendingRequest == request { list.pendingRequest = nil }
            return ensureListWindow()
        case .caseLoaded(let file):
            if var view = caseView, view.file.caseID == file.caseID {
                view.reload(file)
                caseView = view
                relayout()
            } else {
                caseView = CaseViewState(file: file, zone: options.timeZone)
                relayout()
                screens = [.caseList, .caseView]
            }
            return []
        case .caseMissing(let id):
            message = StatusMessage("Case #\(id) is no longer in the store.", isError: true)
            if caseView?.file.caseID == id {
                caseView = nil
                screens = [.caseList]
            }
            return reloadList(count: true)
        case .saved(let text, let caseID):
            message = StatusMessage(text)
            return reloadAfterChange(caseID: caseID)
        case .savedUndoable(let text, let caseID, let undo):
            undoStack.append(undo)
            if undoStack.count > UndoStep.depth { undoStack.removeFirst(undoStack.count - UndoStep.depth) }
            message = StatusMessage(text + " (u undoes it)")
            return reloadAfterChange(caseID: caseID)
        case .messageRead(let caseID, let raw, _, let date):
            if date != nil { return [.addMessage(caseID: caseID, raw: raw, at: now)] }
            // A deadline counted from the wrong day is the worst mistake: ask rather than guess "now".
            prompt = Prompt(.messageArrived(caseID: caseID, raw: raw), label: "The message has no date. When did it arrive? (Enter alone: now)")
            return []
        case .exportTargetExists(let caseID, let format, let path):
            prompt = Prompt(.confirmReplace(caseID: caseID, format: format, path: path),
                            label: "\(path) exists. Replace it", choices: ["no", "yes"])
            return []
        case .caseCreated(let id):
            message = StatusMessage("Case #\(id) opened.")
            return reloadAfterChange(caseID: nil) + [.loadCase(id: id)]
        case .planChecked(let check, let caseID):
            guard let view = caseView, view.file.caseID == caseID else { return [] }
            pager = PagerState.review(view.file, check, width: width)
            screens.append(.pager)
            return []
        case .edited(let request, let result):
            return finishEditing(request, result: result)
        case .heldLoaded(let messages, let note):
            held = messages
            heldNote = note
            heldScroll.clamp(count: held.count, visible: layout.listRows)
            if held.isEmpty, screen == .heldMail {
                screens.removeLast()
                if message == nil { message = StatusMessage("No message is held any more.") }
            }
            return []
        case .heldMessageLoaded(let message):
            pager = PagerState.held(message, zone: options.timeZone, width: width)
            screens.append(.pager)
            return []
        case .heldFiled(let text, let caseID):
            message = StatusMessage(text)
            return reloadAfterChange(caseID: caseID) + [.loadHeld]
        case .conflict(let text, let caseID):
            // Nothing was changed: the seller sees who changed it, and the case as it is now.
            message = StatusMessage(text, isError: true)
            return reloadAfterChange(caseID: caseID)
        case .failed(let text):
            message = StatusMessage(text, isError: true)
            return []
        }
    }

    // MARK: - Keys

    mutating func handle(_ key: Key) -> [Effect] {
        // A message that explains the open question stays while it is answered.
        if case .editorFailed? = prompt?.purpose {} else { message = nil }
        if isTooSmall {
            if key == .character("q") || key == .character("Q") { return quit() }
            return []
        }
        if prompt != nil { return handlePrompt(key) }
        let context = keyContext
        guard let binding = options.keys.binding(for: key, in: context) else {
            // The warning goes away with any key.
            return screen == .warning ? perform(.continueToCases) : []
        }
        if binding.edits, options.readOnly {
            message = StatusMessage("Read-only mode: \(binding.title) is off.", isError: true)
            return []
        }
        return perform(binding.command)
    }

    mutating func perform(_ command: Command) -> [Effect] {
        switch command {
        case .moveDown: return move(.by(1))
        case .moveUp: return move(.by(-1))
        case .halfPageDown: return move(.by(max(1, visibleRows / 2)))
        case .halfPageUp: return move(.by(-max(1, visibleRows / 2)))
        case .pageDown: return move(.by(visibleRows))
        case .pageUp: return move(.by(-visibleRows))
        case .moveFirst: return move(.first)
        case .moveLast: return move(.last)
        case .open: return open()
        case .back: return back()
        case .quit: return quit()
        case .undo:
            guard let last = undoStack.popLast() else {
                message = StatusMessage("Nothing to undo in this session.")
                return []
            }
            return [.undo(last)]
        case .refresh:
            message = StatusMessage("Screen redrawn and cases read again.")
            return [.redrawScreen] + reloadAfterChange(caseID: caseView?.file.caseID)
        case .help:
            helpContext = keyContext
            helpScroll = ScrollWindow()
            screens.append(.help)
            return []
        case .continueToCases:
            if screen == .warning { screens.removeLast() }
            return ensureListWindow()
        case .filter:
            prompt = Prompt(.filter(previous: list.filter.text), label: "Filter", input: list.filter.text)
            return []
        case .cycleStatusFilter:
            list.filter.status = list.filter.status.next
            message = StatusMessage("Showing \(list.filter.status.label) cases.")
            return restartList()
        case .cycleSort:
            list.sort = list.sort.next
            message = StatusMessage("Sorted by \(list.sort.rawValue).")
            return restartList()
        case .newCase:
            prompt = Prompt(.newCaseTitle, label: "New case: title")
            return []
        case .fileHeld:
            guard !held.isEmpty else {
                message = StatusMessage(heldNote ?? "No message is held; `reinstate mail import` holds what it cannot place.")
                return []
            }
            // On the case list: the list of held messages, to read and pick from; there: file the selected one.
            guard screen == .heldMail else {
                heldScroll = ScrollWindow()
                screens.append(.heldMail)
                return []
            }
            let chosen = held[min(max(0, heldScroll.selected), held.count - 1)]
            let from = chosen.sender.isEmpty ? "" : " from \(TerminalSafe.singleLine(chosen.sender))"
            message = StatusMessage("Held\(from): \"\(TerminalSafe.singleLine(chosen.subject))\", because \(TerminalSafe.singleLine(chosen.reason)).")
            prompt = Prompt(.fileHeld(id: chosen.id), label: "File held message #\(chosen.id) into case # (or new; Esc: later)")
            return []
        case .nextTab, .previousTab, .showTimeline, .showRequestedDetails, .showPlans, .showDeadlines,
            .addMessage, .newPlanDraft, .addNote, .changeStatus, .exportCase, .markAnswered, .waive, .reopen,
            .markPlanSubmitted, .pickForCompare, .compareVersions, .checkPlan, .editEntry, .removeEntry, .moveMessage,
            .unsubmit, .editCase:
            return performOnCase(command)
        case .search:
            let last = pager?.search ?? ""
            prompt = Prompt(.pagerSearch, label: last.isEmpty ? "Search" : "Search (Enter alone: “\(last)” again)")
            return []
        case .nextMatch: return findInPager(forward: true)
        case .previousMatch: return findInPager(forward: false)
        case .accept, .cancel, .previousChoice, .nextChoice, .deleteBackward, .clearInput:
            return []  // prompt commands are handled by `handlePrompt`
        }
    }

    mutating func quit() -> [Effect] {
        quitting = true
        return [.quit]
    }

    mutating func back() -> [Effect] {
        switch screen {
        case .caseList, .warning:
            return []
        case .caseView:
            caseView = nil
            screens.removeLast()
            return ensureListWindow()
        case .pager:
            pager = nil
            screens.removeLast()
            return []
        case .help, .heldMail:
            screens.removeLast()
            return []
        }
    }

    // MARK: - Effects after a change

    mutating func reloadAfterChange(caseID: Int64?) -> [Effect] {
        var effects: [Effect] = [.loadDueDeadlines(now: now, within: options.warningWindow)]
        effects += reloadList(count: true)
        if let caseID, caseView?.file.caseID == caseID { effects.append(.loadCase(id: caseID)) }
        return effects
    }

    /// The editor closed. A saved text is stored (unless empty or unchanged); when the editor failed,
    /// the text stays in its file and the seller chooses: store it, edit it again, or leave it there.
    mutating func finishEditing(_ request: EditRequest, result: EditorResult) -> [Effect] {
        guard let problem = result.problem else { return store(request, text: result.text) }
        let written = !result.text.allSatisfy(\.isWhitespace) && result.text != request.unchangedText
        guard written, let file = result.keptAt else {
            message = StatusMessage("Nothing saved: \(problem), and \(request.what) was empty or unchanged.", isError: true)
            return result.keptAt.map { [.removeFile($0)] } ?? []
        }
        message = StatusMessage("\(problem.prefix(1).uppercased() + problem.dropFirst()); your text is kept in \(file)", isError: true)
        prompt = Prompt(.editorFailed(request, result), label: "Store \(request.what)?", choices: Self.editorFailedChoices, choice: 2)
        return []
    }

    static let editorFailedChoices = ["store it", "edit again", "leave it in the file"]

    /// Stores what the editor saved.
    mutating func store(_ request: EditRequest, text: String) -> [Effect] {
        guard !text.allSatisfy(\.isWhitespace) else {
            message = StatusMessage("Nothing saved: the text was empty.")
            return []
        }
        switch request.purpose {
        case .message(let caseID):
            return [.readMessage(caseID: caseID, raw: Data(text.utf8))]
        case .note(let caseID):
            return [.addNote(caseID: caseID, text: text.trimmingCharacters(in: .whitespacesAndNewlines), at: now)]
        case .planDraft(let caseID):
            if text == request.unchangedText {
                message = StatusMessage("Nothing saved: the draft was not changed.")
                return []
            }
            return [.addPlanDraft(caseID: caseID, text: text, at: now)]
        }
    }

    /// After a resize or a change of the banner: keep every selection on screen and rewrap the pager.
    mutating func relayout() {
        let layout = self.layout
        list.scroll.clamp(count: list.total, visible: layout.listRows)
        if var view = caseView {
            for tab in CaseTab.allCases {
                var scroll = view.scroll(tab)
                scroll.clamp(count: view.rowCount(tab), visible: rows(for: tab))
                view.scrolls[tab] = scroll
            }
            caseView = view
        }
        pager?.rewrap(width: width)
        if let pager { self.pager?.scroll.scroll(to: pager.scroll.top, count: pager.lines.count, visible: layout.pagerRows) }
        helpScroll.scroll(to: helpScroll.top, count: HelpScreen.lines(options.keys, helpContext, width: width).count, visible: layout.pagerRows)
    }

    /// Rows a case tab shows at once.
    func rows(for tab: CaseTab) -> Int {
        tab == .requestedDetails ? layout.requestListRows : layout.tabRows
    }

    /// Moves the pager to the next (or previous) line holding the search, wrapping round.
    mutating func findInPager(forward: Bool, including: Bool = false) -> [Effect] {
        guard var current = pager else { return [] }
        let term = current.search
        guard !term.isEmpty else {
            message = StatusMessage("Nothing to find yet: press / and type what to look for.", isError: true)
            return []
        }
        let visible = current.scroll.visibleRange(count: current.lines.count, visible: layout.pagerRows)
        let start = current.matchLine.flatMap { visible.contains($0) ? $0 : nil } ?? current.scroll.top
        guard let found = current.match(of: term, from: start, forward: forward, including: including) else {
            message = StatusMessage("“\(term)” is not in this text.", isError: true)
            return []
        }
        current.scroll.scroll(to: found.line, count: current.lines.count, visible: layout.pagerRows)
        current.matchLine = found.line
        pager = current
        if found.wrapped { message = StatusMessage(forward ? "Search went on from the top." : "Search went on from the bottom.") }
        return []
    }
}
