import Foundation

/// Which statuses the case list shows.
public enum StatusFilter: Hashable, Sendable {
    /// Every case.
    case all
    /// Cases not reinstated, denied or closed.
    case unfinished
    /// Cases of one status.
    case only(CaseStatus)

    /// The next choice for the status-filter key: all → unfinished → each status → all.
    public var next: StatusFilter {
        switch self {
        case .all: return .unfinished
        case .unfinished: return .only(CaseStatus.allCases[0])
        case .only(let status):
            guard let index = CaseStatus.allCases.firstIndex(of: status), index + 1 < CaseStatus.allCases.count
            else { return .all }
            return .only(CaseStatus.allCases[index + 1])
        }
    }

    /// Words on screen.
    public var label: String {
        switch self {
        case .all: return "all"
        case .unfinished: return "unfinished"
        case .only(let status): return status.label
        }
    }

    /// Whether a status passes the filter.
    public func admits(_ status: CaseStatus) -> Bool {
        switch self {
        case .all: return true
        case .unfinished: return !status.isFinished
        case .only(let wanted): return status == wanted
        }
    }

    /// The statuses that pass, for a query.
    public var statuses: [CaseStatus] { CaseStatus.allCases.filter(admits) }
}

/// What the case list shows: cases whose title, account, marketplace, ASINs or text (messages, plans,
/// notes) contain `text` (case-insensitive; empty matches all) and whose status passes `status`.
public struct CaseFilter: Hashable, Sendable {
    public var text: String
    public var status: StatusFilter

    /// Creates a filter; the default shows every case.
    public init(text: String = "", status: StatusFilter = .all) {
        self.text = text
        self.status = status
    }
}

/// The order of the case list.
public enum CaseSort: String, CaseIterable, Hashable, Sendable {
    /// Overdue first, then the nearest open deadline; cases with no open deadline last (by id).
    case urgency
    /// Newest case first.
    case newest
    /// By account, then id.
    case account
    /// By status in the order a case moves, then urgency.
    case status
    /// Most recently changed status first.
    case updated

    /// The next sort for the sort key.
    public var next: CaseSort {
        let all = CaseSort.allCases
        guard let index = all.firstIndex(of: self) else { return .urgency }
        return all[(index + 1) % all.count]
    }
}

/// An open deadline that has passed or falls within the warning window, with its case.
public struct DueDeadline: Sendable, Equatable {
    /// The case as the list shows it (its `unanswered` count is shown beside the deadline).
    public var summary: CaseSummary
    public var deadline: Deadline

    public init(summary: CaseSummary, deadline: Deadline) {
        self.summary = summary
        self.deadline = deadline
    }
}

/// What the launch warning and the banner need: when every due deadline falls (to count them, and
/// count the overdue ones at any moment), and the most urgent ones whole. An agency's store can have
/// thousands of due deadlines; a screen shows a few dozen, so only those are read with their cases.
public struct DueWarnings: Sendable, Equatable {
    /// The due date of every open deadline in the window, earliest first.
    public var dues: [Date]
    /// The most urgent deadlines with their cases, earliest first: a prefix of what `dues` counts.
    public var first: [DueDeadline]

    public init(dues: [Date], first: [DueDeadline]) {
        self.dues = dues
        self.first = first
    }

    /// Every deadline whole (a small store, or tests).
    public init(_ all: [DueDeadline]) {
        let sorted = all.sorted { $0.deadline.due < $1.deadline.due }
        self.init(dues: sorted.map(\.deadline.due), first: sorted)
    }

    public static let none = DueWarnings(dues: [], first: [])

    public var count: Int { dues.count }
    public var isEmpty: Bool { dues.isEmpty }

    /// How many are overdue at `now`: a binary search, so every frame can ask.
    public func overdue(at now: Date) -> Int {
        var low = 0, high = dues.count
        while low < high {
            let mid = (low + high) / 2
            if dues[mid] <= now { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
