import ReinstateCore

/// The deadlines tab: every deadline with what it counts from, when it falls due, and what closed it.
enum DeadlinesTab {
    static let columns = [
        TableColumn("Due", width: 16),
        TableColumn("State", width: 30),
        TableColumn("Rule", width: 14, flexible: true),
        TableColumn("Counts from", width: 13),
    ]

    static func draw(_ view: CaseViewState, state: AppState, in frame: inout Frame) {
        let layout = state.layout
        let zone = state.options.timeZone
        let widths = Table.widths(columns, total: frame.width - 1)
        Table.drawHeader(columns, widths: widths, x: 1, y: layout.tabTop, in: &frame)
        CaseViewScreen.drawRows(
            count: view.deadlines.count, scroll: view.scroll(.deadlines), top: layout.tabTop + 1, visible: layout.tabRows - 1,
            empty: "No deadline on this case.", in: &frame
        ) { index, y, frame in
            let deadline = view.deadlines[index]
            let stateSpans = DeadlineText.state(deadline, now: state.now, zone: zone, window: state.options.warningWindow)
            let anchor = deadline.rule.anchor == .originalNotification ? "first notice" : "its message"
            Table.draw([Span(Timestamp.local(deadline.due, zone: zone))], columns: columns, widths: widths, x: 1, y: y, in: &frame)
            let stateX = 1 + widths[0] + 1
            frame.fill(x: stateX, y: y, count: widths[1])
            frame.write(stateSpans, x: stateX, y: y, maxWidth: widths[1])
            let rest = [Span(deadline.rule.text), Span(anchor, .muted)]
            Table.draw(rest, columns: Array(columns.suffix(2)), widths: Array(widths.suffix(2)), x: stateX + widths[1] + 1, y: y, in: &frame)
        }
    }
}
