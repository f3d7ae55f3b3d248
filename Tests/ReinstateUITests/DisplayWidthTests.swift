import ReinstateCore
import ReinstateUI
import Testing

@Suite struct DisplayWidthTests {
    /// The shortcuts that skip Unicode property lookups give what the lookups give, for every scalar
    /// below U+30000 (the planes with assigned text).
    @Test func shortcutsAgreeWithTheUnicodeProperties() {
        var disagree: [String] = []
        for v in UInt32(0)..<0x30000 {
            guard let s = Unicode.Scalar(v) else { continue }
            if s.properties.isEmojiPresentation, v >= 0x2000, v < 0x1F000, DisplayWidth.of(scalar: s) != 2 {
                disagree.append("U+\(String(v, radix: 16)) emoji")
            }
            guard v >= 0x300, DisplayWidth.of(scalar: s) == 1 else { continue }
            switch s.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format:
                disagree.append("U+\(String(v, radix: 16)) mark")
            default: break
            }
        }
        #expect(disagree == [])
    }

    @Test func asciiIsOneColumnEach() {
        #expect(DisplayWidth.of("Plan of Action") == 14)
    }

    @Test func chineseAndJapaneseAreTwoColumns() {
        #expect(DisplayWidth.of("亚马逊") == 6)
        #expect(DisplayWidth.of("アカウント停止") == 14)
        #expect(DisplayWidth.of("ｱｶｳﾝﾄ") == 5)  // halfwidth katakana
        #expect(DisplayWidth.of("ＡＢＣ") == 6)  // fullwidth Latin
        #expect(DisplayWidth.of("계정") == 4)
    }

    @Test func emojiAreTwoColumns() {
        #expect(DisplayWidth.of("📦") == 2)
        #expect(DisplayWidth.of("⚠️") == 2)  // text symbol + VS16
        #expect(DisplayWidth.of("👩‍💻") == 2)  // ZWJ sequence
        #expect(DisplayWidth.of("🇩🇪") == 2)  // flag
        #expect(DisplayWidth.of("👍🏽") == 2)  // skin tone
    }

    @Test func combiningMarksAddNothing() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("Ame\u{301}lie\u{308}") == 6)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of("\u{1100}\u{1161}") == 2)  // Hangul jamo cluster
    }

    @Test func controlsTakeNoColumns() {
        #expect(DisplayWidth.of("\u{1B}") == 0)
        #expect(DisplayWidth.of("\u{9B}") == 0)
    }

    @Test func truncateCutsByColumnsWithEllipsis() {
        #expect(TextLayout.truncate("Inauthentic complaint", to: 10) == "Inauthent…")
        #expect(TextLayout.truncate("亚马逊账户停用", to: 7) == "亚马逊…")
        #expect(DisplayWidth.of(TextLayout.truncate("亚马逊账户停用", to: 8)) <= 8)
        #expect(TextLayout.truncate("short", to: 10) == "short")
        #expect(TextLayout.fit("亚马", to: 6) == "亚马  ")
        #expect(TextLayout.fit("42", to: 5, alignRight: true) == "   42")
    }

    @Test func wrapKeepsEveryLineWithinWidth() {
        let text = "Greater detail on the root cause: 我们的仓库在高峰期人手不足，导致包装不当。Then we hired staff."
        let lines = TextLayout.wrap(text, width: 20)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == text.replacingOccurrences(of: " ", with: ""))
        #expect(TextLayout.wrap("one two three", width: 7) == ["one two", "three"])
        #expect(TextLayout.wrap("a\n\nb", width: 5) == ["a", "", "b"])
        #expect(TextLayout.wrap("\tx", width: 10) == ["    x"])
    }

    @Test func frameKeepsWideCharactersWhole() {
        var frame = Frame(width: 6, height: 1)
        frame.write("ab亚马逊", x: 0, y: 0)
        #expect(frame.line(0) == "ab亚马")
        frame.write("xyz", x: 3, y: 0)  // cuts 亚 in half: its first column becomes a space
        #expect(frame.line(0) == "ab xyz")
        #expect(DisplayWidth.of(frame.line(0)) == 6)

        var edge = Frame(width: 5, height: 1)
        edge.write("abcd亚", x: 0, y: 0)  // 亚 does not fit in the last column
        #expect(edge.line(0) == "abcd ")
        #expect(edge[3, 0].text == "d")
    }

    @Test func frameDropsLoneCombiningMarksAndControls() {
        var frame = Frame(width: 8, height: 1)
        frame.write("\u{301}e\u{301}\u{7}x", x: 0, y: 0)
        #expect(frame.line(0) == "e\u{301}x      ")
    }

    @Test func everyFrameLineHasTheFrameWidth() {
        var frame = Frame(width: 20, height: 4)
        frame.write("👩‍💻 アカウント停止 📦📦", x: 0, y: 0)
        frame.write("café 亚马逊 e\u{301}", x: 3, y: 1)
        frame.write("🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪", x: 1, y: 2)
        for y in 0..<4 { #expect(DisplayWidth.of(frame.line(y)) == 20) }
    }
}
