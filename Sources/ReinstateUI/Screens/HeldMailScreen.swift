import Foundation
import ReinstateCore

/// The messages a mail import held because it could not place them with confidence: when each
/// arrived, who sent it, its subject and why it was held. Enter reads one; `f` files the selected one
/// into a case (its number) or a new case.
public enum HeldMailScreen {
    static let columns = [
        TableColumn("#", width: 5, alignRight: true, keepWhole: true),
        TableColumn("Received", width: 16, keepWhole: true),
        TableColumn("From", width: 12, minimum: 6, maximum: 22),
        TableColumn("Subject", width: 12, flexible: true, minimum: 8),
        TableColumn("Held because", width: 14, flexible: true, minimum: 10),
    ]

    /// Draws the list.
    public static func draw(_ state: AppState, in frame: inout Frame) {
        let layout = state.layout
        let held = state.held
        let file = state.options.keys.keyName(for: .fileHeld, in: .heldMail) ?? "f"
        TitleBar.draw(
            "Held from mail · Enter reads one · \(file) files it into a case",
            right: held.isEmpty ? "none" : "\(state.heldScroll.selected + 1) of \(held.count) held",
            readOnly: state.options.readOnly, in: &frame)
        if let y = layout.bannerY {
            DeadlineBanner.draw(state.warnings, now: state.now, window: state.options.warningWindow, y: y, in: &frame)
        }
        let range = state.heldScroll.visibleRange(count: held.count, visible: layout.listRows)
        let rows = range.map { cells(held[$0], zone: state.options.timeZone) }
        let widths = Table.fitted(columns, rows: rows, total: frame.width - 1)
        Table.drawHeader(columns, widths: widths, x: 1, y: layout.listHeaderY, in: &frame)
        guard !held.isEmpty else {
            frame.write("No message is held.", x: 2, y: layout.listTop + 1, style: .muted)
            return
        }
        for (offset, position) in range.enumerated() {
            let y = layout.listTop + offset
            Table.draw(rows[offset], columns: columns, widths: widths, x: 1, y: y, in: &frame)
            if position == state.heldScroll.selected {
                frame.write("▶", x: 0, y: y, style: .selected)
                frame.restyle(x: 0, y: y, count: frame.width) { $0.reverse = true }
            }
        }
    }

    static func cells(_ m: HeldMessage, zone: TimeZone) -> [Span] {
        [
            Span("\(m.id)"), Span(Timestamp.local(m.received, zone: zone)), Span(TerminalSafe.singleLine(m.sender), .muted),
            Span(TerminalSafe.singleLine(m.subject.isEmpty ? "(no subject)" : m.subject)), Span(TerminalSafe.singleLine(m.reason), .warning),
        ]
    }
}
