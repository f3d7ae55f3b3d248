import Foundation

/// Case-insensitive search in a short text that gives ranges of the original text: the text is
/// kept as lower-cased Unicode scalars with their places in the original string.
struct LoweredText {
    let text: String
    let scalars: [UInt32]
    let indices: [String.Index]

    init(_ text: String) {
        self.text = text
        var scalars: [UInt32] = []
        var indices: [String.Index] = []
        scalars.reserveCapacity(text.utf8.count)
        var i = text.unicodeScalars.startIndex
        while i < text.unicodeScalars.endIndex {
            scalars.append(LoweredText.lower(text.unicodeScalars[i]))
            indices.append(i)
            i = text.unicodeScalars.index(after: i)
        }
        indices.append(text.endIndex)
        self.scalars = scalars
        self.indices = indices
    }

    static func lower(_ s: Unicode.Scalar) -> UInt32 {
        let v = s.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A ? v + 32 : v }
        if v == 0x2019 { return 0x27 }
        let mapping = s.properties.lowercaseMapping.unicodeScalars
        return mapping.count == 1 ? (mapping.first?.value ?? v) : v
    }

    static func lowered(_ phrase: String) -> [UInt32] { phrase.unicodeScalars.map(lower) }

    /// The scalar offset of the first occurrence of `phrase` at or after `from`.
    func find(_ phrase: [UInt32], from: Int = 0) -> Int? {
        let n = phrase.count, h = scalars.count
        guard n > 0, from >= 0, h - from >= n else { return nil }
        var i = from
        while i <= h - n {
            if scalars[i] == phrase[0] {
                var k = 1
                while k < n && scalars[i + k] == phrase[k] { k += 1 }
                if k == n { return i }
            }
            i += 1
        }
        return nil
    }

    /// Like `find`, but where the phrase starts or ends with a letter, the text must not continue the
    /// word there. Scripts written without spaces (Chinese, Japanese) are not letters here.
    func findWord(_ phrase: [UInt32], from: Int = 0) -> Int? {
        guard let first = phrase.first, let last = phrase.last else { return nil }
        var start = from
        while let o = find(phrase, from: start) {
            let before = Self.isWordLetter(first) && o > 0 && Self.isWordLetter(scalars[o - 1])
            let after = Self.isWordLetter(last) && o + phrase.count < scalars.count && Self.isWordLetter(scalars[o + phrase.count])
            if !before && !after { return o }
            start = o + 1
        }
        return nil
    }

    /// Latin letters (with accents), Greek and Cyrillic: the scripts whose words are split by spaces.
    static func isWordLetter(_ v: UInt32) -> Bool {
        (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7)
            || (v >= 0x370 && v <= 0x52F)
    }

    func range(_ start: Int, _ end: Int) -> Range<String.Index> { indices[start]..<indices[end] }

    /// The first case-insensitive occurrence of any of `phrases`: the earliest, or one overlapping
    /// it that reaches further ("la causa" → "causa raíz").
    ///
    /// A phrase that starts or ends with a letter matches whole words only: the marker "prevent" is not
    /// found inside "preventive measures" (whose topic read "ive measures you have put in place").
    func firstRange(ofAny phrases: [[UInt32]], from: Int = 0) -> (start: Int, end: Int)? {
        var matches: [(Int, Int)] = []
        for lp in phrases {
            if let o = findWord(lp, from: from) { matches.append((o, o + lp.count)) }
        }
        guard let earliest = matches.min(by: { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 > $1.1) }) else { return nil }
        return matches.filter { $0.0 < earliest.1 }.max { $0.1 < $1.1 }.map { (start: $0.0, end: $0.1) }
    }
}
