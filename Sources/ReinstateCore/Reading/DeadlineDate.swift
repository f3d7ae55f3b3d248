import Foundation

/// A deadline written as a date ("by December 5, 2026", "bis zum 5. Dezember 2026", "2026年12月5日まで",
/// "by 2026-12-05T00:00:00Z"), for sending, providing, appealing or responding. The time zone is the one
/// Amazon names ("11:59 PM PST", "Z"), else the seller's; a date without a time means the end of that day.
/// A date after "on" ("will be deactivated on 09/14/2023"), "after", "since" or in a sentence about funds
/// is not a deadline.
public struct DeadlineDate: Sendable, Equatable {
    public var date: Date
    /// The phrase as Amazon wrote it.
    public var text: String

    public init(date: Date, text: String) {
        self.date = date
        self.text = text
    }
}

enum DeadlineDateReader {
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8, "september": 9,
        "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
        "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
        "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
        "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8, "septembre": 9, "octobre": 10,
        "novembre": 11, "décembre": 12,
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9,
        "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
        "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10,
        "dicembre": 12,
    ]
    /// Words that put the date as a limit: "by", "bis (zum)", "avant le", "antes del", "entro il" …
    static let limitWords: Set<String> = [
        "by", "before", "until", "till", "bis", "spätestens", "avant", "jusqu'au", "antes", "hasta", "entro", "prima",
    ]
    static let limitPhrases = [" by ", " before ", " until ", " till ", " bis ", " spätestens ", " avant ", " jusqu'au ", " antes ", " hasta ", " entro ", " prima "]
    static let zones: [String: Int] = [
        "utc": 0, "gmt": 0, "z": 0, "pst": -8, "pdt": -7, "pt": -8, "est": -5, "edt": -4, "et": -5, "cst": -6, "cdt": -5,
        "mst": -7, "mdt": -6, "cet": 1, "cest": 2, "bst": 1, "jst": 9, "ist": 5,
    ]

    static func read(_ sentences: [String], zone: TimeZone = .current) -> DeadlineDate? {
        for sentence in sentences where sentence.utf8.count < 2000 {
            // A year needs digits (ASCII or full-width: EF BC 90…99).
            guard sentence.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) || sentence.includes("年") else { continue }
            let folded = FoldedText(sentence)
            guard folded.containsAny(limitPhrases) || sentence.includes("年") else { continue }
            guard folded.containsAny(DeadlineReader.positive) else { continue }
            if folded.containsAny([" funds", " payment", " disburse", " hold ", " zahlung", " fonds", " fondos", " fondi", "资金", "資金"]) { continue }
            if let d = cjk(sentence, zone: zone) ?? latin(sentence, zone: zone) { return d }
        }
        return nil
    }

    /// "2026年12月5日まで", "2026年12月5日之前", "2026年12月5日前".
    static func cjk(_ s: String, zone: TimeZone) -> DeadlineDate? {
        let c = Array(s)
        var i = 0
        while i < c.count {
            guard let (y, afterY) = digits(c, i), c.count > afterY, c[afterY] == "年",
                let (m, afterM) = digits(c, afterY + 1), afterM < c.count, c[afterM] == "月",
                let (d, afterD) = digits(c, afterM + 1), afterD < c.count, c[afterD] == "日" || c[afterD] == "号"
            else { i += 1; continue }
            let tail = String(c[(afterD + 1)..<min(c.count, afterD + 5)])
            if ["まで", "之前", "以前", "前", "迄"].contains(where: { tail.hasPrefix($0) }) {
                if let date = endOfDay(y, m, d, zone: zone) {
                    let end = tail.hasPrefix("まで") || tail.hasPrefix("之前") || tail.hasPrefix("以前") ? afterD + 3 : afterD + 2
                    return DeadlineDate(date: date, text: String(c[i..<min(c.count, end)]))
                }
            }
            i = afterD + 1
        }
        return nil
    }

    private static func digits(_ c: [Character], _ i: Int) -> (Int, Int)? {
        var j = i, v = 0
        while j < c.count, j - i < 4, let d = c[j].wholeNumberValue, c[j].isASCII || c[j].unicodeScalars.first.map({ $0.value >= 0xFF10 && $0.value <= 0xFF19 }) == true {
            v = v * 10 + d
            j += 1
        }
        return j > i ? (v, j) : nil
    }

    /// "by December 5, 2026", "by 5 December 2026 11:59 PM PST", "by 2026-12-05T00:00:00Z", "bis zum 5. Dezember
    /// 2026", "avant le 5 décembre 2026", "antes del 5 de diciembre de 2026", "entro il 5 dicembre 2026".
    static func latin(_ s: String, zone: TimeZone) -> DeadlineDate? {
        let words = s.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        for (k, w) in words.enumerated() where limitWords.contains(w.lowercased()) {
            var j = k + 1
            // "bis zum", "avant le", "antes del", "entro il", "no later than"
            while j < words.count, j <= k + 3, ["zum", "le", "del", "de", "el", "il", "the", "à", "am"].contains(words[j].lowercased()) { j += 1 }
            guard j < words.count else { continue }
            var date: (Int, Int, Int)? = nil
            var used = 0
            let first = words[j].trimmingCharacters(in: CharacterSet(charactersIn: ".:;"))
            // ISO: 2026-12-05 or 2026-12-05T00:00:00.000Z
            if first.count >= 10, let y = Int(first.prefix(4)), first.dropFirst(4).first == "-",
                let m = Int(first.dropFirst(5).prefix(2)), let d = Int(first.dropFirst(8).prefix(2))
            {
                let text = words[k...j].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: "."))
                if let iso = Timestamp.parse(String(first), zone: zone) { return DeadlineDate(date: iso, text: text) }
                // "2024-12-13T00:00:00.000Z": a time, and "Z" for UTC.
                let chars = Array(first)
                if chars.count >= 16, chars[10] == "T", let h = Int(String(chars[11..<13])), let mi = Int(String(chars[14..<16])) {
                    var calendar = Calendar(identifier: .gregorian)
                    calendar.timeZone = first.hasSuffix("Z") ? (TimeZone(identifier: "UTC") ?? zone) : zone
                    if let when = calendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: mi)) {
                        return DeadlineDate(date: when, text: text)
                    }
                }
                date = (y, m, d)
                used = 1
            } else if let month = months[first.lowercased()], j + 1 < words.count, let d = Int(words[j + 1].trimmingCharacters(in: .punctuationCharacters)),
                j + 2 < words.count, let y = Int(words[j + 2].trimmingCharacters(in: .punctuationCharacters)), y > 1999
            {
                date = (y, month, d); used = 3  // December 5, 2026
            } else if let d = Int(first), j + 2 < words.count {
                var mj = j + 1
                if words[mj].lowercased() == "de", mj + 1 < words.count { mj += 1 }
                var yj = mj + 1
                if yj < words.count, words[yj].lowercased() == "de", yj + 1 < words.count { yj += 1 }
                if let month = months[words[mj].lowercased().trimmingCharacters(in: .punctuationCharacters)], yj < words.count,
                    let y = Int(words[yj].trimmingCharacters(in: .punctuationCharacters)), y > 1999
                {
                    date = (y, month, d); used = yj - j + 1  // 5 December 2026, 5. Dezember 2026, 5 de diciembre de 2026
                }
            }
            guard let (y, m, d) = date else { continue }
            var end = j + used
            var tz = zone
            var hour: Int? = nil, minute = 0
            // "11:59 PM PST"
            if end < words.count, words[end].contains(":") {
                let parts = words[end].split(separator: ":").compactMap { Int($0.prefix(2)) }
                if parts.count >= 2 { hour = parts[0]; minute = parts[1]; end += 1 }
                if end < words.count, ["pm", "p.m."].contains(words[end].lowercased()) { hour = (hour ?? 0) % 12 + 12; end += 1 }
                else if end < words.count, ["am", "a.m."].contains(words[end].lowercased()) { hour = (hour ?? 0) % 12; end += 1 }
            }
            if end < words.count, let offset = zones[words[end].lowercased().trimmingCharacters(in: .punctuationCharacters)] {
                tz = TimeZone(secondsFromGMT: offset * 3600) ?? zone
                end += 1
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = tz
            let parts = DateComponents(year: y, month: m, day: d, hour: hour ?? 23, minute: hour == nil ? 59 : minute, second: hour == nil ? 59 : 0)
            guard (1...12).contains(m), (1...31).contains(d), let when = calendar.date(from: parts) else { continue }
            // The phrase as written ("by December 5, 2026"), else its words.
            var text = words[k..<min(words.count, end)].joined(separator: " ")
            if let a = s.range(of: " " + words[k] + " ") ?? (s.hasPrefix(words[k] + " ") ? s.range(of: words[k]) : nil),
                let b = s.range(of: words[min(words.count, end) - 1], range: a.upperBound..<s.endIndex)
            {
                text = TextCleanup.trim(s[a.lowerBound..<b.upperBound])
            }
            return DeadlineDate(date: when, text: text.trimmingCharacters(in: CharacterSet(charactersIn: ".;")))
        }
        return nil
    }

    private static func endOfDay(_ y: Int, _ m: Int, _ d: Int, zone: TimeZone) -> Date? {
        guard (1...12).contains(m), (1...31).contains(d), y > 1999 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: 23, minute: 59, second: 59))
    }
}
