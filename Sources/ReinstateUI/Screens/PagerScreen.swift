/// The pager: a message, plan version, diff or request read whole, scrolled line by line.
public enum PagerScreen {
    /// Draws the pager.
    public static func draw(_ state: AppState, in frame: inout Frame) {
        guard let pager = state.pager else { return }
        let layout = state.layout
        TitleBar.draw(pager.title, right: position(pager, rows: layout.pagerRows), readOnly: state.options.readOnly, in: &frame)
        let range = pager.scroll.visibleRange(count: pager.lines.count, visible: layout.pagerRows)
        for index in range {
            frame.write(PagerState.highlighting(pager.search, in: pager.lines[index]), x: 0, y: layout.pagerTop + index - range.lowerBound)
        }
    }

    /// "lines 1–20 of 45".
    static func position(_ pager: PagerState, rows: Int) -> String {
        let count = pager.lines.count
        guard count > rows else { return "all \(count) lines" }
        let range = pager.scroll.visibleRange(count: count, visible: rows)
        return "lines \(range.lowerBound + 1)–\(range.upperBound) of \(count)"
    }
}
