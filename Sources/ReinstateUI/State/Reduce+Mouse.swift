extension AppState {
    /// Wheel steps scroll three lines; a click selects a row or a tab; clicking the selected row (or
    /// a double click) opens it.
    mutating func handle(_ event: MouseEvent) -> [Effect] {
        guard !isTooSmall, prompt == nil else { return [] }
        switch event.kind {
        case .wheelUp: return screen == .warning ? [] : move(.by(-3))
        case .wheelDown: return screen == .warning ? [] : move(.by(3))
        case .click, .doubleClick: break
        }
        let layout = self.layout
        switch screen {
        case .warning:
            return perform(.continueToCases)
        case .caseList:
            let row = list.scroll.top + event.y - layout.listTop
            guard event.y >= layout.listTop, event.y < layout.listTop + layout.listRows, row < list.total else { return [] }
            if row == list.scroll.selected || event.kind == .doubleClick { return open() }
            list.scroll.select(row, count: list.total, visible: layout.listRows)
            return ensureListWindow()
        case .heldMail:
            let row = heldScroll.top + event.y - layout.listTop
            guard event.y >= layout.listTop, event.y < layout.listTop + layout.listRows, row < held.count else { return [] }
            if row == heldScroll.selected || event.kind == .doubleClick { return open() }
            heldScroll.select(row, count: held.count, visible: layout.listRows)
            return []
        case .caseView:
            guard var view = caseView else { return [] }
            if event.y == layout.tabBarY {
                if let index = TabBar.tab(at: event.x, CaseViewScreen.tabTitles(view)), let tab = CaseTab(rawValue: index) {
                    view.tab = tab
                    caseView = view
                }
                return []
            }
            let tab = view.tab
            var scroll = view.scroll(tab)
            let row = scroll.top + event.y - layout.tabTop
            guard event.y >= layout.tabTop, event.y < layout.tabTop + rows(for: tab), row < view.rowCount(tab) else { return [] }
            if tab == .requestedDetails, !view.requestRows[row].isDetail { return [] }
            if row == scroll.selected || event.kind == .doubleClick { return open() }
            scroll.select(row, count: view.rowCount(tab), visible: rows(for: tab))
            view.scrolls[tab] = scroll
            caseView = view
            return []
        case .pager, .help:
            return []
        }
    }
}
