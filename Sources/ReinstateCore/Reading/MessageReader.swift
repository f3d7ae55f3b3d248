import Foundation

/// Reads a message from Amazon: its kind, the details it asks for, the deadline, and what it names
/// (reasons, figures, marketplace, ASINs, order IDs, subject and date).
///
/// Input: pasted text (also copied from a web page, with stray `<br>`, `&nbsp;` and the like) or a
/// saved e-mail (RFC 5322 with MIME: multipart, quoted-printable, base64, encoded-word headers; the
/// charsets UTF-8, US-ASCII, ISO-8859-1, Windows-1252, GB2312/GBK/GB18030, Big5, Shift_JIS, EUC-JP,
/// ISO-2022-JP, EUC-KR and the other sets iconv knows). HTML is turned into text.
///
/// Languages read: English, German, French, Spanish, Italian, Japanese and Chinese (simplified, and
/// traditional where the words are shared) — for the kind, the requests and their aspects and
/// topics, the deadline (with spelled-out numbers), the reasons and quoted text.
///
/// Quoted text ("> " lines, "On … wrote:", forwarded and original-message blocks, "Your message:"
/// sections) is never taken as Amazon's words. The reader never throws and never traps: bad input
/// gives warnings and an empty or partial reading. It works in a bounded number of passes over the
/// input, so its time is linear in the input's size; the caller limits the size.
public struct MessageReader: Sendable {
    /// Bumped whenever the reader reads differently, so stored messages can be re-read. 4: requests
    /// that are alternatives of each other are stored as such.
    public static let version = 4

    /// The largest message Reinstate stores (20 MiB): every way in (commands, tracker, import) refuses a larger one.
    public static let largestMessage = 20 * 1024 * 1024

    /// A reader; it keeps no state between messages.
    public init() {}

    /// Reads one message, given as the bytes the seller saved or pasted.
    public func read(_ data: Data) -> MessageReading {
        var warnings: [String] = []
        guard !data.isEmpty else {
            return MessageReading(text: "", warnings: ["the message is empty"])
        }
        var bytes = [UInt8](data)
        if let text = InputSniffer.utf16(bytes) {
            bytes = Array(text.utf8)
        } else if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes.removeFirst(3)
        }
        if InputSniffer.isBinary(bytes) {
            return MessageReading(text: "", warnings: ["this does not look like a text message or e-mail"])
        }

        var subject = ""
        var received: Date? = nil
        var from = ""
        var text: String
        if let mail = MimeDecoder.decode(bytes) {
            subject = mail.headers.decoded("subject") ?? ""
            from = mail.headers.decoded("from") ?? ""
            // "Sent:" stands in for "Date:" in a pasted Outlook header block.
            if let date = mail.headers.value("date") ?? mail.headers.value("sent") {
                received = MailDate.parse(date)
                if received == nil { warnings.append("the e-mail's date \"\(date.prefix(60))\" could not be read") }
            }
            text = mail.text
            warnings += mail.warnings
        } else if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else {
            text = String(decoding: bytes, as: UTF8.self)
            warnings.append("the text is not valid UTF-8; unreadable bytes were replaced with \u{FFFD}")
        }
        // "\r\n" and a lone "\r" become "\n"; NUL goes (one pass over the bytes, no Foundation).
        if text.utf8.contains(0x0D) {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            var afterCR = false
            for b in text.utf8 {
                if b == 0x0D {
                    out.append(0x0A)
                    afterCR = true
                } else {
                    if !(b == 0x0A && afterCR) { out.append(b) }
                    afterCR = false
                }
            }
            text = String(decoding: out, as: UTF8.self)
        }
        if text.utf8.contains(0) { text = String(decoding: text.utf8.filter { $0 != 0 }, as: UTF8.self) }
        text = HTMLText.looksLikeDocument(text) ? HTMLText.text(fromDocument: text) : HTMLText.cleanRemnants(text)

        let lines = TextLines.lines(text)
        let main = lines.filter { !$0.quoted }
        if main.isEmpty {
            if lines.isEmpty {
                if !warnings.contains("the e-mail has no readable text part") { warnings.append("the message has no text") }
            } else {
                warnings.append("everything in this message is quoted or forwarded text; nothing was read as Amazon's words")
            }
        }
        let mainText = main.map(\.text).joined(separator: "\n")
        // A pasted message: the date line copied with it from Seller Central ("Nov 10, 2026", "Sent: …").
        if received == nil { received = PastedDate.read(Array(lines.prefix(12).map(\.text))) }
        let subjectAndBody = subject.isEmpty ? mainText : subject + "\n" + mainText
        let folded = FoldedText(subjectAndBody)
        let sentences = main.flatMap { Sentences.split($0.content) }
        let language = InputSniffer.language(mainText)
        if language == nil, mainText.utf8.count >= 80 {
            warnings.append("the message is in a language Reinstate does not read; its kind, requested details and deadline may be missing")
        }

        return MessageReading(
            kind: main.isEmpty && subject.isEmpty ? .other : MessageKindReader.kind(subject: subject, body: FoldedText(mainText)),
            subject: subject,
            received: received,
            text: text,
            requested: RequestReader.read(lines),
            deadline: DeadlineReader.read(sentences),
            deadlineDate: DeadlineDateReader.read(sentences),
            reasons: ReasonReader.reasons(folded),
            marketplace: IdentifierReader.marketplace(text: subjectAndBody, from: from),
            asins: IdentifierReader.asins(in: subjectAndBody),
            orderIDs: IdentifierReader.orderIDs(in: subjectAndBody),
            warnings: warnings,
            from: from,
            rates: ReasonReader.rates(sentences),
            language: language
        )
    }
}
