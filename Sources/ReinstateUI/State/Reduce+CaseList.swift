import ReinstateCore

extension AppState {
    /// Asks for the count (when the filter changed) and a window around the visible rows.
    mutating func reloadList(count: Bool) -> [Effect] {
        var effects: [Effect] = []
        if count { effects.append(.countCases(list.filter)) }
        let request = windowRequest()
        list.pendingRequest = request
        effects.append(.loadCases(request))
        return effects
    }

    /// Back to the top after the filter or sort changed.
    mutating func restartList() -> [Effect] {
        list.scroll = ScrollWindow()
        list.window = CaseWindow()
        return reloadList(count: true)
    }

    /// Asks for rows only when the visible ones are not held and not already asked for.
    mutating func ensureListWindow() -> [Effect] {
        let visible = list.scroll.visibleRange(count: list.total, visible: layout.listRows)
        if list.window.covers(visible) { return [] }
        if let pending = list.pendingRequest, pending.filter == list.filter, pending.sort == list.sort,
            pending.offset <= visible.lowerBound, visible.upperBound <= pending.offset + pending.limit
        {
            return []
        }
        let request = windowRequest()
        list.pendingRequest = request
        return [.loadCases(request)]
    }

    /// A window of three screens around the visible rows: a page of movement either way is free.
    func windowRequest() -> CaseWindowRequest {
        let page = layout.listRows
        return CaseWindowRequest(
            filter: list.filter, sort: list.sort, offset: max(0, list.scroll.top - page), limit: page * 3)
    }
}
