import Foundation

/// Names the reasons a message gives, and the performance figures it states for the account
/// ("Order Defect Rate … 2.35%"; targets such as "under 1%" are not taken).
enum ReasonReader {
    static let phrases: [(SuspensionReason, [String])] = [
        (.orderDefectRate, [" order defect rate", " odr ", " auftragsmängelquote", " bestellmängelquote", " taux de défauts de commande",
                            " tasa de defectos en pedidos", " tasa de defectos de pedidos", " tasso di difettosità degli ordini", "注文不良率", "订单缺陷率"]),
        (.lateShipmentRate, [" late shipment rate", " late dispatch rate", " lsr ", " verspätungsquote", " quote verspäteter", " taux d'expédition tardive",
                             " taux d'expéditions en retard", " tasa de envíos con retraso", " tasa de envíos tardíos", " tasso di spedizioni in ritardo",
                             "出荷遅延率", "迟发率", "延迟发货率"]),
        (.cancellationRate, [" cancellation rate", " cancel rate", " stornoquote", " stornierungsrate", " taux d'annulation", " tasa de cancelación",
                             " tasso di cancellazione", "キャンセル率", "取消率"]),
        (.inauthentic, [" inauthentic", " counterfeit", " authenticity", " not authentic", " gefälscht", " echtheit", " fälschung", " contrefa",
                        " authenticité", " falsificad", " autenticidad", " contraffa", " autenticità", "偽造品", "真正性", "假冒", "真实性", "真伪"]),
        (.intellectualProperty, [" intellectual property", " trademark", " copyright", " patent", " rights owner", " ip complaint", " infring",
                                 " geistigen eigentum", " geistiges eigentum", " markenrecht", " urheberrecht", " propriété intellectuelle",
                                 " contrefaçon de marque", " propiedad intelectual", " proprietà intellettuale", "知的財産", "商標権", "知识产权", "侵权", "商标"]),
        (.restrictedProduct, [" restricted product", " prohibited product", " dangerous goods", " hazmat", " restricted products",
                              " eingeschränkte produkte", " verbotene produkte", " produits soumis à restrictions", " productos restringidos",
                              " prodotti con restrizioni", " prodotti soggetti a restrizioni", "規制対象", "出品禁止", "受限商品", "禁售"]),
        (.relatedAccount, [" related account", " related to another account", " associated with another account", " another selling account", " linked account", " multiple accounts", " verbundenes konto", " verbundene konten",
                           " compte associé", " comptes associés", " cuenta relacionada", " cuentas relacionadas", " account correlato",
                           " account collegati", "関連アカウント", "关联账户", "关联帐户"]),
        (.verification, [" verify your identity", " identity verification", " seller verification", " verification of your identity",
                         " complete verification", " verification process", " verify the information", " identity document",
                         " identitätsprüfung", " verifizierung", " vérification de votre identité", " vérification d'identité",
                         " verificación de identidad", " verificar su identidad", " verifica dell'identità", "本人確認", "身份验证", "身份验証"]),
        (.other, [" business solutions agreement", " code of conduct", " review manipulation", " product reviews", " selling policies",
                  " policy violation", " verhaltenskodex", " code de conduite", " código de conducta", " codice di condotta"]),
    ]

    static func reasons(_ folded: FoldedText) -> [SuspensionReason] {
        var out: [SuspensionReason] = []
        for (reason, list) in phrases where folded.containsAny(list) { out.append(reason) }
        if out.count > 1, let i = out.firstIndex(of: .other) { out.remove(at: i) }
        return out
    }

    static let targetWords = ["under", "below", "less than", "target", "exceed", "above", "over", "than", "maximum", "unter", "moins", "inferior", "menos", "sotto", "meno", "未満", "低于"]

    /// Figures stated for the rate metrics, from sentences that name them.
    static func rates(_ sentences: [String]) -> [ReadRate] {
        var out: [ReadRate] = []
        for sentence in sentences where sentence.utf8.count < 2000 && (sentence.utf8.contains(0x25) || sentence.includes("％")) {
            let folded = FoldedText(sentence)
            for (reason, list) in phrases.prefix(3) where !out.contains(where: { $0.reason == reason }) {
                guard folded.containsAny(list) else { continue }
                if let p = figure(in: sentence) { out.append(ReadRate(reason: reason, percent: p)) }
            }
        }
        return out
    }

    /// The first percentage in a sentence that is not a target ("under 1%", "the 1% target").
    static func figure(in sentence: String) -> Double? {
        let chars = Array(sentence)
        var i = 0
        while i < chars.count {
            guard chars[i] == "%" || chars[i] == "％" else { i += 1; continue }
            var j = i
            while j > 0, chars[j - 1] == " " { j -= 1 }
            var k = j
            while k > 0, chars[k - 1].isNumber || chars[k - 1] == "." || chars[k - 1] == "," { k -= 1 }
            let number = String(chars[k..<j]).replacingOccurrences(of: ",", with: ".")
            if let v = Double(number) {
                let before = String(chars[max(0, k - 20)..<k]).lowercased()
                let after = String(chars[min(chars.count, i + 1)..<min(chars.count, i + 12)]).lowercased()
                if !targetWords.contains(where: { before.includes($0) }) && !after.includes("target") && !after.includes("ziel") {
                    return v
                }
            }
            i += 1
        }
        return nil
    }
}
