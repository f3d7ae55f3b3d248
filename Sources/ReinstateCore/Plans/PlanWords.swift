import Foundation

/// One word of a plan as the checks see it: lower-cased, in a common word form, with what the tone
/// checks need to know about how it was written.
struct PlanWord: Sendable, Equatable {
    /// Lower-cased, with a typographic apostrophe made plain ("don't").
    var lower: String
    /// The common word form (`WordForms.stem`), so "boxes" and "box", "packed" and "packing" meet.
    var stem: String
    /// Written with a capital first letter.
    var isCapitalized: Bool
    /// Written in capitals only, with two letters or more ("PLEASE", "ODR").
    var isAllCaps: Bool
    /// Holds a digit ("24", "B07XJ8C8F5", "2026").
    var hasDigit: Bool
    /// A letter that is a word on its own (Chinese, Japanese): phrases in these scripts are matched
    /// character by character.
    var isIdeograph: Bool
    /// Capitals inside the word after a lower-case letter ("ShipStation"): a product name.
    var isCamelCase: Bool
}

/// Splits text into words. Letters, digits and apostrophes inside a word make a word; hyphens and all
/// other punctuation separate words, so "double-wall" is two words in a plan and in a phrase list alike.
/// Ideographs are one word each. Linear in the text.
enum PlanWords {
    static func of<S: StringProtocol>(_ text: S) -> [PlanWord] {
        var words: [PlanWord] = []
        var bytes: [UInt8] = []
        var ascii = true
        bytes.reserveCapacity(32)
        func flush() {
            // An apostrophe at either end belongs to quoting, not to the word.
            while bytes.last == 0x27 { bytes.removeLast() }
            var start = 0
            while start < bytes.count, bytes[start] == 0x27 { start += 1 }
            if start < bytes.count {
                let slice = start == 0 ? bytes : Array(bytes[start...])
                words.append(ascii ? asciiWord(slice) : word(String(decoding: slice, as: UTF8.self), ideograph: false))
            }
            bytes.removeAll(keepingCapacity: true)
            ascii = true
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) {
                    bytes.append(b)
                } else if b == 0x27, !bytes.isEmpty {
                    bytes.append(b)
                } else {
                    flush()
                }
                continue
            }
            if isIdeograph(scalar) {
                flush()
                words.append(word(String(scalar), ideograph: true))
                continue
            }
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark {
                bytes.append(contentsOf: String(scalar).utf8)
                ascii = false
            } else if v == 0x2019, !bytes.isEmpty {
                bytes.append(0x27)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// The common case, an ASCII word, without Unicode property look-ups.
    private static func asciiWord(_ original: [UInt8]) -> PlanWord {
        var lower = original
        var letters = 0, upper = 0, digits = 0
        var camel = false, previousLower = false
        for (i, b) in original.enumerated() {
            if b >= 0x41 && b <= 0x5A {
                upper += 1
                letters += 1
                if previousLower { camel = true }
                previousLower = false
                lower[i] = b + 32
            } else if b >= 0x61 && b <= 0x7A {
                letters += 1
                previousLower = true
            } else {
                if b >= 0x30 && b <= 0x39 { digits += 1 }
                previousLower = false
            }
        }
        let capitalized = original[0] >= 0x41 && original[0] <= 0x5A
        return PlanWord(
            lower: String(decoding: lower, as: UTF8.self), stem: WordForms.stem(lower), isCapitalized: capitalized,
            isAllCaps: letters >= 2 && upper == letters, hasDigit: digits > 0, isIdeograph: false, isCamelCase: camel && capitalized)
    }

    private static func word(_ original: String, ideograph: Bool) -> PlanWord {
        var letters = 0, upper = 0, digits = 0
        var camel = false
        var previousLower = false
        for s in original.unicodeScalars {
            let p = s.properties
            if p.isUppercase {
                upper += 1
                letters += 1
                if previousLower { camel = true }
                previousLower = false
            } else if p.isLowercase {
                letters += 1
                previousLower = true
            } else {
                if p.numericType != nil { digits += 1 }
                previousLower = false
            }
        }
        let lower = original.lowercased()
        let capitalized = original.unicodeScalars.first?.properties.isUppercase ?? false
        return PlanWord(
            lower: lower, stem: ideograph ? lower : WordForms.stem(lower), isCapitalized: capitalized,
            isAllCaps: letters >= 2 && upper == letters, hasDigit: digits > 0, isIdeograph: ideograph,
            isCamelCase: camel && capitalized)
    }
}

/// A light English word-form reduction: plural "-s/-es/-ies", "-ed", "-ing", a final "-e" and the
/// possessive "'s" are taken off, and a doubled final consonant is undoubled ("shipped" → "ship").
/// Not a full stemmer: it only has to make the forms sellers write meet the forms in Data/phrases, and
/// it is applied to both.
enum WordForms {
    static func stem(_ lower: String) -> String {
        let bytes = Array(lower.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return lower }
        return stem(bytes)
    }

    /// The word form of a lower-case ASCII word.
    static func stem(_ word: [UInt8]) -> String {
        var w = word
        guard w.count > 2 else { return String(decoding: w, as: UTF8.self) }
        func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard w.count > n else { return false }
            let base = suffix.utf8Start
            for k in 0..<n where w[w.count - n + k] != base[k] { return false }
            return true
        }
        let apostrophe: UInt8 = 0x27, e: UInt8 = 0x65, s: UInt8 = 0x73, y: UInt8 = 0x79
        if ends("'s") { w.removeLast(2) }
        if w.last == apostrophe { w.removeLast() }
        if w.count > 4, ends("ies") {
            w.removeLast(3)
            w.append(y)
        } else if ends("sses") {
            w.removeLast(2)
        } else if w.count > 4, ends("xes") || ends("ches") || ends("shes") || ends("sses") || ends("zzes") {
            w.removeLast(2)
        } else if w.count > 3, w.last == s, !ends("ss"), !ends("us"), !ends("is") {
            w.removeLast()
        }
        var cut = false
        if w.count > 5, ends("ing") {
            w.removeLast(3)
            cut = true
        } else if w.count > 4, ends("ied") {
            w.removeLast(3)
            w.append(y)
        } else if w.count > 4, ends("ed"), w[w.count - 3] != e {
            w.removeLast(2)
            cut = true
        }
        if cut, w.count > 2, let last = w.last, last == w[w.count - 2], !Array("aeioulszdf".utf8).contains(last) {
            w.removeLast()
        }
        if w.count > 3, w.last == e, w[w.count - 2] != e { w.removeLast() }
        return String(decoding: w, as: UTF8.self)
    }
}
