import Foundation

/// Finds the details Amazon asks for.
///
/// A request is found in one of these shapes, never in quoted text:
/// - an item of a list opened by an intro line ("… please send the following:", "Your plan of action
///   should include:", "以下の情報をお送りください："), with any list mark (dashes, "*", "•", numbers,
///   "(1)", "①") or none (one request per paragraph, for as long as the paragraphs read as requests);
/// - a line that opens with a detail lead anywhere ("Greater detail on …", "Weitere Einzelheiten zu …");
/// - a sentence that asks for something that is not just "the requested information"
///   ("Please provide invoices …", "Your explanation should include …");
/// - a run of two or more list items that each name a root cause, an action or a prevention.
/// Questions standing alone as headings are never requests; a list item ending in ":" is a container
/// for the items below it. A sentence naming several aspects is split into one request per aspect.
enum RequestReader {
    private struct Found {
        var text: String
        /// Requests of one list or sentence, for pronoun topics ("… to resolve it").
        var group: Int
    }

    private struct ListState {
        var intro: String
        var specific: Bool
        var items: [String] = []
        var bulleted: Bool? = nil
        var lastLineWasItem = false
        /// After an item like "Invoices for these ASINs:", plain items are its objects, not requests.
        var objectMode = false
    }

    static func read(_ lines: [TextLine]) -> [ReadRequest] {
        var found: [Found] = []
        var group = 0
        var list: ListState? = nil

        func closeList() {
            guard let l = list else { return }
            group += 1
            if l.items.isEmpty {
                if l.specific { found.append(Found(text: trimColon(l.intro), group: group)) }
            } else {
                for item in l.items { found.append(Found(text: item, group: group)) }
            }
            list = nil
        }

        for index in lines.indices {
            let line = lines[index]
            let next: TextLine? = index + 1 < lines.count ? lines[index + 1] : nil
            if line.quoted || line.isQuestionHeading {
                closeList()
                continue
            }
            let content = line.content
            if let l = list {
                if line.bullet != nil {
                    list?.bulleted = true
                    if content.hasSuffix(":") || content.hasSuffix("："), next?.bullet != nil {
                        // A container ("A plan of action that explains:"); a specific one ("Invoices for
                        // the following ASINs:") is itself the request when its items are objects.
                        if RequestTopic.hasCue(content), let n = next, isObject(n.content) || !RequestTopic.hasCue(n.content) {
                            list?.items.append(trimColon(content))
                            list?.objectMode = true
                        } else {
                            list?.objectMode = false
                        }
                        list?.lastLineWasItem = false
                        continue
                    }
                    let cue = RequestTopic.hasCue(content) || isDetailLead(content)
                    if isObject(content) || ((l.specific || l.objectMode) && !cue) {
                        list?.lastLineWasItem = false
                        continue
                    }
                    list?.objectMode = false
                    list?.items.append(content)
                    list?.lastLineWasItem = true
                    continue
                }
                // A line an e-mail program wrapped off the item above it.
                // (Only after a long line, as hard wrapping leaves; never in Japanese or Chinese.)
                if l.bulleted == true, l.lastLineWasItem, !line.blankBefore, let last = l.items.last,
                    !endsSentence(last), !TextLines.endsCJK(last), last.utf8.count >= 55, last.utf8.count < 3000,
                    !isIntro(line, next: next),
                    !isDetailLead(content)
                {
                    list?.items[l.items.count - 1] = last + " " + content
                    continue
                }
                if l.bulleted != true, !isIntro(line, next: next), isDetailLead(content) || (RequestTopic.hasCue(content) && !l.specific) || isAsk(content) != nil {
                    list?.bulleted = false
                    list?.items.append(content)
                    list?.lastLineWasItem = true
                    continue
                }
                closeList()
            }
            if isIntro(line, next: next) {
                // Sentences before the intro on the same line may themselves ask for something.
                let sentences = Sentences.split(content)
                for s in sentences.dropLast() where isDetailLead(s) || isAsk(s) != nil {
                    group += 1
                    found.append(Found(text: s, group: group))
                }
                let intro = sentences.last ?? content
                list = ListState(intro: intro, specific: introIsSpecific(intro))
                continue
            }
            if line.bullet != nil {
                if isDetailLead(content) || isAsk(content) != nil {
                    found.append(Found(text: content, group: group))
                } else if isCueBullet(line), isCueBulletNeighbour(lines, index) {
                    found.append(Found(text: content, group: group))
                }
                continue
            }
            if isDetailLead(content) {
                found.append(Found(text: content, group: group))
                continue
            }
            for sentence in Sentences.split(content) where !sentence.hasSuffix(":") {
                if isDetailLead(sentence) || isAsk(sentence) != nil {
                    group += 1
                    found.append(Found(text: sentence, group: group))
                }
            }
        }
        closeList()
        return classify(found)
    }

    // MARK: Shapes

    static func trimColon(_ s: String) -> String {
        var t = s
        while let last = t.last, last == ":" || last == "：" || last == " " { t.removeLast() }
        return t
    }

    static func endsSentence(_ s: String) -> Bool {
        guard let last = s.last else { return true }
        return ".!?:;。！？：；".contains(last)
    }

    static func isDetailLead(_ text: String) -> Bool {
        let f = FoldedText(text.prefix(300))
        if RequestPhrases.detailLeads.contains(where: { f.firstOffset(of: $0) == 0 }) { return true }
        if TextLines.startsCJK(text) || text.unicodeScalars.contains(where: TextCleanup.isCJK) {
            return RequestPhrases.detailMarkersCJK.contains { text.includes($0) } && !text.hasSuffix("？") && !text.hasSuffix("?")
        }
        return false
    }

    /// Whether a sentence asks for something; returns the words after the asking verb.
    static func isAsk(_ sentence: String) -> String? {
        guard sentence.utf8.count < 2000, !sentence.hasSuffix("?"), !sentence.hasSuffix("？") else { return nil }
        var f = FoldedText(sentence)
        var bytes = f.bytes
        // "To reactivate your account, please …": look past a leading clause.
        if !RequestPhrases.askLeads.contains(where: { f.firstOffset(of: $0) == 0 }),
            RequestPhrases.clauseOpeners.contains(where: { f.firstOffset(of: $0) == 0 }),
            let comma = sentence.firstIndex(where: { $0 == "," || $0 == "，" })
        {
            f = FoldedText(sentence[sentence.index(after: comma)...])
            bytes = f.bytes
        }
        var object: [UInt8]? = nil
        for lead in RequestPhrases.askLeads where f.firstOffset(of: lead) == 0 {
            let end = lead.utf8.count - (lead.hasSuffix(" ") ? 1 : 0)
            object = Array(bytes[end...])
            break
        }
        if object == nil, RequestPhrases.planOwners.contains(where: { f.firstOffset(of: $0) == 0 }),
            let m = f.earliest(RequestPhrases.planModals), m < 60
        {
            object = Array(bytes[m...])
        }
        if object == nil, sentence.unicodeScalars.contains(where: TextCleanup.isCJK) {
            let asks = RequestPhrases.askVerbsCJK.contains { sentence.includes($0) }
            let polite = RequestPhrases.askEndingsCJK.dropLast().contains { sentence.includes($0) } || sentence.hasPrefix("请")
            if asks && polite {
                if ["以下", "下記", "上記", "要求された情報", "所要求的信息", "所需信息", "请求的信息", "下列"].contains(where: { sentence.includes($0) }) {
                    return nil
                }
                return sentence
            }
            return nil
        }
        guard let obj = object else { return nil }
        let objectText = String(decoding: obj, as: UTF8.self)
        if objectText.trimmedSpaces.isEmpty { return nil }
        let objectFolded = FoldedText(objectText)
        // "We need to verify your identity" states a need; it names no detail.
        if objectFolded.firstOffset(of: " to ") == 0 { return nil }
        if RequestPhrases.references.contains(where: { objectFolded.firstOffset(of: $0) == 0 }) {
            // "a plan of action that explains the root cause …" still asks for something.
            let hasMainCue = [RequestPhrases.rootCause, RequestPhrases.corrective, RequestPhrases.preventive, RequestPhrases.evidence]
                .contains { objectFolded.containsAny($0) }
            if !hasMainCue { return nil }
        }
        return objectText
    }

    static func isIntro(_ line: TextLine, next: TextLine?) -> Bool {
        let c = line.content
        guard !c.hasSuffix("?"), !c.hasSuffix("？"), c.utf8.count < 1500 else { return false }
        let last = Sentences.split(c).last ?? c
        let f = FoldedText(last)
        guard f.containsAny(RequestPhrases.introVerbs) else { return false }
        if c.hasSuffix(":") || c.hasSuffix("：") { return true }
        if let n = next, n.bullet != nil, !n.quoted, !endsSentence(c), !isDetailLead(c) { return true }
        return false
    }

    /// An intro that names what it wants ("Please provide invoices for the following ASINs:").
    static func introIsSpecific(_ intro: String) -> Bool {
        guard let object = isAsk(trimColon(intro)) else {
            return false
        }
        let f = FoldedText(object)
        if f.firstOffset(of: " the following") == 0 || f.firstOffset(of: " us the following") == 0 { return false }
        return f.containsAny(RequestPhrases.evidence) && !f.containsAny(RequestPhrases.rootCause + RequestPhrases.corrective + RequestPhrases.preventive)
    }

    /// A list item that only names ASINs, orders or other identifiers.
    static func isObject(_ content: String) -> Bool {
        let ids = IdentifierReader.asins(in: content, requireContextForISBN: false).count + IdentifierReader.orderIDs(in: content).count
        if ids > 0 && content.split(separator: " ").count <= 14 && !RequestTopic.hasCue(content) { return true }
        let words = content.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "," })
        return ids > 0 && words.allSatisfy { w in
            ASIN.isValid(String(w)) || ["asin", "asins", "isbn", "sku", "order", "id", "order-id", "number"].contains(w.lowercased())
                || w.allSatisfy { $0.isNumber || $0 == "-" }
        }
    }

    private static func isCueBullet(_ line: TextLine) -> Bool {
        guard line.bullet != nil, !line.quoted, line.content.utf8.count < 600 else { return false }
        let a = RequestTopic.aspect(of: line.content)
        return a == .rootCause || a == .correctiveAction || a == .preventiveMeasure
    }

    private static func isCueBulletNeighbour(_ lines: [TextLine], _ i: Int) -> Bool {
        (i > 0 && isCueBullet(lines[i - 1])) || (i + 1 < lines.count && isCueBullet(lines[i + 1]))
    }

    // MARK: Aspects and topics

    private static func classify(_ found: [Found]) -> [ReadRequest] {
        var seen = Set<String>()
        var out: [(ReadRequest, Int, Bool)] = []
        var lastTopicOfGroup: [Int: String] = [:]
        for f in found {
            let text = TextCleanup.collapseSpaces(f.text)
            guard !text.isEmpty, text.utf8.count < 3000, seen.insert(text).inserted else { continue }
            let parts = RequestTopic.splitAspects(text) ?? [text]
            for part in parts {
                let aspect = RequestTopic.aspect(of: part)
                var topic = RequestTopic.topic(of: part, aspect: aspect)
                if topic.pronoun, let previous = lastTopicOfGroup[f.group] {
                    topic = RequestTopic.Reading(text: previous)
                }
                if !topic.text.isEmpty { lastTopicOfGroup[f.group] = topic.text }
                out.append((ReadRequest(text: part, aspect: aspect, topic: topic.text), f.group, topic.pronoun))
            }
        }
        // "the late shipments" and "late shipments" in one message are one topic: the shorter form.
        let allTopics = Set(out.map(\.0.topic))
        for i in out.indices {
            let t = out[i].0.topic
            if t.hasPrefix("the "), allTopics.contains(String(t.dropFirst(4))) { out[i].0.topic = String(t.dropFirst(4)) }
        }
        // Evidence and other requests take the topic of another request whose topic they mention.
        let topics = Array(Set(out.map(\.0.topic).filter { !$0.isEmpty }).sorted { $0.count > $1.count }.prefix(40))
        let loweredTopics = topics.map(LoweredText.lowered)
        for i in out.indices where out[i].0.topic.isEmpty && (out[i].0.aspect == .evidence || out[i].0.aspect == .other) {
            let lowered = LoweredText(out[i].0.text)
            if let k = loweredTopics.firstIndex(where: { lowered.find($0) != nil }) {
                out[i].0.topic = topics[k]
            }
        }
        return out.map(\.0)
    }
}
