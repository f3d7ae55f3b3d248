import Foundation

/// Parsing and printing of instants. Stored and exported instants are UTC with whole seconds
/// ("2026-11-22T09:30:00Z"), which sort as text; people see local time.
public enum Timestamp {
    /// Parses an ISO 8601 date ("2026-11-22", taken as local midnight in `zone`) or date-time
    /// ("2026-11-22T09:30", "2026-11-22 09:30:15", "…Z", "…+08:00", fractions of a second allowed).
    public static func parse(_ text: String, zone: TimeZone = .current) -> Date? {
        var utf8 = Substring(text).utf8[...]
        while let f = utf8.first, f == 0x20 || f == 0x09 { utf8 = utf8.dropFirst() }
        while let l = utf8.last, l == 0x20 || l == 0x09 { utf8 = utf8.dropLast() }
        if utf8.count == 20, let fast = parseStored(utf8) { return fast }
        let s = Array(utf8)
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= s.count else { return nil }
            var value = 0
            for k in 0..<count {
                let c = s[i + k]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            i += count
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2),
            expect(UInt8(ascii: "-")), let day = number(2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset: Int? = nil
        if i < s.count {
            guard s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: "t") || s[i] == UInt8(ascii: " ")
            else { return nil }
            i += 1
            guard let h = number(2), expect(UInt8(ascii: ":")), let m = number(2), h < 24, m < 60
            else { return nil }
            hour = h
            minute = m
            if expect(UInt8(ascii: ":")) {
                guard let sec = number(2), sec < 61 else { return nil }
                second = min(sec, 59)
                if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                    var scale = 0.1
                    while i < s.count, s[i] >= 48, s[i] <= 57 {
                        fraction += Double(s[i] - 48) * scale
                        scale /= 10
                        i += 1
                    }
                }
            }
            if i < s.count {
                if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
                    offset = 0
                    i += 1
                } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                    let sign = s[i] == UInt8(ascii: "+") ? 1 : -1
                    i += 1
                    guard let oh = number(2) else { return nil }
                    _ = expect(UInt8(ascii: ":"))
                    let om = number(2) ?? 0
                    offset = sign * (oh * 3600 + om * 60)
                }
            }
            guard i == s.count else { return nil }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let localSeconds = days * 86_400 + hour * 3600 + minute * 60 + second
        if let offset {
            return Date(timeIntervalSince1970: TimeInterval(localSeconds - offset) + fraction)
        }
        // Local wall time: correct for the zone's offset at that moment (twice, across a DST change).
        let guess = Date(timeIntervalSince1970: TimeInterval(localSeconds))
        var utc = localSeconds - zone.secondsFromGMT(for: guess)
        utc = localSeconds - zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
        return Date(timeIntervalSince1970: TimeInterval(utc) + fraction)
    }

    /// The stored form "2026-11-22T09:30:00Z" without the general parser's bookkeeping: stores read
    /// thousands of these per screen.
    static func parseStored(_ utf8: Substring.UTF8View) -> Date? {
        utf8.withContiguousStorageIfAvailable(parseStored(bytes:)) ?? nil
    }

    /// The stored form read straight from the bytes a database row holds, without making a string.
    public static func parseStored(bytes p: UnsafeBufferPointer<UInt8>) -> Date? {
        guard p.count == 20, p[4] == 0x2D, p[7] == 0x2D, p[10] == 0x54, p[13] == 0x3A, p[16] == 0x3A, p[19] == 0x5A
        else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for k in start..<(start + length) {
                let c = p[k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            return value
        }
        guard let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2), let h = number(11, 2),
            let mi = number(14, 2), let se = number(17, 2), (1...12).contains(mo), d >= 1,
            d <= daysIn(month: mo, year: y), h < 24, mi < 60, se < 60
        else { return nil }
        let seconds = daysFromCivil(year: y, month: mo, day: d) * 86_400 + h * 3600 + mi * 60 + se
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The instants Reinstate keeps: 1900-01-01 to 9999-12-31 (UTC). A date outside them is refused
    /// where it comes in (a command line, an import, a message); formatting clamps to them, so no date
    /// can crash the process or read back as another.
    public static let earliest = Date(timeIntervalSince1970: -2_208_988_800)
    public static let latest = Date(timeIntervalSince1970: 253_402_300_799)

    public static func inRange(_ date: Date) -> Bool {
        date >= earliest && date <= latest
    }

    /// The largest window in days a command or the configuration accepts (about 100 years).
    public static let maxDays: Double = 36_500

    static func clampedSeconds(_ date: Date) -> Int {
        let t = date.timeIntervalSince1970
        guard !t.isNaN else { return Int(earliest.timeIntervalSince1970) }
        return Int(min(max(t, earliest.timeIntervalSince1970), latest.timeIntervalSince1970).rounded(.down))
    }

    /// "2026-11-22T09:30:00Z": the stored and exported form.
    public static func utc(_ date: Date) -> String {
        let seconds = clampedSeconds(date)
        return format(seconds: seconds, withSeconds: true, separator: "T") + "Z"
    }

    /// "2026-11-22 17:30" in the given zone: what people read.
    public static func local(_ date: Date, zone: TimeZone = .current) -> String {
        let seconds = clampedSeconds(date)
        return format(seconds: seconds + zone.secondsFromGMT(for: date), withSeconds: false, separator: " ")
    }

    /// "2026-11-22" in the given zone.
    public static func day(_ date: Date, zone: TimeZone = .current) -> String {
        String(local(date, zone: zone).prefix(10))
    }

    /// Drops fractions of a second, so what is stored equals what is read back.
    public static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    // MARK: - Civil calendar arithmetic (proleptic Gregorian, after H. Hinnant)

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func format(seconds: Int, withSeconds: Bool, separator: String) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (y, m, d) = civilFromDays(days)
        // Digits into a byte buffer: lists and `due` format thousands of these.
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func digits(_ v: Int, _ count: Int) {
            if count == 4, v > 9999 || v < 0 {
                out.append(contentsOf: String(v).utf8)
                return
            }
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(48 + (v / divisor) % 10))
                divisor /= 10
            }
        }
        digits(y, 4); out.append(0x2D); digits(m, 2); out.append(0x2D); digits(d, 2)
        out.append(contentsOf: separator.utf8)
        digits(rest / 3600, 2); out.append(0x3A); digits(rest % 3600 / 60, 2)
        if withSeconds { out.append(0x3A); digits(rest % 60, 2) }
        return String(decoding: out, as: UTF8.self)
    }
}
