import Foundation

/// Reads the Date header of an e-mail (RFC 5322 section 3.3, with the obsolete forms: two-digit
/// years, named zones such as "GMT" or "PST", a missing weekday or seconds, a trailing comment).
enum MailDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "bst": 1, "jst": 9,
    ]

    static func parse(_ text: String) -> Date? {
        var s = text
        if let paren = s.firstIndex(of: "(") { s = String(s[..<paren]) }
        if let iso = Timestamp.parse(s.trimmedSpaces, zone: TimeZone(identifier: "UTC") ?? .current) {
            return iso
        }
        let tokens = s.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map { $0.lowercased() }
        var day: Int? = nil, month: Int? = nil, year: Int? = nil
        var hour = 0, minute = 0, second = 0
        var offset = 0
        var meridiem: String? = nil
        for token in tokens {
            if token == "am" || token == "pm" {
                meridiem = token
                continue
            }
            if token.contains(":") {
                let parts = token.split(separator: ":").map { Int($0) }
                guard parts.count >= 2, let h = parts[0], let m = parts[1], h < 24, m < 60 else { return nil }
                hour = h; minute = m
                if parts.count > 2, let sec = parts[2], sec < 61 { second = min(sec, 59) }
            } else if let m = months.firstIndex(where: { token.hasPrefix($0) }), month == nil, token.first?.isLetter == true {
                month = m + 1
            } else if (token.hasPrefix("+") || token.hasPrefix("-")), token.count == 5, let v = Int(token.dropFirst()) {
                offset = (token.hasPrefix("-") ? -1 : 1) * ((v / 100) * 3600 + (v % 100) * 60)
            } else if let z = zones[token] {
                offset = z * 3600
            } else if let v = Int(token) {
                if day == nil && v >= 1 && v <= 31 && token.count <= 2 { day = v } else if year == nil { year = v }
            }
        }
        guard let d = day, let m = month, var y = year else { return nil }
        if meridiem == "pm" && hour < 12 { hour += 12 } else if meridiem == "am" && hour == 12 { hour = 0 }
        if y < 50 { y += 2000 } else if y < 1000 { y += 1900 }
        guard d <= Timestamp.daysIn(month: m, year: y) else { return nil }
        let days = Timestamp.daysFromCivil(year: y, month: m, day: d)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
