import Foundation

/// A small, fast, seedable random number generator (SplitMix64), so a demo is the same for a seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One step in a demo case's history, in time order.
public enum DemoEvent: Sendable, Equatable {
    case message(kind: MessageKind, received: Date, text: String)
    case plan(text: String, created: Date, submitted: Date?)
    /// The seller marks the n-th requested detail of the case (counting from 0) answered by a version.
    case answer(request: Int, version: Int)
    case waive(request: Int, reason: String)
    case note(created: Date, text: String)
    case status(CaseStatus, at: Date)
}

/// A synthetic case: the case itself and what happened to it.
public struct DemoCase: Sendable, Equatable {
    public var suspensionCase: SuspensionCase
    public var events: [DemoEvent]
}

/// Writes realistic synthetic cases from the texts in Data/demo (our own words): every status, several
/// marketplaces and accounts, overdue and due-soon deadlines, answered and unanswered requests, several
/// plan versions. The same seed and `now` give the same cases.
public struct DemoGenerator: Sendable {
    let accounts: [(name: String, marketplace: String)]
    let topics: [SuspensionReason: [String]]
    let reasonSentences: [SuspensionReason: String]
    let sentences: [(aspect: Aspect, keyword: String, text: String)]
    let notes: [String]
    let notice: String, reply: String, reinstatement: String, denial: String

    public init() {
        func rows(_ file: String) -> [[String]] {
            (DemoTexts.files[file] ?? "").split(separator: "\n").compactMap { line in
                let t = line.trimmingCharacters(in: .whitespaces)
                if t.isEmpty || t.hasPrefix("#") { return nil }
                return t.split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        accounts = rows("accounts.txt").filter { $0.count == 2 }.map { ($0[0], $0[1]) }
        var topics: [SuspensionReason: [String]] = [:]
        for row in rows("topics.txt") where row.count == 2 {
            if let reason = SuspensionReason(rawValue: row[0]) { topics[reason, default: []].append(row[1]) }
        }
        self.topics = topics
        var reasonSentences: [SuspensionReason: String] = [:]
        for row in rows("reasons.txt") where row.count == 2 {
            if let reason = SuspensionReason(rawValue: row[0]) { reasonSentences[reason] = row[1] }
        }
        self.reasonSentences = reasonSentences
        sentences = rows("plan-sentences.txt").compactMap { row in
            guard row.count == 3, let aspect = Aspect(rawValue: row[0]) else { return nil }
            return (aspect, row[1], row[2])
        }
        notes = rows("notes.txt").map { $0.joined(separator: "|") }
        notice = DemoTexts.files["notice.txt"] ?? ""
        reply = DemoTexts.files["reply.txt"] ?? ""
        reinstatement = DemoTexts.files["reinstatement.txt"] ?? ""
        denial = DemoTexts.files["denial.txt"] ?? ""
    }

    /// `count` cases ending at `now`.
    public func cases(count: Int, seed: UInt64, now: Date) -> [DemoCase] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in makeCase(now: now, rng: &rng) }
    }

    static let reasonWeights: [(SuspensionReason, Int)] = [
        (.orderDefectRate, 30), (.lateShipmentRate, 12), (.cancellationRate, 6), (.inauthentic, 16),
        (.intellectualProperty, 12), (.restrictedProduct, 6), (.relatedAccount, 6), (.verification, 8), (.other, 4),
    ]

    static func pick<T>(_ weighted: [(T, Int)], _ rng: inout SeededGenerator) -> T {
        let total = weighted.reduce(0) { $0 + $1.1 }
        var r = Int.random(in: 0..<total, using: &rng)
        for (value, weight) in weighted {
            if r < weight { return value }
            r -= weight
        }
        return weighted[weighted.count - 1].0
    }

    static func asin(_ rng: inout SeededGenerator) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        return "B0" + String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
    }

    static func digits(_ n: Int, _ rng: inout SeededGenerator) -> String {
        String((0..<n).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    func fill(_ template: String, _ values: [String: String]) -> String {
        var out = template
        for (key, value) in values { out = out.replacingOccurrences(of: "{\(key)}", with: value) }
        return out
    }

    /// The next case from a running generator, for callers that write cases in batches.
    public func makeCase(now: Date, rng: inout SeededGenerator) -> DemoCase {
        let day: TimeInterval = 86_400
        let (account, marketplace) = accounts.isEmpty
            ? ("Demo Seller", "amazon.com") : accounts[Int.random(in: 0..<accounts.count, using: &rng)]
        let reason = Self.pick(Self.reasonWeights, &rng)
        let reasonTopics = topics[reason] ?? topics[.other] ?? ["the concerns raised about your account"]
        let caseTopics = reasonTopics.count > 1 && Bool.random(using: &rng) ? reasonTopics : [reasonTopics[0]]
        let listingLevel = [.inauthentic, .intellectualProperty, .restrictedProduct].contains(reason)
        let asins = (0..<(listingLevel ? Int.random(in: 1...3, using: &rng) : 1)).map { _ in Self.asin(&rng) }
        // An agency's store is mostly history: a quarter of the cases are live (opened in the last few
        // weeks, at stages 0 notice only … 4 second draft), the rest finished long ago (5 reinstated,
        // 6 denied, 7 closed by the seller).
        let live = Int.random(in: 0..<4, using: &rng) == 0
        let stage = live
            ? Self.pick([(0, 22), (1, 16), (2, 18), (3, 26), (4, 18)], &rng)
            : Self.pick([(5, 50), (6, 20), (7, 30)], &rng)
        let minimumAge = [0, 1, 3, 6, 7, 30, 30, 30][stage]
        let spread = [12, 13, 16, 10, 9, 700, 700, 700][stage]
        let age = Double(minimumAge) + Double(Int.random(in: 0...spread, using: &rng)) + Double(Int.random(in: 0...23, using: &rng)) / 24
        let noticed = Timestamp.wholeSeconds(now.addingTimeInterval(-age * day))
        let values = [
            "ACCOUNT": account, "MARKETPLACE": marketplace, "ASIN": asins[0],
            "ORDER": "\(Self.digits(3, &rng))-\(Self.digits(7, &rng))-\(Self.digits(7, &rng))",
            "PERCENT": "\(Int.random(in: 1...4, using: &rng)).\(Int.random(in: 0...9, using: &rng))",
            "DAYS": Int.random(in: 0..<5, using: &rng) == 0 ? "14" : "17",
        ]
        let reasonSentence = fill(reasonSentences[reason] ?? "of a policy violation.", values)
        var events: [DemoEvent] = [
            .message(kind: .notice, received: noticed, text: fill(notice, values.merging(["REASON_SENTENCE": reasonSentence]) { a, _ in a }))
        ]
        let titleSubject = listingLevel ? asins.joined(separator: ", ") : "account deactivated"
        let c = SuspensionCase(
            title: "\(reason.label.prefix(1).uppercased())\(reason.label.dropFirst()) – \(titleSubject)",
            account: account, marketplace: marketplace, scope: listingLevel ? .listings(asins) : .account,
            reason: reason, status: .open, opened: noticed)
        func at(_ days: Double) -> Date { noticed.addingTimeInterval(days * day) }
        if stage >= 1 {
            events.append(.plan(text: planText(topics: caseTopics, version: 1), created: at(1), submitted: stage >= 2 ? at(2) : nil))
        }
        var requestCount = 0
        if stage >= 3 {
            var lines: [String] = []
            for topic in caseTopics {
                lines.append("– Greater detail on the root cause(s) of \(topic).")
                lines.append("– Greater detail on the actions you have taken to resolve \(topic).")
                lines.append("– Greater detail on the steps you have taken to prevent \(topic) going forward.")
            }
            if Bool.random(using: &rng) {
                lines.append("– Greater detail on evidence or examples that demonstrate that your account has complied with our policy.")
            }
            requestCount = lines.count
            var requests = lines.joined(separator: "\n")
            // Authenticity replies ask for documents of which one is enough: the demo shows alternatives.
            if reason == .inauthentic {
                requests += "\n\nPlease also provide one of the following documents:\n"
                    + "– Invoices from your supplier covering the last 365 days.\n"
                    + "– A letter of authorization from the brand owner.\n"
                requestCount += 2
            }
            events.append(.message(kind: .reply, received: at(5), text: fill(reply, values.merging(["REQUESTS": requests]) { a, _ in a })))
        }
        if stage >= 4 && stage <= 6 {
            events.append(.plan(text: planText(topics: caseTopics, version: 2), created: at(6), submitted: stage >= 5 ? at(7) : nil))
            let answered = stage >= 5 ? requestCount : Int.random(in: 0...requestCount, using: &rng)
            for i in 0..<answered { events.append(.answer(request: i, version: 2)) }
            if stage == 4, answered < requestCount, Int.random(in: 0..<4, using: &rng) == 0 {
                events.append(.waive(request: requestCount - 1, reason: "Asked Seller Support: not needed for this account"))
            }
        }
        if stage == 5 {
            events.append(.message(kind: .reinstatement, received: at(11), text: fill(reinstatement, values)))
        }
        if stage == 6 {
            events.append(.message(kind: .denial, received: at(11), text: fill(denial, values)))
            events.append(.status(.denied, at: at(11)))
        }
        if stage == 7 {
            events.append(.status(.closed, at: at(20)))
        }
        if !notes.isEmpty, Int.random(in: 0..<3, using: &rng) == 0 {
            events.append(.note(created: at(Double(min(minimumAge, 2))), text: notes[Int.random(in: 0..<notes.count, using: &rng)]))
        }
        return DemoCase(suspensionCase: c, events: events)
    }

    /// A plan in the three sections, from the sentences for the case's topics; version 2 says more.
    func planText(topics: [String], version: Int) -> String {
        func lines(_ aspect: Aspect) -> [String] {
            topics.flatMap { topic in
                sentences.filter { $0.aspect == aspect && topic.contains($0.keyword) }.map { "- " + $0.text }
            }
        }
        var parts = [
            "Dear Seller Performance Team,", "",
            "Thank you for the chance to explain what went wrong and what we changed.", "",
            "Root cause:",
        ]
        parts += lines(.rootCause)
        parts += ["", "Corrective actions we have taken:"]
        parts += lines(.correctiveAction)
        parts += ["", "Preventive measures going forward:"]
        parts += lines(.preventiveMeasure)
        if version >= 2 {
            parts += ["", "Evidence:", "- Invoices and packing photos are attached, one per affected order."]
        }
        parts += ["", "Sincerely,", "The owner"]
        return parts.joined(separator: "\n")
    }
}
