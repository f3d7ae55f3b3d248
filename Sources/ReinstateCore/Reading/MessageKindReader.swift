import Foundation

/// Tells what kind of message Amazon sent, from its subject and its own (unquoted) words.
///
/// In order: an explicit warning ("this is a warning"); a reinstatement ("your account has been
/// reactivated"); a reply to an appeal ("we received your submission", "we reviewed your plan of
/// action", "do not have enough information"); a notice of suspension or removal ("has been
/// deactivated", "we removed your listing"); a softer warning ("may result in deactivation"); else other.
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
                             " lorsque ", " cuando ", " una vez ", " quando ", " dopo ", " se "]

    /// Whether a phrase occurs as a statement, not in a condition ("once your account has been reactivated").
    static func affirmed(_ list: [String], in text: FoldedText) -> Bool {
        for phrase in list {
            var from = 0
            while let o = text.firstOffset(of: phrase, from: from) {
                let before = FoldedText(String(decoding: text.bytes[max(0, o - 40)..<o], as: UTF8.self))
                if !before.containsAny(conditions) { return true }
                from = o + 1
            }
        }
        return false
    }

    static func kind(subject: String, body: FoldedText) -> MessageKind {
        let subjectFolded = FoldedText(subject)
        func has(_ list: [String]) -> Bool { body.containsAny(list) || subjectFolded.containsAny(list) }
        if has(explicitWarning) && !has(reinstatement) { return .warning }
        if (affirmed(reinstatement, in: body) || affirmed(reinstatement, in: subjectFolded))
            && !body.containsAny([" remain deactivated", " will remain", " not been reactivated", " not reactivated"])
        {
            return .reinstatement
        }
        if has(reply) { return .reply }
        if has(notice) { return .notice }
        if has(softWarning) { return .warning }
        return .other
    }
}
