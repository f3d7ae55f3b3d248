import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

// Commands that put mistakes right: a message's date or case, a removed message, a case's facts, a
// note, a submission made by mistake. Each prints what changed.

extension MessageCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct when a message arrived; its deadline and the case's next due date are counted again.",
            discussion: """
                Prints each deadline that changed (old → new). A bare date (2026-11-21) on the day of another \
                event of the case asks for the time, or without a terminal requires it (2026-11-21T10:05).
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: "The message id (see: reinstate case show ID).") var id: Int64
        @Option(help: "When it really arrived (ISO 8601).") var received: String

        func run() async throws {
            try await reporting {
                try await options.withStore(writing: true) { store in
                    let message = try await store.message(id)
                    let h = try await store.history(message.caseID)
                    let at = try DateInput.resolve(
                        received, option: "--received", events: DateInput.events(h, excludingMessage: id))
                    let change = try await store.editMessageReceived(id, to: at)
                    Output.line(
                        "Message \(id) received \(Timestamp.local(change.before.received)) → \(Timestamp.local(Timestamp.wholeSeconds(at))).")
                    DeadlineWords.print(change.deadlineChanges)
                }
            }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move",
            abstract: "Move a message (with its requested details and deadline) to another case.",
            discussion: """
                Marks "answered by vN" named the old case's versions and are taken off; the new case's \
                submitted versions are read for them again. Waivers and reopenings stay. Both cases' deadlines \
                are counted again; statuses stay as they are (reinstate case status to change one).
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: "The message id.") var id: Int64
        @Option(name: .customLong("case"), help: "The case it belongs to.") var caseID: Int64

        func run() async throws {
            try await reporting {
                try await options.withStore(writing: true) { store in
                    let change = try await store.moveMessage(id, toCase: caseID)
                    Output.line("Message \(id) moved from case \(change.before.caseID) to case \(caseID).")
                    DeadlineWords.print(change.deadlineChanges)
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a message with its requested details and deadline.",
            discussion: """
                Asks first on a terminal (the default is no); without a terminal --yes is required. The case's \
                other deadlines are counted again (the first notice may now be another message).
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: "The message id.") var id: Int64
        @Flag(name: [.customShort("y"), .long], help: "Remove without asking.") var yes = false

        func run() async throws {
            try await reporting {
                try await options.withStore(writing: true) { store in
                    let m = try await store.message(id)
                    let h = try await store.history(m.caseID)
                    let asked = h.requests.filter { $0.messageID == id }.count
                    let deadline = h.deadlines.contains { $0.messageID == id }
                    try Confirm.required(
                        "Remove message #\(id) of case \(m.caseID) (\(m.kind.rawValue) of \(Timestamp.local(m.received)), "
                            + "\(asked) requested detail\(asked == 1 ? "" : "s")\(deadline ? " and its deadline" : ""))?",
                        yes: yes, what: "remove deletes the message and what was read from it")
                    let removed = try await store.removeMessage(id)
                    Output.line(
                        "Message \(id) removed from case \(m.caseID), with \(removed.requests.count) requested detail"
                            + "\(removed.requests.count == 1 ? "" : "s") and \(removed.deadlines.count) deadline"
                            + "\(removed.deadlines.count == 1 ? "" : "s").")
                    DeadlineWords.print(removed.deadlineChanges)
                }
            }
        }
    }
}

extension CaseCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct a case's title, account, marketplace, ASINs or reason.",
            discussion: "--asin replaces the case's ASINs (repeat for several); --clear-asins makes it the whole account.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The case id.") var id: Int64
        @Option(help: "The title.") var title: String?
        @Option(help: "The seller account's name.") var account: String?
        @Option(help: "The marketplace, like amazon.com.") var marketplace: String?
        @Option(help: "The reason: \(SuspensionReason.allValueStrings.joined(separator: ", ")).") var reason: SuspensionReason?
        @Option(name: .customLong("asin"), help: "A suspended listing's ASIN (repeat; replaces the list).") var asins: [String] = []
        @Flag(help: "No listings: the whole account is suspended.") var clearAsins = false

        func validate() throws {
            if clearAsins && !asins.isEmpty { throw ValidationError("Give --asin or --clear-asins, not both.") }
            if edit.isEmpty { throw ValidationError("Give what to change: --title, --account, --marketplace, --asin, --clear-asins or --reason.") }
        }

        var edit: CaseEdit {
            CaseEdit(
                title: title, account: account, marketplace: marketplace,
                asins: clearAsins ? [] : (asins.isEmpty ? nil : asins), reason: reason)
        }

        func run() async throws {
            try await reporting {
                let (before, after) = try await options.withStore(writing: true) { store in
                    let before = try await store.editCase(id, edit)
                    return (before, try await store.history(id).suspensionCase)
                }
                let s = Output.safe
                var lines: [String] = []
                func show(_ name: String, _ old: String, _ new: String) {
                    if old != new { lines.append("  \(name): \(s(old.isEmpty ? "–" : old)) → \(s(new.isEmpty ? "–" : new))") }
                }
                show("title", before.title, after.title)
                show("account", before.account, after.account)
                show("marketplace", before.marketplace, after.marketplace)
                show("suspended", before.scope.label, after.scope.label)
                show("reason", before.reason.label, after.reason.label)
                Output.line(lines.isEmpty ? "Case \(id): nothing changed." : "Case \(id):")
                if !lines.isEmpty { Output.lines(lines) }
            }
        }
    }
}

extension NoteCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Replace a note's text (note ids: reinstate case show ID).")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The note id.") var id: Int64
        @Argument(help: "The new text.") var text: String

        func run() async throws {
            try await reporting {
                let before = try await options.withStore(writing: true) { try await $0.editNote(id, text: text) }
                Output.line("Note \(id) of case \(before.caseID) changed; it was: \(Output.safe(before.text))")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a note.",
            discussion: "Asks first on a terminal (the default is no); without a terminal --yes is required.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The note id.") var id: Int64
        @Flag(name: [.customShort("y"), .long], help: "Remove without asking.") var yes = false

        func run() async throws {
            try await reporting {
                let removed = try await options.withStore(writing: true) { store in
                    // With --yes nothing is asked, so the note is not read before it is removed.
                    if !yes {
                        let note = try await store.note(id)
                        try Confirm.required(
                            "Remove note #\(id) of case \(note.caseID) (\(DisplayWidth.truncate(Output.safe(note.text), to: 40)))?",
                            yes: yes, what: "remove deletes the note")
                    }
                    return try await store.removeNote(id)
                }
                Output.line("Note \(id) removed from case \(removed.caseID); it read: \(Output.safe(removed.text))")
            }
        }
    }
}

extension PoaCommand {
    struct Unsubmit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unsubmit",
            abstract: "Take back a submission recorded by mistake: the version is a draft again.",
            discussion: """
                The deadlines it closed open again, and the requests its submission marked answered (matcher) \
                are open again; marks you made yourself stay. A case at "appeal-submitted" with no other \
                submitted version goes back to "plan-drafted".
                """)

        @OptionGroup var options: StoreOptions
        @Option(name: .customLong("case"), help: "The case id.") var caseID: Int64
        @Argument(help: "The version number.") var version: Int

        func run() async throws {
            try await reporting {
                let now = try Clock.now()
                let u = try await options.withStore(writing: true) {
                    try await $0.unsubmitPlan(caseID: caseID, number: version, at: now)
                }
                Output.line("Version \(version) of case \(caseID) is a draft again (it was submitted \(Timestamp.local(u.submitted))).")
                if !u.unmarked.isEmpty {
                    Output.line("Open again: request\(u.unmarked.count == 1 ? "" : "s") " + u.unmarked.map { "#\($0.id)" }.joined(separator: ", "))
                }
                if u.statusAfter != u.statusBefore { Output.line("Status: \(u.statusBefore.label) → \(u.statusAfter.label)") }
                DeadlineWords.print(u.deadlineChanges)
            }
        }
    }
}

/// `reinstate version` (and `reinstate --version`).
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print Reinstate's version.")

    /// Reinstate's version.
    static let current = "0.1.0"

    static var text: String { "reinstate \(current) (message reader \(MessageReader.version))" }

    func run() throws {
        Output.line(Self.text)
    }
}
