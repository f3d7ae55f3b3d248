import Foundation

/// Finds the text in a message that is not Amazon's own words: quoted lines ("> …"), and everything
/// from a reply or forward header on ("On … wrote:", "---------- Forwarded message ---------",
/// "-----Original Message-----", an Outlook "From: … Sent: …" block, a "Your message:" section),
/// in the languages the reader knows.
enum QuotedText {
    /// One flag per line: true when the line is quoted.
    static func mark(_ lines: [String]) -> [Bool] {
        var quoted = [Bool](repeating: false, count: lines.count)
        var i = 0
        var textBefore = false
        while i < lines.count {
            let line = lines[i]
            defer { if !line.isEmpty { textBefore = true } }
            if line.hasPrefix(">") || line.hasPrefix("|>") {
                quoted[i] = true
                i += 1
                continue
            }
            if startsQuotedRest(lines, at: i, textBefore: textBefore) {
                // A wrapped "On …\n… wrote:" header: take the opening line too.
                if i > 0, !quoted[i - 1], isAttributionTail(line), isAttributionHead(lines[i - 1]) { quoted[i - 1] = true }
                for k in i..<lines.count { quoted[k] = true }
                break
            }
            i += 1
        }
        return quoted
    }

    static let separators = [
        " forwarded message", " begin forwarded message", " original message", " weitergeleitete nachricht",
        " ursprüngliche nachricht", " message transféré", " message d'origine", " message original",
        " mensaje reenviado", " mensaje original", " messaggio inoltrato", " messaggio originale",
        "転送メッセージ", "元のメッセージ", "转发的邮件", "原始邮件", "轉寄郵件", "原始郵件",
    ]
    static let sections = [
        " your message ", " your original message ", " original message ", " your appeal ", " your submission ",
        " ihre nachricht ", " votre message ", " su mensaje ", " il tuo messaggio ", " la tua richiesta ",
        "お客様のメッセージ", "您的消息", "您的邮件", "您的留言",
    ]
    static let wroteEndings = [
        " wrote ", " schrieb ", " a écrit ", " escribió ", " ha scritto ", " scrisse ", "書きました ", "写道 ", "寫道 ",
    ]
    static let fromLabels = ["from:", "von:", "de:", "de :", "da:", "差出人:", "差出人：", "发件人:", "发件人：", "寄件者:"]
    static let headerLabels = [
        "sent:", "date:", "to:", "subject:", "gesendet:", "datum:", "an:", "betreff:", "envoyé :", "envoyé:", "à :",
        "objet :", "objet:", "enviado:", "fecha:", "para:", "asunto:", "inviato:", "data:", "a:", "oggetto:",
        "送信日時:", "宛先:", "件名:", "发送时间:", "收件人:", "主题:", "送信日時：", "件名：", "主题：",
    ]

    static func startsQuotedRest(_ lines: [String], at i: Int, textBefore: Bool) -> Bool {
        let line = lines[i]
        guard let first = line.unicodeScalars.first, let last = line.unicodeScalars.last else { return false }
        let length = line.utf8.count
        let endsWithColon = last == ":" || last == "："
        // "-----Original Message-----", "---------- Forwarded message ---------", "Begin forwarded message:"
        if length < 120, first == "-" || first == "_" || first == "*" || first == "B" || first == "b" || endsWithColon || last == "-"
            || TextCleanup.isCJK(first)
        {
            if FoldedText(line).containsAny(separators),
                first == "-" || first == "_" || first == "*" || line.lowercased().hasPrefix("begin forwarded") || endsWithColon
                    || last == "-" || TextCleanup.isCJK(first)
            {
                return true
            }
        }
        // "Your message:" on its own line, or opening a paragraph.
        if length < 400, let colon = line.prefix(40).firstIndex(where: { $0 == ":" || $0 == "：" }) {
            let head = FoldedText(line[..<colon])
            if sections.contains(where: { String(decoding: head.bytes, as: UTF8.self) == $0 }) { return true }
        }
        if endsWithColon, isAttributionTail(line) && (isAttributionHead(line) || length < 300) { return true }
        // An Outlook header block: "From: …" followed by "Sent:", "To:" or "Subject:" lines.
        // Not at the very top, though: a pasted e-mail may start with its own From/Sent lines.
        let lower = line.prefix(12).lowercased()
        if textBefore, fromLabels.contains(where: { lower.hasPrefix($0) }) {
            var k = i + 1
            var seen = 0
            while k < lines.count, k <= i + 5 {
                let l = lines[k].prefix(12).lowercased()
                if headerLabels.contains(where: { l.hasPrefix($0) }) { seen += 1 }
                k += 1
            }
            if seen >= 1 { return true }
        }
        return false
    }

    /// "On Mon, 5 Jan 2026 at 10:00, Amazon <…> wrote:" and its translations.
    static func isAttributionTail(_ line: String) -> Bool {
        guard line.hasSuffix(":") || line.hasSuffix("：") else { return false }
        let folded = FoldedText(line.suffix(40))
        return wroteEndings.contains { phrase in
            guard let o = folded.firstOffset(of: phrase) else { return false }
            return o + phrase.utf8.count >= folded.bytes.count - 1
        }
    }

    static func isAttributionHead(_ line: String) -> Bool {
        let lower = line.lowercased()
        return ["on ", "am ", "le ", "el ", "il ", "em "].contains { lower.hasPrefix($0) } || line.includes("年")
    }
}
