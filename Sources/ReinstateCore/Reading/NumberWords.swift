import Foundation

/// Numbers written as words, in English, German, French, Spanish and Italian (1 to 999 in English,
/// 1 to 100 and the round hundreds elsewhere), and in Chinese/Japanese numerals (十四, 七十二, 百).
///
/// Multi-word numbers are looked up with their words joined by "-": "seventy two", "seventy-two" →
/// "seventy-two"; "setenta y dos" → "setenta-y-dos"; "soixante et onze" → "soixante-et-onze".
enum NumberWords {
    static let table: [String: Int] = build()

    /// The longest number that starts at `words[start]`, with how many words it takes (at most 5).
    static func match(_ words: [String], at start: Int) -> (value: Int, count: Int)? {
        var best: (Int, Int)? = nil
        var key = ""
        for k in 0..<min(5, words.count - start) {
            key = k == 0 ? words[start] : key + "-" + words[start + k]
            if let v = table[key] { best = (v, k + 1) }
        }
        return best
    }

    /// The value of a run of Chinese/Japanese numerals ("十四" → 14), or nil.
    static func han(_ text: some StringProtocol) -> Int? {
        let digits: [Character: Int] = ["〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        var total = 0
        var current = 0
        var any = false
        for c in text {
            if let d = digits[c] {
                current = current * 10 + d
                any = true
            } else if c == "十" {
                total += (current == 0 ? 1 : current) * 10
                current = 0
                any = true
            } else if c == "百" {
                total += (current == 0 ? 1 : current) * 100
                current = 0
                any = true
            } else {
                return nil
            }
        }
        return any ? total + current : nil
    }

    static let hanCharacters: Set<Character> = ["〇", "零", "一", "二", "两", "兩", "三", "四", "五", "六", "七", "八", "九", "十", "百"]

    private static func build() -> [String: Int] {
        var t: [String: Int] = [:]
        // English
        let enOnes = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                      "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
        let enTens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        var en: [Int: String] = [:]
        for (i, w) in enOnes.enumerated() { en[i + 1] = w }
        for (i, w) in enTens.enumerated() {
            let v = (i + 2) * 10
            en[v] = w
            for u in 1...9 { en[v + u] = w + "-" + enOnes[u - 1] }
        }
        for n in 1...99 { if let w = en[n] { t[w] = n } }
        for h in 1...9 {
            let head = enOnes[h - 1] + "-hundred"
            t[head] = h * 100
            for n in 1...99 {
                guard let w = en[n] else { continue }
                t[head + "-" + w] = h * 100 + n
                t[head + "-and-" + w] = h * 100 + n
            }
        }
        t["hundred"] = 100
        t["a-hundred"] = 100
        t["one-hundred"] = 100
        // German
        let deOnes = ["eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
                      "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"]
        let deTens = ["zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]
        for (i, w) in deOnes.enumerated() { t[w] = i + 1 }
        t["ein"] = 1; t["einen"] = 1; t["einem"] = 1; t["einer"] = 1
        for (i, w) in deTens.enumerated() {
            let v = (i + 2) * 10
            t[w] = v
            t[w.replacingOccurrences(of: "ß", with: "ss")] = v
            for u in 1...9 {
                let unit = u == 1 ? "ein" : deOnes[u - 1]
                t[unit + "und" + w] = v + u
                t[unit + "und" + w.replacingOccurrences(of: "ß", with: "ss")] = v + u
            }
        }
        t["hundert"] = 100; t["einhundert"] = 100
        // French
        let frOnes = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
                      "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
        var fr: [Int: String] = [:]
        for (i, w) in frOnes.enumerated() { fr[i + 1] = w }
        fr[0] = ""
        let frTens = [20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"]
        for (v, w) in frTens {
            t[w] = v
            t[w + "-et-un"] = v + 1
            t[w + "-et-une"] = v + 1
            for u in 2...9 { t[w + "-" + frOnes[u - 1]] = v + u }
        }
        for u in 0...19 {  // 70–79: soixante-dix …
            let tail = u == 0 ? "dix" : (u < 10 ? (fr[10 + u] ?? "") : "")
            if u < 10, !tail.isEmpty { t["soixante-" + tail] = 70 + u }
        }
        t["soixante-et-onze"] = 71
        t["quatre-vingt"] = 80; t["quatre-vingts"] = 80
        for u in 1...19 { t["quatre-vingt-" + (fr[u] ?? "")] = 80 + u }
        t["une"] = 1; t["cent"] = 100
        for (i, w) in frOnes.enumerated() { t[w] = i + 1 }
        // Spanish
        let esOnes = ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce",
                      "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve"]
        for (i, w) in esOnes.enumerated() { t[w] = i + 1 }
        t["un"] = 1; t["una"] = 1; t["dieciseis"] = 16; t["veinte"] = 20
        let veinti = ["veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve"]
        for (i, w) in veinti.enumerated() {
            t[w] = 21 + i
            t[w.replacingOccurrences(of: "ó", with: "o").replacingOccurrences(of: "é", with: "e")] = 21 + i
        }
        t["veintiún"] = 21
        let esTens = [30: "treinta", 40: "cuarenta", 50: "cincuenta", 60: "sesenta", 70: "setenta", 80: "ochenta", 90: "noventa"]
        for (v, w) in esTens {
            t[w] = v
            for u in 1...9 { t[w + "-y-" + esOnes[u - 1]] = v + u }
        }
        t["cien"] = 100; t["ciento"] = 100
        // Italian
        let itOnes = ["uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "undici", "dodici",
                      "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove"]
        for (i, w) in itOnes.enumerated() where i != 0 { t[w] = i + 1 }
        let itTens = [20: "venti", 30: "trenta", 40: "quaranta", 50: "cinquanta", 60: "sessanta", 70: "settanta", 80: "ottanta", 90: "novanta"]
        for (v, w) in itTens {
            t[w] = v
            for u in 1...9 {
                let unit = u == 3 ? "tré" : itOnes[u - 1]
                let stem = (u == 1 || u == 8) ? String(w.dropLast()) : w
                t[stem + unit] = v + u
                if u == 3 { t[stem + "tre"] = v + 3 }
            }
        }
        t["cento"] = 100
        t["uno"] = 1
        return t
    }
}
