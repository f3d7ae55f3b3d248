import ReinstateCore
import ReinstateUI
import Testing

@Suite struct TerminalSafeInUITests {
    @Test func plainTextIsUntouched() {
        let text = "Dear Seller,\n\tWe need greater detail on 根本原因.\n"
        #expect(TerminalSafe.clean(text) == text)
    }

    @Test func csiSequencesAreRemoved() {
        #expect(TerminalSafe.clean("\u{1B}[31mred\u{1B}[0m text") == "red text")
        #expect(TerminalSafe.clean("\u{1B}[2J\u{1B}[Hclear") == "clear")
        #expect(TerminalSafe.clean("\u{1B}[?1049h\u{1B}[?25lhidden") == "hidden")
        #expect(TerminalSafe.clean("a\u{9B}31mb") == "ab")  // 8-bit CSI
    }

    @Test func oscSequencesIncludingClipboardWritesAreRemoved() {
        #expect(TerminalSafe.clean("\u{1B}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u{7}Hello") == "Hello")
        #expect(TerminalSafe.clean("\u{1B}]0;pwned title\u{1B}\\after") == "after")
        #expect(TerminalSafe.clean("\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\") == "link")
        #expect(TerminalSafe.clean("x\u{9D}52;c;AAAA\u{9C}y") == "xy")  // 8-bit OSC and ST
    }

    @Test func unterminatedStringsStopAtTheLineEnd() {
        #expect(TerminalSafe.clean("a\u{1B}]52;c;AAAA\nsecond line") == "a\nsecond line")
    }

    @Test func dcsAndOtherEscapesAreRemoved() {
        #expect(TerminalSafe.clean("\u{1B}P+q544e\u{1B}\\ok") == "ok")
        #expect(TerminalSafe.clean("\u{1B}_apc\u{1B}\\ok") == "ok")
        #expect(TerminalSafe.clean("\u{1B}(0lqk\u{1B}(B") == "lqk")  // charset switch
        #expect(TerminalSafe.clean("\u{1B}c reset") == " reset")
        #expect(TerminalSafe.clean("trailing\u{1B}") == "trailing")
    }

    @Test func c0C1DelAndBidiOverridesAreRemoved() {
        #expect(TerminalSafe.clean("a\u{0}b\u{7}c\u{8}d\u{7F}e\u{85}f") == "abcdef")
        #expect(TerminalSafe.clean("invoice\u{202E}fdp.exe") == "invoicefdp.exe")
        #expect(TerminalSafe.clean("\u{2066}x\u{2069}") == "x")
    }

    @Test func carriageReturnsBecomeNewlines() {
        #expect(TerminalSafe.clean("a\r\nb\rc") == "a\nb\nc")
    }

    @Test func singleLineFlattensNewlinesAndTabs() {
        #expect(TerminalSafe.singleLine("a\nb\tc\u{1B}[1m") == "a b c")
    }

    @Test func frameNeverReceivesAnEscape() {
        var frame = Frame(width: 30, height: 1)
        frame.write("\u{1B}[31mred\u{1B}]52;c;AA\u{7}", x: 0, y: 0)
        #expect(!frame.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } })
    }
}
