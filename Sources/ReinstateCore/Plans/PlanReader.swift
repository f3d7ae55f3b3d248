import Foundation

/// Reads a Plan of Action into its parts: root cause, corrective actions, preventive measures,
/// evidence, and the letter around them.
///
/// - Under a heading (see `SectionHeading`), everything belongs to the heading's part until the next
///   heading; closing sentences at the end of the last part ("I believe this plan addresses …",
///   "Thank you for your time") go back to the letter.
/// - Without headings, each sentence goes to the part whose cue words it has most of
///   (Data/phrases/cues.txt: "because", "failed to" → root cause; "refunded", "removed" → corrective;
///   "will", "from now on", "daily" → preventive); a sentence that is mostly about the appeal itself
///   ("Thank you for the opportunity to appeal …") goes to the letter, and one with no cues stays with
///   the sentence before it. Text before the first heading of a headed plan is read the same way, but
///   only for parts no heading names.
///
/// Linear in the length of the plan.
public struct PlanReader: Sendable {
    let book: PhraseBook

    /// A reader with the phrase lists built into Reinstate.
    public init() { book = .shared }

    init(book: PhraseBook) { self.book = book }

    private enum LineRead {
        case blank
        case heading(SectionHeading)
        case content(Substring)
    }

    /// What cue words say about one sentence.
    private struct Cues {
        var counts: [PlanSection.Kind: Int] = [:]
        var words: [PlanSection.Kind: [String]] = [:]
        var closing: [String] = []
    }

    /// Reads `text` into parts and sentences.
    public func read(_ text: String) -> PlanReading {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.last == "\r" ? line.dropLast() : line
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        let reads: [LineRead] = lines.map { line in
            if line.allSatisfy(\.isWhitespace) { return .blank }
            if let heading = SectionHeading.read(line, book: book) { return .heading(heading) }
            let marks = LineMarkers(line)
            return marks.text.isEmpty ? .blank : .content(marks.bold ? line.drop { $0.isWhitespace } : marks.text)
        }
        var headed = Set<PlanSection.Kind>()
        for case .heading(let h) in reads {
            if case .section(let kind) = h.role, kind != .letter { headed.insert(kind) }
        }
        let main: [PlanSection.Kind] = [.rootCause, .correctiveActions, .preventiveMeasures]
        let eligibleBeforeHeadings = main.filter { !headed.contains($0) }

        var sentences: [PlanSentence] = []
        var sentenceCues: [Cues] = []
        var headingAt: [Int: (kind: PlanSection.Kind, text: String)] = [:]
        var current: PlanSection.Kind? = nil
        var headingText: String? = nil
        var wordCount = 0
        // The part of the sentence before, which a sentence without cues stays with.
        var lastKind: PlanSection.Kind? = nil
        var lastLine = 0
        var seenMain = false

        for (index, read) in reads.enumerated() {
            let lineNumber = index + 1
            var content: Substring? = nil
            switch read {
            case .blank:
                continue
            case .heading(let h):
                wordCount += h.words.count
                switch h.role {
                case .section(.letter):
                    headingAt[lineNumber] = (.letter, h.text)
                    headingText = nil
                    lastKind = .letter
                    // A greeting opens the letter; a closing after the plan ends it.
                    if seenMain { current = .letter }
                case .section(let kind):
                    current = kind
                    seenMain = true
                    headingText = h.text
                    headingAt[lineNumber] = (kind, h.text)
                case .topic:
                    headingText = h.text
                }
                content = h.rest
            case .content(let text):
                content = text
            }
            guard let content else { continue }
            for piece in SentenceSplitter.split(content) {
                var sentence = PlanSentence(text: String(piece), line: lineNumber, section: .letter, heading: headingText)
                wordCount += sentence.words.count
                let cues = self.cues(sentence.words)
                sentence.ownKind = ownKind(cues, main: main)
                if let current {
                    sentence.section = current
                } else {
                    sentence.section = assign(
                        cues, eligible: headed.isEmpty ? main : eligibleBeforeHeadings,
                        previous: lastKind, sameLine: lastLine == lineNumber, unheaded: headed.isEmpty)
                    if sentence.section != .letter { seenMain = true }
                }
                lastKind = sentence.section
                lastLine = lineNumber
                sentences.append(sentence)
                sentenceCues.append(cues)
            }
        }

        // Closing words at the end of the last part belong to the letter.
        if !headed.isEmpty {
            var k = sentences.count - 1
            while k >= 0, sentences[k].section != .letter, !sentenceCues[k].closing.isEmpty,
                main.allSatisfy({ (sentenceCues[k].counts[$0] ?? 0) == 0 }) || sentenceCues[k].closing.count >= 2
            {
                sentences[k].section = .letter
                k -= 1
            }
        }

        let sections = self.sections(sentences: sentences, cues: sentenceCues, headings: headingAt)
        return PlanReading(
            text: text, lines: lines.map(String.init), sections: sections, sentences: sentences,
            headingLines: Set(headingAt.keys).union(reads.indices.filter {
                if case .heading = reads[$0] { return true } else { return false }
            }.map { $0 + 1 }),
            wordCount: wordCount)
    }

    private func cues(_ words: [PlanWord]) -> Cues {
        var cues = Cues()
        for match in book.cues.matches(in: words) {
            let name = book.cues.groups[match.group]
            if name == "closing" {
                cues.closing.append(match.phrase)
                continue
            }
            guard let kind = SectionHeading.kind(named: name) else { continue }
            cues.counts[kind, default: 0] += 1
            if !(cues.words[kind]?.contains(match.phrase) ?? false) { cues.words[kind, default: []].append(match.phrase) }
        }
        return cues
    }

    /// The main part a sentence's own cues point to: the one with most cues, alone, when the letter's are
    /// fewer.
    private func ownKind(_ cues: Cues, main: [PlanSection.Kind]) -> PlanSection.Kind? {
        var best: (kind: PlanSection.Kind, count: Int)? = nil
        var tied = false
        for kind in main {
            let count = cues.counts[kind] ?? 0
            guard count > 0 else { continue }
            if count > (best?.count ?? 0) {
                best = (kind, count)
                tied = false
            } else if count == best?.count {
                tied = true
            }
        }
        // A tie ("every glass is wrapped … because thin boxes broke") says nothing for sure.
        guard let best, !tied, best.count > (cues.counts[.letter] ?? 0) else { return nil }
        return best.kind
    }

    /// The part of a sentence outside any heading, by its cue words: the eligible part with most cues
    /// (on a tie the part of the sentence before, else the later part in a plan's order), the letter when
    /// its cues are more, or the part of the sentence before when it has none.
    private func assign(
        _ cues: Cues, eligible: [PlanSection.Kind], previous: PlanSection.Kind?, sameLine: Bool, unheaded: Bool
    ) -> PlanSection.Kind {
        var best: (kind: PlanSection.Kind, count: Int)? = nil
        for kind in eligible {
            let count = cues.counts[kind] ?? 0
            guard count > 0 else { continue }
            if let b = best, count < b.count || (count == b.count && b.kind == previous) { continue }
            best = (kind, count)
        }
        let letter = cues.counts[.letter] ?? 0
        if let best, best.count >= letter { return best.kind }
        if letter > 0 || cues.counts.values.contains(where: { $0 > 0 }) { return .letter }
        if let previous, sameLine || unheaded { return previous }
        return .letter
    }

    /// Runs of sentences (and headings) read as the same part, with why.
    private func sections(
        sentences: [PlanSentence], cues: [Cues], headings: [Int: (kind: PlanSection.Kind, text: String)]
    ) -> [PlanSection] {
        // Events in line order: a heading opens a new run even when its part is the current one.
        var result: [PlanSection] = []
        var cueWords: [String] = []
        var s = 0
        let headingLines = headings.keys.sorted()
        var h = 0
        func addCueWords(_ words: [String]) {
            for w in words where !cueWords.contains(w) && cueWords.count < 5 { cueWords.append(w) }
        }
        func close() {
            guard var last = result.popLast() else { return }
            if case .cues = last.reason { last.reason = .cues(cueWords) }
            if case .letter = last.reason { last.reason = .letter(cueWords) }
            result.append(last)
            cueWords = []
        }
        while s < sentences.count || h < headingLines.count {
            let nextHeading = h < headingLines.count ? headingLines[h] : Int.max
            if s >= sentences.count || nextHeading <= sentences[s].line {
                close()
                let heading = headings[nextHeading]
                if let heading {
                    result.append(PlanSection(
                        kind: heading.kind, firstLine: nextHeading, lastLine: nextHeading,
                        reason: .heading(text: heading.text, line: nextHeading), sentenceCount: 0))
                }
                h += 1
                continue
            }
            let sentence = sentences[s]
            if let last = result.last, last.kind == sentence.section {
                result[result.count - 1].lastLine = max(last.lastLine, sentence.line)
                result[result.count - 1].sentenceCount += 1
            } else {
                close()
                let reason: PlanSection.Reason = sentence.section == .letter ? .letter([]) : .cues([])
                result.append(PlanSection(
                    kind: sentence.section, firstLine: sentence.line, lastLine: sentence.line, reason: reason, sentenceCount: 1))
            }
            if case .heading = result[result.count - 1].reason {} else {
                addCueWords(sentence.section == .letter ? cues[s].closing + (cues[s].words[.letter] ?? []) : cues[s].words[sentence.section] ?? [])
            }
            s += 1
        }
        close()
        return result
    }
}
