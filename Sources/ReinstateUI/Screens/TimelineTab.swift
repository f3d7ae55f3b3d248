import ReinstateCore

/// The timeline tab: notices, replies, plan versions and notes in time order.
enum TimelineTab {
    static let columns = [
        TableColumn("When", width: 16),
        TableColumn("What", width: 13),
        TableColumn("", width: 20, flexible: true),
    ]

    static func draw(_ view: CaseViewState, state: AppState, in frame: inout Frame) {
        let layout = state.layout
        let zone = state.options.timeZone
        let widths = Table.widths(columns, total: frame.width - 1)
        CaseViewScreen.drawRows(
            count: view.timeline.count, scroll: view.scroll(.timeline), top: layout.tabTop, visible: layout.tabRows,
            empty: "Nothing yet: add Amazon's message with m.", in: &frame
        ) { index, y, frame in
            let entry = view.timeline[index]
            let style: Style
            switch entry.subject {
            case .message: style = entry.label == MessageKind.notice.rawValue ? .heading : .plain
            case .plan: style = .good
            case .note: style = .muted
            }
            Table.draw([Span(Timestamp.local(entry.date, zone: zone), .muted), Span(entry.label, style), Span(entry.summary)],
                       columns: columns, widths: widths, x: 1, y: y, in: &frame)
        }
    }
}
