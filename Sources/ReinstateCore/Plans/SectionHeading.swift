import Foundation

/// A line read as a heading: of a part of the plan ("Root cause:", "**Immediate Remedy**", "3)
/// Preventing Future Issues:", "ROOT CAUSE", "## Preventive measures", "根本原因：") or of a topic
/// within a part ("Packaging:").
///
/// A line is a heading when it names a part (Data/phrases/headings.txt) in at most 12 words and is
/// set off as one: a colon at its end, a Markdown "#", bold, capitals only, a number, a question mark,
/// or no more than 5 words without a closing full stop. "Root cause: we used thin boxes." is a heading
/// with its first sentence on the same line. Greeting and closing lines ("Dear …", "Regards,") are
/// headings of the letter.
struct SectionHeading: Equatable {
    enum Role: Equatable {
        case section(PlanSection.Kind)
        /// A heading naming a topic, not a part: its words tell what the sentences under it are about.
        case topic
    }

    var role: Role
    /// The heading's words as written, without marks.
    var text: String
    /// Text after an inline heading, on the same line.
    var rest: Substring?
    /// The heading's words, for topic matching.
    var words: [PlanWord]

    static func read(_ line: Substring, book: PhraseBook = .shared) -> SectionHeading? {
        let marks = LineMarkers(line)
        var head = marks.text
        var rest: Substring? = nil
        var colon = false
        if marks.bold {
            var after = marks.afterBold
            if after.first == ":" || after.first == "：" {
                colon = true
                after = after.dropFirst().drop { $0.isWhitespace }
            }
            if head.last == ":" || head.last == "：" { colon = true }
            if !after.isEmpty { rest = after }
        } else if let c = colonPlace(head) {
            colon = true
            let after = head[head.index(after: c)...].drop { $0.isWhitespace }
            if !after.isEmpty { rest = after }
            head = head[..<c]
        }
        while let last = head.last, last == ":" || last == "：" || last == "-" || last == "–" || last == "—" || last.isWhitespace {
            head = head.dropLast()
        }
        guard !head.isEmpty else { return nil }
        let words = PlanWords.of(head)
        let size = words.reduce(0.0) { $0 + ($1.isIdeograph ? 0.5 : 1) }
        guard size > 0 else { return nil }
        let endsWithStop = head.last == "." || head.last == "!" || head.last == "。"
        let question = head.last == "?" || head.last == "？"
        let letters = head.filter(\.isLetter)
        let allCaps = letters.count >= 2 && letters.allSatisfy { !$0.isLowercase } && letters.contains { $0.isUppercase }
        let marked = colon || marks.markdownHeading || marks.bold || allCaps || marks.numbered || question

        // The plan's title ("My Action plan", "Plan of Action", "POA") heads the letter, not the
        // corrective actions its word "action" names.
        if rest == nil, isTitle(words) {
            return SectionHeading(role: .section(.letter), text: String(head), rest: nil, words: words)
        }
        if let kind = sectionKind(words, book: book) {
            if kind == .letter {
                // "Dear …", "Regards,", "Summary": the letter's words must open the line.
                guard words.count <= 8, !endsWithStop, book.headings.matches(in: words).contains(where: {
                    $0.start == 0 && book.headings.groups[$0.group] == "letter"
                }) else { return nil }
                return SectionHeading(role: .section(.letter), text: String(head), rest: rest, words: words)
            }
            if rest != nil {
                // An inline heading: a short label before the colon, not a sentence.
                // "We did the following to resolve it: …" is a sentence with a colon, not a label.
                let subject = words.first.map { ["we", "i", "they", "he", "she", "it"].contains($0.lower) } ?? false
                guard size <= 8, !subject, !head.contains(where: { ".!?。".contains($0) }) else { return nil }
                return SectionHeading(role: .section(kind), text: String(head), rest: rest, words: words)
            }
            // Amazon's own request copied as a heading ("Greater detail on the steps you have taken to
            // prevent …", "Please provide the root causes that led to the issue") is one however long.
            if size <= 24, !head.dropLast().contains(where: { ".!?。".contains($0) }), echoesRequest(words, book: book) {
                return SectionHeading(role: .section(kind), text: String(head), rest: nil, words: words)
            }
            guard size <= 12, !(endsWithStop && size > 4), marked || size <= 5 else { return nil }
            return SectionHeading(role: .section(kind), text: String(head), rest: nil, words: words)
        }
        // A topic heading: short, set off, naming a topic group, with nothing after it on the line.
        if rest == nil, size <= 6, !endsWithStop, colon || marks.markdownHeading || marks.bold || allCaps,
            !book.topics.matches(in: words).isEmpty
        {
            return SectionHeading(role: .topic, text: String(head), rest: nil, words: words)
        }
        return nil
    }

    /// Whether a line reads as Amazon's request copied into the plan: Amazon's second person ("you have
    /// taken", "you believe") or its request words ("greater detail on", "please provide"), the
    /// "request-echo" line of Data/phrases/headings.txt.
    static func echoesRequest(_ words: [PlanWord], book: PhraseBook) -> Bool {
        let echo = book.headings.group("request-echo")
        return book.headings.matches(in: words).contains { $0.group == echo }
    }

    /// Whether the words are only the plan's title: "action plan" or "plan of action", with "my", "our",
    /// "the", "appeal", "revised", "updated" or "POA" around it.
    static func isTitle(_ words: [PlanWord]) -> Bool {
        let filler: Set<String> = ["my", "our", "the", "a", "appeal", "revised", "updated", "new", "poa", "for", "of", "and", "to", "amazon", "seller", "account"]
        let rest = words.map(\.stem).filter { !filler.contains($0) }
        guard !words.isEmpty, words.count <= 7 else { return false }
        return rest.isEmpty ? words.contains { $0.lower == "poa" } : Set(rest) == ["action", "plan"] && rest.count == 2
    }

    /// The part a heading's words name: the first line of Data/phrases/headings.txt that matches.
    static func sectionKind(_ words: [PlanWord], book: PhraseBook) -> PlanSection.Kind? {
        let echo = book.headings.group("request-echo")
        guard let best = book.headings.matches(in: words).filter({ $0.group != echo }).min(by: { $0.line < $1.line || ($0.line == $1.line && $0.start < $1.start) })
        else { return nil }
        return kind(named: book.headings.groups[best.group])
    }

    static func kind(named name: String) -> PlanSection.Kind? {
        switch name {
        case "root-cause": return .rootCause
        case "corrective": return .correctiveActions
        case "preventive": return .preventiveMeasures
        case "evidence": return .evidence
        case "letter": return .letter
        default: return nil
        }
    }

    /// The first colon followed by a space or the end ("17:00" is a time, not a heading's colon).
    static func colonPlace(_ text: Substring) -> Substring.Index? {
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == ":" || c == "：" {
                let next = text.index(after: i)
                if next == text.endIndex || text[next].isWhitespace || c == "：" { return i }
            }
            i = text.index(after: i)
        }
        return nil
    }
}
