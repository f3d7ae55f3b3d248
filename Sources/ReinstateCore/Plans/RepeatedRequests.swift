import Foundation

/// Requests Amazon asked for again. A reply that repeats a request (the same aspect and the same
/// topic) after version N was submitted means version N did not satisfy Amazon for it, whatever the
/// matcher reads in it.
public enum RepeatedRequests {
    /// For each requested detail (by id), the submitted versions Amazon turned down for it: versions
    /// submitted after Amazon first asked for it and before it asked again. Every request of the same
    /// aspect and topic gets the same list; a request asked only once gets none. Linear in the history
    /// (after sorting).
    public static func rejectedVersions(in history: CaseHistory) -> [Int64: [Int]] {
        var received: [Int64: Date] = [:]
        for m in history.messages { received[m.id] = m.received }
        var asked: [Key: [Date]] = [:]
        for r in history.requests {
            guard let at = received[r.messageID] else { continue }
            asked[Key(r), default: []].append(at)
        }
        var submitted: [(number: Int, at: Date)] = []
        for p in history.plans {
            if let at = p.submitted { submitted.append((p.number, at)) }
        }
        submitted.sort { a, b in a.at < b.at || (a.at == b.at && a.number < b.number) }
        var rejectedByKey: [Key: [Int]] = [:]
        for (key, times) in asked {
            guard let first = times.min(), let last = times.max(), first < last else { continue }
            // A version was turned down when Amazon asked before it was sent and again after.
            let versions = submitted.filter { v in v.at > first && v.at < last }.map { v in v.number }
            if !versions.isEmpty { rejectedByKey[key] = versions }
        }
        var out: [Int64: [Int]] = [:]
        for r in history.requests {
            if let versions = rejectedByKey[Key(r)] { out[r.id] = versions }
        }
        return out
    }

    /// The same request in Amazon's eyes: aspect and topic, the topic compared without case and extra spaces.
    struct Key: Hashable {
        var aspect: Aspect
        var topic: String

        init(_ r: RequestedDetail) {
            aspect = r.aspect
            topic = r.topic.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
    }
}
