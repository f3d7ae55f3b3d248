import Foundation

/// Finds the deadline for answering: an amount of days or hours attached to sending the requested
/// information, appealing or responding ("If we do not receive the requested information within 14
/// days of the original notification …", "You have 17 days to appeal", "Please respond within
/// seventy-two (72) hours", "innerhalb von 14 Tagen", "dans un délai de 14 jours", "en un plazo de 14
/// días", "entro 14 giorni", "14日以内", "14天内").
///
/// Other durations are not deadlines: one after "last", "past", "up to" and the like ("performance
/// over the last 60 days", "hold funds for up to 90 days"), one in a clause about funds, payments,
/// performance, invoice dates or Amazon's own reply time ("we will respond within 2 days"), and one in
/// a sentence that says nothing of sending, appealing or responding. Of the durations left, the one
/// with "within" and an anchor wins, else the first.
enum DeadlineReader {
    private enum Kind { case word, number, cjk, punct }

    private struct Token {
        var start: Int
        var end: Int
        var text: String
        var kind: Kind
        var value: Int? = nil
    }

    private struct Candidate {
        var rule: DeadlineRule
        var score: Int
        var order: Int
    }

    static func read(_ sentences: [String]) -> DeadlineRule? {
        var best: Candidate? = nil
        var order = 0
        for sentence in sentences where sentence.utf8.count <= 2000 {
            guard FoldedText(sentence).containsAny(unitStems) else { continue }
            for candidate in candidates(in: sentence, order: &order) {
                if best.map({ candidate.score > $0.score }) ?? true { best = candidate }
            }
        }
        return best?.rule
    }

    // MARK: Phrase tables

    /// A sentence without one of these names no duration and is not tokenised.
    static let unitStems = [
        "day", "hour", "hrs", "tag", "stund", " std", "jour", "heure", " día", " dia", "hora", "giorn", " ore ", "日", "天", "小时",
        "小時", "時間", "h ",
    ]

    static let dayUnits: Set<String> = [
        "day", "days", "tag", "tage", "tagen", "werktag", "werktage", "werktagen", "kalendertag", "kalendertage", "kalendertagen",
        "jour", "jours", "día", "días", "dia", "dias", "giorno", "giorni",
    ]
    static let hourUnits: Set<String> = [
        "hour", "hours", "hr", "hrs", "h", "stunde", "stunden", "std", "heure", "heures", "hora", "horas", "ora", "ore",
    ]
    /// Words after the unit that make days business days ("jours ouvrables", "días hábiles").
    static let businessAfter: Set<String> = ["ouvrables", "ouvrés", "hábiles", "habiles", "lavorativi", "úteis", "uteis", "laborables"]
    static let qualifiers: Set<String> = ["business", "calendar", "working", "full", "consecutive", "additional", "more", "further"]
    static let cjkUnits: [(String, DeadlineUnit)] = [
        ("个工作日", .days), ("個工作日", .days), ("个工作天", .days), ("個工作天", .days), ("営業日", .days), ("工作日", .days),
        ("日間", .days), ("日", .days), ("天", .days), ("个小时", .hours), ("個小時", .hours), ("小时", .hours), ("小時", .hours),
        ("時間", .hours),
    ]
    static let heads: Set<String> = ["within", "in", "innerhalb", "binnen", "dans", "sous", "en", "dentro", "entro", "nei", "nel", "no"]
    static let prepositions: Set<String> = [
        "within", "in", "the", "next", "no", "later", "than", "innerhalb", "von", "binnen", "den", "nächsten", "dans", "un", "délai",
        "de", "d", "sous", "les", "prochains", "en", "plazo", "dentro", "los", "próximos", "entro", "nei", "prossimi", "il", "giro", "di",
        "nel", "a", "of",
    ]
    static let withinWords: Set<String> = [
        "within", "next", "innerhalb", "binnen", "nächsten", "délai", "sous", "prochains", "plazo", "dentro", "próximos", "entro",
        "prossimi", "later",
    ]
    static let negativeBefore: Set<String> = [
        "last", "past", "previous", "up", "over", "every", "each", "least", "after", "about", "approximately", "around",
        "letzten", "vergangenen", "bis", "über", "alle", "derniers", "dernières", "jusqu", "pendant", "últimos", "ultimos",
        "hasta", "durante", "ultimi", "fino", "oltre", "ogni",
    ]
    static let negativeBeforeCJK = ["過去", "最大", "过去", "最近", "最多", "长达", "每"]
    static let negativeClause = [
        " hold", " funds", " disburse", " payment", " performance", " rate", " delivery", " delivered", " issued", " dated",
        " placed", " purchased", " refund", " we will respond", " we will reply", " we will review", " we'll respond", " we'll reply",
        " we'll review", " we will get back", " you will receive a response", " you will hear", " typically", " usually", " may take",
        " ago", " zurückhalten", " einbehalten", " auszahlung", " guthaben", " gelder", " zahlung", " leistung", " ausgestellt",
        " datiert", " werden wir ihnen antworten", " in der regel", " retenir", " fonds", " versement", " paiement", " performances",
        " émises", " datées", " nous vous répondrons", " généralement", " retener", " fondos", " pagos", " desembolso",
        " rendimiento", " emitidas", " fechadas", " le responderemos", " normalmente", " trattenere", " fondi", " pagamenti",
        " prestazioni", " emesse", " datate", " ti risponderemo", " solitamente", "保留", "資金", "売上金", "支払", "発行", "冻结",
        "资金", "款项", "付款", "开具", "我们将在",
    ]
    static let positive = [
        " receive", " submit", " send", " provide", " respond", " reply", " appeal", " requested information", " required information",
        " plan of action", " deactivat", " remain", " permanently", " you have ", " reinstat", " reactivat", " response", " deadline",
        " information", " documents", " removed", " remove", " take action", " erhalten", " senden", " einreichen", " übermitteln",
        " antworten", " einspruch", " aktionsplan", " informationen", " deaktiviert", " bereitstellen", " recevons", " recevez",
        " envoyer", " soumettre", " fournir", " répondre", " appel", " informations", " plan d'action", " désactivé", " recibimos",
        " enviar", " presentar", " proporcionar", " responder", " apelación", " información", " plan de acción", " desactivada",
        " riceviamo", " ricevuto", " inviare", " fornire", " rispondere", " ricorso", " informazioni", " piano d'azione",
        " disattivato", "送信", "提出", "返信", "回答", "情報", "申し立て", "改善計画", "無効", "提交", "发送", "回复", "申诉", "信息",
        "行动计划", "停用",
    ]
    static let originalWords = [
        "original", "initial", "first", "ursprüngl", "erste", "initiale", "originale", "première", "premier", "inicial", "primera",
        "primer", "iniziale", "prima", "primo",
    ]
    static let thisWords: Set<String> = ["this", "dieser", "diese", "cette", "ce", "este", "esta", "questa", "questo"]
    static let notificationWords = [
        "notif", "notice", "message", "email", "mail", "benachrichtigung", "mitteilung", "nachricht", "avis", "aviso", "comunicación",
        "comunicazione", "avviso", "correo", "letter",
    ]
    static let originalCJK = ["最初の通知", "元の通知", "当初の通知", "最初のお知らせ", "初回の通知", "原始通知", "最初通知", "初始通知", "首次通知", "原通知", "第一次通知"]

    // MARK: Reading

    private static func tokenize(_ chars: [Character]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        let n = chars.count
        while i < n {
            let c = chars[i]
            if let d = digit(c) {
                var v = d
                var j = i + 1
                while j < n, let e = digit(chars[j]) {
                    if j - i < 7 { v = v * 10 + e }
                    j += 1
                }
                tokens.append(Token(start: i, end: j, text: String(chars[i..<j]), kind: .number, value: j - i < 7 ? v : nil))
                i = j
            } else if NumberWords.hanCharacters.contains(c) {
                var j = i + 1
                while j < n, NumberWords.hanCharacters.contains(chars[j]) { j += 1 }
                let run = String(chars[i..<j])
                tokens.append(Token(start: i, end: j, text: run, kind: .number, value: NumberWords.han(run)))
                i = j
            } else if let s = c.unicodeScalars.first, TextCleanup.isCJK(s) {
                tokens.append(Token(start: i, end: i + 1, text: String(c), kind: .cjk))
                i += 1
            } else if c.isLetter {
                var j = i + 1
                while j < n, chars[j].isLetter, !(chars[j].unicodeScalars.first.map(TextCleanup.isCJK) ?? false) { j += 1 }
                tokens.append(Token(start: i, end: j, text: String(chars[i..<j]).lowercased(), kind: .word))
                i = j
            } else if c.isWhitespace {
                i += 1
            } else {
                tokens.append(Token(start: i, end: i + 1, text: String(c), kind: .punct))
                i += 1
            }
        }
        return tokens
    }

    private static func digit(_ c: Character) -> Int? {
        guard let s = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return nil }
        if s >= "0" && s <= "9" { return Int(s.value - 48) }
        if s.value >= 0xFF10 && s.value <= 0xFF19 { return Int(s.value - 0xFF10) }
        return nil
    }

    private static let boundaries: Set<String> = [",", ";", ":", "，", "；", "、", "。", "：", "–", "—", "!", "?", "！", "？"]

    private static func candidates(in sentence: String, order: inout Int) -> [Candidate] {
        let chars = Array(sentence)
        let tokens = tokenize(chars)
        var result: [Candidate] = []
        let sentenceFolded = FoldedText(sentence)
        let sentencePositive = sentenceFolded.containsAny(positive)
        var t = 0
        while t < tokens.count {
            defer { t += 1 }
            var amount: Int? = nil
            var numberEnd = t
            let tok = tokens[t]
            if tok.kind == .number {
                amount = tok.value
            } else if tok.kind == .word {
                var words: [String] = []
                var positions: [Int] = []
                var k = t
                while k < tokens.count, words.count < 5 {
                    if tokens[k].kind == .word {
                        words.append(tokens[k].text)
                        positions.append(k)
                    } else if !(tokens[k].kind == .punct && tokens[k].text == "-") {
                        break
                    }
                    k += 1
                }
                if let m = NumberWords.match(words, at: 0) {
                    amount = m.value
                    numberEnd = positions[m.count - 1]
                }
            }
            guard let value = amount, value > 0 else { continue }
            // "fourteen (14) days"
            var u = numberEnd + 1
            if u + 2 < tokens.count, tokens[u].text == "(", tokens[u + 1].kind == .number, tokens[u + 2].text == ")" { u += 3 }
            while u < tokens.count, tokens[u].kind == .word, qualifiers.contains(tokens[u].text) { u += 1 }
            if u < tokens.count, tokens[u].text == "-" { u += 1 }  // "14-day"
            guard u < tokens.count else { continue }
            var unit: DeadlineUnit? = nil
            var unitEnd = u
            if tokens[u].kind == .word {
                if dayUnits.contains(tokens[u].text) { unit = .days } else if hourUnits.contains(tokens[u].text) { unit = .hours }
            } else if tokens[u].kind == .cjk {
                var run = ""
                var k = u
                while k < tokens.count, k < u + 4, tokens[k].kind == .cjk { run += tokens[k].text; k += 1 }
                for (word, un) in cjkUnits where run.hasPrefix(word) {
                    unit = un
                    unitEnd = u + word.count - 1
                    break
                }
                // "3月14日" is a date.
                if t > 0, tokens[t - 1].text == "月" || tokens[t - 1].text == "年" { unit = nil }
            }
            guard var unit else { continue }
            // "5 business days", "5 Werktage", "5 jours ouvrables", "5个工作日": business days.
            if unit == .days {
                let between = tokens[(numberEnd + 1)..<u].map(\.text)
                let after = unitEnd + 1 < tokens.count ? tokens[unitEnd + 1].text : ""
                let unitText = tokens[u..<(unitEnd + 1)].map(\.text).joined()
                if between.contains(where: { $0 == "business" || $0 == "working" }) || unitText.hasPrefix("werktag")
                    || businessAfter.contains(after) || unitText.includes("工作") || unitText.includes("営業")
                {
                    unit = .businessDays
                }
            }
            if unit != .hours && value > 400 { continue }
            if unit == .hours && value > 1000 { continue }

            // The clause around the duration.
            var clauseStart = t
            while clauseStart > 0, !(tokens[clauseStart - 1].kind == .punct && boundaries.contains(tokens[clauseStart - 1].text)) { clauseStart -= 1 }
            var clauseEnd = unitEnd
            while clauseEnd + 1 < tokens.count, !(tokens[clauseEnd + 1].kind == .punct && boundaries.contains(tokens[clauseEnd + 1].text)) { clauseEnd += 1 }
            let clauseChars = String(chars[tokens[clauseStart].start..<tokens[clauseEnd].end])
            let clause = FoldedText(clauseChars)
            let before = tokens[max(clauseStart, t - 3)..<t].filter { $0.kind == .word }.map(\.text)
            if before.contains(where: { negativeBefore.contains($0) }) { continue }
            let cjkBefore = String(chars[max(0, tokens[t].start - 6)..<tokens[t].start])
            if negativeBeforeCJK.contains(where: { cjkBefore.includes($0) }) { continue }
            if clause.containsAny(negativeClause) { continue }
            guard sentencePositive else { continue }

            var score = 1
            var start = tokens[t].start
            var end = tokens[unitEnd].end
            // "within", "innerhalb von", "dans un délai de" …
            var k = t - 1
            var head: Int? = nil
            while k >= clauseStart, k >= t - 5, tokens[k].kind == .word, prepositions.contains(tokens[k].text) {
                if heads.contains(tokens[k].text) { head = k }
                k -= 1
            }
            if let h = head {
                start = tokens[h].start
                if tokens[h..<t].contains(where: { withinWords.contains($0.text) }) { score += 2 }
            }
            // "以内", "内", "之内"
            if unitEnd + 1 < tokens.count, tokens[unitEnd + 1].kind == .cjk {
                let after = tokens[(unitEnd + 1)..<min(tokens.count, unitEnd + 3)].map(\.text).joined()
                for suffix in ["以内", "之内", "内"] where after.hasPrefix(suffix) {
                    end = tokens[unitEnd + suffix.count].end
                    score += 2
                    break
                }
            }
            var anchor = DeadlineAnchor.thisMessage
            // "… of the original notification", "… à compter de la notification initiale"
            var originalAt: Int? = nil
            var thisAt: Int? = nil
            var notificationAt: Int? = nil
            var a = unitEnd + 1
            while a <= clauseEnd, a <= unitEnd + 9 {
                let w = tokens[a]
                if w.kind == .word {
                    if originalAt == nil, originalWords.contains(where: { w.text.hasPrefix($0) }) { originalAt = a }
                    if thisAt == nil, thisWords.contains(w.text) { thisAt = a }
                    if notificationAt == nil, notificationWords.contains(where: { w.text.hasPrefix($0) }) { notificationAt = a }
                }
                if notificationAt != nil, originalAt != nil || thisAt != nil { break }
                a += 1
            }
            if let n = notificationAt {
                if let o = originalAt, o <= n + 1 {
                    anchor = .originalNotification
                    score += 1
                    end = tokens[max(o, n)].end
                } else if let th = thisAt, th < n {
                    end = tokens[n].end
                }
            }
            // "最初の通知から14日以内"
            if anchor == .thisMessage {
                let windowStart = max(0, tokens[t].start - 14)
                let window = String(chars[windowStart..<tokens[t].start])
                for phrase in originalCJK {
                    if window.includes(phrase), let r = window.range(of: phrase) {
                        anchor = .originalNotification
                        score += 1
                        start = windowStart + window.distance(from: window.startIndex, to: r.lowerBound)
                        break
                    }
                }
            }
            if clause.containsAny(positive) { score += 1 }
            let text = String(chars[start..<end])
            result.append(Candidate(rule: DeadlineRule(amount: value, unit: unit, anchor: anchor, text: text), score: score, order: order))
            order += 1
        }
        return result
    }
}
