import Foundation

/// Splits one line of a plan into sentences: after ".", "!" or "?" (and any closing quotes or
/// brackets) followed by a space and a capital, a digit, a quote or a bracket; always after "。", "！"
/// and "？". "e.g.", "etc.", "No. 5", initials ("J. Smith") and decimals ("1.5") do not end a sentence.
/// Linear in the line.
enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "etc", "vs", "no", "nr", "inc", "ltd", "co", "mr", "mrs", "ms", "dr", "st", "approx", "a.m", "p.m",
        "u.s", "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "ref",
        "dept", "corp", "est", "min", "max", "qty", "pcs", "incl", "ca", "cf", "al",
    ]

    static func split(_ line: Substring) -> [Substring] {
        // Unicode scalars, not Characters: the marks that end sentences are single scalars, and walking
        // scalars avoids grapheme breaking on every step.
        let scalars = line.unicodeScalars
        var out: [Substring] = []
        var start = scalars.startIndex
        func emit(_ end: Substring.Index) {
            let piece = line[start..<end].drop { $0.isWhitespace }
            var trimmed = piece
            while let last = trimmed.last, last.isWhitespace { trimmed = trimmed.dropLast() }
            if !trimmed.isEmpty { out.append(trimmed) }
        }
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            if c == "。" || c == "！" || c == "？" {
                let end = scalars.index(after: i)
                emit(end)
                start = end
                i = end
                continue
            }
            if c == "." || c == "!" || c == "?" {
                var end = scalars.index(after: i)
                while end < scalars.endIndex, scalars[end] == "." || scalars[end] == "!" || scalars[end] == "?" || closerScalars.contains(scalars[end]) {
                    end = scalars.index(after: end)
                }
                var next = end
                while next < scalars.endIndex, scalars[next] == " " || scalars[next] == "\t" { next = scalars.index(after: next) }
                guard next > end, next < scalars.endIndex else {
                    i = end
                    continue
                }
                let following = scalars[next]
                let p = following.properties
                let startsSentence = p.isUppercase || (following.value >= 0x30 && following.value <= 0x39) || openerScalars.contains(following)
                    || (p.isAlphabetic && !p.isLowercase)
                if startsSentence, !(c == "." && isAbbreviation(line, before: i)) {
                    emit(end)
                    start = next
                }
                i = next
                continue
            }
            i = scalars.index(after: i)
        }
        emit(scalars.endIndex)
        return out
    }

    static let closerScalars = Set("\"'”’)]»".unicodeScalars)
    static let openerScalars = Set("\"“‘'([«-•*".unicodeScalars)

    /// Whether the word before the period at `dot` is an abbreviation or an initial.
    private static func isAbbreviation(_ line: Substring, before dot: Substring.Index) -> Bool {
        var k = dot
        var count = 0
        while k > line.startIndex, count < 8 {
            let previous = line.index(before: k)
            guard line[previous].isLetter || line[previous] == "." else { break }
            k = previous
            count += 1
        }
        let word = line[k..<dot]
        if word.isEmpty { return false }
        if word.count == 1, word.first?.isUppercase == true { return true }  // an initial
        return abbreviations.contains(word.lowercased())
    }
}
