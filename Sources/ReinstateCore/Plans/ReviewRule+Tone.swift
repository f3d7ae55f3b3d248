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
        for sentence in plan.sentences {
            let matches = book.blame.matches(in: sentence.words)
            let cancels = matches.filter { $0.group == cancel }
            for m in matches where m.group != cancel {
                if m.group == others, cancels.contains(where: { $0.end <= m.start && m.start - $0.end <= 4 }) { continue }
                findings.append(ReviewFinding(
                    rule: .blame, severity: .blocking, line: sentence.line, what: "\u{201C}\(quote(sentence, m))\u{201D}"))
                break
            }
        }
        return findings
    }

    /// Hardship and begging: family, school fees, car payments, "please please", "desperate".
    static func hardship(_ plan: PlanReading, book: PhraseBook) -> [ReviewFinding] {
        plan.sentences.compactMap { sentence in
            guard let m = book.pleas.matches(in: sentence.words).first else { return nil }
            return ReviewFinding(rule: .hardshipPlea, severity: .warning, line: sentence.line, what: "\u{201C}\(quote(sentence, m))\u{201D}")
        }
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
        sentence.words[m.start..<m.end].map(\.lower).joined(separator: sentence.words[m.start].isIdeograph ? "" : " ")
    }
}
