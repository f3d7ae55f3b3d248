import Foundation

/// Finds the details Amazon asks for.
///
/// A request is found in one of these shapes, never in quoted text:
/// - an item of a list opened by an intro line ("… please send the following:", "Your plan of action
///   should include:", "以下の情報をお送りください："), with any list mark (dashes, "*", "•", numbers,
///   "(1)", "①") or none (one request per paragraph, for as long as the paragraphs read as requests);
///   branches of the list ("For food products:") keep it open;
/// - a line that opens with a detail lead anywhere ("Greater detail on …", "Weitere Einzelheiten zu …");
/// - a sentence that asks for something (see `RequestSentence`);
/// - a list item under a reactivation heading that asks for something;
/// - a run of two or more list items that each name a root cause, an action or a prevention.
/// Lists and headings collapsed into one line are first split again (`InlineLists`), and the section a
/// heading opens decides whether its sentences can be requests (`MessageSection`). Not requests: the
/// items of a list of help links, of examples or of policy rules (an intro that asks nothing of the
/// seller), requirements on a document ("These documents should reflect …") and statements of what
/// Amazon will do. A list item ending in ":" is a container for the items below it. A sentence naming
/// several aspects is split into one request per aspect.
enum RequestReader {
    private struct Found {
        var text: String
        /// Requests of one list or sentence, for pronoun topics ("… to resolve it").
        var group: Int
        var alternatives: Int? = nil
        var option: Int? = nil
    }

    private struct ListState {
        var intro: String
        var specific: Bool
        var items: [String] = []
        var bulleted: Bool? = nil
        var lastLineWasItem = false
        /// After an item like "Invoices for these ASINs:", plain items are its objects, not requests.
        var objectMode = false
        /// The intro points at help pages ("please reference the following:"): its items are links.
        var help = false
        /// Opened by a branch ("If you own the related account:"): only paragraphs that ask count.
        var branch = false
        /// "one of the following": each item is an alternative.
        var oneOf = false
        /// The branch ("For food products:") the next items belong to, counted from 1; 0 before any.
        var branchIndex = 0
        var options: [Int?] = []
        /// For a branch list: its group of alternatives and its option.
        var alternativeGroup: Int? = nil
        var branchOption: Int? = nil
    }

    static func read(_ rawLines: [TextLine]) -> [ReadRequest] {
        let lines = InlineLists.expand(rawLines)
        var found: [Found] = []
        var group = 0
        var list: ListState? = nil
        var section = MessageSection.unknown
        var alternativeCount = 0
        /// The last branch list's group and option, while the next one can continue it.
        var lastBranch: (group: Int, option: Int)? = nil

        func closeList() {
            guard let l = list else { return }
            group += 1
            var items = l.items
            // "-- Understanding Amazon's policies (https://…)": a list of help links asks for nothing.
            if l.help || (items.count >= 2 && items.filter(isLinkItem).count * 2 > items.count) { items = [] }
            if items.isEmpty {
                if l.specific && !l.help { found.append(Found(text: trimColon(l.intro), group: group)) }
            } else {
                // Alternatives: "one of the following" items, the branches of a list, or branch lists.
                var alternatives: Int? = nil
                if l.alternativeGroup != nil {
                    alternatives = l.alternativeGroup
                } else if (l.oneOf && items.count > 1) || Set(l.options.compactMap { $0 }).count > 1 {
                    alternativeCount += 1
                    alternatives = alternativeCount
                }
                for (k, item) in items.enumerated() {
                    var option: Int? = nil
                    if alternatives != nil {
                        option = l.alternativeGroup != nil ? l.branchOption : l.oneOf ? k + 1 : (k < l.options.count ? l.options[k] : nil)
                    }
                    found.append(Found(text: item, group: group, alternatives: alternatives, option: option))
                }
            }
            list = nil
        }

        for index in lines.indices {
            let line = lines[index]
            let next: TextLine? = index + 1 < lines.count ? lines[index + 1] : nil
            if line.quoted {
                closeList()
                continue
            }
            // "Hello,", "Dear Seller,", "出品者様": a message starts again (a mailbox, a thread pasted whole).
            if MessageHeading.isGreeting(line) {
                closeList()
                section = .unknown
                lastBranch = nil
                continue
            }
            if let s = MessageHeading.section(of: line) {
                closeList()
                section = s
                lastBranch = nil
                continue
            }
            let content = line.content
            if line.tail, list != nil {
                // Sentences after an inline item ("We will investigate …"); one may still ask.
                for s in Sentences.split(content) where RequestSentence.ask(s, in: section) != nil {
                    group += 1
                    found.append(Found(text: RequestSentence.withoutLabel(s), group: group))
                }
                continue
            }
            guard section.holdsRequests else {
                closeList()
                continue
            }
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
                    if isObject(content) || ((l.specific || l.objectMode) && !cue) || !isItemRequest(content, section: section, branch: l.branch) {
                        list?.lastLineWasItem = false
                        continue
                    }
                    list?.objectMode = false
                    list?.items.append(content)
                    list?.options.append(l.branchIndex > 0 ? l.branchIndex : nil)
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
                // "Access the following link:" then the link on its own line.
                if l.lastLineWasItem, let last = l.items.last, last.hasSuffix(":"), isLinkLine(content) {
                    list?.items[l.items.count - 1] = last + "\n" + content
                    continue
                }
                // "For food products (…):", "For non-food products:": branches of the same list.
                if isBranch(content), !l.branch {
                    list?.objectMode = false
                    list?.lastLineWasItem = false
                    list?.branchIndex += 1
                    continue
                }
                if l.bulleted != true, !isIntro(line, next: next), !isBranch(content),
                    isDetailLead(content) || (RequestTopic.hasCue(content) && !l.specific && !l.branch) || asks(content, section)
                {
                    list?.bulleted = false
                    list?.items.append(RequestSentence.withoutLabel(content))
                    list?.options.append(l.branchIndex > 0 ? l.branchIndex : nil)
                    list?.lastLineWasItem = true
                    continue
                }
                closeList()
            }
            if isIntro(line, next: next) {
                // Sentences before the intro on the same line may themselves ask for something.
                let sentences = Sentences.split(content)
                let at = introSentenceIndex(sentences, next: next)
                for s in sentences[..<at] where isDetailLead(s) || RequestSentence.ask(s, in: section) != nil {
                    group += 1
                    found.append(Found(text: isDetailLead(s) ? s : RequestSentence.requestClause(s), group: group))
                }
                let intro = sentences[at]
                // "Please provide the following documents and confirm there is a valid credit card on file:"
                for part in conjunctRequests(intro) {
                    group += 1
                    found.append(Found(text: part, group: group))
                }
                list = ListState(intro: intro, specific: introIsSpecific(intro), help: isHelpIntro(intro),
                                 oneOf: FoldedText(intro).containsAny(oneOfPhrases) || oneOfCJK.contains { intro.includes($0) })
                lastBranch = nil
                continue
            }
            // "If you own the related account:" under a reactivation heading: a path whose paragraphs ask;
            // the paths under one heading are alternatives.
            if isBranch(content), section == .reactivate || section == .error {
                let next = lastBranch.map { (group: $0.group, option: $0.option + 1) } ?? {
                    alternativeCount += 1
                    return (group: alternativeCount, option: 1)
                }()
                lastBranch = next
                list = ListState(intro: content, specific: false, branch: true, alternativeGroup: next.group, branchOption: next.option)
                continue
            }
            if line.bullet != nil {
                if isDetailLead(content) || asks(content, section) {
                    found.append(Found(text: RequestSentence.withoutLabel(content), group: group))
                } else if isCueBullet(line), isCueBulletNeighbour(lines, index) {
                    found.append(Found(text: content, group: group))
                }
                continue
            }
            if isDetailLead(content) {
                found.append(Found(text: content, group: group))
                continue
            }
            for sentence in Sentences.split(content) {
                if isDetailLead(sentence) {
                    group += 1
                    found.append(Found(text: sentence, group: group))
                } else if RequestSentence.ask(sentence, in: section) != nil {
                    // The request clause itself, without "To sell on Amazon again, " before it.
                    group += 1
                    found.append(Found(text: RequestSentence.requestClause(sentence), group: group))
                }
            }
        }
        closeList()
        return classify(found)
    }

    /// Whether any sentence of a paragraph or item asks for something.
    static func asks(_ content: String, _ section: MessageSection) -> Bool {
        if RequestSentence.ask(content, in: section) != nil { return true }
        let sentences = Sentences.split(content)
        return sentences.count > 1 && sentences.contains { RequestSentence.ask($0, in: section) != nil }
    }

    /// An item of a request list is a request unless it only states something: a requirement on a
    /// document ("These documents should reflect your sales volume"), or what will happen ("your listings
    /// will be eligible …"). In a branch, an item must ask.
    static func isItemRequest(_ content: String, section: MessageSection, branch: Bool) -> Bool {
        if asks(content, section) || isDetailLead(content) { return true }
        if branch { return false }
        let first = Sentences.split(content).first ?? content
        let f = FoldedText(first)
        let statement = [" should ", " must ", " will ", " needs to be ", " has to be ", " may ", " can ", " sollte", " muss ", " wird ", " doit ", " sera ", " debe ", " será ", " deve ", " sarà "]
        let cjkStatement = ["应与", "必须", "将会", "将被", "可能", "会被"]
        // "The documents must be legible", "your listings will be eligible" state something; "The steps
        // you will take to prevent …" names what the seller is asked for.
        for modal in statement {
            var from = 0
            while let o = f.firstOffset(of: modal, from: from) {
                let before = String(decoding: f.bytes[max(0, o - 4)..<o], as: UTF8.self)
                if !before.hasSuffix(" you") { return false }
                from = o + 1
            }
        }
        if cjkStatement.contains(where: { first.includes($0) && !first.includes("您" + $0) }) { return false }
        return true
    }

    /// "For food products (food and food supplements):", "If you own the related account:", "如果您…:".
    static func isBranch(_ content: String) -> Bool {
        guard content.hasSuffix(":") || content.hasSuffix("："), content.utf8.count < 120 else { return false }
        let f = FoldedText(content)
        let openers = [" for ", " if ", " when ", " für ", " wenn ", " pour ", " si ", " para ", " per ", " se ", " falls "]
        if openers.contains(where: { f.hasPrefix($0) }) {
            return RequestSentence.ask(trimColon(content)) == nil && !f.containsAny([" following", " below"])
        }
        return ["如果", "对于", "若", "場合"].contains { content.hasPrefix($0) } && !content.includes("以下")
    }

    static func hasLink(_ s: String) -> Bool {
        s.includes("http") || s.includes("www.") || s.includes("sellercentral") || s.includes(".com/") || s.includes("amazon.c ...")
    }

    /// "Understanding Amazon's policies (https://…)", "申诉:(https://…)": a title and a link, nothing more.
    static func isLinkItem(_ s: String) -> Bool {
        guard hasLink(s) else { return false }
        let words = s.split(separator: " ").filter { !hasLink(String($0)) }
        return words.joined(separator: " ").count <= 70 && !asks(s, .unknown)
    }

    static func isLinkLine(_ s: String) -> Bool {
        !s.contains(" ") && (s.hasPrefix("http") || s.hasPrefix("www.") || s.hasPrefix("sellercentral"))
    }

    /// "please reference the following:", "请访问以下链接:": the items are help pages.
    static func isHelpIntro(_ intro: String) -> Bool {
        let f = FoldedText(intro)
        let phrases = [
            " following link", " following page", " following resources", " following help", " reference the following",
            " refer to the following", " see the following", " visit the following", " learn more", " following articles",
            "以下链接", "以下のリンク", "以下のページ", "下列链接", " folgenden link", " folgende seiten", " liens suivants", " enlaces siguientes", " link seguenti",
        ]
        return f.containsAny(phrases) || intro.includes("访问以下") || intro.includes("查看以下")
    }

    /// The sentence of a line that opens the list after it: the last one, or the last one naming "the
    /// following" when requirements follow it ("… provide the following documents in PDF format. The
    /// documents must be legible.").
    static func introSentenceIndex(_ sentences: [String], next: TextLine?) -> Int {
        let last = sentences.count - 1
        guard last > 0, let l = sentences.last, !(l.hasSuffix(":") || l.hasSuffix("：")) else { return max(0, last) }
        for k in stride(from: last, through: 0, by: -1) where FoldedText(sentences[k]).containsAny(followingWords) {
            return k
        }
        return last
    }

    static let oneOfPhrases = [
        " one of the following", " either of the following", " any of the following", " eines der folgenden", " einen der folgenden",
        " l'un des", " l un des", " uno de los siguientes", " una de las siguientes", " uno dei seguenti", " uma das seguintes",
        " um dos seguintes", " aşağıdakilerden birini",
    ]
    static let oneOfCJK = ["以下任一", "以下之一", "下列任一", "以下のいずれか", "次のいずれか"]

    static let followingWords = [
        " following", " below", " folgende", " suivant", " ci dessous", " siguiente", " a continuación", " seguente", " di seguito",
        " seguinte", " abaixo", " aşağıdaki", "以下", "下記", "次の", "下列", "如下",
    ]

    /// Requests joined to an intro: "… the following documents and confirm there is a valid credit card
    /// on file", "lütfen … doğrulayın ve aşağıdaki belgeleri … sağlayın", "请提供以下文档,并确认已设置有效信用卡".
    static func conjunctRequests(_ intro: String) -> [String] {
        let text = trimColon(intro)
        var parts: [String] = []
        let bytes = Array(text.utf8)
        for joiner in [" and ", " und ", " et ", " y ", " e ", " ve ", ",并", "，并", "并"] {
            let needle = Array(joiner.utf8)
            if let o = ByteSearch.firstOffset(of: needle, in: bytes) {
                parts = [String(decoding: bytes[..<o], as: UTF8.self), String(decoding: bytes[(o + needle.count)...], as: UTF8.self)]
                break
            }
        }
        guard parts.count == 2 else { return [] }
        var out: [String] = []
        for (k, part) in parts.enumerated() {
            let f = FoldedText(part)
            if f.containsAny(followingWords) { continue }
            var p = TextCleanup.trim(part)
            if k == 0 { p = RequestSentence.mainClause(p) }
            let pf = FoldedText(p)
            let cjkVerb = RequestSentence.requestVerbsCJK.contains { p.hasPrefix($0) }
            let verb = RequestSentence.firstWord(pf).map { RequestSentence.imperativeVerbs.contains($0) } ?? false
            let please = RequestSentence.pleaseWords.contains { pf.hasPrefix($0) }
            if (cjkVerb || verb || please) && p.utf8.count > 12 { out.append(p) }
        }
        // Only when the other part is the intro itself.
        return out.count == 1 ? out : []
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
        if RequestPhrases.detailLeads.contains(where: { f.hasPrefix($0) }) { return true }
        if isPlanItem(text, folded: f) { return true }
        if TextLines.startsCJK(text) || text.unicodeScalars.contains(where: TextCleanup.isCJK) {
            // "…の詳細は…から確認できます" tells where to look; it asks nothing.
            let statement = ["できます", "ます。", "です。", "可以", "能够", "ました"].contains { text.includes($0) }
            return RequestPhrases.detailMarkersCJK.contains { text.includes($0) } && !text.hasSuffix("？") && !text.hasSuffix("?") && !statement
        }
        return false
    }

    /// One part of the plan Amazon's standard list asks for, named as a noun phrase: "The root cause(s)
    /// of …", "The actions you have taken to resolve …", "The steps you have taken to prevent …". Such a
    /// line is a request even when the lead-in above it ("…that includes:") was not copied with it; a
    /// statement ("The root cause was …") is not.
    static func isPlanItem(_ text: String, folded f: FoldedText) -> Bool {
        guard text.utf8.count < 300, RequestPhrases.planItemLeads.contains(where: { f.hasPrefix($0) }) else { return false }
        return !f.containsAny([" is ", " was ", " are ", " were ", " has been ", " had "])
    }

    /// Whether a sentence asks for something; returns the words after the asking verb.
    static func isAsk(_ sentence: String) -> String? {
        RequestSentence.ask(sentence)?.object
    }

    /// A line that opens a list of requests: it asks the seller for something (even if only "the
    /// following") and ends with a colon or stands before list items; an intro to examples, policy rules
    /// ("Selling partners may not include …:") or what Amazon will do asks nothing.
    static func isIntro(_ line: TextLine, next: TextLine?) -> Bool {
        let c = line.content
        guard !c.hasSuffix("?"), !c.hasSuffix("？"), c.utf8.count < 1500 else { return false }
        // "1. Please provide the root causes:" then "2. Please provide the actions …": numbered siblings,
        // each a request (whatever followed the colon was not copied), not an intro and its items.
        if line.bullet == .number, next?.bullet == .number, RequestSentence.ask(trimColon(c)) != nil { return false }
        let colon = c.hasSuffix(":") || c.hasSuffix("：")
        let beforeItems = next.map { $0.bullet != nil && !$0.quoted } ?? false
        guard colon || beforeItems else { return false }
        if !colon && (isDetailLead(c) || (endsSentence(c) && !beforeItems)) { return false }
        let sentences = Sentences.split(c)
        let intro = sentences.isEmpty ? c : sentences[introSentenceIndex(sentences, next: next)]
        if !colon && !beforeItems { return false }
        if !colon, endsSentence(intro), !FoldedText(intro).containsAny(followingWords) { return false }
        let f = FoldedText(intro)
        guard f.containsAny(RequestPhrases.introVerbs) || f.containsAny(followingWords) else { return false }
        let negative = [" may not ", " must not ", " cannot ", " not limited ", " for example", " e g ", " examples ", " zum beispiel", " par exemple", " por ejemplo", " ad esempio"]
        if f.containsAny(negative) { return false }
        let cjk = intro.unicodeScalars.contains(where: TextCleanup.isCJK)
        let addressed = f.containsAny(RequestSentence.pleaseWords) || f.containsAny([" you ", " your ", " sie ", " ihre ", " vous ", " votre ", " usted ", " su ", " tu ", " tuo ", " você ", " sua ", " seu ", " lütfen "])
            || f.containsAny(RequestSentence.needs) || RequestSentence.firstWord(f).map { RequestSentence.imperativeVerbs.contains($0) || RequestSentence.navigateVerbs.contains($0) } == true
            || (cjk && (["请", "您", "ください", "お送り", "ご提出", "ご提供"].contains { intro.includes($0) }))
            || RequestSentence.ask(intro) != nil
        return addressed
    }

    /// An intro that names what it wants ("Please provide invoices for the following ASINs:").
    static func introIsSpecific(_ intro: String) -> Bool {
        guard FoldedText(intro).contains(" for "), let object = isAsk(trimColon(intro)) else {
            return false
        }
        let f = FoldedText(object)
        if f.hasPrefix(" the following") || f.hasPrefix(" us the following") { return false }
        // "invoices for the following ASINs:": documents for the identifiers listed below it.
        let names = [" asin", " order", " sku", " isbn", " listing", " product", " item"]
        guard let forAt = f.firstOffset(of: " for ") else { return false }
        let after = FoldedText(String(decoding: f.bytes[forAt...], as: UTF8.self))
        return f.containsAny(RequestPhrases.evidence) && !f.containsAny(RequestPhrases.rootCause + RequestPhrases.corrective + RequestPhrases.preventive)
            && after.containsAny(names)
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
                out.append((ReadRequest(text: part, aspect: aspect, topic: topic.text, alternatives: f.alternatives, option: f.option), f.group, topic.pronoun))
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
