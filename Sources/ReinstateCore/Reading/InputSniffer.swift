import Foundation

/// First looks at raw input: byte-order marks, binary data, and which language the words are in.
enum InputSniffer {
    /// Whether the bytes are not text: NUL bytes or other control characters make up more than a
    /// small share (ESC is allowed, ISO-2022-JP uses it).
    static func isBinary(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return false }
        var nul = 0, control = 0
        for b in bytes {
            if b == 0 { nul += 1 } else if b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B) || b == 0x7F { control += 1 }
        }
        let n = bytes.count
        return nul * 100 > n || (nul + control) * 20 > n
    }

    /// Text from a UTF-16 file with a byte-order mark, or nil.
    static func utf16(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 2 else { return nil }
        if bytes[0] == 0xFF && bytes[1] == 0xFE { return decode16(bytes.dropFirst(2), littleEndian: true) }
        if bytes[0] == 0xFE && bytes[1] == 0xFF { return decode16(bytes.dropFirst(2), littleEndian: false) }
        return nil
    }

    private static func decode16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    static let stopwords: [(String, [String])] = [
        ("en", [" the ", " your ", " you ", " and ", " to ", " of ", " please "]),
        ("de", [" und ", " der ", " die ", " sie ", " ihr ", " ihre ", " nicht ", " bitte "]),
        ("fr", [" le ", " les ", " vous ", " votre ", " des ", " et ", " veuillez "]),
        ("es", [" el ", " los ", " su ", " para ", " que ", " y ", " usted "]),
        ("it", [" il ", " della ", " tuo ", " per ", " che ", " non ", " gli "]),
        ("pt", [" sua ", " seu ", " você ", " não ", " foi ", " conta ", " da ", " os "]),
        ("tr", [" ve ", " için ", " bir ", " bu ", " lütfen ", " hesabınız ", " olarak ", " ile "]),
    ]

    /// The language most of the words are in, or nil.
    static func language(_ text: String) -> String? {
        let sample = text.prefix(20_000)
        var kana = 0, han = 0
        for s in sample.unicodeScalars {
            if (0x3040...0x30FF).contains(s.value) { kana += 1 } else if (0x4E00...0x9FFF).contains(s.value) { han += 1 }
        }
        if kana >= 5 { return "ja" }
        if han >= 10 { return "zh" }
        let folded = FoldedText(sample)
        var best: (String, Int)? = nil
        for (lang, words) in stopwords {
            var count = 0
            for w in words {
                var from = 0
                while let o = folded.firstOffset(of: w, from: from) { count += 1; from = o + 1 }
            }
            if count > 2, best.map({ count > $0.1 }) ?? true { best = (lang, count) }
        }
        return best?.0
    }
}
