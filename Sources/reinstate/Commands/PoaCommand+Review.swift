import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

extension PoaCommand {
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Show what changed between two versions, word by word, under the reply Amazon sent after the first.",
            discussion: """
                Removed words are shown as [-words-] and added ones as {+words+}, so the change reads without colour; \
                on a terminal (and without NO_COLOR) they are also coloured. Above the difference: the details \
                Amazon asked for in its reply after version A was submitted, each marked with whether version B \
                answers it.
                """)

        @OptionGroup var options: StoreOptions
        @Option(name: .customLong("case"), help: "The case id.") var caseID: Int64
        @Argument(help: "The earlier version.") var a: Int
        @Argument(help: "The later version.") var b: Int

        func run() async throws {
            try await reporting {
                let history = try await options.withStore { try await $0.history(caseID) }
                guard let old = history.plans.first(where: { $0.number == a }) else {
                    throw CLIError("Plan version \(a) of case \(caseID) does not exist.")
                }
                guard let new = history.plans.first(where: { $0.number == b }) else {
                    throw CLIError("Plan version \(b) of case \(caseID) does not exist.")
                }
                let s = Output.safe
                let counts = PlanDiff.counts(from: old.text, to: new.text)
                var out = ["v\(a) → v\(b) of case \(caseID): \(counts.removed) word(s) removed, \(counts.added) added"]
                if let submitted = old.submitted {
                    let reply = history.messages.filter { $0.received > submitted }
                        .sorted { ($0.received, $0.id) < ($1.received, $1.id) }
                        .first { m in m.kind == .reply || history.requests.contains { $0.messageID == m.id } }
                    if let reply {
                        let requests = history.requests.filter { $0.messageID == reply.id }
                        out.append(
                            "Amazon's reply of \(Timestamp.local(reply.received)) (message #\(reply.id)), after v\(a) was submitted "
                                + "\(Timestamp.local(submitted)), asked for \(requests.count) detail(s):")
                        let coverage = CoverageMatcher(history: history).coverage(of: requests, in: PlanReader().read(new.text))
                        for c in coverage {
                            let mark = c.waived != nil ? "–" : c.answered ? "✓" : "✗"
                            out.append("  \(mark) #\(c.request.id) [\(c.request.aspect.label)] \(s(c.request.text))")
                            out.append("      in v\(b): \(s(c.reason))\(c.by == .user ? " (your word)" : "")")
                        }
                    } else {
                        out.append("Amazon has not replied since v\(a) was submitted \(Timestamp.local(submitted)).")
                    }
                } else {
                    out.append("v\(a) was never submitted, so Amazon has not replied to it.")
                }
                out.append("")
                let color = TerminalColors.enabled
                for line in PlanDiff.lines(from: TerminalSafe.clean(old.text), to: TerminalSafe.clean(new.text)) {
                    out.append(line.map { piece in
                        switch piece.change {
                        case .same: return piece.text
                        case .removed: return TerminalColors.paint("[-" + piece.text + "-]", code: "31", when: color)
                        case .added: return TerminalColors.paint("{+" + piece.text + "+}", code: "32", when: color)
                        }
                    }.joined())
                }
                // The texts were cleaned above; the colours are Reinstate's own.
                Output.painted(out)
            }
        }
    }

    struct Draft: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "draft",
            abstract: "Write a new draft in your editor, starting from the latest version, with the open requests as comments.",
            discussion: """
                Opens $VISUAL, else $EDITOR, else vi, on a private temporary file holding the latest version (or, for a \
                first plan, headings for root cause, corrective actions and preventive measures). Each requested \
                detail still unanswered is a line starting with #> under the part it belongs to; those lines are \
                removed when you save. Saving stores a new draft version and prints its number; an unchanged or empty \
                file stores nothing.
                """)

        @OptionGroup var options: StoreOptions
        @Option(name: .customLong("case"), help: "The case id.") var caseID: Int64

        func run() async throws {
            try await reporting {
                // Read, then edit with no connection held open, then store: a draft can take an hour.
                let history = try await options.withStore { try await $0.history(caseID) }
                let previous = history.plans.max { $0.number < $1.number }
                let text = PlanDraft.text(for: history, previous: previous)
                let file = try DraftFile(text: text)
                defer { file.remove() }
                try file.edit()
                let edited = try file.read()
                guard let plan = PlanDraft.result(original: text, edited: edited) else {
                    Output.line("Nothing was stored: the draft is unchanged or empty.")
                    return
                }
                let now = try Clock.now()
                let number = try await options.withStore(writing: true) { store in
                    try await store.addPlan(caseID: caseID, text: plan, created: now, submitted: nil)
                }
                Output.line(String(number))
                printError("stored draft v\(number) of case \(caseID); check it: reinstate check --case \(caseID)")
            }
        }
    }
}

/// A private temporary file (0600) for a draft, and the seller's editor on it.
struct DraftFile {
    let path: String

    init(text: String) throws {
        do {
            path = try PrivateFile.create(prefix: "reinstate-draft", suffix: ".txt", holding: Data(text.utf8))
        } catch let problem as PrivateFileError {
            throw CLIError("Cannot create a temporary file for the draft: \(problem.localizedDescription)")
        }
    }

    /// `$VISUAL`, else `$EDITOR`, else `vi`; the shell splits a value with arguments ("code --wait").
    static func editor(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    /// Runs the editor on the file, with the terminal, and waits for it.
    func edit() throws {
        let editor = Self.editor()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", editor + " \"$1\"", "sh", path]
        do {
            try process.run()
        } catch {
            throw CLIError("Cannot start the editor (\(editor)): \(error.localizedDescription). Set $EDITOR.")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError("The editor (\(editor)) exited with status \(process.terminationStatus); nothing was stored.")
        }
    }

    func read() throws -> String {
        guard let data = try? RegularFile.head(path, count: InputFile.limit + 1) else {
            throw CLIError("The draft file \(path) is gone; nothing was stored.")
        }
        return try InputFile.text(data, path: path)
    }

    func remove() { unlink(path) }
}

/// Colour for the word difference: only when standard output is a terminal and NO_COLOR is not set.
enum TerminalColors {
    static var enabled: Bool {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return !noColor && isatty(STDOUT_FILENO) == 1
    }

    static func paint(_ text: String, code: String, when enabled: Bool) -> String {
        enabled ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
    }
}
