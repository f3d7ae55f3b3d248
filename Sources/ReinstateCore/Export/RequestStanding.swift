import Foundation

/// Where a requested detail stood when Amazon next wrote after asking for it, and where it stands now.
///
/// The rule for "then": the store keeps a request's current state, not its history, so "then" is
/// derived from it. A request counts as answered *then* when the version that answers it now was
/// submitted no later than Amazon's next message after the one that asked (or, when Amazon has not
/// written since, submitted at all). Anything else (answered only by a later version or by a draft,
/// waived, open) was not answered in what Amazon had seen by then.
public struct RequestStanding: Sendable, Equatable {
    /// What Amazon had seen by its next message.
    public enum Then: Sendable, Equatable {
        /// The version that answers it was submitted in time.
        case answered(version: Int, submitted: Date)
        /// No submitted version answered it by then.
        case notAnswered
    }

    public var detail: RequestedDetail
    /// The next message from Amazon after the one that asked; nil when Amazon has not written since.
    public var nextMessage: Date?
    public var then: Then
    /// Where it stands now, as the seller and the coverage check left it, read with which versions were
    /// sent: answered only in a draft is still open (`DetailStanding`, the one rule used everywhere).
    public var now: DetailStanding
    /// The request's place among alternatives ("alternative A of 2: one of them is enough"); nil for a
    /// request that stands on its own.
    public var alternativeLabel: String? = nil
    /// Answered now by a version that was never submitted: Amazon has not seen the answer yet.
    public var answeredByDraft: Bool {
        if case .answeredInDraft = now { return true }
        return false
    }

    /// Standings of every requested detail of a case, grouped by the message that asked.
    public static func byMessage(in history: CaseHistory) -> [Int64: [RequestStanding]] {
        let ordered = history.messages.sorted { ($0.received, $0.id) < ($1.received, $1.id) }
        var next: [Int64: Date] = [:]
        for (i, m) in ordered.enumerated() {
            if let later = ordered[(i + 1)...].first(where: { $0.received > m.received }) { next[m.id] = later.received }
        }
        var submitted: [Int: Date] = [:]
        for p in history.plans { if let s = p.submitted { submitted[p.number] = s } }
        var out: [Int64: [RequestStanding]] = [:]
        for r in history.requests {
            var s = standing(of: r, nextMessage: next[r.messageID], submitted: submitted, now: history.standing(of: r))
            if let alternative = r.alternative {
                s.alternativeLabel = alternative.label(options: history.optionCount(of: r)) + ": one of them is enough"
            }
            out[r.messageID, default: []].append(s)
        }
        return out
    }

    static func standing(of r: RequestedDetail, nextMessage: Date?, submitted: [Int: Date], now: DetailStanding) -> RequestStanding {
        var then = Then.notAnswered
        if case .answered(let version, _) = r.state, let at = submitted[version] {
            if nextMessage.map({ at <= $0 }) ?? true { then = .answered(version: version, submitted: at) }
        }
        return RequestStanding(detail: r, nextMessage: nextMessage, then: then, now: now)
    }

    /// "answered by v2 (submitted 2026-11-07 …)" / "not answered in any version submitted before Amazon's
    /// next message (…)", with times formatted by `time`.
    public func thenLabel(time: (Date) -> String) -> String {
        switch then {
        case .answered(let version, let at):
            return "answered by v\(version), submitted \(time(at))"
        case .notAnswered:
            if let nextMessage { return "not answered by any version submitted before Amazon wrote again on \(time(nextMessage))" }
            return "not answered by any submitted version (Amazon has not written since)"
        }
    }

    /// The state now in words, noting an answer Amazon has not seen yet.
    public var nowLabel: String {
        let label: String
        switch now {
        case .unanswered: label = "UNANSWERED"
        case .reopened: label = "UNANSWERED (you reopened it)"
        case .answered(let version, let by):
            label = "answered by v\(version)" + (by == .user ? " (you said so)" : " (found by the coverage check)")
        case .answeredInDraft(let version, let by):
            label = "UNANSWERED: answered in draft v\(version) (not sent yet)" + (by == .user ? " (you said so)" : "")
        case .waived(let reason): label = "waived: \(reason)"
        case .notNeeded: label = now.label
        }
        return label + (detail.waivedBefore.map { "; waived before: \($0)" } ?? "")
    }
}
