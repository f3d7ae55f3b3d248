import Foundation

/// What a part of Amazon's message is for, as its heading says ("Why is this happening?", "How do I
/// reactivate my account?", "如何发送所需信息?", "アカウントを再開する方法").
///
/// Amazon's notices share one skeleton in every language: the action, then a "why" section, a "how do I
/// reactivate" section with the requests, a "how do I send" section, a "what happens if I do not"
/// section and a "we're here to help" section with links. The section decides what its sentences can be:
/// requests stand in the reactivation and error sections; the sending, consequence, help and "what
/// evidence can I provide" sections hold instructions, threats, links and suggestions, not requests; and
/// in the "why" section an obligation ("You must provide … to continue selling") states the policy.
enum MessageSection: Sendable, Equatable {
    /// Before any heading, or under a heading the reader does not know.
    case unknown
    case why
    case reactivate
    case send
    case consequence
    case help
    case suggestion
    /// "Has your account been deactivated in error?": the other path, whose requests count.
    case error

    /// Whether sentences here can be requests at all.
    var holdsRequests: Bool {
        switch self {
        case .unknown, .why, .reactivate, .error: return true
        case .send, .consequence, .help, .suggestion: return false
        }
    }
}

enum MessageHeading {
    /// Headings in the order they are tried (folded phrases, see `FoldedText`).
    static let table: [(MessageSection, [String])] = [
        (.suggestion, [" what evidence can i", " what documents can i", " what information can i", " what can i provide", " what can i send"]),
        (.send, [
            " how do i send", " how can i send", " how to send", " how do i submit", " how can i submit", " how do i provide",
            "如何发送", "如何提交", "如何提供所需", "送信方法", "送付方法", "提出方法", "情報の送信", " wie sende ich", " wie übermittle ich",
            " wie reiche ich", " comment envoyer", " comment puis je envoyer", " cómo envío", " como envio", " cómo puedo enviar",
            " come invio", " come posso inviare", " como envio", " como posso enviar", " nasıl gönder",
        ]),
        (.error, [" in error", " by mistake", " by error", "错误", "有误", "誤って", "誤り", " irrtümlich", " fälschlicherweise", " par erreur", " por error", " per errore", " hata"]),
        (.help, [
            " here to help", "提供帮助", "为您提供帮助", "お手伝い", "サポートいたします", " wir helfen", " hilfe erhalten", " nous sommes là pour vous aider",
            " estamos aquí para ayudar", " siamo qui per aiutarti", " estamos aqui para ajudar", " size yardımcı",
        ]),
        (.reactivate, [
            " how do i reactivate", " how do i reinstate", " how can i reactivate", " how can i reinstate", " how do i get my", " how do i verify",
            " how do i appeal", " what actions do i need", " what do i need to do", " what should i do", " what happens now", " what happens next",
            " next steps", "如何重新激活", "如何恢复", "如何申诉", "接下来会发生什么", "该怎么办", "再開する方法", "再開するには", "再開方法",
            "どうすれば", " wie kann ich", " wie aktiviere ich", " comment réactiver", " comment puis je réactiver", " cómo reactivo",
            " cómo puedo reactivar", " come riattivo", " come posso riattivare", " como reativo", " como posso reativar",
            " nasıl yeniden etkinleştir", " ne yapmalıyım",
        ]),
        (.why, [
            " why ", "为什么", "なぜ", "理由", " warum ", " wieso ", " pourquoi ", " por qué ", " por que ", " perché ", " perche ", " neden ",
        ]),
    ]

    /// "What happens if I do not send …?": consequences.
    static let consequenceWhat = [
        " what happens", " what will happen", "会怎样", "会发生什么", "どうなりますか", "どうなる", " was passiert", " was geschieht",
        " que se passe t il", " qu'arrive t il", " qué pasa", " qué sucede", " cosa succede", " cosa accade", " o que acontece", " ne olur",
    ]
    static let consequenceIf = [" if ", "如果", "场合", "場合", " wenn ", " si ", " se ", " falls ", "ない"]

    /// The section a heading line opens, or nil when the line is not a heading.
    static func section(of line: TextLine) -> MessageSection? {
        let content = line.content
        guard line.bullet == nil, !line.quoted, content.utf8.count < 200 else { return nil }
        let question = content.hasSuffix("?") || content.hasSuffix("？")
        if question {
            // A heading is one sentence: "Provide an appeal … . How do you …?" is a paragraph.
            if RequestSentence.isSecondPersonQuestion(content) || Sentences.split(content).count > 1 { return nil }
            return classify(content)
        }
        // Headings without a question mark: "We’re here to help", "アカウントを再開する方法", "この措置がとられた理由".
        guard content.utf8.count < 90, let last = content.unicodeScalars.last else { return nil }
        // Only a short phrase without a verb of its own: Japanese "…方法", "…理由".
        if TextCleanup.isCJK(last), content.hasSuffix("方法") || content.hasSuffix("理由") || content.hasSuffix("には") {
            let s = classify(content)
            return s == .reactivate || s == .why || s == .send || s == .help ? s : nil
        }
        if ".,;。，".unicodeScalars.contains(last), !content.includes("here to help") { return nil }
        let helpPhrases = table.first { $0.0 == .help }?.1 ?? []
        return FoldedText(content).containsAny(helpPhrases) ? .help : nil
    }

    static let greetings = [
        " hello", " hi ", " dear", " hallo", " guten tag", " sehr geehrte", " bonjour", " madame", " ciao", " gentile", " buongiorno",
        " hola", " estimado", " estimada", " olá", " ola ", " prezado", " prezada", " merhaba", " sayın", " greetings",
    ]
    static let greetingsCJK = ["您好", "你好", "亲爱的", "尊敬的", "出品者様", "ご担当者様", "お客様各位", "平素は"]

    /// A salutation on its own line: "Hello,", "Dear Seller,", "Guten Tag!", "您好：", "出品者様".
    static func isGreeting(_ line: TextLine) -> Bool {
        let c = line.content
        guard line.bullet == nil, c.utf8.count < 48, !c.hasSuffix("."), !c.hasSuffix("?") else { return false }
        if greetingsCJK.contains(where: { c.hasPrefix($0) }) { return true }
        let f = FoldedText(c.prefix(16))
        return greetings.contains { f.hasPrefix($0) } && c.split(separator: " ").count <= 5
    }

    static func classify(_ heading: String) -> MessageSection {
        let f = FoldedText(heading)
        if f.containsAny(consequenceWhat) && f.containsAny(consequenceIf) { return .consequence }
        for (section, phrases) in table where f.containsAny(phrases) { return section }
        return .unknown
    }
}
