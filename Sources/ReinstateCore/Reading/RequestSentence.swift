import Foundation

/// Whether one sentence asks the seller to send or do something, in any of the languages read.
///
/// A request is a sentence (after a leading "To reactivate your account, …", "If you believe …, " or
/// "Once …, " clause) that
/// - says "please" ("please", "kindly", "bitte", "veuillez", "por favor", "per favore", "lütfen", "请",
///   "…ください") before a verb that is not boilerplate;
/// - opens with the imperative of a verb of sending or doing ("Provide …", "Submit …", "Fill out …",
///   "Senden Sie …"); a verb of going somewhere ("Go to the dashboard and submit …") only with such a verb;
/// - states what the seller must do ("You need to complete …", "you must provide …", "您必须…");
/// - says what Amazon needs ("We need …") or what a plan must hold ("Your explanation should include …");
/// - or asks the seller a question ("How do you avoid …?"), unlike the headings ("How do I …?").
///
/// It is not a request when its verb is boilerplate (ship open orders, contact Seller Support, reply to
/// this message, click the Appeal button, search or review the help pages), when it only points at the
/// requests ("please send us the following", "please provide an explanation" before "Your explanation
/// should include:"), when it is a question about help ("If you have questions …"), or when it addresses
/// somebody else ("they must send the retraction").
enum RequestSentence {
    enum Form: Equatable {
        case please, imperative, obligation, need, owner, question, detail
    }

    struct Ask {
        var form: Form
        /// The words after the asking verb.
        var object: String
    }

    // MARK: Words

    static let pleaseWords = [
        " please ", " kindly ", " bitte ", " veuillez ", " merci de ", " por favor ", " per favore ", " ti preghiamo di ",
        " ti chiediamo di ", " lütfen ", " solicitamos que ", " pedimos que ",
    ]
    static let pleaseCJK = ["请", "ください", "下さい", "お願いします", "お願いいたします"]

    /// Verbs of sending or doing something for Amazon, in the imperative or infinitive forms that
    /// follow "please" (folded, whole words).
    static let requestVerbs: Set<String> = [
        "provide", "submit", "send", "include", "attach", "upload", "confirm", "complete", "fill", "modify", "remove", "delete",
        "update", "correct", "explain", "describe", "reactivate", "reinstate", "register", "obtain", "sign", "schedule", "email",
        "identify", "outline", "tell", "list", "share", "detail", "specify", "clarify", "furnish", "verify", "resubmit", "take",
        "pass", "create", "edit", "change", "add", "enter", "forward", "appeal", "demonstrate", "show", "prove", "give",
        // German
        "senden", "sende", "reichen", "stellen", "übermitteln", "geben", "erläutern", "erklären", "fügen", "legen", "beschreiben",
        "laden", "bestätigen", "füllen", "aktualisieren", "ändern", "entfernen", "korrigieren", "nennen", "teilen", "registrieren",
        // French
        "fournir", "envoyer", "soumettre", "inclure", "joindre", "expliquer", "décrire", "confirmer", "télécharger", "compléter",
        "remplir", "modifier", "supprimer", "préciser", "indiquer", "fournissez", "envoyez", "soumettez", "joignez", "expliquez",
        "décrivez", "confirmez", "complétez", "remplissez", "modifiez", "supprimez", "indiquez",
        // Spanish
        "proporcione", "proporciónenos", "proporcionenos", "envíe", "envie", "envíenos", "envienos", "presente", "incluya",
        "adjunte", "explique", "describa", "confirme", "complete", "rellene", "modifique", "elimine", "suba", "indique",
        "proporcionar", "enviar", "presentar", "incluir", "adjuntar", "explicar", "describir",
        // Italian
        "fornisci", "forniscici", "invia", "inviaci", "includi", "allega", "spiega", "descrivi", "conferma", "completa", "compila",
        "modifica", "rimuovi", "carica", "indica", "fornire", "inviare", "includere", "allegare", "spiegare", "descrivere",
        "confermare", "completare", "compilare",
        // Portuguese
        "forneça", "forneca", "envie", "inclua", "anexe", "descreva", "preencha", "remova", "carregue", "fornecer",
    ]
    /// Verbs that open a request in the imperative ("Provide …"); words that are also nouns ("list",
    /// "detail", "change") are left out.
    static let imperativeVerbs = requestVerbs.subtracting([
        "list", "detail", "show", "change", "add", "enter", "appeal", "take", "pass", "give", "share", "tell", "prove",
        "demonstrate", "create", "edit", "forward", "presente", "complete", "indica", "conferma", "modifica", "carica", "completa",
    ]).union(["complete"])
    /// Verbs of going somewhere: a request only together with a verb of sending or doing.
    static let navigateVerbs: Set<String> = ["go", "visit", "access", "follow", "use", "open", "navigate", "log", "gehen", "accédez", "acceda", "accedi", "acesse"]
    /// Boilerplate: shipping open orders, contacting, replying, clicking, reading help, noting.
    static let boilerplateVerbs: Set<String> = [
        "ship", "contact", "reply", "respond", "click", "search", "see", "review", "note", "reference", "refer", "call", "write",
        "reach", "check", "read", "allow", "keep", "continue", "be", "do", "don't", "let", "know", "feel", "find", "learn",
        "understand", "consider", "wait", "ask", "choose", "select", "make", "get", "visit",
        "versenden", "wenden", "kontaktieren", "besuchen", "lesen", "prüfen", "überprüfen", "beachten", "antworten", "klicken",
        "zeigen", "expédier", "expédiez", "contacter", "contactez", "consulter", "consultez", "répondre", "répondez", "cliquer",
        "cliquez", "noter", "notez", "contacte", "póngase", "visite", "consulte", "haga", "responda", "contatta", "contattaci",
        "visita", "consulta", "fai", "rispondi", "spedisci", "entre", "clique",
    ]
    /// Chinese and Japanese verbs of sending or doing, found after "请" or before "ください".
    static let requestVerbsCJK = [
        "提供", "提交", "发送", "附上", "上传", "说明", "解释", "填写", "注册", "确认", "修改", "删除", "完成", "更新", "提出", "送信", "お送り",
        "送付", "記載", "添付", "入力", "登録", "修正", "削除", "完了", "アップロード", "説明", "ご提出", "ご提供", "ご送信", "重新激活",
    ]
    static let boilerplateVerbsCJK = [
        "联系", "聯繫", "查看", "访问", "訪問", "单击", "点击", "發貨", "发货", "审核", "参阅", "参考", "阅读", "出荷", "発送", "お問い合わせ", "问询",
        "按照", "従って", "ご確認", "参照", "クリック", "アクセス", "ご覧",
    ]

    /// "You need to …", "you must …", "您必须…": what the seller has to do.
    static let obligations = [
        " you need to ", " you will need to ", " you'll need to ", " you must ", " you have to ", " you should ", " you will have to ",
        " you also need to ", " you first need to ", " you must first ", " you must also ", " you will also need to ",
        " sie müssen ", " vous devez ", " vous devrez ", " debe ", " deberá ", " usted debe ", " necesita ", " devi ", " dovrai ",
        " você precisa ", " você deve ", " você deverá ",
    ]
    static let obligationsCJK = ["您必须", "你必须", "您需要", "你需要", "您应当", "您应该", "必要があります", "必要があり"]
    /// "We need …": what Amazon needs (a request outside the "why" section).
    static let needs = [" we need ", " we require ", " we still need ", " we are requesting ", " we request ", " we also need ", " wir benötigen ", " nous avons besoin ", " necesitamos ", " abbiamo bisogno ", " precisamos "]

    /// Objects that point at the requests instead of naming one.
    static let references = RequestPhrases.references + [
        " the documents", " these documents", " your documents", " the documentation", " this documentation", " those documents",
        " the following", " one of the following", " the steps below", " the information below", " the details below",
        " den folgenden", " les documents", " los documentos", " i documenti",
    ]
    static let referencesCJK = [
        "此信息", "这些信息", "该信息", "所需信息", "所需的信息", "所请求的信息", "所要求的信息", "要求的信息", "您的文件", "这些文件", "此文件",
        "以下", "下記", "次の", "上記", "この情報", "必要な情報", "要求された情報",
    ]
    /// An appeal or plan as the object: a request only when qualified ("an appeal for all accounts").
    static let appealReferences = [
        " us a plan of action", " your plan of action", " a plan of action", " us your appeal", " us an appeal", " an updated plan",
        " a revised plan", " your appeal", " an appeal", " one appeal", " your plan", " a response", " your response",
        " us a response", " a reply",
    ]
    static let qualifiers: Set<String> = [
        "for", "to", "that", "which", "with", "explaining", "addressing", "including", "describing", "showing", "outlining",
        "about", "on", "regarding", "concerning", "of",
    ]
    /// Objects that name nothing in particular: "an explanation", "us why", "说明".
    static let genericWords: Set<String> = [
        "a", "an", "the", "your", "us", "with", "this", "it", "them", "why", "explanation", "appeal", "plan", "of", "action",
        "response", "reply", "information", "details", "more", "additional", "further", "some", "please", "to",
    ]
    static let genericCJK: Set<String> = ["说明", "解释", "申诉", "答复", "回复", "説明", "ご説明"]
    /// Orders the seller should ship: "ship any open orders", "请发送任何未结订单" (a translation of it).
    static let openOrders = [
        " open order", " pending order", " any orders", " outstanding order", " unshipped order", " offenen bestellungen",
        " commandes en cours", " pedidos pendientes", " ordini in sospeso", " pedidos em aberto", " açık sipariş",
        "未结订单", "未完成的订单", "未完结的订单", "未出荷の注文", "受注済み", "订单及时",
    ]
    /// "If you have questions …": an offer of help, never a request.
    static let helpConditions = [
        " if you have questions", " if you have any questions", " if you need help", " if you need assistance", " for questions",
        " bei fragen", " wenn sie fragen", " si vous avez des questions", " si tiene preguntas", " se hai domande",
        "有任何疑问", "有疑问", "如有疑问", "ご不明な点", "ご質問",
    ]
    static let clauseOpeners = RequestPhrases.clauseOpeners + [
        " once ", " when ", " after ", " before ", " for ", " in order for ", " while ", " sobald ", " nachdem ", " une fois ",
        " lorsque ", " cuando ", " una vez ", " quando ", " dopo ", " assim que ", " ao ",
    ]
    static let labels = ["note:", "notes:", "important:", "hinweis:", "remarque :", "remarque:", "nota:", "注意:", "注意：", "注:", "注：", "备注:", "备注："]

    // MARK: Reading

    /// Whether the sentence, in the given section, asks for something; returns how and the object.
    static func ask(_ raw: String, in section: MessageSection = .unknown) -> Ask? {
        guard section.holdsRequests else { return nil }
        let sentence = withoutLabel(raw)
        guard sentence.utf8.count < 2000, !sentence.isEmpty else { return nil }
        if sentence.hasSuffix("?") || sentence.hasSuffix("？") {
            return isSecondPersonQuestion(sentence) ? Ask(form: .question, object: sentence) : nil
        }
        let folded = FoldedText(sentence)
        if helpConditions.contains(where: { folded.hasPrefix($0) }) { return nil }
        if RequestPhrases.detailLeads.contains(where: { folded.hasPrefix($0) }) { return Ask(form: .detail, object: sentence) }
        if sentence.utf8.contains(where: { $0 >= 0xE3 }), sentence.unicodeScalars.contains(where: TextCleanup.isCJK) {
            if RequestReader.isDetailLead(sentence) { return Ask(form: .detail, object: sentence) }
            if cjkShare(sentence) { return askCJK(sentence, in: section) }
        }
        let clause = mainClause(sentence, folded: folded)
        let f = clause.utf8.count == sentence.utf8.count ? folded : FoldedText(clause)
        let bytes = f.bytes
        // "Your explanation should include …"
        if RequestPhrases.planOwners.contains(where: { f.hasPrefix($0) }), let m = f.earliest(RequestPhrases.planModals), m < 60 {
            return checked(Ask(form: .owner, object: String(decoding: bytes[m...], as: UTF8.self)), strict: false)
        }
        // "please …" (also "… bitte …", "Senden Sie uns bitte …")
        if let p = pleaseOffset(f) {
            let after = String(decoding: bytes[(p.end - 1)...], as: UTF8.self)
            let afterFolded = FoldedText(after)
            let first = firstWord(afterFolded)
            if let verb = first, boilerplateVerbs.contains(verb) { return nil }
            if let verb = first, navigateVerbs.contains(verb), !hasRequestVerb(afterFolded, skippingFirst: true) { return nil }
            return checked(Ask(form: .please, object: objectAfterVerb(afterFolded)), strict: true)
        }
        // "We need …"
        if let lead = needs.first(where: { f.hasPrefix($0) }) {
            guard section != .why else { return nil }
            return checked(Ask(form: .need, object: String(decoding: bytes[(lead.utf8.count - 1)...], as: UTF8.self)), strict: true)
        }
        // "You need to complete …"
        if let lead = obligations.first(where: { o in f.firstOffset(of: o).map { $0 < 4 } ?? false }), let at = f.firstOffset(of: lead) {
            guard section != .why else { return nil }
            let after = FoldedText(String(decoding: bytes[(at + lead.utf8.count - 1)...], as: UTF8.self))
            let verbs = after.bytes.count > 2 ? words(after).prefix(3) : []
            guard verbs.contains(where: { requestVerbs.contains($0) }) else { return nil }
            return checked(Ask(form: .obligation, object: objectAfterVerb(after)), strict: false)
        }
        // An imperative: "Provide …", "Fill out the form", "Senden Sie uns …", "Go to … and submit …"
        if let first = firstWord(f) {
            if imperativeVerbs.contains(first), !startsStatement(f) {
                return checked(Ask(form: .imperative, object: objectAfterVerb(f)), strict: true)
            }
            if navigateVerbs.contains(first), hasRequestVerb(f, skippingFirst: true) {
                return Ask(form: .imperative, object: objectAfterVerb(f))
            }
        }
        return nil
    }

    /// The request clause of a sentence that asks: without a label ("Note:") and without a leading
    /// clause ("To sell on Amazon again, please send us a plan …" gives "please send us a plan …").
    static func requestClause(_ sentence: String) -> String {
        let s = withoutLabel(sentence)
        if s.unicodeScalars.contains(where: TextCleanup.isCJK) { return s }
        let clause = TextCleanup.trim(mainClause(s))
        return clause.utf8.count >= 12 ? clause : s
    }

    /// "Note: When appealing, please …" without its label.
    static func withoutLabel(_ s: String) -> String {
        // Labels end in ":" (3A) or "：" (EF BC 9A) within their first 14 bytes.
        guard s.utf8.prefix(16).contains(where: { $0 == 0x3A || $0 == 0x9A }) else { return s }
        let head = s.prefix(14).lowercased()
        for label in labels where head.hasPrefix(label) {
            return TextCleanup.trim(s.dropFirst(label.count))
        }
        return s
    }

    /// The sentence without a leading clause ("To reactivate your account, ", "Hesabınızı … için, "): from
    /// the word "please" when it follows a comma, else after the comma that ends a leading clause.
    static func mainClause(_ sentence: String, folded: FoldedText? = nil) -> String {
        let utf8 = sentence.utf8
        // Commas: "," (2C) and "，" (EF BC 8C), as String indices.
        var commas: [String.Index] = []
        var i = utf8.startIndex
        while i < utf8.endIndex, commas.count < 6 {
            let b = utf8[i]
            if b == 0x2C { commas.append(i) } else if b == 0xEF {
                let j = utf8.index(after: i)
                if j < utf8.endIndex, utf8[j] == 0xBC, utf8.index(after: j) < utf8.endIndex, utf8[utf8.index(after: j)] == 0x8C { commas.append(i) }
            }
            i = utf8.index(after: i)
        }
        let f = folded ?? FoldedText(sentence)
        let opens = clauseOpeners.contains(where: { f.hasPrefix($0) })
        if commas.isEmpty && !opens { return sentence }
        // The clause after the comma that opens with "please", an obligation or an imperative
        // ("To continue your offers after June 7, 2019, you will need to …").
        for comma in commas.prefix(6) {
            let rest = TextCleanup.trim(sentence[sentence.index(after: comma)...])
            let r = FoldedText(rest.prefix(60))
            if pleaseWords.contains(where: { r.hasPrefix($0) }) || obligations.contains(where: { r.hasPrefix($0) }) {
                return rest
            }
            if opens, let w = firstWord(r), imperativeVerbs.contains(w) || navigateVerbs.contains(w) { return rest }
        }
        if opens {
            // "To verify your identity … you need to complete …": an obligation after a clause without a comma.
            let lower = Array(sentence.lowercased().utf8)
            if lower.count == utf8.count {
                var best: Int? = nil
                for o in obligations {
                    if let at = ByteSearch.firstOffset(of: Array(o.utf8), in: lower), best.map({ at < $0 }) ?? true { best = at }
                }
                if let at = best {
                    return String(decoding: Array(utf8)[(at + 1)...], as: UTF8.self)
                }
            }
            if let comma = commas.first { return TextCleanup.trim(sentence[sentence.index(after: comma)...]) }
        }
        return sentence
    }

    private static func pleaseOffset(_ f: FoldedText) -> (start: Int, end: Int)? {
        var best: (Int, Int)? = nil
        for w in pleaseWords {
            if let o = f.firstOffset(of: w), o < 40, best.map({ o < $0.0 }) ?? true { best = (o, o + w.utf8.count) }
        }
        return best.map { (start: $0.0, end: $0.1) }
    }

    static func words(_ f: FoldedText) -> [String] {
        String(decoding: f.bytes, as: UTF8.self).split(separator: " ").map(String.init)
    }

    static func firstWord(_ f: FoldedText) -> String? {
        var i = 0
        let b = f.bytes
        while i < b.count, b[i] == 0x20 { i += 1 }
        var j = i
        while j < b.count, b[j] != 0x20 { j += 1 }
        return i < j ? String(decoding: b[i..<j], as: UTF8.self) : nil
    }

    private static func hasRequestVerb(_ f: FoldedText, skippingFirst: Bool) -> Bool {
        let w = words(f)
        for (k, word) in w.enumerated() where k > 0 || !skippingFirst {
            if requestVerbs.contains(word), k > 0, ["and", "to", "und", "et", "y", "e", "zu", "pour", "para", "per"].contains(w[k - 1]) { return true }
        }
        return false
    }

    /// "Provide an explanation": a statement opening like an imperative ("Complete identity verification
    /// is required") is rare; only a verb followed by "is"/"are" reads as a noun.
    private static func startsStatement(_ f: FoldedText) -> Bool {
        let w = words(f)
        return w.count > 1 && ["is", "are", "was", "were", "has", "have", "will"].contains(w[1])
    }

    private static func objectAfterVerb(_ f: FoldedText) -> String {
        let w = words(f)
        guard let first = w.first else { return "" }
        var k = 1
        // "fill out", "sign up", "senden Sie", "stellen Sie … bereit"
        if first == "fill" || first == "sign" || first == "log", k < w.count, ["out", "in", "up"].contains(w[k]) { k += 1 }
        if k < w.count, w[k] == "sie" { k += 1 }
        return " " + w.dropFirst(k).joined(separator: " ") + " "
    }

    /// Drops asks whose object only points at the requests, names nothing, or is the open orders.
    private static func checked(_ ask: Ask, strict: Bool) -> Ask? {
        let object = FoldedText(ask.object)
        let text = String(decoding: object.bytes, as: UTF8.self)
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        if object.containsAny(openOrders) { return nil }
        if object.hasPrefix(" to ") && ask.form == .need { return nil }
        let objectWords = text.split(separator: " ").map(String.init)
        if objectWords.count <= 5, objectWords.allSatisfy({ genericWords.contains($0) }) { return nil }
        if let r = appealReferences.first(where: { object.hasPrefix($0) }) {
            // "an appeal for all accounts", "a plan that explains …" name what they want; "your appeal by
            // replying to this message" does not.
            let rest = FoldedText(String(decoding: object.bytes[(r.utf8.count)...], as: UTF8.self))
            guard let w = firstWord(rest), qualifiers.contains(w) else { return nil }
            return ask
        }
        if strict {
            for r in references {
                for prefix in ["", " us", " us with"] where object.hasPrefix(prefix + r) {
                    // "a plan of action that explains the root cause …" still asks for something; "the
                    // documents to seller-performance@…" does not.
                    let end = min(object.bytes.count, (prefix + r).utf8.count)
                    let rest = FoldedText(String(decoding: object.bytes[end...], as: UTF8.self))
                    let hasMainCue = [RequestPhrases.rootCause, RequestPhrases.corrective, RequestPhrases.preventive, RequestPhrases.evidence]
                        .contains { rest.containsAny($0) }
                    let qualified = firstWord(rest).map { $0 != "to" && qualifiers.contains($0) } ?? false
                    if !(hasMainCue && qualified) { return nil }
                }
            }
        }
        return ask
    }

    /// Whether most letters are Chinese or Japanese (a Turkish sentence with one quoted name is not).
    private static func cjkShare(_ s: String) -> Bool {
        var cjk = 0, latin = 0
        for u in s.unicodeScalars {
            if TextCleanup.isCJK(u) { cjk += 1 } else if u.properties.isAlphabetic { latin += 1 }
        }
        return cjk * 2 >= latin
    }

    private static func askCJK(_ sentence: String, in section: MessageSection) -> Ask? {
        // "您必须先通过提交申诉,来重新激活…": an obligation.
        if obligationsCJK.contains(where: { sentence.includes($0) }) {
            guard section != .why else { return nil }
            if requestVerbsCJK.contains(where: { sentence.includes($0) }) { return Ask(form: .obligation, object: sentence) }
        }
        // "请" (not in "申请", "邀请", "请求") or "…ください".
        var pleaseAt: String.Index? = nil
        var i = sentence.startIndex
        while i < sentence.endIndex {
            if sentence[i] == "请" {
                let prev = i > sentence.startIndex ? sentence[sentence.index(before: i)] : " "
                let next = sentence.index(after: i) < sentence.endIndex ? sentence[sentence.index(after: i)] : " "
                if !"申邀聘声提".contains(prev), next != "求" { pleaseAt = i; break }
            }
            i = sentence.index(after: i)
        }
        let polite = pleaseCJK.dropFirst().contains { sentence.includes($0) }
        guard pleaseAt != nil || polite else { return nil }
        let rest = pleaseAt.map { String(sentence[$0...]) } ?? sentence
        // The first verb decides: boilerplate ("请联系", "请单击以下链接提交…") or a request.
        let bytes = Array(rest.utf8)
        func first(_ verbs: [String]) -> (start: Int, end: Int)? {
            var best: (start: Int, end: Int)? = nil
            for v in verbs {
                let needle = Array(v.utf8)
                if let o = ByteSearch.firstOffset(of: needle, in: bytes), best.map({ o < $0.start }) ?? true { best = (o, o + needle.count) }
            }
            return best
        }
        guard let verb = first(requestVerbsCJK) else { return nil }
        if let b = first(boilerplateVerbsCJK), b.start < verb.start { return nil }
        if openOrders.contains(where: { rest.includes($0) }) { return nil }
        var object = String(decoding: bytes[verb.end...], as: UTF8.self)
        object = TextCleanup.trim(object, also: ["。", "！", ".", ":", "：", " "])
        if object.isEmpty || genericCJK.contains(object) { return nil }
        if referencesCJK.contains(where: { object.hasPrefix($0) || object.hasPrefix("我们" + $0) }) { return nil }
        return Ask(form: .please, object: object)
    }

    /// "How do you avoid …?", "What will you do …?": a question to the seller, not a heading ("How do I …?",
    /// "Has your account been deactivated in error?").
    static func isSecondPersonQuestion(_ s: String) -> Bool {
        let w = words(FoldedText(s.prefix(80)))
        guard w.count >= 3, ["how", "what", "why", "when", "which", "where", "who", "can", "could", "will", "would"].contains(w[0]) else { return false }
        return w.prefix(5).contains("you")
    }
}
