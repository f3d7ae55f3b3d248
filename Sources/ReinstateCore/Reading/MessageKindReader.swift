import Foundation

/// Tells what kind of message Amazon sent, from its subject and its own (unquoted) words.
///
/// In order: an explicit warning ("this is a warning"); a reinstatement ("your account has been
/// reactivated"); a denial, Amazon's final "no" to an appeal ("we will not respond to further appeals");
/// a reply to an appeal ("we received your submission", "thank you for confirming …"); a notice that the
/// account itself was deactivated or may not sell ("Your seller account has been temporarily
/// deactivated", "you currently may not sell on Amazon.com", "您的亚马逊卖家账户已被暂时停用"); a warning
/// (under review, at risk, "may lead to account deactivation", "will be deactivated on …"); a notice of
/// a listing action ("we removed your images", "wurden Ihre Angebote deaktiviert"); a softer warning; a
/// notice implied by what it asks ("your appeal", "how your account has not violated …") or by a rights
/// owner's report of infringement ("we received a report of trademark infringement"); a warning about
/// a policy, a violation or a requirement; else other.
///
/// Verb phrases are found with words between them ("has been temporarily deactivated", "wurden Ihre
/// nicht konformen Angebote … deaktiviert", "已被暂时停用").
enum MessageKindReader {
    static let explicitWarning = [
        " this is a warning", " policy warning", " we are issuing a warning", " consider this a warning", " warnung ", " avertissement ",
        " advertencia ", " avvertimento ", " avviso di violazione", "警告",
    ]
    static let reinstatement = [
        " has been reactivated", " have been reactivated", " has been reinstated", " have been reinstated", " is reactivated",
        " are reactivated", " we reactivated", " we have reactivated", " we reinstated", " we have reinstated", " reinstated your",
        " reactivated your", " have been restored", " has been restored", " we have restored", " we restored", " you can now sell",
        " you can resume selling", " accepted your appeal", " your appeal has been accepted", " your appeal was accepted",
        " wurde reaktiviert", " wurde wieder aktiviert", " wurden reaktiviert", " wieder freigeschaltet", " wurde wiederhergestellt",
        " a été réactivé", " ont été réactivé", " a été rétabli", " ha sido reactivada", " ha sido reactivado", " han sido reactivad",
        " ha sido restablecid", " è stato riattivato", " è stato ripristinato", " sono stati riattivat",
        "再開されました", "再開いたしました", "復元されました", "已恢复", "已重新激活", "已被恢复", "已重新启用",
    ]
    static let reply = [
        " we received your submission", " we have received your submission", " we received your appeal", " we have received your appeal",
        " we received your plan", " we have received your plan", " we reviewed your", " we have reviewed your", " after reviewing your",
        " we reviewed the information", " we have reviewed the information", " we reviewed the documents", " we have reviewed the documents",
        " does not resolve the issue", " did not resolve the issue", " does not address the issue", " revised plan of action",
        " do not have enough information", " don't have enough information", " did not provide enough information",
        " does not provide enough information", " not enough information", " thank you for your appeal", " thank you for your submission",
        " thank you for your plan of action", " thank you for submitting", " your appeal does not", " your plan of action does not",
        " we were unable to accept your", " we are unable to accept your", " we cannot accept your", " we could not accept your",
        " we are unable to reinstate", " we are unable to reactivate", " we will not be able to reinstate",
        " wir haben ihre einreichung erhalten", " wir haben ihren einspruch erhalten", " wir haben ihren aktionsplan",
        " nicht genügend informationen", " nous avons reçu votre", " pas suffisamment d'informations", " pas assez d'informations",
        " hemos recibido su", " no tenemos suficiente información", " abbiamo ricevuto la tua", " abbiamo ricevuto il tuo",
        " non disponiamo di informazioni sufficienti", "ご提出いただいた", "受け取りましたが", "情報が不足", "我们已收到您的", "信息不足", "没有足够的信息",
    ]
    static let notice = [
        " has been deactivated", " have been deactivated", " have deactivated", " has been suspended", " have been suspended",
        " have suspended", " has been removed", " have been removed", " we removed", " we have removed", " has been blocked",
        " have been blocked", " has been restricted", " have been restricted", " selling privileges have been", " selling privileges are",
        " has been deactivated", " are deactivated", " is deactivated", " has been disabled", " have been disabled", " at risk of deactivation",
        " we have placed your account", " has been placed on hold", " have been suppressed", " has been suppressed", " is under review",
        " wurde deaktiviert", " wurden deaktiviert", " wurde gesperrt", " wurden gesperrt", " wurde entfernt", " wurden entfernt",
        " a été désactivé", " ont été désactivé", " a été suspendu", " ont été suspendu", " a été supprimé", " ont été supprimé",
        " ha sido desactivada", " ha sido desactivado", " ha sido suspendida", " han sido eliminad", " ha sido eliminad",
        " è stato disattivato", " è stato sospeso", " sono stati rimoss", " è stato rimosso", " sono stati disattivat",
        "停止されました", "無効化されました", "削除されました", "停止いたしました", "已被停用", "已停用", "已被暂停", "已暂停", "已被删除", "已被移除", "已下架",
    ]
    static let softWarning = [
        " may result in", " could result in", " may lead to", " to avoid deactivation", " to avoid the deactivation", " future violations",
        " we may deactivate", " we may remove", " we may suspend", " kann zur deaktivierung", " peut entraîner", " puede resultar",
        " potrebbe comportare", " 可能会导致", "可能导致", "停止される可能性",
    ]

    static let conditions = [" once ", " if ", " when ", " after ", " until ", " before ", " sobald ", " wenn ", " nachdem ", " une fois ", " si ",
                             " lorsque ", " cuando ", " una vez ", " quando ", " dopo ", " se ", "如果", "若", "一旦", "场合", "場合", "たら"]

    /// Whether a phrase occurs as a statement, not in a condition ("once your account has been reactivated").
    static func affirmed(_ list: [String], in text: FoldedText) -> Bool {
        for phrase in list {
            var from = 0
            while let o = text.firstOffset(of: phrase, from: from) {
                // Chinese and Japanese put the condition further ahead: "如果我们无法…,将不会恢复…".
                let reach = phrase.utf8.first.map { $0 >= 0x80 } == true ? 100 : 40
                let before = FoldedText(String(decoding: text.bytes[max(0, o - reach)..<o], as: UTF8.self))
                if !before.containsAny(conditions) { return true }
                from = o + 1
            }
        }
        return false
    }

    static let denial = [
        " will not be reactivated", " will not be reinstated", " not respond to further appeals", " will not respond to further",
        " no further appeals", " not accept further appeals", " not consider further appeals", " final decision", " decision is final",
        " appeal has been denied", " appeal was denied", " appeal has been rejected", " appeal was rejected", " we have denied your",
        " we denied your", " not eligible for reinstatement", " cannot be reinstated", " cannot be reactivated",
        " will not review further", " wird nicht reaktiviert", " wird nicht wieder aktiviert", " endgültige entscheidung",
        " keine weiteren einsprüche", " ne sera pas réactivé", " décision définitive", " décision finale", " no será reactivad",
        " decisión final", " decisión definitiva", " non sarà riattivat", " decisione definitiva", " decisione finale",
        " não será reativad", " decisão final", " nihai karar", " yeniden etkinleştirilmeyecek",
        "最终决定", "不会恢复您的", "不会重新激活", "不予恢复", "再開されません", "最終的な決定", "再開することはできません",
    ]
    static let replyMore = [
        " thank you for your recent submission", " thank you for confirming", " thank you for submitting", " thank you for your recent appeal",
        " reviewed and accepted", " your recent submission", " vielen dank für ihre einreichung", " merci pour votre", " gracias por su apelación",
        " grazie per il tuo ricorso", " obrigado por enviar", " başvurunuz için teşekkür",
        "感谢您提交", "感谢您的申诉", "ご提出いただき",
    ]

    /// (auxiliaries, participles): "has been … deactivated" with up to `gap` bytes between.
    static let notices: [([String], [String], Int)] = [
        ([" has been", " have been", " has now been", " have now been", " were", " was", " is", " are", " had been"],
         [" deactivated", " suspended", " removed", " blocked", " restricted", " disabled", " closed", " terminated", " suppressed", " canceled", " cancelled"], 24),
        ([" we have", " we", " we've"], [" deactivated", " suspended", " removed", " blocked", " restricted", " disabled", " canceled", " cancelled", " closed"], 24),
        ([" wurde", " wurden", " ist", " sind", " haben wir"], [" deaktiviert", " gesperrt", " entfernt", " geschlossen", " eingeschränkt"], 120),
        ([" a été", " ont été", " avons"], [" désactivé", " suspendu", " supprimé", " retiré", " bloqué", " fermé"], 40),
        ([" ha sido", " han sido", " hemos"], [" desactivad", " suspendid", " eliminad", " retirad", " bloquead", " cerrad"], 40),
        ([" è stato", " è stata", " sono stati", " sono state", " abbiamo"], [" disattivat", " sospes", " rimoss", " bloccat", " chius"], 40),
        ([" foi", " foram", " está", " estão"], [" desativad", " suspens", " removid", " bloquead"], 40),
        ([" devre dışı", " askıya", " kaldırıldı", " kapatıldı"], [" bırakıldı", " alındı", " ", " "], 8),
        (["已被", "已经被", "已"], ["停用", "暂停", "删除", "移除", "下架", "关闭", "冻结", "禁用"], 12),
        ([" have your", " has your"], [" been deactivated", " been removed", " been suspended"], 24),
        (["は", "が"], ["閉鎖されて", "停止されて", "停止されま", "無効化されま", "無効になりま", "削除されま", "閉鎖されま"], 12),
    ]
    /// Chinese phrases that are the whole verb: "我们停用了您的…账户".
    static let noticeDirect = ["停用了", "暂停了", "删除了", "移除了", "禁用了", "关闭了"]
    static let cannotSell = [
        " you currently may not sell", " you may not sell", " you may no longer sell", " not be able to sell", " you can no longer sell",
        " you are not allowed to sell", " sie können nicht mehr", " vous ne pouvez plus vendre", " ya no puede vender", " non puoi più vendere",
        "您将无法在亚马逊上销售", "无法在亚马逊上销售", "販売できません", "出品できません",
    ]
    static let accountWords = [
        " account", " accounts", " selling privileges", " privileges", " konto", " verkäuferkonto", " compte", " cuenta", " conta",
        " hesab", "账户", "帐户", "賬戶", "アカウント",
    ]
    static let warnings = [
        " under review", " we are reviewing", " at risk", " may lead to", " could lead to", " will be deactivated", " may be deactivated",
        " if left unaddressed", " may result in", " could result in", " negatively impacts your account health", " risk of deactivation",
        " wird überprüft", " in überprüfung", " en cours d'examen", " en revisión", " in fase di revisione", " em análise", " inceleme",
        "审核期间", "审核中", "临时审核", "正在审核", "可能会导致", "可能导致", "審査中", "停止される可能性",
    ]
    static let enforcementImplied = [
        " appeal", " plan of action", " your explanation", " reactivate", " reinstate",
        " einspruch", " réactiv", " reactiv", " riattiv", " reativ", "申诉", "重新激活", "再開",
    ]
    /// A rights owner's report of infringement: Amazon acts on the listings it names (takes them down, or
    /// asks for them to be changed) and counts it against the account, so it opens a case like a notice
    /// even where the copy a seller has is cut before the words "removed". A policy warning about such a
    /// report says "warning" and is told first.
    static let rightsOwnerReport = [
        " received a report of trademark infringement", " received a report of copyright infringement",
        " received a report of patent infringement", " received a report from a rights owner", " received a report from the rights owner",
        " received a notice of infringement", " received a notice from a rights owner", " received a notice from the rights owner",
    ]
    static let policyWords = [
        " violat", " not permitted", " prohibited", " policy", " policies", " requirement", " regulation", " infring", " complaint",
        " compliance", " richtlinie", " politique", " política", " normativa", "违反", "政策", "違反", "ポリシー",
    ]

    static func kind(subject: String, body: FoldedText) -> MessageKind {
        let subjectFolded = FoldedText(subject)
        func has(_ list: [String]) -> Bool { body.containsAny(list) || subjectFolded.containsAny(list) }
        if has(explicitWarning) && !has(reinstatement) { return .warning }
        if (affirmed(reinstatement, in: body) || affirmed(reinstatement, in: subjectFolded))
            && !body.containsAny([" remain deactivated", " will remain", " not been reactivated", " not reactivated"])
        {
            return .reinstatement
        }
        if affirmed(denial, in: body) { return .denial }
        if has(reply) || has(replyMore) { return .reply }
        let notice = noticeMatches(body) + noticeMatches(subjectFolded)
        if notice.contains(where: \.account) || has(cannotSell) { return .notice }
        if has(warnings) { return .warning }
        if !notice.isEmpty { return .notice }
        if has(softWarning) { return .warning }
        if has(enforcementImplied) || has(rightsOwnerReport) { return .notice }
        if has(policyWords) { return .warning }
        return .other
    }

    /// The notice phrases in a text ("has been … deactivated"), each with whether it is about the whole
    /// account (an account word within a few words before or after it). Participles are rarer than
    /// auxiliaries, so they are found first and an auxiliary looked for in the bytes before them.
    static func noticeMatches(_ text: FoldedText) -> [(at: Int, account: Bool)] {
        var out: [(at: Int, account: Bool)] = []
        let b = text.bytes
        for (auxes, participles, gap) in notices {
            let longest = auxes.map(\.utf8.count).max() ?? 0
            for participle in participles {
                var from = 0
                var seen = 0
                while let p = text.firstOffset(of: participle, from: from), seen < 20 {
                    from = p + 1
                    seen += 1
                    let windowStart = max(0, p - gap - longest)
                    let window = Array(b[windowStart..<min(b.count, p + 1)])
                    var auxAt: Int? = nil
                    for aux in auxes {
                        if let a = ByteSearch.firstOffset(of: Array(aux.utf8), in: window), auxAt.map({ windowStart + a < $0 }) ?? true {
                            auxAt = windowStart + a
                        }
                    }
                    guard let a = auxAt else { continue }
                    // Not in a condition ("once your account has been reactivated"), not "nicht deaktiviert".
                    if a > 0, FoldedText(String(decoding: b[max(0, a - 40)..<a], as: UTF8.self)).containsAny(conditions) { continue }
                    let between = String(decoding: b[a..<p], as: UTF8.self)
                    if between.hasSuffix(" nicht") || between.hasSuffix(" not") { continue }
                    out.append((at: a, account: mentionsAccount(b, at: a, length: p - a + participle.utf8.count)))
                }
            }
        }
        for phrase in noticeDirect {
            if let o = text.firstOffset(of: phrase) { out.append((at: o, account: mentionsAccount(b, at: o, length: phrase.utf8.count))) }
        }
        return out
    }

    /// An account word within 60 bytes before or after a phrase.
    static func mentionsAccount(_ b: [UInt8], at o: Int, length: Int) -> Bool {
        var start = max(0, o - 60), end = min(b.count, o + length + 60)
        while start > 0, b[start] & 0xC0 == 0x80 { start -= 1 }
        while end < b.count, b[end] & 0xC0 == 0x80 { end += 1 }
        return FoldedText(String(decoding: b[start..<end], as: UTF8.self)).containsAny(accountWords)
    }
}
