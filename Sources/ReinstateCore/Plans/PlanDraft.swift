import Foundation

/// The text a new draft starts from in the seller's editor, and what is stored when they save.
///
/// A new draft holds the previous version's text, or for a first plan a skeleton of the three parts;
/// each requested detail still open (and not answered by that text) is a comment line starting with
/// "#>" under the part it belongs to. Comment lines are removed on save.
public enum PlanDraft {
    /// Lines starting with this (after spaces) are comments, removed on save.
    public static let commentMark = "#>"

    /// The draft to open: `previous`'s text (nil for a first plan: a skeleton), with comments.
    public static func text(for history: CaseHistory, previous: PlanVersion?) -> String {
        let base = previous?.text ?? skeleton(for: history)
        let reading = PlanReader().read(base)
        // Answered only in a draft never sent is still open for Amazon: read the new text for it.
        let drafts = Set(history.plans.filter(\.isDraft).map(\.number))
        let coverage = CoverageMatcher().coverage(of: history.unanswered, in: reading, otherDrafts: drafts)
        let open = coverage.filter { !$0.answered }
        var header = [
            "\(commentMark) New draft for case \(history.suspensionCase.id)"
                + (previous.map { ", starting from v\($0.number)" } ?? ", a first plan") + ".",
            "\(commentMark) Lines starting with \(commentMark) are removed when you save. Save it unchanged or empty to store nothing.",
        ]
        if !open.isEmpty {
            header.append("\(commentMark) \(open.count) requested detail(s) still unanswered, each under the part that should answer it.")
        }
        let lines = reading.lines
        // Comments to put after a line (0: before the first line), and parts that need a new heading.
        var after: [Int: [String]] = [:]
        var newParts: [(PlanSection.Kind, [String])] = []
        for c in open {
            let comment = "\(commentMark) #\(c.request.id) Amazon asks: \(oneLine(c.request.text))"
                + (c.request.topic.isEmpty ? "" : " (topic: \(oneLine(c.request.topic)))")
            guard let kind = PlanSection.Kind(answering: c.request.aspect) else {
                after[0, default: []].append(comment)
                continue
            }
            if let last = reading.sections.last(where: { $0.kind == kind }) {
                after[last.headingLine ?? last.lastLine, default: []].append(comment)
            } else if let k = newParts.firstIndex(where: { $0.0 == kind }) {
                newParts[k].1.append(comment)
            } else {
                newParts.append((kind, [comment]))
            }
        }
        var out = header
        out += after[0] ?? []
        for (i, line) in lines.enumerated() {
            out.append(line)
            out += after[i + 1] ?? []
        }
        for (kind, comments) in newParts.sorted(by: { order($0.0) < order($1.0) }) {
            if out.last?.isEmpty == false { out.append("") }
            out.append(heading(kind))
            out += comments
            out.append("")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The edited text without comment lines.
    public static func strip(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(commentMark) }
            .joined(separator: "\n")
    }

    /// What to store after editing: the edited text without comments, or nil when it is empty or the
    /// same as what the editor was given (comments and trailing spaces aside).
    public static func result(original: String, edited: String) -> String? {
        let text = strip(edited)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        if trimmed == strip(original).trimmingCharacters(in: .whitespacesAndNewlines) { return nil }
        var result = text
        while result.hasSuffix("\n\n") { result.removeLast() }
        return result
    }

    /// A first plan: the three parts (and evidence, when Amazon asked for some).
    static func skeleton(for history: CaseHistory) -> String {
        var kinds = PlanSection.Kind.required
        if history.unanswered.contains(where: { $0.aspect == .evidence }) { kinds.append(.evidence) }
        return kinds.map { heading($0) + "\n\n" }.joined()
    }

    static func heading(_ kind: PlanSection.Kind) -> String {
        switch kind {
        case .rootCause: return "Root cause:"
        case .correctiveActions: return "Corrective actions:"
        case .preventiveMeasures: return "Preventive measures:"
        case .evidence: return "Evidence:"
        case .letter: return ""
        }
    }

    static func order(_ kind: PlanSection.Kind) -> Int {
        PlanSection.Kind.allCases.firstIndex(of: kind) ?? 0
    }

    static func oneLine(_ text: String) -> String {
        TerminalSafe.clean(text).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
