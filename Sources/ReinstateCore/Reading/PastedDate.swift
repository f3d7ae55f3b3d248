import Foundation

/// When a pasted message arrived, from a date line copied with it: the date Seller Central's
/// notification page shows above a message ("Nov 10, 2026", "Nov 10, 2026 9:14 AM PST", "10 Nov 2026"),
/// or a pasted header line ("Sent: Monday, November 10, 2026 9:14 AM", "Date: …", "Received: …",
/// "Gesendet: …", "发送时间: …", "送信日時: …"). Only a line near the top that is nothing but a date counts,
/// so a date in Amazon's text ("after June 7, 2019") is never taken. Without a zone the seller's is used.
enum PastedDate {
    static let labels = [
        "sent:", "date:", "received:", "gesendet:", "datum:", "envoyé :", "envoyé:", "date :", "enviado:", "fecha:", "inviato:",
        "data:", "发送时间:", "发送时间：", "日期:", "日期：", "送信日時:", "送信日時：", "日付:",
    ]
    static let dateWords: Set<String> = [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "am", "pm", "at", "utc", "gmt", "pst", "pdt", "est", "edt", "cst", "cdt", "mst", "mdt", "cet", "cest", "bst", "jst",
    ]

    static func read(_ lines: [String], zone: TimeZone = .current) -> Date? {
        var seen = 0
        for raw in lines {
            let line = raw.trimmedSpaces
            if line.isEmpty { continue }
            seen += 1
            if seen > 8 { break }
            guard line.utf8.count < 80, line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { continue }
            var text = line
            let lower = line.lowercased()
            var labelled = false
            for label in labels where lower.hasPrefix(label) {
                text = String(line.dropFirst(label.count))
                labelled = true
                break
            }
            if !labelled && seen > 4 { continue }
            if let date = parse(text, zone: zone) { return date }
        }
        return nil
    }

    /// A text made only of a date (and time, weekday, zone).
    static func parse(_ text: String, zone: TimeZone) -> Date? {
        let tokens = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard tokens.count >= 2 else { return nil }
        var hasMonth = false, hasZone = false
        for t in tokens {
            let word = t.trimmingCharacters(in: CharacterSet(charactersIn: "."))
            if MailDate.months.contains(where: { word.hasPrefix($0) }) && word.count <= 9 && word.first?.isLetter == true {
                hasMonth = true
                continue
            }
            if dateWords.contains(word) {
                if MailDate.zones[word] != nil { hasZone = true }
                continue
            }
            if word.allSatisfy({ $0.isNumber || $0 == ":" }) { continue }
            if (word.hasPrefix("+") || word.hasPrefix("-")) && word.count == 5 { hasZone = true; continue }
            return nil
        }
        guard hasMonth, let utc = MailDate.parse(tokens.joined(separator: " ")) else { return nil }
        if hasZone { return utc }
        // No zone named: the time was the seller's own clock.
        return utc.addingTimeInterval(-TimeInterval(zone.secondsFromGMT(for: utc)))
    }
}
