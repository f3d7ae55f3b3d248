import Foundation

/// One entry of a case's timeline in an export: a message from Amazon, or a plan version.
public enum TimelineEvent: Sendable, Equatable {
    case message(AmazonMessage)
    case plan(PlanVersion)
}

/// The messages and plan versions of a case in time order, as the exports tell the story.
public enum CaseTimeline {
    /// Messages at their arrival; plan versions at their submission (what Amazon had in front of it),
    /// drafts at their creation. Ties: messages first, then by id or version number.
    public static func events(of history: CaseHistory) -> [(at: Date, event: TimelineEvent)] {
        var entries: [(at: Date, rank: Int, key: Int64, event: TimelineEvent)] = []
        entries.reserveCapacity(history.messages.count + history.plans.count)
        for m in history.messages { entries.append((m.received, 0, m.id, .message(m))) }
        for p in history.plans { entries.append((p.submitted ?? p.created, 1, Int64(p.number), .plan(p))) }
        entries.sort { a, b in
            if a.at != b.at { return a.at < b.at }
            if a.rank != b.rank { return a.rank < b.rank }
            return a.key < b.key
        }
        return entries.map { ($0.at, $0.event) }
    }
}
