import Foundation
import ReinstateCore

extension PagerState {
    /// The pager for what is selected in the case view's current tab, if anything is.
    static func document(for view: CaseViewState, now: Date, zone: TimeZone, width: Int) -> PagerState? {
        let file = view.file
        switch view.tab {
        case .timeline:
            let row = view.scroll(.timeline).selected
            guard view.timeline.indices.contains(row) else { return nil }
            switch view.timeline[row].subject {
            case .message(let id):
                return file.message(id: id).map { message(file, $0, zone: zone, width: width) }
            case .plan(let number):
                return file.plan(number: number).map { plan(file, $0, zone: zone, width: width) }
            case .note(let id):
                guard let note = file.notes.first(where: { $0.id == id }) else { return nil }
                return PagerState(
                    title: "#\(file.caseID) note of \(Timestamp.local(note.created, zone: zone))",
                    source: textLines(note.text), width: width)
            }
        case .requestedDetails:
            guard let detail = view.selectedDetail else { return nil }
            var lines: [StyledLine] = [
                [Span("Requested: ", .heading)] + [Span(TerminalSafe.singleLine(detail.text))],
                [Span("Aspect: ", .muted), Span(detail.aspect.label)],
                [Span("Topic: ", .muted), Span(detail.topic.isEmpty ? "–" : TerminalSafe.singleLine(detail.topic))],
                [Span("State: ", .muted), Span(RequestMarker.marker(for: view.file.standing(of: detail)) + " " + view.file.standingLabel(of: detail),
                                                 RequestMarker.style(for: view.file.standing(of: detail)))],
            ]
            if case .answered(let version, let by) = detail.state {
                let sentences = view.answeringSentences[detail.id] ?? []
                lines.append([])
                if sentences.isEmpty {
                    let who = by == .user ? "you marked it answered" : "marked answered"
                    lines.append([Span("Answered by v\(version) (\(who)); no single sentence of v\(version) answers it on its own.", .heading)])
                } else {
                    lines.append([Span("The sentences of v\(version) that answer it:", .heading)])
                    for sentence in sentences {
                        lines.append([Span("line \(sentence.line): ", .muted), Span(TerminalSafe.singleLine(sentence.text))])
                    }
                }
            }
            if let source = file.message(id: detail.messageID) {
                lines.append([])
                lines.append([Span("From the \(source.kind.rawValue) of \(Timestamp.local(source.received, zone: zone)):", .heading)])
                lines.append([])
                lines += textLines(source.text)
            }
            return PagerState(title: "#\(file.caseID) requested detail", source: lines, width: width)
        case .plans:
            return view.selectedPlan.map { plan(file, $0, zone: zone, width: width) }
        case .deadlines:
            let row = view.scroll(.deadlines).selected
            guard view.deadlines.indices.contains(row) else { return nil }
            let deadline = view.deadlines[row]
            var lines: [StyledLine] = [
                [Span("Rule: ", .muted), Span(TerminalSafe.singleLine(deadline.rule.text))],
                [Span("Counts from: ", .muted), Span(DeadlineText.anchor(deadline.rule.anchor))],
                [Span("Set: ", .muted), Span(Timestamp.local(deadline.set, zone: zone))],
                [Span("Due: ", .muted), Span(Timestamp.local(deadline.due, zone: zone))],
                [Span("State: ", .muted)] + DeadlineText.state(deadline, now: now, zone: zone),
            ]
            if let source = file.message(id: deadline.messageID) {
                lines += [[], [Span("Set by the \(source.kind.rawValue) of \(Timestamp.local(source.received, zone: zone)):", .heading)], []]
                lines += textLines(source.text)
            }
            return PagerState(title: "#\(file.caseID) deadline", source: lines, width: width)
        }
    }

    static func message(_ file: CaseHistory, _ message: AmazonMessage, zone: TimeZone, width: Int) -> PagerState {
        var lines: [StyledLine] = [
            [Span("Received: ", .muted), Span(Timestamp.local(message.received, zone: zone))],
            [Span("Kind: ", .muted), Span(message.kind.rawValue)],
        ]
        if !message.subject.isEmpty {
            lines.append([Span("Subject: ", .muted), Span(TerminalSafe.singleLine(message.subject), .heading)])
        }
        if let kept = file.attachments[message.id], !kept.isEmpty {
            lines.append([Span("Attachments: ", .muted), Span("save one with reinstate message show \(message.id) --attachment N --output FILE", .muted)])
            for a in kept {
                lines.append([Span("  \(a.number). ", .muted), Span(TerminalSafe.singleLine(a.filename), .heading),
                              Span(" (\(TerminalSafe.singleLine(a.contentType)), \(a.size) bytes)", .muted)])
            }
        }
        lines.append([])
        lines += textLines(message.text)
        return PagerState(title: "#\(file.caseID) \(message.kind.rawValue) of \(Timestamp.local(message.received, zone: zone))", source: lines, width: width)
    }

    /// A message a mail import held: who sent it, why it was held, then its text as the reader reads it.
    static func held(_ held: HeldMessage, zone: TimeZone, width: Int) -> PagerState {
        let reading = MessageReader().read(held.raw)
        var lines: [StyledLine] = [
            [Span("Received: ", .muted), Span(Timestamp.local(held.received, zone: zone))],
            [Span("From: ", .muted), Span(TerminalSafe.singleLine(held.sender))],
            [Span("Held because: ", .muted), Span(TerminalSafe.singleLine(held.reason), .warning)],
            [Span("Found in: ", .muted), Span(TerminalSafe.singleLine(held.origin), .muted)],
        ]
        if !held.subject.isEmpty {
            lines.append([Span("Subject: ", .muted), Span(TerminalSafe.singleLine(held.subject), .heading)])
        }
        lines.append([Span("Read as: ", .muted), Span(reading.kind.rawValue), Span(
            reading.requested.isEmpty ? "" : ", \(reading.requested.count) requested detail\(reading.requested.count == 1 ? "" : "s")", .muted)])
        lines.append([])
        lines += textLines(reading.text)
        return PagerState(title: "Held message #\(held.id) (q: back to the list, f there files it)", source: lines, width: width)
    }

    /// A plan version with its section headings marked "§".
    static func plan(_ file: CaseHistory, _ plan: PlanVersion, zone: TimeZone, width: Int) -> PagerState {
        let state = plan.submitted.map { "submitted " + Timestamp.local($0, zone: zone) } ?? "draft"
        var lines: [StyledLine] = [[Span("Plan of Action v\(plan.number) · \(state) · written \(Timestamp.local(plan.created, zone: zone))", .muted)], []]
        for line in TerminalSafe.clean(plan.text).split(separator: "\n", omittingEmptySubsequences: false) {
            let text = String(line)
            lines.append(PlanSections.isHeading(text) ? [Span("§ " + text, .heading)] : [Span(text)])
        }
        return PagerState(title: "#\(file.caseID) plan v\(plan.number)", source: lines, width: width)
    }

    /// The changes from one plan version to another, inline.
    static func diff(_ file: CaseHistory, from old: PlanVersion, to new: PlanVersion, width: Int) -> PagerState {
        let legend: StyledLine = [
            Span("Changes from v\(old.number) to v\(new.number): ", .muted),
            Span("[-removed-]", WordDiff.removedStyle), Span(" "), Span("{+added+}", WordDiff.addedStyle),
        ]
        return PagerState(
            title: "#\(file.caseID) plan v\(old.number) → v\(new.number)",
            source: [legend, []] + WordDiff.lines(from: old.text, to: new.text), width: width)
    }

    /// The review of a plan version: the same report as `reinstate check`, in colour.
    static func review(_ file: CaseHistory, _ check: PlanCheck, width: Int) -> PagerState {
        let lines = CheckReport.lines(check, history: file).map { line in
            line.map { Span($0.text, style(of: $0.tone)) }
        }
        let title = "#\(file.caseID) check of plan " + (check.version.map { "v\($0)" } ?? "draft")
        return PagerState(title: title, source: lines, width: width)
    }

    static func style(of tone: CheckReport.Tone) -> Style {
        switch tone {
        case .plain: return .plain
        case .heading: return .heading
        case .good: return .good
        case .bad: return .danger
        case .warning: return .warning
        case .muted: return .muted
        }
    }

    static func textLines(_ text: String) -> [StyledLine] {
        TerminalSafe.clean(text).split(separator: "\n", omittingEmptySubsequences: false).map { [Span(String($0))] }
    }
}
