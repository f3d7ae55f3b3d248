import Foundation

/// Splits a line into sentences: after ".", "!" or "?" followed by a space and a capital letter,
/// digit, quote or bullet, and after "。", "！", "？". Common abbreviations ("e.g.", "z. B.",
/// "etc.") and dotted names ("Amazon.com") do not end a sentence. Linear in the line.
enum Sentences {
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "etc", "vs", "no", "nr", "inc", "ltd", "co", "mr", "mrs", "ms", "dr", "st", "approx", "z", "z.b", "b",
        "u.a", "bzw", "ca", "ggf", "usw", "p.ej", "ej", "ecc", "es", "sig", "sr", "sra", "mme", "m", "art", "abs",
    ]
    static let openers = Set("\"“‘'(–—-•*".unicodeScalars)

    static func split(_ line: String) -> [String] {
        let s = Array(line.unicodeScalars)
        var places = Array(line.unicodeScalars.indices)
        places.append(line.endIndex)
        let n = s.count
        var out: [String] = []
        var start = 0
        func emit(_ a: Int, _ b: Int) {
            guard a < b else { return }
            let text = TextCleanup.trim(line[places[a]..<places[b]])
            if !text.isEmpty { out.append(text) }
        }
        var i = 0
        while i < n {
            let c = s[i]
            if c == "。" || c == "！" || c == "？" {
                emit(start, i + 1)
                start = i + 1
                i += 1
                continue
            }
            if c == "." || c == "!" || c == "?", i + 1 < n, s[i + 1] == " " {
                var j = i + 1
                while j < n, s[j] == " " { j += 1 }
                guard j < n else { break }
                if c == "." && isAbbreviation(s, endingAt: i) {
                    i = j
                    continue
                }
                let next = s[j]
                let props = next.properties
                if props.isUppercase || (next >= "0" && next <= "9") || openers.contains(next) || (props.isAlphabetic && !props.isLowercase) {
                    emit(start, i + 1)
                    start = j
                }
                i = j
                continue
            }
            i += 1
        }
        emit(start, n)
        return out
    }

    /// Whether the word before the period at `end` is an abbreviation ("e.g", "etc", "z").
    private static func isAbbreviation(_ s: [Unicode.Scalar], endingAt end: Int) -> Bool {
        var k = end
        while k > 0, end - k < 8, s[k - 1] == "." || s[k - 1].properties.isAlphabetic { k -= 1 }
        guard k < end, k == 0 || !s[k - 1].properties.isAlphabetic else { return false }
        let word = String(String.UnicodeScalarView(s[k..<end])).lowercased()
        return abbreviations.contains(word)
    }
}
