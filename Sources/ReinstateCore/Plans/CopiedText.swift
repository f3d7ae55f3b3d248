import Foundation

/// Copied text: sentences shared with widespread template phrasing (Data/phrases/templates.txt), with
/// another case's plan, or a resubmission of the version Amazon already read, by word shingles.
enum CopiedText {
    /// A sentence counts as copied when this share of its shingles is in the other text.
    static let sentenceShare = 0.6
    /// Sentences shorter than this many words are too common to call copied.
    static let shortestSentence = 7

    /// Passages to look for in other cases' plans: one run of five words from the middle of each of the
    /// `limit` longest sentences, written with plain spaces between the words (so the passage is text
    /// of the plan, which the store's substring index can find). Wholesale copying shows in the longest
    /// sentences; the shingle comparison then looks at every sentence of the plans found.
    static func passages(of plan: PlanReading, limit: Int = 8) -> [String] {
        let candidates = plan.sentences.filter { $0.words.count >= 10 && $0.section != .letter }
            .sorted { $0.words.count > $1.words.count || ($0.words.count == $1.words.count && $0.line < $1.line) }
        var out: [String] = []
        var seen = Set<String>()
        for sentence in candidates where out.count < limit {
            let words = sentence.words
            guard !words.contains(where: \.isIdeograph) else { continue }
            let text = Array(sentence.text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'").utf8)
            let middle = (words.count - 5) / 2
            for start in [middle, middle + 1, middle - 1, middle + 2, middle - 2] where start >= 0 && start + 5 <= words.count {
                let passage = words[start..<(start + 5)].map(\.lower).joined(separator: " ")
                if contains(text, Array(passage.utf8)) {
                    if seen.insert(passage).inserted { out.append(passage) }
                    break
                }
            }
        }
        return out
    }

    /// Whether `needle` occurs in `haystack` (bytes).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Sentences holding two fragments of one circulating template (Data/phrases/templates.txt) that do
    /// not overlap: one warning each, naming the template, and a blocking finding when they make up a
    /// large part of the plan. Linear in the plan.
    static func templateFindings(_ plan: PlanReading, book: PhraseBook = .shared) -> (findings: [ReviewFinding], lines: Set<Int>) {
        var findings: [ReviewFinding] = []
        var copiedWords = 0
        var lines = Set<Int>()
        for sentence in plan.sentences where sentence.words.count >= 5 && !lines.contains(sentence.line) {
            guard let (group, fragments) = template(in: sentence.words, book: book) else { continue }
            copiedWords += sentence.words.count
            lines.insert(sentence.line)
            let shown = fragments.prefix(3).map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", ")
            findings.append(ReviewFinding(
                rule: .copiedTemplate, severity: .warning, line: sentence.line,
                what: "reads like \(book.templates.groups[group]): \(shown)"))
        }
        if plan.wordCount > 0, findings.count >= 3, Double(copiedWords) / Double(plan.wordCount) >= 0.3 {
            findings.insert(ReviewFinding(
                rule: .copiedTemplate, severity: .blocking, line: nil,
                what: "\(Int((Double(copiedWords) * 100 / Double(plan.wordCount)).rounded()))% of the plan is template sentences"), at: 0)
        }
        return (findings, lines)
    }

    /// The template whose fragments `words` hold most (at least two that do not overlap), with them.
    static func template(in words: [PlanWord], book: PhraseBook) -> (group: Int, fragments: [String])? {
        var byGroup: [Int: (end: Int, fragments: [String])] = [:]
        for m in book.templates.matches(in: words) {
            var found = byGroup[m.group] ?? (0, [])
            guard m.start >= found.end else { continue }
            found = (m.end, found.fragments + [m.phrase])
            byGroup[m.group] = found
        }
        guard let best = byGroup.filter({ $0.value.fragments.count >= 2 })
            .max(by: { $0.value.fragments.count < $1.value.fragments.count || ($0.value.fragments.count == $1.value.fragments.count && $0.key > $1.key) })
        else { return nil }
        return (best.key, best.value.fragments)
    }

    /// Sentences found in other cases' plans, one finding per other plan: blocking when it is a large
    /// part of the plan and the other case is another seller account's, a warning otherwise.
    static func otherCaseFindings(
        _ plan: PlanReading, others: [OtherCasePlan], account: String, skipping skipped: Set<Int>
    ) -> [ReviewFinding] {
        let sentences = plan.sentences.filter { $0.words.count >= shortestSentence && !skipped.contains($0.line) }
        let hashes = sentences.map { Shingles.hashes($0.words) }
        var results: [(plan: OtherCasePlan, lines: [Int], words: Int)] = []
        for other in others {
            let theirs = Shingles.set(of: other.text)
            var lines: [Int] = []
            var words = 0
            for (i, sentence) in sentences.enumerated() where Shingles.containment(hashes[i], in: theirs) >= sentenceShare {
                if !lines.contains(sentence.line) { lines.append(sentence.line) }
                words += sentence.words.count
            }
            if !lines.isEmpty { results.append((other, lines, words)) }
        }
        results.sort { $0.words > $1.words || ($0.words == $1.words && $0.plan.caseID < $1.plan.caseID) }
        return results.prefix(3).map { r in
            let share = plan.wordCount > 0 ? Double(r.words) / Double(plan.wordCount) : 0
            let sameSeller = !account.isEmpty && r.plan.account.caseInsensitiveCompare(account) == .orderedSame
            let large = r.lines.count >= 3 || share >= 0.15
            let shown = r.lines.prefix(8).map(String.init).joined(separator: ", ") + (r.lines.count > 8 ? " …" : "")
            return ReviewFinding(
                rule: .copiedFromAnotherCase, severity: large && !sameSeller ? .blocking : .warning, line: r.lines.first,
                what: "\(r.lines.count) sentence(s) (\(Int((share * 100).rounded()))% of the words, lines \(shown)) also in case \(r.plan.caseID) v\(r.plan.number)"
                    + (sameSeller ? ", your own account's other case" : ""))
        }
    }

    /// A resubmission: the share of this version's shingles already in the version Amazon read.
    static func resubmissionFinding(_ plan: PlanReading, previous: PlanVersion?) -> ReviewFinding? {
        guard let previous else { return nil }
        let mine = Shingles.hashes(PlanWords.of(plan.text))
        let share = Shingles.containment(mine, in: Shingles.set(of: previous.text))
        let percent = Int((share * 100).rounded(.down))
        if share >= 0.97 {
            return ReviewFinding(
                rule: .unchangedResubmission, severity: .blocking, line: nil,
                what: "\(percent)% the same as v\(previous.number), which Amazon already read")
        }
        if share >= 0.85 {
            return ReviewFinding(
                rule: .unchangedResubmission, severity: .warning, line: nil,
                what: "\(percent)% the same as v\(previous.number), which Amazon already read; only \(100 - percent)% is new")
        }
        return nil
    }

    static func excerpt(_ text: String, limit: Int = 60) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "\u{2026}"
    }
}
