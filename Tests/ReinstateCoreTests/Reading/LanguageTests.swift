import Foundation
import Testing

@testable import ReinstateCore

@Suite("Languages")
struct LanguageTests {
    @Test func german() {
        let r = read(germanReply)
        #expect(r.kind == .reply)
        #expect(r.language == "de")
        #expect(r.marketplace == "amazon.de")
        #expect(r.requested == [
            request("Weitere Einzelheiten zu den Ursachen für beschädigte, unvollständige oder verlorene Sendungen aufgrund unsachgemäßer Verpackung.", .rootCause, germanTopic),
            request("Weitere Einzelheiten zu den Maßnahmen, die Sie ergriffen haben, um beschädigte, unvollständige oder verlorene Sendungen aufgrund unsachgemäßer Verpackung zu beheben.", .correctiveAction, germanTopic),
            request("Weitere Einzelheiten zu den Schritten, die Sie unternommen haben, um beschädigte, unvollständige oder verlorene Sendungen aufgrund unsachgemäßer Verpackung künftig zu verhindern.", .preventiveMeasure, germanTopic),
        ])
        #expect(r.deadline == rule(14, .days, .originalNotification, "innerhalb von 14 Tagen nach der ursprünglichen Benachrichtigung"))
    }

    @Test func french() {
        let r = read(frenchReply)
        #expect(r.kind == .reply)
        #expect(r.language == "fr")
        let topic = "retards de livraison"
        #expect(r.requested == [
            request("Plus de détails sur les causes profondes des retards de livraison.", .rootCause, topic),
            request("Plus de détails sur les mesures que vous avez prises pour résoudre les retards de livraison.", .correctiveAction, topic),
            request("Plus de détails sur les mesures que vous avez prises pour éviter les retards de livraison à l'avenir.", .preventiveMeasure, topic),
        ])
        #expect(r.deadline == rule(14, .days, .originalNotification, "dans un délai de 14 jours à compter de la notification initiale"))
    }

    @Test func spanish() {
        let r = read(spanishReply)
        #expect(r.kind == .reply)
        #expect(r.language == "es")
        let topic = "pedidos cancelados por falta de existencias"
        #expect(r.requested == [
            request("Más detalles sobre la causa raíz de los pedidos cancelados por falta de existencias.", .rootCause, topic),
            request("Más detalles sobre las medidas que ha tomado para resolver los pedidos cancelados por falta de existencias.", .correctiveAction, topic),
            request("Más detalles sobre los pasos que ha tomado para evitar los pedidos cancelados por falta de existencias en el futuro.", .preventiveMeasure, topic),
        ])
        #expect(r.deadline == rule(17, .days, .thisMessage, "en un plazo de diecisiete días"))
    }

    @Test func spanishOriginalNotification() {
        let r = read("Si no recibimos la información solicitada en un plazo de 14 días desde la notificación original, su cuenta seguirá desactivada.")
        #expect(r.deadline == rule(14, .days, .originalNotification, "en un plazo de 14 días desde la notificación original"))
    }

    @Test func italian() {
        let r = read(italianReply)
        #expect(r.kind == .reply)
        #expect(r.language == "it")
        let topic = "spedizioni consegnate in ritardo"
        #expect(r.requested == [
            request("Maggiori dettagli sulla causa principale delle spedizioni consegnate in ritardo.", .rootCause, topic),
            request("Maggiori dettagli sulle azioni intraprese per risolvere le spedizioni consegnate in ritardo.", .correctiveAction, topic),
            request("Maggiori dettagli sulle misure adottate per evitare le spedizioni consegnate in ritardo in futuro.", .preventiveMeasure, topic),
        ])
        #expect(r.deadline == rule(14, .days, .originalNotification, "entro 14 giorni dalla notifica originale"))
    }

    @Test func japanese() {
        let r = read(japaneseReply)
        #expect(r.kind == .reply)
        #expect(r.language == "ja")
        #expect(r.requested == japaneseRequests)
        #expect(r.deadline == rule(14, .days, .originalNotification, "最初の通知から14日以内"))
    }

    @Test func chinese() {
        let r = read(chineseReply)
        #expect(r.kind == .reply)
        #expect(r.language == "zh")
        #expect(r.requested == chineseRequests)
        #expect(r.deadline == rule(14, .days, .originalNotification, "原始通知后的14天内"))
    }

    @Test func spelledNumbersInOtherLanguages() {
        #expect(read("Bitte senden Sie die Unterlagen innerhalb von vierzehn Tagen.").deadline?.amount == 14)
        #expect(read("Veuillez répondre dans un délai de soixante-douze heures.").deadline == rule(72, .hours, .thisMessage, "dans un délai de soixante-douze heures"))
        #expect(read("Ti preghiamo di rispondere entro settantadue ore.").deadline == rule(72, .hours, .thisMessage, "entro settantadue ore"))
        #expect(read("请在七十二小时内提交所需信息。").deadline == rule(72, .hours, .thisMessage, "七十二小时内"))
        #expect(read("十四日以内に改善計画書を提出してください。").deadline == rule(14, .days, .thisMessage, "十四日以内"))
    }

    @Test func japaneseDateIsNotADeadline() {
        #expect(read("3月14日に通知をお送りしました。情報を提出してください。").deadline == nil)
    }
}
