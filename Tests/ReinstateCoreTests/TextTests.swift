import Foundation
import Testing
@testable import ReinstateCore

@Suite struct TerminalSafeTests {
    @Test(arguments: [
        ("plain\ttext\nnext", "plain\ttext\nnext"),
        ("\u{1B}[31mred\u{1B}[0m", "red"),
        ("title\u{1B}]0;pwned\u{07}after", "titleafter"),
        ("clip\u{1B}]52;c;ZXZpbA==\u{1B}\\board", "clipboard"),
        ("move\u{1B}[10;10Hto", "moveto"),
        ("c1\u{9B}2Jcsi", "c1csi"),
        ("bell\u{07}nul\u{0}cr\r", "bellnulcr\n"),
        ("crlf\r\nlone\rend", "crlf\nlone\nend"),
        ("open\u{1B}]52;c;QUFB\nnext line", "open\nnext line"),
        ("bidi \u{202E}gnp.exe\u{202C}", "bidi gnp.exe"),
        ("中文 テキスト ✅", "中文 テキスト ✅"),
        ("esc at end\u{1B}", "esc at end"),
        ("\u{1B}7saved\u{1B}8", "saved"),
    ])
    func removesControlSequences(_ input: String, _ expected: String) {
        #expect(TerminalSafe.clean(input) == expected)
        #expect(TerminalSafe.isClean(TerminalSafe.clean(input)))
    }
}

@Suite struct DisplayWidthTests {
    @Test func countsColumns() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("深圳市") == 6)
        #expect(DisplayWidth.of("ｱ") == 1)  // halfwidth katakana
        #expect(DisplayWidth.of("テスト") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1)  // combining acute
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)
        #expect(DisplayWidth.of("🇩🇪🇫🇷") == 4)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("Order defect rate – account") == 27)
    }

    /// The fast scalar count agrees with counting grapheme clusters one by one.
    @Test(arguments: ["深圳市蓝鲸贸易有限公司", "株式会社みどり雑貨 ｱｲｳ", "Café e\u{301} naïve", "👍🏽 ok 👨‍👩‍👧 🇯🇵", "한국어 텍스트", "a\u{200B}b", "✅ done ❤️"])
    func scalarCountMatchesClusterCount(_ text: String) {
        #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) })
    }

    @Test func truncatesByColumnsNotCharacters() {
        #expect(DisplayWidth.truncate("深圳市蓝鲸贸易", to: 7) == "深圳市…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("深圳市蓝鲸贸易", to: 7)) <= 7)
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("Order defect rate – account deactivated", to: 20) == "Order defect rate –…")
        #expect(DisplayWidth.truncate("ab👨‍👩‍👧cd", to: 4) == "ab…")
        #expect(DisplayWidth.truncate("abe\u{301}\u{301}fg", to: 4) == "abe\u{301}\u{301}…")
        #expect(DisplayWidth.truncate("ab🇩🇪🇫🇷", to: 5) == "ab🇩🇪…")
        for n in 1...12 {
            let cut = DisplayWidth.truncate("深圳 👍🏽 café 🇯🇵 テスト", to: n)
            #expect(DisplayWidth.of(cut) <= n, "\(n): \(cut)")
        }
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownDigests(_ input: String, _ digest: String) {
        #expect(SHA256.hex(Data(input.utf8)) == digest)
    }

    @Test func chunkedEqualsWhole() {
        let data = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        var hasher = SHA256()
        var i = 0
        while i < data.count {
            hasher.update(data[i..<min(i + 333, data.count)])
            i += 333
        }
        #expect(hasher.finalize() == SHA256.hex(data))
    }
}

@Suite struct TextTableTests {
    /// `case list` measures and prints a row at a time; the lines are the same as the whole table's.
    @Test func rowAtATimeGivesTheSameLinesAsTheWholeTable() {
        let rows = [
            ["ID", "ACCOUNT", "TITLE", "OPEN"],
            ["7", "深圳市蓝鲸贸易有限公司", "Order defect rate – account deactivated", "12"],
            ["12345", "Acme", "Inauthentic – B0ABCDEF12", ""],
            ["3", "Ame\u{301}lie 👩‍💻", "x", "1"],
        ]
        var columns: [Int] = []
        for row in rows { TextTable.measure(row, into: &columns) }
        var out: [UInt8] = []
        for row in rows { TextTable.appendLine(row, columns: columns, to: &out) }
        #expect(out == TextTable.bytes(rows))
        #expect(String(decoding: out, as: UTF8.self) == TextTable.align(rows).joined(separator: "\n") + "\n")
    }
}
