import Foundation

/// The words by which the reader recognises requests and their aspects, in English, German, French,
/// Spanish, Italian, Japanese and Chinese. Phrases are written folded (see `FoldedText`): lower case,
/// punctuation as single spaces, a leading space for "at a word start".
enum RequestPhrases {
    // MARK: Aspect cues: the earliest cue in a request decides its aspect.

    static let rootCause = [
        " root cause", " root-cause", " underlying cause", " what caused", " why the issue", " why this issue", " cause of the",
        " causes of the", " caused the", " reason for the", " reasons for the",
        " ursache", " grund für", " gründe für",
        " cause profonde", " causes profondes", " cause première", " causes premières", " la cause", " les causes",
        " cause principale", " causes principales",
        " causa raíz", " causas raíz", " causa raiz", " causa principal", " causas principales", " causa fundamental", " la causa", " las causas",
        " causa alla radice", " cause alla radice", " causa profonda", " le cause",
        "根本原因", "原因",
    ]
    static let corrective = [
        " resolve", " resolution", " corrective", " to address", " to fix", " fixed", " remedy", " remediat", " actions you have taken",
        " actions you took", " action you have taken", " immediate action", " what you have done", " what you did", " to correct",
        " beheb", " behob", " zu lösen", " gelöst", " lösung", " korrektur", " abhilfe", " beseitig",
        " résoudre", " résolu", " corriger", " corrective", " remédier",
        " resolver", " resuelto", " corregir", " correctiva", " solucionar",
        " risolvere", " risolto", " correggere", " correttiv", " rimediare",
        "解決", "是正", "対処", "纠正", "解决",
    ]
    static let preventive = [
        " prevent", " going forward", " avoid", " in the future", " from happening again", " recurr", " reoccur",
        " from occurring again", " future", " moving forward",
        " verhinder", " vermeid", " vorzubeug", " vorbeug", " künftig", " zukünftig", " in zukunft",
        " éviter", " empêcher", " prévenir", " à l'avenir", " préventi",
        " evitar", " prevenir", " en el futuro", " preventiv",
        " evitare", " prevenire", " in futuro",
        "防止", "防ぐ", "再発", "今後", "预防", "避免", "今后", "再次发生",
    ]
    static let evidence = [
        " evidence", " example", " document", " invoice", " receipt", " letter of authori", " letters of authori", " loa ",
        " authorization letter", " supply chain", " supplier", " proof", " photo", " image", " screenshot", " identity",
        " identification", " passport", " driver's license", " driving licen", " bank statement", " credit card statement",
        " utility bill", " certificat", " test report", " license", " licence", " purchase order", " packing list",
        " tracking number", " copy of", " copies of", " records", " attach", " contact information", " utility bill",
        " nachweis", " beleg", " rechnung", " dokument", " unterlagen", " beispiel", " ausweis", " genehmigungsschreiben",
        " autorisierungsschreiben", " lieferkette", " zertifikat", " lieferant",
        " preuve", " facture", " justificatif", " exemple", " lettre d'autorisation", " pièce d'identité", " chaîne d'approvisionnement",
        " fournisseur",
        " prueba", " factura", " comprobante", " ejemplo", " carta de autorización", " identificación", " cadena de suministro",
        " proveedor",
        " prove ", " prova", " fattur", " esempi", " lettera di autorizzazione", " catena di approvvigionamento", " fornitor",
        "証拠", "請求書", "書類", "証明", "インボイス", "身分証", "許可書", "仕入先", "证据", "发票", "文件", "授权书", "供应链", "身份证", "供应商",
    ]

    // MARK: Leads

    /// A request that opens with one of these is a request wherever it stands ("Greater detail on …").
    static let detailLeads = [
        " greater detail", " more detail", " further detail", " additional detail", " detailed information", " more information about",
        " more information on", " more information regarding", " further information", " additional information about",
        " additional information on", " additional information regarding", " details on", " details about", " details of",
        " detail on", " clarification on", " clarification of", " an explanation of", " a detailed explanation", " a more detailed",
        " weitere einzelheiten", " weitere details", " genauere angaben", " ausführlichere informationen", " nähere angaben",
        " detailliertere informationen", " weitere informationen zu", " mehr details", " genauere informationen",
        " plus de détails", " davantage de détails", " des détails supplémentaires", " des informations plus détaillées",
        " plus d'informations sur", " des précisions sur", " de plus amples détails", " de plus amples informations",
        " más detalles", " mas detalles", " información más detallada", " mayor detalle", " más información sobre", " detalles adicionales",
        " maggiori dettagli", " ulteriori dettagli", " informazioni più dettagliate", " maggiori informazioni su", " ulteriori informazioni su",
    ]
    /// The parts of a plan as Amazon's standard list names them, at the start of an item.
    static let planItemLeads = [
        " the root cause", " root cause", " the actions you have taken", " actions you have taken", " the actions you took",
        " the steps you have taken", " steps you have taken", " the steps you will take", " the steps you took",
        " die ursache", " die maßnahmen, die sie", " la cause", " les mesures que vous", " la causa", " las medidas que",
        " le misure che",
    ]
    /// Japanese and Chinese put "details of" at the end or around the topic: an item containing one of these.
    static let detailMarkersCJK = ["の詳細", "に関する詳細", "についての詳細", "詳しい情報", "详细信息", "详细说明", "更多详情", "更详细"]

    /// A sentence that opens with one of these asks for something ("Please provide invoices …").
    static let askLeads = [
        " please provide", " please send", " please submit", " please include", " please attach", " please upload", " please explain",
        " please describe", " please identify", " please tell us", " please confirm", " please share", " please list", " please clarify",
        " please detail", " please outline", " please specify", " please furnish", " kindly provide", " kindly send", " kindly submit",
        " provide ", " send us ", " submit ", " explain ", " describe ", " identify ", " include ", " tell us ", " outline ",
        " we need ", " we require ", " we still need ", " we are requesting ", " we request ", " we also need ",
        " bitte senden sie", " bitte stellen sie", " bitte reichen sie", " bitte übermitteln sie", " bitte geben sie", " bitte erläutern sie",
        " bitte erklären sie", " bitte fügen sie", " bitte legen sie", " bitte beschreiben sie", " senden sie uns", " wir benötigen",
        " veuillez fournir", " veuillez nous fournir", " veuillez envoyer", " veuillez nous envoyer", " veuillez soumettre",
        " veuillez inclure", " veuillez expliquer", " veuillez joindre", " veuillez préciser", " veuillez décrire", " merci de fournir",
        " merci de nous envoyer", " nous avons besoin",
        " proporcione", " proporciónenos", " proporcionenos", " envíe", " envíenos", " envie ", " envienos", " presente ", " incluya",
        " explique", " adjunte", " describa", " por favor proporcione", " por favor envíe", " necesitamos",
        " fornisci", " forniscici", " invia ", " inviaci", " includi", " spiega", " allega", " descrivi", " ti preghiamo di fornire",
        " ti preghiamo di inviare", " ti chiediamo di fornire", " abbiamo bisogno",
    ]
    /// "Your explanation should include …": an owner word then a modal.
    static let planOwners = [
        " your explanation", " your plan of action", " your plan", " your appeal", " your response", " your poa", " your submission",
        " ihre erklärung", " ihr aktionsplan", " ihr maßnahmenplan", " ihr einspruch", " votre explication", " votre plan d'action",
        " votre appel", " su explicación", " su plan de acción", " su apelación", " la tua spiegazione", " il tuo piano d'azione",
        " il tuo ricorso",
    ]
    static let planModals = [
        " should include", " must include", " should contain", " must contain", " should address", " must address", " should explain",
        " must explain", " needs to include", " need to include", " should cover", " should describe", " should also include",
        " sollte ", " muss ", " sollten ", " doit ", " devrait ", " debe ", " debería ", " deve ", " dovrebbe ",
    ]
    /// Japanese and Chinese requests: a verb of giving or explaining and a polite imperative.
    static let askVerbsCJK = ["提出", "送信", "お送り", "提供", "説明", "記載", "添付", "発送", "发送", "提交", "说明", "附上", "解释", "上传"]
    static let askEndingsCJK = ["ください", "下さい", "お願いします", "お願いいたします", "请"]

    /// What an asking verb's object must not be for the sentence to be a request: it refers to the
    /// requests (or the whole appeal) rather than naming one.
    static let references = [
        " the following", " following", " us the following", " us with the following", " the requested information",
        " the required information", " the information requested", " the information we requested", " the requested",
        " the required", " this information", " the above", " all of the", " your appeal", " an appeal", " a response",
        " your response", " us a response", " a reply", " it ", " them ", " us an appeal", " us your appeal", " your plan of action",
        " a plan of action", " us a plan of action", " your plan", " an updated plan", " a revised plan", " the information",
        " us the information", " additional information ", " more information ", " further information ", " any additional",
        " us with the requested", " folgende", " die angeforderten", " les éléments suivants", " les informations demandées",
        " lo siguiente", " la información solicitada", " quanto segue", " le informazioni richieste",
    ]

    /// Words in a line that opens a list of requests ("… please send the following:").
    static let introVerbs = [
        " send", " provide", " submit", " include", " explain", " address", " need", " require", " attach", " answer", " describe",
        " contain", " outline", " should", " must", " senden", " folgende", " enthalten", " bereitstellen", " einreichen", " angeben",
        " erläutern", " übermitteln", " benötigen", " envoyer", " fournir", " suivant", " inclure", " comprendre", " soumettre",
        " expliquer", " besoin", " envíe", " envíenos", " envie", " proporcione", " siguiente", " incluir", " incluya", " presentar",
        " necesitamos", " invia", " inviaci", " fornisci", " fornire", " seguente", " includere", " abbiamo bisogno",
        "以下", "下記", "次の", "下列", "如下",
    ]

    /// Openers of a leading clause before the request itself ("To reactivate your account, please …").
    static let clauseOpeners = [" to ", " in order to ", " if ", " um ", " damit ", " pour ", " afin ", " para ", " per ", " al fine ", " wenn ", " si "]

    /// Generic references that name no topic.
    static let genericTopics: Set<String> = [
        "the issue", "this issue", "these issues", "the issues", "the issue(s)", "issue", "issues", "the problem", "this problem",
        "the problems", "these problems", "it", "them", "this", "these", "those", "that", "the same", "such issues", "such issue",
        "das problem", "dieses problem", "die probleme", "es", "sie", "le problème", "ce problème", "les problèmes",
        "el problema", "este problema", "los problemas", "il problema", "questo problema", "i problemi", "この問題", "该问题", "此问题", "问题",
    ]
    static let pronounTopics: Set<String> = ["it", "them", "this", "these", "those", "that", "es", "sie", "lo", "los", "las", "li", "le"]
}
