import ReinstateCore

/// One row of the requested-details tab: a group heading (topic and aspect) or a request.
public enum RequestRow: Sendable, Equatable {
    case group(String)
    /// Index into the case file's `requestedDetails`.
    case detail(Int)

    /// Whether the row can be selected.
    public var isDetail: Bool {
        if case .detail = self { return true }
        return false
    }

    /// The rows of a checklist grouped by topic, then aspect in the order of a plan (root cause,
    /// corrective action, preventive measure, evidence, other); unanswered before the rest within a
    /// group, and otherwise in the order Amazon asked.
    public static func rows(of details: [RequestedDetail]) -> [RequestRow] {
        let aspectOrder = Dictionary(uniqueKeysWithValues: Aspect.allCases.enumerated().map { ($1, $0) })
        var topics: [String] = []
        for detail in details where !topics.contains(detail.topic) { topics.append(detail.topic) }
        var rows: [RequestRow] = []
        for topic in topics {
            let inTopic = details.indices.filter { details[$0].topic == topic }
            let aspects = Set(inTopic.map { details[$0].aspect }).sorted {
                (aspectOrder[$0] ?? 0) < (aspectOrder[$1] ?? 0)
            }
            for aspect in aspects {
                // The aspect first: a narrow terminal cuts the topic, never what sets groups apart.
                let name = topic.isEmpty ? aspect.label : "\(aspect.label) · \(TerminalSafe.singleLine(topic))"
                rows.append(.group(name))
                let members = inTopic.filter { details[$0].aspect == aspect }
                let open = members.filter { details[$0].state.isOpen }
                let closed = members.filter { !details[$0].state.isOpen }
                rows.append(contentsOf: (open + closed).map(RequestRow.detail))
            }
        }
        return rows
    }
}
