import Foundation
import Testing

@testable import ReinstateCore

@Suite("Mail envelopes, attachments and senders")
struct MailEnvelopeTests {
    @Test func envelopeReadsIdentityThreadAndAddresses() throws {
        let raw = Data(MailFixture.reply(inReplyTo: "n1@amazon.com").utf8)
        let e = try #require(MailEnvelope.read(raw))
        #expect(e.messageID == "r1@amazon.com")
        #expect(e.thread == ["n1@amazon.com"])
        #expect(e.fromAddress == "seller-performance@amazon.com")
        #expect(e.recipients == ["ops@blueharbor.example"])
        #expect(MailEnvelope.identity(messageID: e.messageID, raw: raw) == "message-id:r1@amazon.com")
        #expect(MailEnvelope.identity(messageID: nil, raw: Data("x".utf8)).hasPrefix("sha256:2d711642"))
    }

    @Test func attachmentsKeepTheirBytes() {
        let pdf = Data([0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0x10])
        let mail = """
            From: seller-performance@amazon.com
            Subject: Documents
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain

            Please see the attached.
            --b1
            Content-Type: application/pdf; name="invoice.pdf"
            Content-Disposition: attachment; filename="../../invoice.pdf"
            Content-Transfer-Encoding: base64

            \(pdf.base64EncodedString())
            --b1
            Content-Type: message/rfc822

            From: someone@example.com
            Subject: inner

            Inner.
            --b1--
            """
        let found = MailAttachments.read(Data(mail.utf8))
        #expect(found.count == 2)
        #expect(found[0] == MailAttachment(filename: "invoice.pdf", contentType: "application/pdf", data: pdf))
        #expect(found[1].filename == "attachment-2.eml")
        #expect(String(decoding: found[1].data, as: UTF8.self).contains("Inner."))
        #expect(MailReaderCheck.text(of: mail).contains("Please see the attached."))
    }

    @Test func senderIsJudgedOnDomainAndAuthentication() {
        #expect(SenderCheck.verdict(fromAddress: "a@amazon.de", authenticationResults: "mx; dkim=pass header.d=amazon.de") == .amazon(verified: true))
        #expect(SenderCheck.verdict(fromAddress: "a@marketplace.amazon.co.uk", authenticationResults: nil) == .amazon(verified: false))
        #expect(SenderCheck.verdict(fromAddress: "a@amazon.com.evil.example", authenticationResults: nil) == .notAmazon("amazon.com.evil.example"))
        #expect(SenderCheck.verdict(fromAddress: "a@notamazon.com", authenticationResults: nil) == .notAmazon("notamazon.com"))
        // A DKIM pass for the forger's own domain says nothing about Amazon.
        guard case .failedAuthentication(let why) = SenderCheck.verdict(
            fromAddress: "a@amazon.com", authenticationResults: "mx; dkim=pass header.d=evil.example; spf=fail smtp.mailfrom=evil.example")
        else { Issue.record("not failed"); return }
        #expect(why.contains("SPF fail"))
        // Forwarding breaks SPF but not DKIM: a DKIM pass for Amazon wins.
        #expect(SenderCheck.verdict(fromAddress: "a@amazon.com", authenticationResults: "mx; spf=softfail; dkim=pass header.i=@amazon.com") == .amazon(verified: true))
    }

    @Test func factsReadTheGreetingReferencesAndTokens() {
        let text = "Hello Blue Harbor Goods LLC,\n\nYour Case ID: 12345678901 is open. Merchant Token: A2BCDEFGHIJK12\n"
        #expect(MailFacts.greeting(text) == "Blue Harbor Goods LLC")
        #expect(MailFacts.greeting("Dear Seller,\nText") == nil)
        #expect(MailFacts.references(text) == ["12345678901"])
        #expect(MailFacts.tokens(text) == ["A2BCDEFGHIJK12"])
    }
}

/// The text the reader takes from a message, for checks that attachments do not get in its way.
enum MailReaderCheck {
    static func text(of mail: String) -> String { MessageReader().read(Data(mail.utf8)).text }
}
