import ReinstateCore

/// A request for a window of the case list.
public struct CaseWindowRequest: Sendable, Equatable {
    public var filter: CaseFilter
    public var sort: CaseSort
    public var offset: Int
    public var limit: Int

    /// Creates a request.
    public init(filter: CaseFilter, sort: CaseSort, offset: Int, limit: Int) {
        self.filter = filter
        self.sort = sort
        self.offset = offset
        self.limit = limit
    }
}

/// The rows of the case list held in memory: a window of a few screens around the selection.
public struct CaseWindow: Sendable, Equatable {
    /// Position of the first row in the whole list.
    public var offset: Int
    public var rows: [CaseSummary]
    /// How many rows were asked for; fewer means the list ended.
    public var limit: Int

    /// Creates a window.
    public init(offset: Int = 0, rows: [CaseSummary] = [], limit: Int = 0) {
        self.offset = offset
        self.rows = rows
        self.limit = limit
    }

    /// The row at a position of the whole list, if it is held.
    public func row(at position: Int) -> CaseSummary? {
        let index = position - offset
        return rows.indices.contains(index) ? rows[index] : nil
    }

    /// Whether every position in `range` is held (or lies past the end of the list).
    public func covers(_ range: Range<Int>) -> Bool {
        guard limit > 0 else { return false }
        if range.isEmpty { return offset <= range.lowerBound }
        let end = offset + rows.count
        return offset <= range.lowerBound && (range.upperBound <= end || rows.count < limit)
    }
}

/// The case list: the filter and sort, how many cases pass, the window of rows held, and the
/// selection.
public struct CaseListState: Sendable, Equatable {
    public var filter: CaseFilter
    public var sort: CaseSort
    /// How many cases pass the filter.
    public var total: Int
    public var window: CaseWindow
    public var scroll: ScrollWindow
    /// The window asked for and not yet loaded, so it is not asked for twice.
    public var pendingRequest: CaseWindowRequest?

    /// Creates an empty list that is yet to be loaded.
    public init(filter: CaseFilter = CaseFilter(), sort: CaseSort = .urgency) {
        self.filter = filter
        self.sort = sort
        total = 0
        window = CaseWindow()
        scroll = ScrollWindow()
        pendingRequest = nil
    }

    /// The selected case, if its row is held.
    public var selectedCase: CaseSummary? { window.row(at: scroll.selected) }
}
