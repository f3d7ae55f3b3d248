import Foundation
import ReinstateCore

/// The case view: the case file loaded whole, the rows each tab derives from it, the tab shown and
/// the selection in every tab.
public struct CaseViewState: Sendable, Equatable {
    public private(set) var file: CaseHistory
    public private(set) var timeline: [TimelineEntry]
    public private(set) var requestRows: [RequestRow]
    /// Plan versions, oldest first.
    public private(set) var plans: [PlanVersion]
    /// Deadlines by due date.
    public private(set) var deadlines: [Deadline]
    /// For each request marked answered, the sentences of the answering version that answer it (as
    /// `reinstate check` finds them), by request id. Empty when the matcher finds none.
    public private(set) var answeringSentences: [Int64: [PlanSentence]]
    public var tab: CaseTab
    public var scrolls: [CaseTab: ScrollWindow]
    /// The plan version picked to compare against.
    public var pickedVersion: Int?
    /// The zone dates are shown in.
    public let zone: TimeZone

    /// A view of a case file, on the timeline tab with the newest entry selected.
    public init(file: CaseHistory, zone: TimeZone, tab: CaseTab = .timeline) {
        self.file = file
        self.zone = zone
        timeline = []
        requestRows = []
        plans = []
        deadlines = []
        answeringSentences = [:]
        self.tab = tab
        scrolls = [:]
        pickedVersion = nil
        derive()
        scrolls[.timeline] = ScrollWindow(selected: max(0, timeline.count - 1))
        scrolls[.requestedDetails] = ScrollWindow(selected: requestRows.firstIndex(where: \.isDetail) ?? 0)
        scrolls[.plans] = ScrollWindow(selected: max(0, plans.count - 1))
        scrolls[.deadlines] = ScrollWindow()
    }

    /// Replaces the file after a change, keeping the tab and selections.
    public mutating func reload(_ file: CaseHistory) {
        self.file = file
        derive()
        if let picked = pickedVersion, file.plan(number: picked) == nil { pickedVersion = nil }
    }

    private mutating func derive() {
        timeline = TimelineEntry.timeline(of: file, zone: zone)
        requestRows = RequestRow.rows(of: file.requests) { file.standing(of: $0).isOpen }
        plans = file.plans.sorted { $0.number < $1.number }
        deadlines = file.deadlines.sorted { $0.due < $1.due }
        answeringSentences = Self.answers(in: file)
    }

    /// Reads each answering version once and finds the sentences that answer each answered request.
    static func answers(in file: CaseHistory) -> [Int64: [PlanSentence]] {
        var readings: [Int: PlanReading] = [:]
        var result: [Int64: [PlanSentence]] = [:]
        let reader = PlanReader(), matcher = CoverageMatcher(history: file)
        for request in file.requests {
            guard case .answered(let version, _) = request.state, let plan = file.plan(number: version) else { continue }
            let reading = readings[version] ?? reader.read(plan.text)
            readings[version] = reading
            result[request.id] = matcher.verdict(for: request, in: reading).sentences
        }
        return result
    }

    /// How many rows a tab has.
    public func rowCount(_ tab: CaseTab) -> Int {
        switch tab {
        case .timeline: return timeline.count
        case .requestedDetails: return requestRows.count
        case .plans: return plans.count
        case .deadlines: return deadlines.count
        }
    }

    /// The selection of a tab.
    public func scroll(_ tab: CaseTab) -> ScrollWindow { scrolls[tab] ?? ScrollWindow() }

    /// The requested detail selected, if the requested-details tab has one.
    public var selectedDetail: RequestedDetail? {
        let row = scroll(.requestedDetails).selected
        guard requestRows.indices.contains(row), case .detail(let index) = requestRows[row] else { return nil }
        return file.requests[index]
    }

    /// The timeline entry selected.
    public var selectedEntry: TimelineEntry? {
        let row = scroll(.timeline).selected
        return timeline.indices.contains(row) ? timeline[row] : nil
    }

    /// The plan version selected in the plans tab.
    public var selectedPlan: PlanVersion? {
        let row = scroll(.plans).selected
        return plans.indices.contains(row) ? plans[row] : nil
    }
}
