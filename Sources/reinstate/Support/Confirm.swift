import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

/// Questions before a destructive or deadline-changing command. "No" is the default: only `y` or
/// `yes` goes ahead.
enum Confirm {
    static var onTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Asks `question` on the terminal; without one, refuses unless `yes` (for `remove`: a script must
    /// say `--yes`). On "no", says nothing changed and exits 0.
    static func required(_ question: String, yes: Bool, what: String) throws {
        if yes { return }
        guard onTerminal else {
            throw CLIError("\(what), and standard input is not a terminal to ask on; add --yes to go ahead. Nothing was changed.")
        }
        try ask(question)
    }

    /// Asks on a terminal; without one, goes ahead (scripts keep working as before).
    static func ifTerminal(_ question: String, yes: Bool) throws {
        if yes || !onTerminal { return }
        try ask(question)
    }

    static func ask(_ question: String) throws {
        FileHandle.standardError.write(Data((question + " [y/N] ").utf8))
        let answer = (readLine(strippingNewline: true) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else {
            printError("nothing was changed.")
            throw ExitCode.success
        }
    }
}

/// A date given on the command line that may lack a time of day. A bare date means midnight, which
/// puts it before anything else that happened that day: a submission "on 2026-11-21" would come before
/// Amazon's reply of 10:00 that day and leave the deadline it answered open, silently. So when the day
/// of a bare date holds a later event of the case, the time is asked for (on a terminal) or required.
enum DateInput {
    /// Something of the case that happened at a moment: "Amazon's message #3".
    struct Event {
        var at: Date
        var what: String
    }

    static func isDateOnly(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        return t.count == 10 && t.utf8.enumerated().allSatisfy { i, c in
            (i == 4 || i == 7) ? c == UInt8(ascii: "-") : (c >= 48 && c <= 57)
        }
    }

    /// Parses `text`; a bare date whose day holds one of `events` after midnight is completed with a
    /// time asked on the terminal, or refused with a line saying to give the time.
    static func resolve(_ text: String, option: String, events: [Event]) throws -> Date {
        let date = try parseDate(text, option: option)
        guard isDateOnly(text) else { return date }
        let day = text.trimmingCharacters(in: .whitespaces)
        let later = events.filter { $0.at > date && Timestamp.day($0.at) == day }.sorted { $0.at < $1.at }
        guard let first = later.first else { return date }
        let when = String(Timestamp.local(first.at).suffix(5))
        let example = "\(option) \(day)T15:30"
        guard Confirm.onTerminal else {
            throw CLIError(
                "\(option) \(day) has no time of day, and \(first.what) came at \(when) that day, so midnight would "
                    + "put it first; give the time, like \(example). Nothing was changed.")
        }
        while true {
            FileHandle.standardError.write(
                Data("\(first.what) came at \(when) on \(day). At what time (HH:MM, 24-hour)? ".utf8))
            guard let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) else {
                throw CLIError("No time given; nothing was changed. Give it on the command line, like \(example).")
            }
            if let time = Timestamp.parse("\(day)T\(answer)"), answer.contains(":") { return time }
            printError("\(answer) is not a time like 15:30; try again (Ctrl-D gives up).")
        }
    }

    /// The case's messages and submissions as events.
    static func events(_ h: CaseHistory, excludingMessage: Int64? = nil, excludingPlan: Int? = nil) -> [Event] {
        h.messages.filter { $0.id != excludingMessage }.map { Event(at: $0.received, what: "Amazon's message #\($0.id)") }
            + h.plans.filter { $0.number != excludingPlan }.compactMap { p in
                p.submitted.map { Event(at: $0, what: "the submission of v\(p.number)") }
            }
    }
}

/// Deadline changes in words: "deadline #4 (14 days from the original notification): due … → …".
enum DeadlineWords {
    static func lines(_ changes: [DeadlineChange]) -> [String] {
        changes.map { change in
            let d = change.after ?? change.before!
            let anchor = d.rule.anchor == .originalNotification ? "from the original notification" : "from message #\(d.messageID)"
            let head = "deadline #\(d.id) of case \(change.caseID) (\(d.rule.amount) \(d.rule.unit.rawValue) \(anchor))"
            return "\(head): \(state(change.before)) → \(state(change.after))"
        }
    }

    static func state(_ d: Deadline?) -> String {
        guard let d else { return "gone" }
        return "due \(Timestamp.local(d.due))" + (d.closure.map { ", closed (\($0.label))" } ?? ", open")
    }

    /// Prints the changes, or that no deadline changed.
    static func print(_ changes: [DeadlineChange]) {
        if changes.isEmpty {
            Output.line("No deadline changed.")
        } else {
            Output.lines(lines(changes))
        }
    }
}
