import Foundation
import ReinstateCore

/// The case list: one row per case, only the visible window of rows drawn from what is held.
public enum CaseListScreen {
    static let columns = [
        TableColumn("#", width: 6, alignRight: true, keepWhole: true),
        TableColumn("Account", width: 10, minimum: 6, maximum: 28),
        TableColumn("Market", width: 6, minimum: 4, maximum: 10),
        TableColumn("Title / reason", width: 11, flexible: true, minimum: 8),
        TableColumn("Status", width: 11, minimum: 8, maximum: 19),
        TableColumn("Next deadline", width: 14, keepWhole: true),
        TableColumn("Open", width: 4, alignRight: true, keepWhole: true),
        TableColumn("Apl", width: 3, alignRight: true, keepWhole: true),
    ]

    /// Draws the list.
    public static func draw(_ state: AppState, in frame: inout Frame) {
        let list = state.list
        let layout = state.layout
        var title = "Cases"
        if !list.filter.text.isEmpty { title += " · filter \"\(list.filter.text)\"" }
        title += " · status \(list.filter.status.label) · sort \(list.sort.rawValue)"
        if !state.held.isEmpty {
            let key = state.options.keys.keyName(for: .fileHeld, in: .caseList) ?? "H"
            title += " · ✉ \(state.held.count) held from mail (\(key) lists them)"
        }
        TitleBar.draw(title, right: countText(list), readOnly: state.options.readOnly, in: &frame)
        if let y = layout.bannerY {
            DeadlineBanner.draw(state.warnings, now: state.now, window: state.options.warningWindow, y: y, in: &frame)
        }
        let range = list.scroll.visibleRange(count: list.total, visible: layout.listRows)
        let shown = range.map { position in list.window.row(at: position).map { cells($0, state: state) } }
        let widths = Table.fitted(columns, rows: shown.compactMap { $0 }, total: frame.width - 1)
        Table.drawHeader(columns, widths: widths, x: 1, y: layout.listHeaderY, in: &frame)
        guard list.total > 0 else {
            let text = list.filter == CaseFilter() ? "No cases yet: press n to open one." : "No cases match the filter."
            frame.write(text, x: 2, y: layout.listTop + 1, style: .muted)
            return
        }
        for (offset, position) in range.enumerated() {
            let y = layout.listTop + offset
            guard let row = shown[offset] else {
                frame.write("…", x: 2, y: y, style: .muted)
                continue
            }
            Table.draw(row, columns: columns, widths: widths, x: 1, y: y, in: &frame)
            if position == list.scroll.selected {
                frame.write("▶", x: 0, y: y, style: .selected)
                frame.restyle(x: 0, y: y, count: frame.width) { $0.reverse = true }
            }
        }
    }

    /// "12–31 of 1,234" style row count.
    static func countText(_ list: CaseListState) -> String {
        if list.total == 0 { return "0 cases" }
        return "\(grouped(list.scroll.selected + 1)) of \(grouped(list.total)) case\(list.total == 1 ? "" : "s")"
    }

    /// 100000 → "100,000".
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    static func cells(_ summary: CaseSummary, state: AppState) -> [Span] {
        let title = summary.title.isEmpty ? summary.reason.label : summary.title
        var deadline = Span("–", .muted)
        if let due = summary.nextDeadline {
            deadline = Span(DeadlineRules.countdown(until: due, now: state.now),
                            DeadlineText.style(due: due, now: state.now, window: state.options.warningWindow))
        }
        let market = summary.marketplace.hasPrefix("amazon.") ? String(summary.marketplace.dropFirst(7)) : summary.marketplace
        return [
            Span("\(summary.id)"), Span(summary.account), Span(market), Span(title),
            Span(summary.status.label, summary.status.isFinished ? .muted : .plain), deadline,
            summary.unanswered > 0 ? Span("●\(summary.unanswered)", .danger) : Span("0", .muted),
            Span("\(summary.appealsSubmitted)"),
        ]
    }
}
