import Foundation
import ReinstateCore

/// One line of a case's timeline: a message, a plan version or a note, at its date.
public struct TimelineEntry: Sendable, Equatable {
    /// What the line stands for.
    public enum Subject: Sendable, Equatable {
        case message(id: Int64)
        case plan(number: Int)
        case note(id: Int64)
    }

    public var date: Date
    public var subject: Subject
    /// "notice", "reply", "plan v2", "note".
    public var label: String
    /// The subject line, first line of a note, or the plan's state.
    public var summary: String

    /// Creates an entry.
    public init(date: Date, subject: Subject, label: String, summary: String) {
        self.date = date
        self.subject = subject
        self.label = label
        self.summary = summary
    }

    /// The timeline of a case, oldest first.
    public static func timeline(of file: CaseHistory, zone: TimeZone) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        for message in file.messages {
            // Who did what, as `case show` says it: "(added by dana)", "submitted … by dana", "dana: ".
            let subject = message.subject.isEmpty ? firstLine(of: message.text) : message.subject
            let added = message.addedBy.map { "  (added by \(firstLine(of: $0)))" } ?? ""
            entries.append(TimelineEntry(date: message.received, subject: .message(id: message.id),
                                         label: message.kind.rawValue, summary: subject + added))
        }
        for plan in file.plans {
            var state = plan.submitted.map { "submitted " + Timestamp.local($0, zone: zone) } ?? "draft"
            if let by = plan.submitted == nil ? plan.createdBy : plan.submittedBy { state += " by " + firstLine(of: by) }
            entries.append(TimelineEntry(date: plan.created, subject: .plan(number: plan.number),
                                         label: "plan v\(plan.number)", summary: state + " · " + firstLine(of: plan.text)))
        }
        for note in file.notes {
            let author = note.author.map { firstLine(of: $0) + ": " } ?? ""
            entries.append(TimelineEntry(date: note.created, subject: .note(id: note.id),
                                         label: "note", summary: author + firstLine(of: note.text)))
        }
        return entries.enumerated().sorted {
            $0.element.date == $1.element.date ? $0.offset < $1.offset : $0.element.date < $1.element.date
        }.map(\.element)
    }

    static func firstLine(of text: String) -> String {
        let clean = TerminalSafe.clean(text)
        return clean.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }
}
