import Foundation

/// Phrases from Data/phrases compiled for matching against a plan's words: each phrase is a run of
/// word forms, found by its first word in a table, so matching is linear in the text.
struct PhraseSet: Sendable {
    struct Phrase: Sendable {
        var stems: [String]
        /// The phrase as written in the list.
        var text: String
        /// The index of its group (the list line's key) in `groups`.
        var group: Int
        /// The list line it came from, for lists whose order matters (headings).
        var line: Int
    }

    /// One occurrence of a phrase: words `start..<end`.
    struct Match: Sendable, Equatable {
        var start: Int
        var end: Int
        var phrase: String
        var group: Int
        var line: Int
    }

    /// Group names in order of first appearance.
    let groups: [String]
    private let byFirst: [String: [Phrase]]
    private let phrasesByGroup: [Int: [String]]

    /// Compiles lines of (group, phrases); lines with the same group share its index.
    init(_ lines: [(key: String, items: [String])]) {
        var groups: [String] = []
        var index: [String: Int] = [:]
        var byFirst: [String: [Phrase]] = [:]
        var phrasesByGroup: [Int: [String]] = [:]
        for (n, line) in lines.enumerated() {
            let g: Int
            if let known = index[line.key] {
                g = known
            } else {
                g = groups.count
                groups.append(line.key)
                index[line.key] = g
            }
            for item in line.items {
                phrasesByGroup[g, default: []].append(item)
                let stems = PlanWords.of(item).map(\.stem)
                guard let first = stems.first else { continue }
                byFirst[first, default: []].append(Phrase(stems: stems, text: item, group: g, line: n))
            }
        }
        // Longer phrases first, so the first match at a place is the fullest.
        self.byFirst = byFirst.mapValues { $0.sorted { $0.stems.count > $1.stems.count } }
        self.groups = groups
        self.phrasesByGroup = phrasesByGroup
    }

    /// Every word form of every phrase.
    var allStems: Set<String> {
        var out = Set<String>()
        for list in byFirst.values { for phrase in list { out.formUnion(phrase.stems) } }
        return out
    }

    /// The phrases of a group, in list order.
    func phrases(in group: Int) -> [String] { phrasesByGroup[group] ?? [] }

    /// The index of a group by name.
    func group(_ name: String) -> Int? { groups.firstIndex(of: name) }

    /// Every occurrence of every phrase in `words`, in order of place.
    func matches(in words: [PlanWord]) -> [Match] {
        var out: [Match] = []
        for i in words.indices {
            guard let candidates = byFirst[words[i].stem] else { continue }
            var found: [(end: Int, group: Int)] = []
            for phrase in candidates where i + phrase.stems.count <= words.count {
                var k = 1
                while k < phrase.stems.count, words[i + k].stem == phrase.stems[k] { k += 1 }
                // "employee" and "employees" are one phrase once reduced to word forms.
                if k == phrase.stems.count, !found.contains(where: { $0.end == i + k && $0.group == phrase.group }) {
                    found.append((i + k, phrase.group))
                    out.append(Match(start: i, end: i + k, phrase: phrase.text, group: phrase.group, line: phrase.line))
                }
            }
        }
        return out
    }

    /// The groups named anywhere in `words`.
    func groupsNamed(in words: [PlanWord]) -> Set<Int> {
        Set(matches(in: words).map(\.group))
    }
}

/// The phrase lists in Data/phrases, read once from the copy embedded in the binary.
struct PhraseBook: Sendable {
    let headings: PhraseSet
    let cues: PhraseSet
    let topics: PhraseSet
    let specifics: PhraseSet
    let documents: PhraseSet
    let blame: PhraseSet
    let pleas: PhraseSet
    let vague: PhraseSet
    /// Capitalised words that are names (ODR, UPS), lower-cased.
    let acronyms: Set<String>
    /// Template wording (templates.txt): one group per template, named as the seller sees it.
    let templates: PhraseSet
    /// Word forms of the promises every plan makes (specifics.txt "generic"): never an object that makes
    /// a cause or an action concrete.
    let genericStems: Set<String>
    /// Word forms that, after a cause word, clear the seller rather than name a cause (specifics.txt
    /// "not-a-cause": "it was not my fault").
    let notCauses: Set<String>
    /// Words without content (specifics.txt "stopword"), lower-cased.
    let specificStopwords: Set<String>
    /// Capitalised words that name nothing in particular, lower-cased and as word forms.
    let notNames: Set<String>
    /// Topic groups that also answer a request naming a group (topics.txt "related" lines).
    let relatedTopics: [Int: Set<Int>]
    /// The word forms of every topic phrase, which are never names.
    let topicWords: Set<String>

    static let shared = PhraseBook(files: PhraseTexts.files)

    init(files: [String: String]) {
        func lines(_ name: String) -> [(key: String, items: [String])] {
            Self.keyedLines(files[name] ?? "")
        }
        headings = PhraseSet(lines("headings.txt"))
        cues = PhraseSet(lines("cues.txt"))
        let topicLines = lines("topics.txt")
        topics = PhraseSet(topicLines.filter { $0.key != "related" })
        var related: [Int: Set<Int>] = [:]
        for line in topicLines where line.key == "related" {
            // "lost > tracking, late shipment": the items are split at commas, the first holds the ">".
            guard let first = line.items.first, let arrow = first.firstIndex(of: ">") else { continue }
            let from = first[..<arrow].trimmingCharacters(in: .whitespaces)
            let targets = [first[first.index(after: arrow)...].trimmingCharacters(in: .whitespaces)] + line.items.dropFirst()
            guard let g = topics.group(from) else { continue }
            for t in targets { if let h = topics.group(t) { related[g, default: []].insert(h) } }
        }
        relatedTopics = related
        topicWords = topics.allStems
        let specificLines = lines("specifics.txt")
        specifics = PhraseSet(specificLines.filter { $0.key != "stopword" && $0.key != "not-a-name" && $0.key != "not-a-cause" })
        notCauses = Set(specificLines.filter { $0.key == "not-a-cause" }.flatMap(\.items).map { WordForms.stem($0.lowercased()) })
        genericStems = Set(specificLines.filter { $0.key == "generic" }.flatMap(\.items).map { item in
            PlanWords.of(item).map(\.stem).joined(separator: " ")
        })
        specificStopwords = Set(specificLines.filter { $0.key == "stopword" }.flatMap(\.items).map { $0.lowercased() })
        let notNames = specificLines.filter { $0.key == "not-a-name" }.flatMap(\.items).map { $0.lowercased() }
        self.notNames = Set(notNames).union(notNames.map(WordForms.stem))

        documents = PhraseSet(lines("documents.txt"))
        blame = PhraseSet(lines("blame.txt"))
        let pleaLines = lines("pleas.txt")
        pleas = PhraseSet(pleaLines.filter { $0.key != "acronyms" })
        acronyms = Set(pleaLines.filter { $0.key == "acronyms" }.flatMap(\.items).map { $0.lowercased() })
        vague = PhraseSet(lines("vague.txt"))
        templates = PhraseSet(lines("templates.txt"))
    }

    /// "key | a, b, c" lines; blank lines and lines starting with "#" are skipped.
    static func keyedLines(_ text: String) -> [(key: String, items: [String])] {
        // Byte-wise: the lists are read at every start, and Character splitting is slow.
        func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var t = s
            while let first = t.first, first == 0x20 || first == 0x09 { t = t.dropFirst() }
            while let last = t.last, last == 0x20 || last == 0x09 || last == 0x0D { t = t.dropLast() }
            return t
        }
        let bytes = Array(text.utf8)
        var out: [(key: String, items: [String])] = []
        for raw in bytes.split(separator: 0x0A) {
            let line = trimmed(raw)
            guard let first = line.first, first != 0x23, let bar = line.firstIndex(of: 0x7C) else { continue }
            let key = String(decoding: trimmed(line[..<bar]), as: UTF8.self)
            let items = line[(bar + 1)...].split(separator: 0x2C).map(trimmed).filter { !$0.isEmpty }
                .map { String(decoding: $0, as: UTF8.self) }
            out.append((key, items))
        }
        return out
    }
}
