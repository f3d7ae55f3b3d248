import Foundation
import ReinstateCore

extension AppState {
    /// A bracketed paste: it lands whole where the cursor is, and is never read as keys. One line goes
    /// into a one-line prompt; several lines go to the editor for a note or a message, and are refused
    /// with a word anywhere else.
    mutating func handlePaste(_ pasted: String) -> [Effect] {
        message = nil
        guard !isTooSmall else { return [] }
        var text = pasted
        while let last = text.last, last == "\n" || last == " " || last == "\t" { text.removeLast() }
        guard var current = prompt else {
            if !text.isEmpty { message = StatusMessage(Self.pasteOutsidePrompt(screen), isError: true) }
            return []
        }
        guard !text.isEmpty else { return [] }
        if current.isChoice {
            message = StatusMessage("Pick the answer with the arrows and Enter; the paste was not used.", isError: true)
            return []
        }
        let lineCount = text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        guard lineCount > 1 else {
            current.input += text.replacingOccurrences(of: "\t", with: " ")
            prompt = current
            if case .filter = current.purpose, current.input != list.filter.text {
                list.filter.text = current.input
                return restartList()
            }
            return []
        }
        switch current.purpose {
        case .note(let caseID):
            prompt = nil
            let start = current.input.isEmpty ? text : current.input + "\n" + text
            message = StatusMessage("\(lineCount) lines pasted: the note is in your editor: what the file holds when you quit is stored (empty it to store nothing).")
            return [.editText(EditRequest(purpose: .note(caseID: caseID), initialText: start + "\n", unchangedText: ""))]
        case .messageSource(let caseID):
            prompt = nil
            message = StatusMessage("\(lineCount) lines pasted: the message is in your editor: what the file holds when you quit is stored (empty it to store nothing).")
            return [.editText(EditRequest(purpose: .message(caseID: caseID), initialText: text + "\n", unchangedText: ""))]
        default:
            message = StatusMessage("The paste has \(lineCount) lines and this answer takes one; nothing was typed.", isError: true)
            return []
        }
    }

    /// What to do instead, when text is pasted with no prompt open.
    static func pasteOutsidePrompt(_ screen: Screen) -> String {
        switch screen {
        case .caseView:
            return "Pasted text is not read as keys: press m to add a message or n for a note, then paste."
        case .caseList, .warning:
            return "Pasted text is not read as keys: press / to filter, or open a case to add a message."
        case .pager:
            return "Pasted text is not read as keys: press / to search, then paste."
        case .help, .heldMail:
            return "Pasted text is not read as keys."
        }
    }
}
