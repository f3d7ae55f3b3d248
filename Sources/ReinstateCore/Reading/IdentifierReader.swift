import Foundation

/// ASINs, order IDs and the marketplace named in a message. One pass over the bytes for each.
enum IdentifierReader {
    private static func isAlnum(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }

    /// ASINs ("B0…", ten characters) and ISBN-10s. A ten-digit number is taken as an ISBN only with a
    /// valid check digit and, unless `requireContextForISBN` is off, "ASIN" or "ISBN" within the
    /// 80 characters before it (case IDs and phone numbers are ten digits too).
    static func asins(in text: String, requireContextForISBN: Bool = true) -> [String] {
        let b = Array(text.utf8)
        var out: [String] = []
        var seen = Set<String>()
        var i = 0
        while i < b.count {
            guard isAlnum(b[i]) else { i += 1; continue }
            var j = i
            while j < b.count, isAlnum(b[j]) { j += 1 }
            if j - i == 10 {
                let token = String(decoding: b[i..<j], as: UTF8.self)
                let upper = token.uppercased()
                var ok = false
                if upper.hasPrefix("B0"), ASIN.isValid(upper) {
                    ok = token == upper && upper.dropFirst(2).contains(where: { $0.isLetter || $0.isNumber })
                } else if ASIN.isValid(upper), isbnChecksum(upper) {
                    let context = String(decoding: b[max(0, i - 80)..<i], as: UTF8.self).lowercased()
                    ok = !requireContextForISBN || context.includes("asin") || context.includes("isbn")
                }
                // Not part of an order id or a longer number ("123-…").
                if ok, (i > 0 && b[i - 1] == 0x2D) || (j < b.count && b[j] == 0x2D && j + 1 < b.count && isAlnum(b[j + 1])) { ok = false }
                if ok, seen.insert(upper).inserted { out.append(upper) }
            }
            i = j
        }
        return out
    }

    static func isbnChecksum(_ s: String) -> Bool {
        var sum = 0
        for (k, c) in s.utf8.enumerated() {
            let v = c == UInt8(ascii: "X") ? 10 : Int(c) - 48
            sum += (10 - k) * v
        }
        return sum % 11 == 0
    }

    /// Amazon order IDs: three, seven and seven digits joined by hyphens.
    static func orderIDs(in text: String) -> [String] {
        let b = Array(text.utf8)
        var out: [String] = []
        var seen = Set<String>()
        func digits(_ at: Int, _ count: Int) -> Bool {
            guard at + count <= b.count else { return false }
            for k in at..<(at + count) where !(b[k] >= 48 && b[k] <= 57) { return false }
            return true
        }
        var i = 0
        while i + 19 <= b.count {
            if digits(i, 3), b[i + 3] == 0x2D, digits(i + 4, 7), b[i + 11] == 0x2D, digits(i + 12, 7),
                i == 0 || !(isAlnum(b[i - 1]) || b[i - 1] == 0x2D),
                i + 19 == b.count || !(isAlnum(b[i + 19]) || (b[i + 19] == 0x2D && i + 20 < b.count && isAlnum(b[i + 20])))
            {
                let id = String(decoding: b[i..<(i + 19)], as: UTF8.self)
                if seen.insert(id).inserted { out.append(id) }
                i += 19
            } else {
                i += 1
            }
        }
        return out
    }

    /// The marketplace most named in the text ("Amazon.de", "sellercentral.amazon.co.uk"), else the
    /// one of the sender's address; only Amazon's known marketplaces count. A Seller Central address,
    /// a link or an e-mail address on amazon.com names no marketplace: sellers of every marketplace get
    /// those help links and addresses; the regional ones (sellercentral.amazon.de, @amazon.co.uk) do.
    static func marketplace(text: String, from: String) -> String? {
        var counts: [String: Int] = [:]
        var first: [String: Int] = [:]
        var order = 0
        for host in hosts(in: text) {
            counts[host, default: 0] += 1
            if first[host] == nil { first[host] = order; order += 1 }
        }
        if let best = counts.max(by: { a, b in a.value != b.value ? a.value < b.value : (first[a.key] ?? 0) > (first[b.key] ?? 0) }) {
            return best.key
        }
        return hosts(in: from).first
    }

    /// Known marketplaces named as hosts in the text ("amazon.co.uk" from "www.Amazon.co.uk/…").
    static func hosts(in text: String) -> [String] {
        let b = Array(text.utf8)
        let needle = Array("amazon.".utf8)
        var out: [String] = []
        var i = 0
        while i + needle.count < b.count {
            var match = true
            for k in 0..<needle.count {
                var c = b[i + k]
                if c >= 65 && c <= 90 { c += 32 }
                if c != needle[k] { match = false; break }
            }
            if !match { i += 1; continue }
            // The label before must not be part of another name ("notamazon.com"), but "www." or
            // "sellercentral." may stand before; "sellercentral-europe.amazon.com" names no marketplace.
            var prefixStart = i
            while prefixStart > 0, isAlnum(b[prefixStart - 1]) || b[prefixStart - 1] == 0x2E || b[prefixStart - 1] == 0x2D { prefixStart -= 1 }
            let prefix = String(decoding: b[prefixStart..<i], as: UTF8.self).lowercased()
            var j = i + needle.count
            while j < b.count, isAlnum(b[j]) || b[j] == 0x2E { j += 1 }
            var host = String(decoding: b[i..<j], as: UTF8.self).lowercased()
            while host.hasSuffix(".") { host.removeLast() }
            i = j
            let prefixOK = prefix.isEmpty || prefix == "www." || prefix == "sellercentral." || prefix.hasSuffix("@")
                || (prefix.hasSuffix(".") && !prefix.contains("-") && prefix.split(separator: ".").count <= 2 && !prefix.contains("sellercentral"))
            guard prefixOK || prefix.hasPrefix("@") else { continue }
            // What stands before the name: "@" (an e-mail address) or "/" ("https://", a link).
            let mark: UInt8 = prefixStart > 0 ? b[prefixStart - 1] : 0x20
            let generic = prefix == "sellercentral." || mark == 0x40 || mark == 0x2F || prefix.hasSuffix("@")
            // Longest known marketplace that the host starts with ("amazon.com.mx" before "amazon.com").
            let normalized = Marketplace.normalize(host)
            if let known = Marketplace.known.filter({ normalized == $0 || normalized.hasPrefix($0 + "/") }).max(by: { $0.count < $1.count }) {
                if generic && known == "amazon.com" { continue }
                out.append(known)
            }
        }
        return out
    }
}
