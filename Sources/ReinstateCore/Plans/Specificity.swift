import Foundation

/// How specific a sentence is: the concrete facts it names.
///
/// A sentence answers a request only when it names at least one concrete fact that is not just the
/// request's own topic said back ("we will improve our packaging" names none; "from 1 March every
/// fragile order is packed in double-wall boxes" names a date and a material). Concrete facts are:
///
/// - a number in digits ("31", "48 hours", "B07XJ8C8F5") or in words ("two", "a dozen"), but not
///   "no one" or "one of";
/// - a date or frequency: month and weekday names, "daily", "every morning", and units of time after a
///   number or "every", "each", "per", "a", "within" ("twice a week");
/// - a named role or person ("warehouse lead", "packer", "I personally"), tool or routine
///   ("checklist", "Seller Central", "training", "audit"), or material ("bubble wrap", "double-wall");
/// - a concrete action verb with an object: in the past ("refunded the buyers", "hired a clerk"), or
///   after a subject or "will"/"to" ("we will inspect each parcel"); generic verbs ("improve",
///   "ensure", "handle", "review") never count;
/// - a name written with capitals inside the sentence ("ShipStation", "UPS", "Zendesk"), other than the
///   words sellers capitalise by habit ("Order Defect Rate", "Seller Account").
///
/// The lists are in Data/phrases/specifics.txt. Facts whose words are all words of the request's topic
/// do not count: naming the topic is not a fact about it.
public enum Specificity {
    /// The concrete facts `sentence` names, leaving out facts made only of the words of `topic`.
    public static func facts(in sentence: String, excludingTopic topic: String = "") -> [SpecificFact] {
        let excluded = Set(PlanWords.of(topic).map(\.stem))
        return facts(PlanWords.of(sentence), book: .shared).filter { !repeatsTopic($0, excluded) }
    }

    /// Whether `sentence` names at least one concrete fact beyond the words of `topic`.
    public static func isSpecific(_ sentence: String, excludingTopic topic: String = "") -> Bool {
        !facts(in: sentence, excludingTopic: topic).isEmpty
    }

    static func repeatsTopic(_ fact: SpecificFact, _ topic: Set<String>) -> Bool {
        !topic.isEmpty && fact.stems.allSatisfy { topic.contains($0) }
    }

    static let pastIrregular: Set<String> = [
        "bought", "sent", "set", "wrote", "rewrote", "paid", "built", "took", "put", "made", "gave", "brought", "sold", "hung",
        "taught", "kept", "spoke", "told", "found", "ran", "began", "chose",
    ]
    static let subjects: Set<String> = [
        "we", "i", "will", "to", "must", "shall", "now", "also", "then", "and", "they", "he", "she", "have", "has", "had",
        "already", "immediately", "personally", "would", "we'll", "i'll", "we've", "i've", "always", "first", "not",
    ]
    static let periodLeads: Set<String> = ["last", "past", "previous", "recent"]
    static let unitLeads: Set<String> = ["every", "each", "per", "a", "an", "within", "once", "twice", "next", "last", "same"]

    /// Every fact in `words`, in order.
    static func facts(_ words: [PlanWord], book: PhraseBook) -> [SpecificFact] {
        var out: [SpecificFact] = []
        let set = book.specifics
        let matches = set.matches(in: words)
        var notNumber = Set<Int>()
        var numberWord = Set<Int>()
        var covered = Set<Int>()
        let stop = book.specificStopwords
        for m in matches where set.groups[m.group] == "not-a-number" { for i in m.start..<m.end { notNumber.insert(i) } }
        for m in matches where set.groups[m.group] == "number" && !notNumber.contains(m.start) { numberWord.insert(m.start) }
        // "in the last 90 days", "the past two weeks": a window of the past, not when or how often
        // the seller does something.
        var period = Set<Int>()
        for (i, w) in words.enumerated() where Self.periodLeads.contains(w.lower) {
            var k = i + 1
            if k < words.count, words[k].lower == "the" { k += 1 }
            if k < words.count, words[k].hasDigit || numberWord.contains(k) { period.insert(k); period.insert(k + 1) }
        }
        for (i, w) in words.enumerated() where w.hasDigit {
            out.append(SpecificFact(kind: period.contains(i) ? .period : .number, words: [w]))
            covered.insert(i)
        }
        for m in matches {
            let slice = Array(words[m.start..<m.end])
            switch set.groups[m.group] {
            case "number" where !notNumber.contains(m.start):
                out.append(SpecificFact(kind: period.contains(m.start) ? .period : .number, words: slice))
            case "time":
                out.append(SpecificFact(kind: .time, words: slice))
            case "unit":
                guard m.start > 0 else { continue }
                let before = words[m.start - 1]
                if before.hasDigit || numberWord.contains(m.start - 1) || unitLeads.contains(before.lower) {
                    out.append(SpecificFact(kind: period.contains(m.start) ? .period : .time, words: Array(words[(m.start - 1)..<m.end])))
                }
            case "role":
                out.append(SpecificFact(kind: .role, words: slice))
            case "tool":
                out.append(SpecificFact(kind: .tool, words: slice))
            case "document":
                out.append(SpecificFact(kind: .document, words: slice))
            case "material":
                out.append(SpecificFact(kind: .material, words: slice))
            case "cause":
                let objectEnd = min(words.count, m.end + 5)
                guard let object = (m.end..<objectEnd).first(where: {
                    (words[$0].hasDigit || words[$0].lower.count >= 3 || words[$0].isIdeograph)
                        && !stop.contains(words[$0].lower) && !book.genericStems.contains(words[$0].stem)
                }), !book.notCauses.contains(words[object].stem) else { continue }
                out.append(SpecificFact(kind: .cause, words: slice + [words[object]]))
            case "action":
                let verb = words[m.start]
                let past = verb.lower.hasSuffix("ed") || pastIrregular.contains(verb.lower)
                let led = m.start > 0 && subjects.contains(words[m.start - 1].lower)
                guard past || led else { continue }
                let objectEnd = min(words.count, m.end + 4)
                guard let object = (m.end..<objectEnd).first(where: {
                    (words[$0].hasDigit || words[$0].lower.count >= 2 || words[$0].isIdeograph) && !stop.contains(words[$0].lower)
                }) else { continue }
                out.append(SpecificFact(kind: .action, words: slice + [words[object]]))
            default:
                continue
            }
            for i in m.start..<m.end { covered.insert(i) }
        }
        for (i, w) in words.enumerated() where i > 0 && !covered.contains(i) && !w.hasDigit {
            let letters = w.lower.count
            // A capitalised word in another form ("Exceeding", "Rates") is a habit of title case, not a name.
            let plainForm = w.stem == w.lower || (w.lower.hasSuffix("e") && w.stem == String(w.lower.dropLast()))
            let capitalName = w.isCapitalized && letters >= 3 && plainForm && !words[i - 1].isIdeograph
            guard w.isCamelCase || w.isAllCaps || capitalName else { continue }
            guard !book.notNames.contains(w.lower), !book.notNames.contains(w.stem), !book.topicWords.contains(w.stem),
                !stop.contains(w.lower), !book.genericStems.contains(w.stem)
            else { continue }
            out.append(SpecificFact(kind: .name, words: [w]))
        }
        return out
    }
}
