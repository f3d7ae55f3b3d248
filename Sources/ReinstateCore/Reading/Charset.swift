import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns bytes in a named character set into text. Never fails: bytes that cannot be read become
/// U+FFFD and the caller is told through `lossy`.
///
/// UTF-8 and US-ASCII are read natively; ISO-8859-1 is read as Windows-1252 (as browsers and mail
/// programs do); the Chinese, Japanese and other sets go through iconv on Linux (GB2312 and GBK
/// through GB18030, Shift_JIS through CP932), with Foundation's own decoders as a fallback.
enum Charset {
    struct Decoded {
        var text: String
        /// Some bytes could not be read in the declared set.
        var lossy: Bool
        /// The set was not known; the bytes were read as UTF-8.
        var unknown: Bool
    }

    static func decode(_ bytes: some Collection<UInt8>, charset rawName: String?) -> Decoded {
        let name = normalize(rawName ?? "")
        let array = Array(bytes)
        switch name {
        case "", "utf8", "usascii", "ascii", "us", "ansix341968", "utf8mb4", "unicode11utf8":
            return utf8OrLegacy(array, declaredASCII: name != "utf8" && name != "utf8mb4")
        case "iso88591", "latin1", "l1", "cp1252", "windows1252", "iso885915", "cp819", "ibm819", "xwindows1252":
            if name == "iso885915" { break }
            return Decoded(text: windows1252(array), lossy: false, unknown: false)
        default:
            break
        }
        let iconvName: String
        switch name {
        case "gb2312", "gbk", "cp936", "xgbk", "gb18030", "euccn", "xeuccn", "windows936", "csgb2312": iconvName = "GB18030"
        case "shiftjis", "sjis", "xsjis", "cp932", "windows31j", "mskanji", "csshiftjis", "windows932": iconvName = "CP932"
        case "eucjp", "xeucjp", "cseucpkdfmtjapanese": iconvName = "EUC-JP"
        case "iso2022jp", "csiso2022jp": iconvName = "ISO-2022-JP-2"
        case "big5", "big5hkscs", "cnbig5", "xxbig5": iconvName = "BIG5-HKSCS"
        case "euckr", "cseuckr", "ksc56011987", "cp949": iconvName = "CP949"
        default: iconvName = TextCleanup.trim(rawName ?? "").uppercased()
        }
        if let text = viaIconv(array, from: iconvName) { return text }
        if let text = viaFoundation(array, name: name) { return text }
        var fallback = utf8OrLegacy(array, declaredASCII: false)
        fallback.unknown = true
        return fallback
    }

    /// Lower-case letters and digits only: "Shift_JIS" → "shiftjis", "ISO-8859-1" → "iso88591".
    static func normalize(_ name: String) -> String {
        var out = ""
        for c in name.lowercased().unicodeScalars where (c >= "a" && c <= "z") || (c >= "0" && c <= "9") {
            out.unicodeScalars.append(c)
        }
        return out
    }

    /// Valid UTF-8 as is; otherwise, for text that claims to be ASCII or says nothing, Windows-1252
    /// when the bytes are clearly not UTF-8, else UTF-8 with replacement.
    static func utf8OrLegacy(_ bytes: [UInt8], declaredASCII: Bool) -> Decoded {
        if let s = String(validating: bytes, as: UTF8.self) { return Decoded(text: s, lossy: false, unknown: false) }
        if declaredASCII, !looksLikeBrokenUTF8(bytes) {
            return Decoded(text: windows1252(bytes), lossy: false, unknown: false)
        }
        return Decoded(text: String(decoding: bytes, as: UTF8.self), lossy: true, unknown: false)
    }

    /// Whether most high bytes sit in well-formed UTF-8 sequences (so the text is UTF-8 with a few
    /// broken bytes, not a legacy single-byte set).
    static func looksLikeBrokenUTF8(_ bytes: [UInt8]) -> Bool {
        var good = 0, bad = 0, i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
            if len > 0, i + len <= n, (1..<len).allSatisfy({ bytes[i + $0] & 0xC0 == 0x80 }) {
                good += 1; i += len
            } else {
                bad += 1; i += 1
            }
        }
        return good > bad
    }

    static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: [UInt8]) -> String {
        var s = String.UnicodeScalarView()
        s.reserveCapacity(bytes.count)
        for b in bytes {
            let v: UInt32 = b >= 0x80 && b < 0xA0 ? cp1252High[Int(b) - 0x80] : UInt32(b)
            s.append(Unicode.Scalar(v) ?? "\u{FFFD}")
        }
        return String(s)
    }

    static func viaIconv(_ bytes: [UInt8], from name: String) -> Decoded? {
        #if canImport(Glibc)
        guard !name.isEmpty else { return nil }
        let cd = iconv_open("UTF-8", name)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        var lossy = false
        var input = bytes
        let chunk = 16_384
        var buffer = [CChar](repeating: 0, count: chunk)
        input.withUnsafeMutableBufferPointer { inBuf in
            guard let inBase = inBuf.baseAddress else { return }
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            buffer.withUnsafeMutableBufferPointer { outBuf in
                guard let outBase = outBuf.baseAddress else { return }
                while inLeft > 0 {
                    var outPtr: UnsafeMutablePointer<CChar>? = outBase
                    var outLeft = chunk
                    let before = inLeft
                    let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let produced = chunk - outLeft
                    output.append(contentsOf: UnsafeRawBufferPointer(start: outBase, count: produced))
                    if rc == -1 {
                        let err = errno
                        if err == E2BIG { continue }
                        // EILSEQ or EINVAL: one unreadable byte becomes U+FFFD.
                        lossy = true
                        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        if inLeft > 0 {
                            inPtr = inPtr.map { $0 + 1 }
                            inLeft -= 1
                        }
                        // Reset shift state (ISO-2022-JP) after an error.
                        _ = iconv(cd, nil, nil, nil, nil)
                    } else if inLeft == before {
                        break
                    }
                }
                // Flush any shift state.
                var outPtr: UnsafeMutablePointer<CChar>? = outBase
                var outLeft = chunk
                _ = iconv(cd, nil, nil, &outPtr, &outLeft)
                output.append(contentsOf: UnsafeRawBufferPointer(start: outBase, count: chunk - outLeft))
            }
        }
        return Decoded(text: String(decoding: output, as: UTF8.self), lossy: lossy, unknown: false)
        #else
        return nil
        #endif
    }

    static func viaFoundation(_ bytes: [UInt8], name: String) -> Decoded? {
        let encoding: String.Encoding?
        switch name {
        case "shiftjis", "sjis", "cp932", "windows31j", "xsjis", "mskanji": encoding = .shiftJIS
        case "eucjp", "xeucjp": encoding = .japaneseEUC
        case "iso2022jp", "csiso2022jp": encoding = .iso2022JP
        case "iso88592", "latin2", "windows1250", "cp1250": encoding = .windowsCP1250
        case "windows1251", "cp1251": encoding = .windowsCP1251
        case "windows1253", "cp1253": encoding = .windowsCP1253
        case "windows1254", "cp1254": encoding = .windowsCP1254
        case "utf16", "utf16le", "utf16be": encoding = .utf16
        default: encoding = nil
        }
        guard let encoding, let text = String(data: Data(bytes), encoding: encoding) else { return nil }
        return Decoded(text: text, lossy: false, unknown: false)
    }
}
