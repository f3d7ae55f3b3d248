import Foundation

@testable import ReinstateCore

/// E-mails and mailboxes written by us, in the shapes mail programs keep them.
enum MailFixture {
    /// A notice from Amazon to Blue Harbor Goods LLC about one ASIN and one order.
    static func notice(
        id: String = "n1@amazon.com", account: String = "Blue Harbor Goods LLC", asin: String = "B0C1234567",
        order: String = "111-2223334-4445556", from: String = "seller-performance@amazon.com",
        auth: String? = "mx.example.net; dkim=pass header.d=amazon.com; spf=pass smtp.mailfrom=amazon.com",
        extraHeaders: [String] = [], subject: String = "Your Amazon selling account (amazon.com)"
    ) -> String {
        var headers = ["From: Amazon <\(from)>", "To: ops@blueharbor.example", "Subject: \(subject)",
                       "Date: Tue, 10 Nov 2026 09:15:00 +0000", "Message-ID: <\(id)>", "MIME-Version: 1.0",
                       "Content-Type: text/plain; charset=utf-8"]
        if let auth { headers.insert("Authentication-Results: " + auth, at: 0) }
        headers += extraHeaders
        return headers.joined(separator: "\n") + "\n\n" + """
            Hello \(account),

            We have deactivated your Amazon selling account because we received customer complaints that items you sold were inauthentic.

            If we do not receive a plan of action within 17 days, your account will remain deactivated.

            ASIN: \(asin)
            Order ID: \(order)

            Seller Performance Team

            """
    }

    /// A reply asking for more, answering `inReplyTo` when given.
    static func reply(id: String = "r1@amazon.com", account: String = "Blue Harbor Goods LLC", inReplyTo: String? = nil) -> String {
        var headers = ["Authentication-Results: mx.example.net; dkim=pass header.d=amazon.com",
                       "From: seller-performance@amazon.com", "To: ops@blueharbor.example",
                       "Subject: Re: Your Amazon selling account (amazon.com)", "Date: Sun, 15 Nov 2026 10:00:00 +0000",
                       "Message-ID: <\(id)>"]
        if let inReplyTo { headers.append("In-Reply-To: <\(inReplyTo)>") }
        return headers.joined(separator: "\n") + "\n\n" + """
            Hello \(account),

            We received your submission but do not have enough information to reactivate your account at this time. To reactivate your account, please send the following:
            – Greater detail on the root cause(s) of inauthentic items.
            If we do not receive the requested information within 14 days of the original notification, your account will remain deactivated.

            """
    }

    /// Messages as an mbox: each after a "From " line, body "From " lines quoted (mboxrd), a blank line between.
    static func mbox(_ messages: [String], lineEnd: String = "\n") -> Data {
        var out = ""
        for m in messages {
            out += "From MAILER-DAEMON Tue Nov 10 09:15:00 2026\n"
            let body = m.hasSuffix("\n") ? String(m.dropLast()) : m
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                var l = String(line)
                var i = l.startIndex
                while i < l.endIndex, l[i] == ">" { i = l.index(after: i) }
                if l[i...].hasPrefix("From ") { l = ">" + l }
                out += l + "\n"
            }
            out += "\n"
        }
        return Data(out.replacingOccurrences(of: "\n", with: lineEnd).utf8)
    }

    /// A temporary folder, removed when the test is done.
    final class Folder {
        let path: String
        init() {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("reinstate-mail-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        @discardableResult
        func write(_ name: String, _ data: Data) -> String {
            let full = path + "/" + name
            try? FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: full, contents: data)
            return full
        }
    }

    /// Every entry of a mailbox.
    static func entries(_ mailbox: any Mailbox) -> [MailboxEntry] {
        var box = mailbox
        var out: [MailboxEntry] = []
        while let e = box.next() { out.append(e) }
        return out
    }

    static func messages(_ entries: [MailboxEntry]) -> [MailboxItem] {
        entries.compactMap { if case .message(let m) = $0 { return m } else { return nil } }
    }

    static func problems(_ entries: [MailboxEntry]) -> [String] {
        entries.compactMap { if case .problem(let p) = $0 { return p } else { return nil } }
    }
}
