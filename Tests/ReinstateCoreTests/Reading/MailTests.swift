import Foundation
import Testing

@testable import ReinstateCore

@Suite("E-mail files")
struct MailTests {
    static let lateDeliveryBody = """
        We received your submission but do not have enough information to reactivate your account at this time. To reactivate your account, please send the following:
        – Greater detail on the root cause(s) of late deliveries.
        – Greater detail on the actions you have taken to resolve late deliveries.
        – Greater detail on the steps you have taken to prevent late deliveries going forward.
        If we do not receive the requested information within 14 days of the original notification, your account will remain deactivated.
        """

    func expectLateDeliveryReading(_ r: MessageReading) {
        #expect(r.kind == .reply)
        #expect(r.requested == lateDeliveryRequests())
        #expect(r.deadline == rule(14, .days, .originalNotification, "within 14 days of the original notification"))
    }

    @Test func headersQuotedPrintableAndFolding() {
        let body = """
            We received your submission but do not have enough information to reactivat=
            e your account at this time. To reactivate your account, please send the fo=
            llowing:
            =E2=80=93 Greater detail on the root cause(s) of late deliveries.
            =E2=80=93 Greater detail on the actions you have taken to resolve late deli=
            veries.
            =E2=80=93 Greater detail on the steps you have taken to prevent late delive=
            ries going forward.
            If we do not receive the requested information within 14 days of the origi=
            nal notification, your account will remain deactivated.
            """
        let data = mailData([
            "Return-Path: <bounce@amazon.de>",
            "From: \"Amazon.de\" <seller-performance@amazon.de>",
            "To: seller@example.com",
            "Subject: Your Amazon.de selling account:",
            "  more information needed",
            "Date: Tue, 04 Mar 2025 09:15:00 +0100",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=\"UTF-8\"",
            "Content-Transfer-Encoding: quoted-printable",
        ], body)
        let r = MessageReader().read(data)
        expectLateDeliveryReading(r)
        #expect(r.subject == "Your Amazon.de selling account: more information needed")
        #expect(r.from == "\"Amazon.de\" <seller-performance@amazon.de>")
        #expect(r.received == Timestamp.parse("2025-03-04T08:15:00Z"))
        #expect(r.marketplace == "amazon.de")
        #expect(r.warnings.isEmpty)
    }

    @Test func base64Body() {
        let encoded = Data(Self.lateDeliveryBody.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        let data = mailData([
            "From: seller-performance@amazon.com", "Subject: Account", "Date: 5 Mar 2025 18:00 GMT", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64",
        ], encoded)
        let r = MessageReader().read(data)
        expectLateDeliveryReading(r)
        #expect(r.received == Timestamp.parse("2025-03-05T18:00:00Z"))
        // seller-performance@amazon.com writes to sellers of every marketplace: it names none.
        #expect(r.marketplace == nil)
    }

    @Test func multipartAlternativeWithHTMLOnly() {
        let html = """
            <html><head><title>Amazon</title><style>p { color: red; }</style></head>
            <body><script>var x = "<li>not a request</li>";</script>
            <p>Dear&nbsp;Seller,</p>
            <p>We received your submission but do not have enough information to reactivate your account at this time. To reactivate your account, please send the following:</p>
            <ul>
            <li>Greater detail on the root cause(s) of late deliveries.</li>
            <li>Greater detail on the actions you have taken to resolve late deliveries.</li>
            <li>Greater detail on the steps you have taken to prevent late deliveries going&nbsp;forward.</li>
            </ul>
            <p><b>How do I send the required information?</b><br>Reply to this message.</p>
            <p>If we do not receive the requested information within 14 days of the original notification, your account will remain deactivated. Amazon &amp; you.</p>
            <!-- <p>Please send within 2 days</p> -->
            </body></html>
            """
        let encoded = Data(html.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let body = """
            This is a multi-part message in MIME format.

            --alt-1
            Content-Type: text/html; charset=UTF-8
            Content-Transfer-Encoding: base64

            \(encoded)
            --alt-1--
            """
        let data = mailData([
            "From: Amazon <seller-performance@amazon.com>", "Subject: Your account", "MIME-Version: 1.0",
            "Content-Type: multipart/alternative;", " boundary=\"alt-1\"",
        ], body)
        let r = MessageReader().read(data)
        expectLateDeliveryReading(r)
        #expect(r.text.contains("Dear Seller,"))
        #expect(r.text.contains("Amazon & you."))
        #expect(!r.text.contains("color"))
        #expect(!r.text.contains("not a request"))
    }

    @Test func nestedMultipartPrefersPlainTextAndSkipsAttachments() {
        let body = """
            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain; charset=us-ascii

            \(Self.lateDeliveryBody.replacingOccurrences(of: "–", with: "-"))
            --inner
            Content-Type: text/html; charset=us-ascii

            <p>HTML version</p>
            --inner--

            --outer
            Content-Type: application/pdf; name="invoice.pdf"
            Content-Disposition: attachment; filename="invoice.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --outer--
            """
        let data = mailData(["From: seller-performance@amazon.com", "Subject: x", "Content-Type: multipart/mixed; boundary=outer"], body)
        let r = MessageReader().read(data)
        expectLateDeliveryReading(r)
        #expect(!r.text.contains("HTML version"))
    }

    @Test func gbkBody() {
        let data = mailData([
            "From: seller-performance@amazon.cn", "Subject: =?GB2312?B?1cu7p82j08M=?=", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=GBK", "Content-Transfer-Encoding: base64",
        ], chineseReplyGBKBase64)
        let r = MessageReader().read(data)
        #expect(r.subject == "账户停用")
        #expect(r.kind == .reply)
        #expect(r.requested == chineseRequests)
        #expect(r.deadline == rule(14, .days, .originalNotification, "原始通知后的14天内"))
        #expect(r.warnings.isEmpty)
    }

    @Test func shiftJISBody() throws {
        let bytes = try #require(japaneseReply.data(using: .shiftJIS))
        let data = mailData([
            "From: seller-performance@amazon.co.jp", "Subject: =?ISO-2022-JP?B?GyRCJSIlKyUmJXMlSERkO18kTiQqQ04kaSQ7GyhC?=",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=Shift_JIS", "Content-Transfer-Encoding: 8bit",
        ], bytes: [UInt8](bytes))
        let r = MessageReader().read(data)
        #expect(r.subject == "アカウント停止のお知らせ")
        #expect(r.requested == japaneseRequests)
        #expect(r.deadline == rule(14, .days, .originalNotification, "最初の通知から14日以内"))
        #expect(r.marketplace == "amazon.co.jp")
        #expect(r.warnings.isEmpty)
    }

    @Test func eucJPBody() {
        let data = mailData([
            "From: seller-performance@amazon.co.jp", "Subject: x", "Content-Type: text/plain; charset=EUC-JP",
            "Content-Transfer-Encoding: base64",
        ], japaneseReplyEUCJPBase64)
        #expect(MessageReader().read(data).requested == japaneseRequests)
    }

    @Test func iso2022JPBody() {
        let data = mailData([
            "From: seller-performance@amazon.co.jp", "Subject: x", "Content-Type: text/plain; charset=ISO-2022-JP",
            "Content-Transfer-Encoding: base64",
        ], japaneseReplyISO2022JPBase64)
        let r = MessageReader().read(data)
        #expect(r.requested == japaneseRequests)
        #expect(r.warnings.isEmpty)
    }

    @Test func unknownCharsetIsReadAsUTF8WithAWarning() {
        let data = mailData(["From: a@amazon.com", "Subject: x", "Content-Type: text/plain; charset=x-made-up"], "Please send the following:\n- Invoices from your supplier.")
        let r = MessageReader().read(data)
        #expect(r.requested == [request("Invoices from your supplier.", .evidence, "")])
        #expect(r.warnings == ["the e-mail's character set x-made-up is not known; it was read as UTF-8"])
    }

    @Test func encodedWordSubjects() {
        let utf8 = mailData([
            "From: a@amazon.de",
            "Subject: =?UTF-8?B?SWhyIFZlcmvDpHVmZXJrb250bw==?= =?UTF-8?Q?_wurde_deaktiviert?=",
        ], "Ihr Konto wurde deaktiviert.")
        #expect(MessageReader().read(utf8).subject == "Ihr Verkäuferkonto wurde deaktiviert")
        #expect(MessageReader().read(utf8).kind == .notice)

        let latin1 = mailData(["From: a@amazon.fr", "Subject: =?ISO-8859-1?Q?Votre_compte_a_=E9t=E9_d=E9sactiv=E9?= (ref 12)"], "Bonjour")
        #expect(MessageReader().read(latin1).subject == "Votre compte a été désactivé (ref 12)")
    }

    @Test func windows1252SmartQuotes() {
        var bytes: [UInt8] = Array("Please send the following:\r\n".utf8)
        bytes += [0x96] + Array(" Greater detail on the root cause(s) of ".utf8) + [0x93] + Array("late deliveries".utf8) + [0x94, 0x2E, 0x0D, 0x0A]
        bytes += Array("It".utf8) + [0x92] + Array("s important.\r\n".utf8)
        let data = mailData(["From: a@amazon.com", "Subject: x", "Content-Type: text/plain; charset=windows-1252"], bytes: bytes)
        let r = MessageReader().read(data)
        #expect(r.requested == [request("Greater detail on the root cause(s) of “late deliveries”.", .rootCause, "late deliveries")])
        #expect(r.text.contains("It’s important."))
        #expect(r.warnings.isEmpty)
    }

    @Test func truncatedMIMEStillGivesWhatIsThere() {
        let body = """
            --b1
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            We received your submission but do not have enough information. Please send the following:
            - Greater detail on the root cause(s) of late deliveries.
            - Greater detail on the actions you have taken to resolve late deli
            """
        let data = mailData(["From: a@amazon.com", "Subject: x", "Content-Type: multipart/mixed; boundary=\"b1\""], body)
        let r = MessageReader().read(data)
        #expect(r.kind == .reply)
        #expect(r.requested == [
            request("Greater detail on the root cause(s) of late deliveries.", .rootCause, "late deliveries"),
            request("Greater detail on the actions you have taken to resolve late deli", .correctiveAction, "late deli"),
        ])
    }

    @Test func mailWithoutTextPart() {
        let data = mailData(["From: a@amazon.com", "Subject: Scan", "Content-Type: image/png", "Content-Transfer-Encoding: base64"], "iVBORw0KGgo=")
        let r = MessageReader().read(data)
        #expect(r.subject == "Scan")
        #expect(r.requested.isEmpty)
        #expect(r.warnings == ["the e-mail has no readable text part"])
    }

    @Test func formatFlowedIsJoined() {
        let body = "Please send the following:\n- Greater detail on the root cause(s) of late \ndeliveries.\n"
        let data = mailData(["From: a@amazon.com", "Subject: x", "Content-Type: text/plain; charset=utf-8; format=flowed"], body)
        #expect(MessageReader().read(data).requested == [request("Greater detail on the root cause(s) of late deliveries.", .rootCause, "late deliveries")])
    }

    @Test func pastedOutlookHeaderBlock() {
        let r = read("""
            From: Amazon Seller Performance <seller-performance@amazon.co.uk>
            Sent: Monday, March 3, 2025 2:05 PM
            To: Jane Seller
            Subject: Your Amazon.co.uk account

            Your Amazon.co.uk selling privileges have been deactivated. If you do not submit an appeal within 17 days, your account will remain deactivated.
            """)
        #expect(r.subject == "Your Amazon.co.uk account")
        #expect(r.received == Timestamp.parse("2025-03-03T14:05:00Z"))
        #expect(r.kind == .notice)
        #expect(r.deadline == rule(17, .days, .thisMessage, "within 17 days"))
        #expect(r.marketplace == "amazon.co.uk")
    }

    @Test func plainTextStartingWithWordsAndColonIsNotMail() {
        let r = read("Note: your account has been deactivated.\nPlease send the following:\n- Invoices from your supplier.")
        #expect(r.subject == "")
        #expect(r.kind == .notice)
        #expect(r.requested == [request("Invoices from your supplier.", .evidence, "")])
    }

    @Test func webPasteWithHTMLRemnants() {
        let r = read("""
            Hello,<br>We received your submission but do not have enough information.&nbsp;Please send the following:<br>
            – Greater detail on the root cause(s) of late deliveries &amp; lost parcels.<br>
            – Greater detail on the actions you have taken to resolve late deliveries &amp; lost parcels.<br>
            How do I send the required information?<br>Submit it at <URL>.
            """)
        #expect(r.requested == [
            request("Greater detail on the root cause(s) of late deliveries & lost parcels.", .rootCause, "late deliveries & lost parcels"),
            request("Greater detail on the actions you have taken to resolve late deliveries & lost parcels.", .correctiveAction, "late deliveries & lost parcels"),
        ])
        #expect(r.text.contains("<URL>"))
        #expect(!r.text.contains("<br>"))
    }
}
