import Foundation

/// The human report of a plan check, as lines of toned pieces: `reinstate check` prints the text,
/// the UI's plans tab shows the same lines in colour. Text from the plan and from Amazon is made
/// terminal-safe here.
public enum CheckReport {
    /// How a piece of the report is meant to look.
    public enum Tone: Sendable, Equatable {
        case plain, heading, good, bad, warning, muted
    }

    public struct Piece: Sendable, Equatable {
        public var text: String
        public var tone: Tone
        public init(_ text: String, _ tone: Tone = .plain) {
            self.text = text
            self.tone = tone
        }
    }

    public typealias Line = [Piece]

    /// The report's lines; `what` names the plan checked when it is not a stored version (a file).
    public static func lines(_ check: PlanCheck, history: CaseHistory, draftName: String? = nil) -> [Line] {
        let s = TerminalSafe.clean
        var out: [Line] = []
        let what = check.version.map { "v\($0)" } ?? "draft \(s(draftName ?? ""))"
        out.append([Piece("Plan \(what) of case \(history.suspensionCase.id): \(check.reading.wordCount) words", .heading)])
        out.append([])
        out.append([Piece("Parts as read", .heading)])
        if check.reading.sections.isEmpty { out.append([Piece("  (the plan is empty)", .muted)]) }
        out += TextTable.align(check.reading.sections.map { section in
            let lines = section.firstLine == section.lastLine ? "line \(section.firstLine)" : "lines \(section.firstLine)–\(section.lastLine)"
            return ["  " + section.kind.label, lines, s(section.why)]
        }).map { [Piece($0)] }
        out.append([])
        out.append([Piece("Requested details (\(check.coverage.filter(\.answered).count) of \(check.coverage.count) answered"
            + (check.coverage.contains { $0.verdict == .partly } ? ", \(check.coverage.filter { $0.verdict == .partly }.count) partly" : "") + ")", .heading)])
        if check.coverage.isEmpty { out.append([Piece("  none: Amazon has asked for nothing yet in this case", .muted)]) }
        for c in check.coverage {
            let (mark, tone): (String, Tone) = c.waived != nil ? ("–", .muted) : c.notNeeded != nil ? ("○", .muted) : c.answered ? ("✓", .good)
                : c.verdict == .partly ? ("◐", .warning) : ("✗", .bad)
            let topic = c.request.topic.isEmpty ? "" : " · \(s(c.request.topic))"
            out.append([
                Piece("  "), Piece(mark, tone), Piece(" #\(c.request.id)  \(c.request.aspect.label)\(topic)   "),
                Piece("(\(c.by.rawValue))", .muted),
            ])
            out.append([Piece("      Amazon: ", .muted), Piece(DisplayWidth.truncate(s(c.request.text), to: 100))])
            if c.answered || c.by == .user || c.sentences.isEmpty || c.notNeeded != nil {
                out.append([Piece("      " + s(c.reason), c.isMissing ? .bad : .plain)])
            }
            for sentence in c.sentences.prefix(4) {
                out.append([Piece("      line \(sentence.line): ", .muted), Piece(DisplayWidth.truncate(s(sentence.text), to: 100))])
            }
            if c.sentences.count > 4 { out.append([Piece("      … and \(c.sentences.count - 4) more", .muted)]) }
            if !c.answered {
                let turnedDown = !c.turnedDown.isEmpty
                for sentence in c.partlySentences.prefix(2) {
                    let why = turnedDown && c.turnedDown.contains(sentence) ? "turned down before" : "no concrete fact"
                    out.append([Piece("      line \(sentence.line) (\(why)): ", .muted), Piece(DisplayWidth.truncate(s(sentence.text), to: 90))])
                }
            }
            if !c.rejectedVersions.isEmpty {
                out.append([Piece("      Amazon repeated this after " + c.rejectedVersions.map { "v\($0)" }.joined(separator: ", "), .warning)])
            }
        }
        out.append([])
        let blocking = check.findings.filter { $0.severity == .blocking }.count
        let warnings = check.findings.filter { $0.severity == .warning }.count
        out.append([Piece("Findings (\(blocking) blocking, \(warnings) warning\(warnings == 1 ? "" : "s"))", .heading)])
        if check.findings.isEmpty { out.append([Piece("  none", .muted)]) }
        for f in check.findings {
            let line = f.line.map { "line \($0)" } ?? "plan"
            let tone: Tone = f.severity == .blocking ? .bad : f.severity == .warning ? .warning : .muted
            out.append([
                Piece("  "), Piece(f.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), tone),
                Piece("  \(line.padding(toLength: 9, withPad: " ", startingAt: 0))  \(f.rule.rawValue): \(s(f.what))"),
            ])
            out.append([Piece("      why: \(f.rule.why)", .muted)])
        }
        out.append([])
        out.append(blocking > 0
            ? [Piece("Not ready to send: \(blocking) blocking finding(s).", .bad)]
            : [Piece("Nothing blocking.", .good)])
        return out
    }

    /// The report as plain text lines.
    public static func text(_ check: PlanCheck, history: CaseHistory, draftName: String? = nil) -> [String] {
        lines(check, history: history, draftName: draftName).map { $0.map(\.text).joined() }
    }
}
