import Foundation

// MARK: - Tone: blame, hardship pleas, shouting

extension PlanReview {
    /// Blaming Amazon, buyers or carriers. Fault put on someone else ("the customer lied", "the carrier
    /// lost it", "scam") is cancelled by a negation or condition in the four words before it ("it was
    /// not the carrier's fault", "we never blame our customers", "even if the carrier lost it");
    /// clearing oneself ("not my fault", "beyond our control") is not.
    static func blame(_ plan: PlanReading, book: PhraseBook) -> [ReviewFinding] {
        let cancel = book.blame.group("cancel")
        let others = book.blame.group("others")
        var findings: [ReviewFinding] = []
        for (i, sentence) in plan.sentences.enumerated() {
            let matches = book.blame.matches(in: wrapped(plan, i))
            let cancels = matches.filter { $0.group == cancel }
            for m in matches where m.group != cancel {
                if m.group == others, cancels.contains(where: { $0.end <= m.start && m.start - $0.end <= 4 }) { continue }
                findings.append(ReviewFinding(
                    rule: .blame, severity: .blocking, line: sentence.line, what: "\u{201C}\(quote(wrapped(plan, i), m))\u{201D}"))
                break
            }
        }
        return findings
    }

    /// Hardship and begging: family, school fees, car payments, "please please", "desperate".
    static func hardship(_ plan: PlanReading, book: PhraseBook) -> [ReviewFinding] {
        plan.sentences.indices.compactMap { i in
            let sentence = plan.sentences[i]
            let words = wrapped(plan, i)
            guard let m = book.pleas.matches(in: words).first else { return nil }
            return ReviewFinding(rule: .hardshipPlea, severity: .warning, line: sentence.line, what: "\u{201C}\(quote(words, m))\u{201D}")
        }
    }

    /// The words of sentence `i`, and when it runs over a hard line break (no full stop at the end of
    /// its line, the next line going on with it), those of the next line's first piece too: many plans
    /// are pasted from a document with a break every 80 characters, and "because we are / losing our
    /// sales" is one sentence.
    static func wrapped(_ plan: PlanReading, _ i: Int) -> [PlanWord] {
        let sentence = plan.sentences[i]
        guard i + 1 < plan.sentences.count else { return sentence.words }
        let next = plan.sentences[i + 1]
        guard next.line == sentence.line + 1, let last = sentence.text.last, !".!?。！？:：".contains(last),
            let first = next.text.first, first.isLowercase
        else { return sentence.words }
        return sentence.words + next.words
    }

    /// Shouting: two or more words in capitals in a row that are not names (ODR, ASIN, UPS …), or a row of
    /// two or more "!". Headings are left out: "ROOT CAUSE" is a heading, not shouting.
    static func shouting(_ plan: PlanReading, book: PhraseBook) -> [ReviewFinding] {
        var findings: [ReviewFinding] = []
        var flagged = Set<Int>()
        for sentence in plan.sentences where !flagged.contains(sentence.line) {
            var run: [String] = []
            var longest: [String] = []
            for w in sentence.words {
                if w.isAllCaps, !w.hasDigit, !book.acronyms.contains(w.lower) {
                    run.append(w.lower.uppercased())
                    if run.count > longest.count { longest = run }
                } else if !(w.isAllCaps && book.acronyms.contains(w.lower)) {
                    run = []
                }
            }
            if longest.count >= 2 {
                flagged.insert(sentence.line)
                findings.append(ReviewFinding(
                    rule: .shouting, severity: .warning, line: sentence.line,
                    what: "capitals: \u{201C}\(longest.prefix(6).joined(separator: " "))\u{201D}"))
            } else if sentence.text.contains("!!") || sentence.text.contains("！！") {
                flagged.insert(sentence.line)
                findings.append(ReviewFinding(rule: .shouting, severity: .warning, line: sentence.line, what: "a row of exclamation marks"))
            }
        }
        return findings
    }

    /// The words of a match as written, lower-cased.
    static func quote(_ sentence: PlanSentence, _ m: PhraseSet.Match) -> String {
        quote(sentence.words, m)
    }

    static func quote(_ words: [PlanWord], _ m: PhraseSet.Match) -> String {
        words[m.start..<m.end].map(\.lower).joined(separator: words[m.start].isIdeograph ? "" : " ")
    }
}
