/// One row of the key table: a command, its keys, where it applies, and how help and the footer
/// name it.
public struct KeyBinding: Sendable, Equatable {
    public var command: Command
    public var keys: [Key]
    public var contexts: [KeyContext]
    /// A word or two for the footer ("filter").
    public var title: String
    /// A sentence for `?` help.
    public var help: String
    /// Whether the footer shows it.
    public var inFooter: Bool
    /// Whether it changes the store, and is therefore off in `--read-only` mode.
    public var edits: Bool

    /// Creates a row of the key table.
    public init(
        _ command: Command, _ keys: [Key], _ contexts: [KeyContext], title: String, help: String,
        footer: Bool = false, edits: Bool = false
    ) {
        self.command = command
        self.keys = keys
        self.contexts = contexts
        self.title = title
        self.help = help
        self.inFooter = footer
        self.edits = edits
    }
}

/// The one table of commands from which key bindings, the `?` help screen and the footer are all
/// generated (after tig's request table). Look-ups go through a dictionary built once.
public struct KeyTable: Sendable, Equatable {
    public private(set) var bindings: [KeyBinding]
    private var lookup: [KeyContext: [Key: Int]] = [:]

    /// A table from rows; a later row wins a key already bound in the same context.
    public init(_ bindings: [KeyBinding]) {
        self.bindings = bindings
        rebuild()
    }

    public static func == (lhs: KeyTable, rhs: KeyTable) -> Bool { lhs.bindings == rhs.bindings }

    private mutating func rebuild() {
        lookup = [:]
        for (index, binding) in bindings.enumerated() {
            for context in binding.contexts {
                for key in binding.keys { lookup[context, default: [:]][key] = index }
            }
        }
    }

    /// The row a key triggers in a context, if any.
    public func binding(for key: Key, in context: KeyContext) -> KeyBinding? {
        guard let index = lookup[context]?[key] else { return nil }
        return bindings[index]
    }

    /// The command a key triggers in a context, if any.
    public func command(for key: Key, in context: KeyContext) -> Command? {
        binding(for: key, in: context)?.command
    }

    /// The rows that apply in a context, in table order (for help).
    public func bindings(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.contexts.contains(context) }
    }

    /// The footer's entries for a context: first key and title of each footer row.
    public func footer(in context: KeyContext) -> [(key: String, title: String)] {
        bindings(in: context).filter(\.inFooter).compactMap { binding in
            binding.keys.first.map { (key: $0.name, title: binding.title) }
        }
    }

    /// The first key bound to a command in a context, named for messages ("press a to …").
    public func keyName(for command: Command, in context: KeyContext) -> String? {
        bindings(in: context).first { $0.command == command }?.keys.first?.name
    }

    /// The table with a command bound to other keys (from the configuration file). The new keys are
    /// taken from whatever else they were bound to in the same contexts.
    public func rebinding(_ command: Command, to keys: [Key]) -> KeyTable {
        var rows = bindings
        let contexts = Set(rows.filter { $0.command == command }.flatMap(\.contexts))
        for index in rows.indices {
            if rows[index].command == command {
                rows[index].keys = keys
            } else if !contexts.isDisjoint(with: rows[index].contexts) {
                rows[index].keys.removeAll { keys.contains($0) }
            }
        }
        return KeyTable(rows)
    }
}

extension KeyTable {
    /// The bindings Reinstate ships with.
    public static let standard = KeyTable([
        // Moving
        KeyBinding(.moveDown, [.character("j"), .down, .control("n")], KeyContext.movable,
                   title: "down", help: "Move down one line", footer: true),
        KeyBinding(.moveUp, [.character("k"), .up, .control("p")], KeyContext.movable,
                   title: "up", help: "Move up one line", footer: true),
        KeyBinding(.halfPageDown, [.control("d")], KeyContext.movable,
                   title: "½ page down", help: "Move down half a page"),
        KeyBinding(.halfPageUp, [.control("u")], KeyContext.movable,
                   title: "½ page up", help: "Move up half a page"),
        KeyBinding(.pageDown, [.pageDown, .control("f")], KeyContext.movable,
                   title: "page down", help: "Move down a page"),
        KeyBinding(.pageUp, [.pageUp, .control("b")], KeyContext.movable,
                   title: "page up", help: "Move up a page"),
        KeyBinding(.moveFirst, [.character("g"), .home], KeyContext.movable,
                   title: "first", help: "Go to the first line"),
        KeyBinding(.moveLast, [.character("G"), .end], KeyContext.movable,
                   title: "last", help: "Go to the last line"),
        KeyBinding(.open, [.enter], [.caseList, .timeline, .requestedDetails, .plans, .deadlines, .heldMail],
                   title: "open", help: "Open the selected case, message, request, version or deadline", footer: true),
        KeyBinding(.back, [.character("q"), .escape, .backspace], KeyContext.caseTabs + [.pager, .help, .heldMail],
                   title: "back", help: "Go back to the previous screen", footer: true),
        KeyBinding(.quit, [.character("q"), .character("Q")], [.caseList],
                   title: "quit", help: "Quit Reinstate", footer: true),
        KeyBinding(.quit, [.character("Q")], KeyContext.caseTabs + [.pager, .help, .heldMail],
                   title: "quit", help: "Quit Reinstate from anywhere"),
        KeyBinding(.help, [.character("?"), .function(1)], KeyContext.movable.filter { $0 != .help } + [.warning],
                   title: "help", help: "Show every key of this screen", footer: true),
        KeyBinding(.refresh, [.control("l")], KeyContext.allCases,
                   title: "redraw", help: "Redraw the screen and read the cases again (changes made in another window)"),
        KeyBinding(.undo, [.character("u")], [.caseList] + KeyContext.caseTabs,
                   title: "undo", help: "Take back the last change of this session, exactly (up to 50)", edits: true),
        KeyBinding(.continueToCases, [.enter, .character(" "), .escape, .character("q")], [.warning],
                   title: "continue", help: "Go on to the case list (any other key too)", footer: true),
        // Case list
        KeyBinding(.filter, [.character("/")], [.caseList],
                   title: "filter", help: "Filter cases as you type (title, account, ASIN, text)", footer: true),
        KeyBinding(.cycleStatusFilter, [.character("s")], [.caseList],
                   title: "status", help: "Show cases of one status: all, unfinished, then each status in turn", footer: true),
        KeyBinding(.cycleSort, [.character("o")], [.caseList],
                   title: "sort", help: "Sort by urgency, case id, account, status or last update", footer: true),
        KeyBinding(.newCase, [.character("n")], [.caseList],
                   title: "new case", help: "Open a new case (asks title, account, marketplace, reason)", footer: true, edits: true),
        KeyBinding(.fileHeld, [.character("H")], [.caseList],
                   title: "held mail", help: "Show the messages a mail import held, to read each and file it into a case"),
        // Held mail
        KeyBinding(.fileHeld, [.character("f"), .character("H")], [.heldMail],
                   title: "file", help: "File the selected held message: into a case by its number, or a new one (new)", footer: true, edits: true),
        // Case view
        KeyBinding(.nextTab, [.tab, .right, .character("l")], KeyContext.caseTabs,
                   title: "next tab", help: "Show the next tab", footer: true),
        KeyBinding(.previousTab, [.backTab, .left, .character("h")], KeyContext.caseTabs,
                   title: "previous tab", help: "Show the previous tab"),
        KeyBinding(.showTimeline, [.character("1")], KeyContext.caseTabs,
                   title: "timeline", help: "Show the timeline: notices, replies, plan versions, notes"),
        KeyBinding(.showRequestedDetails, [.character("2")], KeyContext.caseTabs,
                   title: "requested", help: "Show the details Amazon requested"),
        KeyBinding(.showPlans, [.character("3")], KeyContext.caseTabs,
                   title: "plans", help: "Show the Plan of Action versions"),
        KeyBinding(.showDeadlines, [.character("4")], KeyContext.caseTabs,
                   title: "deadlines", help: "Show the deadlines and what closed them"),
        KeyBinding(.addMessage, [.character("m")], KeyContext.caseTabs,
                   title: "add message", help: "Add a message from Amazon (a file path, or paste it in your editor)", edits: true),
        KeyBinding(.newPlanDraft, [.character("p")], KeyContext.caseTabs,
                   title: "new draft", help: "Write a new plan version in your editor, starting from the latest", edits: true),
        KeyBinding(.addNote, [.character("n")], KeyContext.caseTabs,
                   title: "note", help: "Add a note to the case", edits: true),
        KeyBinding(.changeStatus, [.character("s")], KeyContext.caseTabs,
                   title: "status", help: "Change the case's status", edits: true),
        KeyBinding(.exportCase, [.character("x")], KeyContext.caseTabs,
                   title: "export", help: "Export the case to a file (asks the format and the path)"),
        KeyBinding(.markAnswered, [.character("a")], [.requestedDetails],
                   title: "answered", help: "Mark the request answered by a plan version (asks which)", footer: true, edits: true),
        KeyBinding(.waive, [.character("w")], [.requestedDetails],
                   title: "waive", help: "Waive the request (asks why)", footer: true, edits: true),
        KeyBinding(.reopen, [.character("r")], [.requestedDetails],
                   title: "reopen", help: "Mark the request unanswered again", footer: true, edits: true),
        KeyBinding(.markPlanSubmitted, [.character("S")], [.plans],
                   title: "submitted", help: "Mark the selected draft as submitted to Amazon now", footer: true, edits: true),
        KeyBinding(.pickForCompare, [.character(" "), .character("v")], [.plans],
                   title: "pick", help: "Pick the selected version to compare against"),
        KeyBinding(.compareVersions, [.character("d")], [.plans],
                   title: "diff", help: "Show word changes from the picked (else the previous) version to the selected one", footer: true),
        KeyBinding(.checkPlan, [.character("c")], [.plans],
                   title: "check", help: "Review the selected version as 'reinstate check' does: requests answered, findings", footer: true),
        KeyBinding(.editEntry, [.character("e")], [.timeline],
                   title: "edit", help: "Correct the selected entry: a message's arrival time, a note's text", footer: true, edits: true),
        KeyBinding(.removeEntry, [.character("D")], [.timeline],
                   title: "remove", help: "Remove the selected message or note (asks; u puts it back)", edits: true),
        KeyBinding(.moveMessage, [.character("M")], [.timeline],
                   title: "move", help: "Move the selected message to the case it belongs to", edits: true),
        KeyBinding(.unsubmit, [.character("U")], [.plans],
                   title: "take back", help: "Take back a submission made by mistake: the version is a draft again", edits: true),
        KeyBinding(.editCase, [.character("E")], KeyContext.caseTabs,
                   title: "edit case", help: "Correct the case's title, account and marketplace", edits: true),
        // Pager
        KeyBinding(.search, [.character("/")], [.pager],
                   title: "search", help: "Search the text (ignores case); matches are highlighted", footer: true),
        KeyBinding(.nextMatch, [.character("n")], [.pager],
                   title: "next match", help: "Go to the next line that matches the search"),
        KeyBinding(.previousMatch, [.character("N")], [.pager],
                   title: "previous match", help: "Go to the previous line that matches the search"),
        // Prompt line
        KeyBinding(.accept, [.enter], [.prompt], title: "accept", help: "Accept the answer", footer: true),
        KeyBinding(.cancel, [.escape, .control("g")], [.prompt], title: "cancel", help: "Cancel", footer: true),
        KeyBinding(.previousChoice, [.left, .up], [.prompt],
                   title: "previous", help: "Previous choice", footer: true),
        KeyBinding(.nextChoice, [.right, .down, .tab], [.prompt], title: "next", help: "Next choice", footer: true),
        KeyBinding(.deleteBackward, [.backspace, .control("h")], [.prompt],
                   title: "delete", help: "Delete the character before the cursor"),
        KeyBinding(.clearInput, [.control("u")], [.prompt], title: "clear", help: "Clear the answer"),
    ])
}
