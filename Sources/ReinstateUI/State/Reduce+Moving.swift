import ReinstateCore

/// How far a move goes.
enum Movement {
    case by(Int)
    case first
    case last
}

extension AppState {
    /// Rows of the list or text shown now: what a page is.
    var visibleRows: Int {
        switch screen {
        case .caseList, .warning, .heldMail: return layout.listRows
        case .caseView: return rows(for: caseView?.tab ?? .timeline)
        case .pager, .help: return layout.pagerRows
        }
    }

    mutating func move(_ movement: Movement) -> [Effect] {
        func target(from current: Int, count: Int) -> Int {
            switch movement {
            case .by(let delta): return current + delta
            case .first: return 0
            case .last: return count - 1
            }
        }
        switch screen {
        case .warning:
            return []
        case .heldMail:
            heldScroll.select(target(from: heldScroll.selected, count: held.count), count: held.count, visible: visibleRows)
            return []
        case .caseList:
            list.scroll.select(target(from: list.scroll.selected, count: list.total), count: list.total, visible: visibleRows)
            return ensureListWindow()
        case .caseView:
            guard var view = caseView else { return [] }
            let tab = view.tab
            let count = view.rowCount(tab)
            var scroll = view.scroll(tab)
            let wanted = target(from: scroll.selected, count: count)
            scroll.select(wanted, count: count, visible: visibleRows)
            if tab == .requestedDetails {
                scroll = Self.skipGroups(scroll, rows: view.requestRows, upward: wanted < view.scroll(tab).selected, visible: visibleRows)
            }
            view.scrolls[tab] = scroll
            caseView = view
            return []
        case .pager:
            guard var pager else { return [] }
            pager.scroll.scroll(to: target(from: pager.scroll.top, count: pager.lines.count), count: pager.lines.count, visible: visibleRows)
            self.pager = pager
            return []
        case .help:
            let count = HelpScreen.lines(options.keys, helpContext, width: width).count
            helpScroll.scroll(to: target(from: helpScroll.top, count: count), count: count, visible: visibleRows)
            return []
        }
    }

    /// Moves a requested-details selection off a group heading, in the direction it was going (or
    /// the other way at the ends); shows the heading above the first request of a group when it can.
    static func skipGroups(_ scroll: ScrollWindow, rows: [RequestRow], upward: Bool, visible: Int) -> ScrollWindow {
        var scroll = scroll
        guard rows.contains(where: \.isDetail) else { return scroll }
        var row = scroll.selected
        let step = upward ? -1 : 1
        while rows.indices.contains(row), !rows[row].isDetail { row += step }
        if !rows.indices.contains(row) {
            row = scroll.selected
            while rows.indices.contains(row), !rows[row].isDetail { row -= step }
        }
        scroll.select(row, count: rows.count, visible: visible)
        if row > 0, !rows[row - 1].isDetail, row - 1 < scroll.top, row - scroll.top < visible { scroll.top = row - 1 }
        return scroll
    }

    // MARK: - Opening

    mutating func open() -> [Effect] {
        switch screen {
        case .caseList:
            guard let selected = list.selectedCase else { return [] }
            return [.loadCase(id: selected.id)]
        case .caseView:
            guard let view = caseView, let document = PagerState.document(for: view, now: now, zone: options.timeZone, width: width) else {
                return []
            }
            pager = document
            screens.append(.pager)
            return []
        case .heldMail:
            guard held.indices.contains(heldScroll.selected) else { return [] }
            return [.loadHeldMessage(id: held[heldScroll.selected].id)]
        case .warning, .pager, .help:
            return []
        }
    }
}
