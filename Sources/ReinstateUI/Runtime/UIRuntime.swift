import Foundation
import ReinstateCore

/// Runs the UI: feeds terminal events to `reduce`, carries out the effects against the case book and
/// the editor, feeds their results back, and draws. Single-threaded and synchronous: an effect's
/// result is reduced before the next frame is drawn.
public final class UIRuntime<Book: CaseBook> {
    public private(set) var state: AppState
    private let book: Book
    private let clock: () -> Date
    private var editor: ((String) throws -> EditorResult)?
    private weak var terminal: Terminal?
    /// The store's change counter when last looked at (`CaseBook.changeMark`).
    private var changeMark: Int?
    /// The store's connection problem when last looked at (`CaseBook.connectionProblem`).
    private var connectionProblem: String?

    /// A runtime over a case book; `clock` gives the time now (injected so tests are repeatable).
    public init(book: Book, options: UIOptions, width: Int = 80, height: Int = 24, clock: @escaping () -> Date = Date.init) {
        self.book = book
        self.clock = clock
        state = AppState(width: width, height: height, now: clock(), options: options)
    }

    /// Loads the warnings and the first window of cases.
    public func start() {
        send(.started)
    }

    /// Reduces an action and every action its effects lead to.
    public func send(_ action: Action) {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            let effects = state.apply(next)
            for effect in effects {
                if let result = perform(effect) { queue.append(result) }
            }
        }
    }

    /// Runs until the seller quits: draw, wait for an event, handle it.
    public func run(on terminal: Terminal) {
        editor = { [unowned terminal] text in try terminal.edit(text) }
        self.terminal = terminal
        defer {
            editor = nil
            self.terminal = nil
        }
        changeMark = try? book.changeMark()
        let size = terminal.size
        send(.resized(width: size.width, height: size.height))
        start()
        var lastMinute = Int(clock().timeIntervalSince1970 / 60)
        while !state.quitting {
            terminal.draw(render(state))
            let event = terminal.nextEvent()
            let now = clock()
            if event != nil || Int(now.timeIntervalSince1970 / 60) != lastMinute {
                lastMinute = Int(now.timeIntervalSince1970 / 60)
                send(.tick(now))
            }
            // Another process (a command in another window, a colleague) changed the store: reload. Looked
            // at when no key came (about once a second), so a key press never pays for it.
            // A team store that went away, or came back: said on the message line, the screen kept.
            if event == nil, book.connectionProblem() != connectionProblem {
                connectionProblem = book.connectionProblem()
                send(.connectionChanged(connectionProblem))
            }
            if event == nil, let mark = try? book.changeMark(), mark != changeMark {
                changeMark = mark
                send(.storeChangedElsewhere)
            }
            switch event {
            case .key(let key)?: send(.key(key))
            case .mouse(let mouse)?: send(.mouse(mouse))
            case .paste(let text)?: send(.paste(text))
            case .resize(let width, let height)?: send(.resized(width: width, height: height))
            case .resumed?: send(.resized(width: terminal.size.width, height: terminal.size.height))
            case nil: break
            }
        }
    }

    // MARK: - Effects

    /// Carries out one effect; its result as an action.
    func perform(_ effect: Effect) -> Action? {
        do {
            switch effect {
            case .loadDueDeadlines(let now, let window):
                return .dueWarningsLoaded(try book.dueWarnings(now: now, within: window, first: AppState.warningRows))
            case .countCases(let filter):
                return .casesCounted(filter, total: try book.countCases(matching: filter))
            case .loadCases(let request):
                let rows = try book.cases(matching: request.filter, sortedBy: request.sort, offset: request.offset, limit: request.limit)
                return .casesLoaded(request, rows: rows)
            case .loadCase(let id):
                guard let file = try book.caseHistory(id: id) else { return .caseMissing(id: id) }
                return .caseLoaded(file)
            case .setRequestState(let caseID, let detailID, let requestState, let seen):
                let token: UndoToken?
                do {
                    token = try book.setRequestState(detailID: detailID, to: requestState, seen: seen)
                } catch let conflict as ChangeConflict where conflict.conflictLine != nil {
                    return .conflict(conflict.conflictLine ?? "", caseID: caseID)
                }
                let what: String
                switch requestState {
                case .unanswered, .reopened: what = "Request reopened."
                case .answered(let version, _): what = "Request marked answered by v\(version)."
                case .waived: what = "Request waived."
                }
                return Self.saved(what, caseID: caseID, undo: token, undoing: "the request's mark")
            case .changeStatus(let caseID, let status, let at, let seen):
                let token: UndoToken?
                do {
                    token = try book.changeStatus(caseID: caseID, to: status, at: at, seen: seen)
                } catch let conflict as ChangeConflict where conflict.conflictLine != nil {
                    return .conflict(conflict.conflictLine ?? "", caseID: caseID)
                }
                return Self.saved("Status changed to \(status.label).", caseID: caseID, undo: token, undoing: "the status change to \(status.label)")
            case .undo(let step):
                try book.undo(step.token)
                return .saved("Undone: \(step.what).", caseID: step.caseID)
            case .editNote(let caseID, let noteID, let text):
                let token = try book.editNote(id: noteID, text: text)
                return Self.saved("Note changed.", caseID: caseID, undo: token, undoing: "the note's change")
            case .removeNote(let caseID, let noteID):
                let token = try book.removeNote(id: noteID)
                return Self.saved("Note removed.", caseID: caseID, undo: token, undoing: "the note's removal")
            case .correctMessage(let caseID, let messageID, let fix):
                let done = try book.correctMessage(id: messageID, fix)
                let what: String
                switch fix {
                case .received(let date): what = "Message \(messageID) now arrived \(Timestamp.local(date, zone: state.options.timeZone))"
                case .move(let target): what = "Message \(messageID) moved to case #\(target)"
                case .remove: what = "Message \(messageID) removed"
                }
                let changes = done.changes.isEmpty ? "; no deadline changed." : "; " + done.changes.joined(separator: "; ") + "."
                return Self.saved(what + changes, caseID: caseID, undo: done.undo, undoing: "the correction of message \(messageID)")
            case .unsubmitPlan(let caseID, let version, let at):
                let token = try book.unsubmitPlan(caseID: caseID, version: version, at: at)
                return Self.saved("v\(version) is a draft again; the deadlines it closed are open.", caseID: caseID, undo: token,
                                  undoing: "taking back v\(version)")
            case .editCase(let caseID, let title, let account, let marketplace):
                let token = try book.editCase(id: caseID, title: title, account: account, marketplace: marketplace)
                return Self.saved("Case #\(caseID) corrected.", caseID: caseID, undo: token, undoing: "the case's correction")
            case .addNote(let caseID, let text, let at):
                let token = try book.addNote(caseID: caseID, text: text, at: at)
                return Self.saved("Note added.", caseID: caseID, undo: token, undoing: "the new note")
            case .addMessageFile(let caseID, let path, _):
                // Only a regular file is read, and no more of it than a message may hold.
                let expanded = Self.resolve(path)
                let fd = try RegularFile.open(expanded, what: "message file")
                defer { close(fd) }
                let data = try RegularFile.read(fd, upTo: Self.messageLimit + 1)
                guard data.count <= Self.messageLimit else {
                    return .failed("\(expanded) is larger than \(Self.messageLimit / 1_048_576) MB; is it the right file? Nothing was stored.")
                }
                return .messageRead(caseID: caseID, raw: data, source: expanded, date: try book.messageDate(data))
            case .readMessage(let caseID, let raw):
                return .messageRead(caseID: caseID, raw: raw, source: "the editor", date: try book.messageDate(raw))
            case .addMessage(let caseID, let raw, let at):
                let added = try book.addMessage(caseID: caseID, raw: raw, at: at)
                return Self.saved(added.summary(now: clock(), zone: state.options.timeZone), caseID: caseID, undo: added.undo,
                                  undoing: "adding message \(added.id)")
            case .editText(let request):
                guard let editor else { return .failed("No editor available here.") }
                return .edited(request, try editor(request.initialText))
            case .addPlanDraft(let caseID, let text, let at):
                let number = try book.addPlanDraft(caseID: caseID, text: text, at: at)
                return .saved("Plan v\(number) saved as a draft.", caseID: caseID)
            case .markPlanSubmitted(let caseID, let version, let at):
                let token = try book.markPlanSubmitted(caseID: caseID, version: version, at: at)
                return Self.saved("v\(version) marked submitted.", caseID: caseID, undo: token, undoing: "marking v\(version) submitted")
            case .newCase(let draft):
                return .caseCreated(id: try book.newCase(draft))
            case .loadHeld:
                let messages = try book.heldMessages()
                return .heldLoaded(messages, note: messages.isEmpty ? try book.heldMailNote() : nil)
            case .loadHeldMessage(let id):
                return .heldMessageLoaded(try book.heldMessage(id: id))
            case .fileHeld(let id, let caseID, let at):
                let added = try book.fileHeld(id: id, caseID: caseID, at: at)
                let into = added.caseID ?? caseID ?? 0
                return .heldFiled(
                    "Filed held message #\(id) into case #\(into). " + added.summary(now: clock(), zone: state.options.timeZone), caseID: into)
            case .checkPlan(let caseID, let version):
                return .planChecked(try book.checkPlan(caseID: caseID, version: version), caseID: caseID)
            case .exportCase(let caseID, let format, let path, let replacing):
                let absolute = Self.resolve(path)
                var isFolder: ObjCBool = false
                if !replacing, FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder), !isFolder.boolValue {
                    return .exportTargetExists(caseID: caseID, format: format, path: absolute)
                }
                try book.exportCase(id: caseID, format: format, to: absolute, replacing: replacing, at: clock())
                return .saved("Exported as \(format) to \(absolute).", caseID: caseID)
            case .removeFile(let path):
                unlink(path)
                return nil
            case .thenRemove(let inner, let path):
                let result = perform(inner)
                if case .failed? = result { return result }
                unlink(path)
                return result
            case .redrawScreen:
                terminal?.redrawAll()
                return nil
            case .quit:
                return nil
            }
        } catch {
            return .failed(Self.describe(error))
        }
    }

    /// A saved change, undoable when the book gave a token.
    static func saved(_ text: String, caseID: Int64, undo token: UndoToken?, undoing what: String) -> Action {
        guard let token else { return .saved(text, caseID: caseID) }
        return .savedUndoable(text, caseID: caseID, undo: UndoStep(what: what, token: token, caseID: caseID))
    }

    /// The largest message the tracker reads from a file (the store refuses larger ones too).
    static var messageLimit: Int { MessageReader.largestMessage }

    /// A path typed, pasted or dragged into a prompt, made absolute.
    static func resolve(_ typed: String) -> String {
        TypedPath.resolve(typed, home: NSHomeDirectory(), folder: FileManager.default.currentDirectoryPath)
    }

    /// An error in words a seller understands.
    static func describe(_ error: Error) -> String {
        if let localized = error as? LocalizedError, let text = localized.errorDescription { return text }
        let cocoa = error as NSError
        if cocoa.domain == NSCocoaErrorDomain { return cocoa.localizedDescription }
        return String(describing: error)
    }
}
