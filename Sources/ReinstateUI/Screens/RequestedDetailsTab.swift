import ReinstateCore

/// The requested-details tab: the checklist grouped by topic and aspect, unanswered requests marked
/// "●" and in danger colour, and the selected request shown whole below.
enum RequestedDetailsTab {
    static let columns = [
        TableColumn("", width: 1),
        TableColumn("", width: 14),
        TableColumn("", width: 20, flexible: true),
    ]

    /// "UNANSWERED", "v2 (you)", "v2", "waived".
    static func stateText(_ state: RequestState) -> String {
        switch state {
        case .unanswered, .reopened: return "UNANSWERED"
        case .answered(let version, let by): return by == .user ? "v\(version) (you)" : "v\(version)"
        case .waived: return "waived"
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
                let style = RequestMarker.style(for: detail.state)
                Table.draw([
                    Span(RequestMarker.marker(for: detail.state), style),
                    Span(stateText(detail.state), style),
                    Span(detail.text, detail.state.isOpen ? Style(bold: true) : .plain),
                ], columns: columns, widths: widths, x: 2, y: y, in: &frame)
            }
        }
        guard layout.requestPaneRows > 0 else { return }
        let paneTop = layout.tabTop + layout.requestListRows
        frame.write(String(repeating: "─", count: frame.width), x: 0, y: paneTop, style: .muted)
        guard let detail = view.selectedDetail else { return }
        var lines = SpanWrap.wrap([Span(TerminalSafe.singleLine(detail.text))], width: frame.width - 2)
        var source: StyledLine = [Span("State: ", .muted), Span(detail.state.label, RequestMarker.style(for: detail.state))]
        if let message = view.file.message(id: detail.messageID) {
            let subject = message.subject.isEmpty ? "" : " “\(TerminalSafe.singleLine(message.subject))”"
            source += [Span(" · from the \(message.kind.rawValue) of \(Timestamp.local(message.received, zone: zone))\(subject)", .muted)]
        }
        var tail = [source]
        if case .answered(let version, _) = detail.state {
            if let first = view.answeringSentences[detail.id]?.first {
                tail.append([Span("Answered in v\(version), line \(first.line): ", .good), Span(TerminalSafe.singleLine(first.text))])
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
