/// A selection in a list taller than its window: the selected row and the first visible row, kept
/// so the selection is always visible. Only positions are held here, never the rows themselves.
public struct ScrollWindow: Sendable, Equatable {
    /// The selected row, from 0.
    public var selected: Int
    /// The first visible row.
    public var top: Int

    /// Creates a window at the top of its list.
    public init(selected: Int = 0, top: Int = 0) {
        self.selected = selected
        self.top = top
    }

    /// Selects `row` (clamped to the list) and scrolls as little as possible to show it.
    public mutating func select(_ row: Int, count: Int, visible: Int) {
        guard count > 0 else {
            selected = 0
            top = 0
            return
        }
        selected = min(max(0, row), count - 1)
        clamp(count: count, visible: visible)
    }

    /// Keeps the window inside the list and the selection inside the window (after a resize or a
    /// change of the list's length).
    public mutating func clamp(count: Int, visible: Int) {
        let visible = max(1, visible)
        selected = min(max(0, selected), max(0, count - 1))
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
        top = max(0, min(top, max(0, count - visible)))
    }

    /// Scrolls without a selection (the pager): `top` moves, clamped so the last page stays full.
    public mutating func scroll(to row: Int, count: Int, visible: Int) {
        top = max(0, min(row, max(0, count - visible)))
        selected = top
    }

    /// The rows visible in a window of `visible` rows over `count` rows.
    public func visibleRange(count: Int, visible: Int) -> Range<Int> {
        let start = min(top, count)
        return start..<min(count, top + max(0, visible))
    }
}
