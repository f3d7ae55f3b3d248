import Foundation
import Testing

@testable import ReinstateCore

@Suite("Bad input")
struct BadInputTests {
    @Test func empty() {
        let r = MessageReader().read(Data())
        #expect(r == MessageReading(text: "", warnings: ["the message is empty"]))
    }

    @Test func whitespaceOnly() {
        let r = read("  \n\n \t ")
        #expect(r.requested.isEmpty)
        #expect(r.warnings == ["the message has no text"])
    }

    @Test func binary() {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var x: UInt32 = 12345
        for _ in 0..<4096 {
            x = x &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: x >> 16))
        }
        let r = MessageReader().read(Data(bytes))
        #expect(r == MessageReading(text: "", warnings: ["this does not look like a text message or e-mail"]))
    }

    @Test func invalidUTF8IsReplacedWithAWarning() {
        var bytes = Array("Your account has been deactivated. ".utf8)
        bytes += [0xC3, 0x28, 0xFF]
        bytes += Array(" Please send the following:\n- Invoices from your supplier.".utf8)
        let r = MessageReader().read(Data(bytes))
        #expect(r.warnings == ["the text is not valid UTF-8; unreadable bytes were replaced with \u{FFFD}"])
        #expect(r.text.contains("\u{FFFD}"))
        #expect(r.kind == .notice)
        #expect(r.requested == [request("Invoices from your supplier.", .evidence, "")])
    }

    @Test func utf16WithByteOrderMark() {
        var data = Data([0xFF, 0xFE])
        data.append(packagingReply.data(using: .utf16LittleEndian) ?? Data())
        #expect(MessageReader().read(data).requested == packagingRequests)
    }

    @Test func oneMegabyteSingleLine() {
        let line = String(repeating: "Greater detail on the root cause(s) of a b c 14 days. ", count: 20_000)
        let r = read(line)
        #expect(r.text.utf8.count == line.utf8.count)
    }

    @Test func oneMegabyteOfTags() {
        let r = read(String(repeating: "<a href=\"x", count: 100_000))
        #expect(r.requested.isEmpty)
        let s = read("<html><body>" + String(repeating: "<script>", count: 100_000))
        #expect(s.requested.isEmpty)
    }

    @Test func deepMultipartNesting() {
        var body = ""
        var headers = "Content-Type: text/plain\r\n\r\nPlease send the following:\r\n- Invoices from your supplier.\r\n"
        for depth in 0..<200 {
            headers = "Content-Type: multipart/mixed; boundary=b\(depth)\r\n\r\n--b\(depth)\r\n" + headers
        }
        body = "From: a@amazon.com\r\nSubject: deep\r\n" + headers
        let r = MessageReader().read(Data(body.utf8))
        #expect(r.subject == "deep")
    }

    @Test func versionIsFour() {
        #expect(MessageReader.version == 4)
    }
}
