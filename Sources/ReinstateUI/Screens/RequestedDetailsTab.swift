import ReinstateCore

/// The requested-details tab: the checklist grouped by topic and aspect, unanswered requests marked
/// "●" and in danger colour, and the selected request shown whole below.
enum RequestedDetailsTab {
    static let columns = [
        TableColumn("", width: 1),
        TableColumn("", width: 14),
        TableColumn("", width: 20, flexible: true),
    ]

    /// "UNANSWERED", "DRAFT v3 only", "v2 (you)", "v2", "waived". A mark by hand names who made it when
    /// that was recorded (a colleague on a team store: "v2 (dana)"), else "you".
    static func stateText(_ standing: DetailStanding, setBy author: String? = nil) -> String {
        switch standing {
        case .unanswered, .reopened: return "UNANSWERED"
        case .answeredInDraft(let version, _): return "DRAFT v\(version) only"
        case .answered(let version, let by):
            guard by == .user else { return "v\(version)" }
            return "v\(version) (\(author.map(TerminalSafe.singleLine) ?? "you"))"
        case .waived: return "waived"
        case .notNeeded: return "not needed"
        }
    }


    static func draw(_ view: CaseViewState, state: AppState, in frame: inout Frame) {
        let layout = state.layout
        let zone = state.options.timeZone
        let widths = Table.widths(columns, total: frame.width - 2)
        let details = view.file.requests
        CaseViewScreen.drawRows(
            count: view.requestRows.count, scroll: view.scroll(.requestedDetails), top: layout.tabTop,
            visible: layout.requestListRows, empty: "Amazon has not asked for anything on this case yet.", in: &frame
        ) { index, y, frame in
            switch view.requestRows[index] {
            case .group(let name):
                frame.write(TextLayout.truncate(name, to: frame.width - 2), x: 1, y: y, style: .heading)
            case .detail(let position):
                let detail = details[position]
                let standing = view.file.standing(of: detail)
                let style = RequestMarker.style(for: standing)
                Table.draw([
                    Span(RequestMarker.marker(for: standing), style),
                    Span(stateText(standing, setBy: detail.stateSetBy), style),
                    Span((detail.alternative?.listPrefix ?? "") + detail.text, standing.isOpen ? Style(bold: true) : .plain),
                ], columns: columns, widths: widths, x: 2, y: y, in: &frame)
            }
        }
        guard layout.requestPaneRows > 0 else { return }
        let paneTop = layout.tabTop + layout.requestListRows
        frame.write(String(repeating: "─", count: frame.width), x: 0, y: paneTop, style: .muted)
        guard let detail = view.selectedDetail else { return }
        var lines = SpanWrap.wrap([Span(TerminalSafe.singleLine(detail.text))], width: frame.width - 2)
        let standing = view.file.standing(of: detail)
        var source: StyledLine = [Span("State: ", .muted), Span(view.file.standingLabel(of: detail), RequestMarker.style(for: standing))]
        if let message = view.file.message(id: detail.messageID) {
            let subject = message.subject.isEmpty ? "" : " “\(TerminalSafe.singleLine(message.subject))”"
            source += [Span(" · from the \(message.kind.rawValue) of \(Timestamp.local(message.received, zone: zone))\(subject)", .muted)]
        }
        var tail = [source]
        if let alternative = detail.alternative {
            let options = view.file.optionCount(of: detail)
            tail.append([Span("Alternative \(RequestAlternative.letter(alternative.option)) of \(options): "
                + "one of these is enough (all of one alternative).", .muted)])
        }
        if case .answered(let version, _) = detail.state {
            let draft = standing.isOpen ? "draft " : ""
            if let first = view.answeringSentences[detail.id]?.first {
                tail.append([Span("Answered in \(draft)v\(version)\(standing.isOpen ? " (not sent yet)" : ""), line \(first.line): ",
                                  standing.isOpen ? .warning : .good), Span(TerminalSafe.singleLine(first.text))])
            } else {
                tail.append([Span("Answered by v\(version); Enter shows the request whole.", .muted)])
            }
        }
        lines = Array(lines.prefix(max(1, layout.requestPaneRows - 1 - tail.count))) + tail
        for (offset, line) in lines.enumerated() {
            frame.write(line, x: 1, y: paneTop + 1 + offset, maxWidth: frame.width - 2)
        }
    }
}
