import Foundation

/// What routing should do with one message of a demo mailbox.
public enum DemoExpectation: Sendable, Equatable, Codable {
    /// Filed into the case made for the demo case with this index (the same case for all its messages).
    case demoCase(Int)
    /// Held: a forwarded copy, or a forgery from an Amazon address that fails authentication.
    case held
    case notFromAmazon
    /// The second copy of a message already in the mailbox.
    case duplicate
}

/// One e-mail of a demo mailbox, with the answer routing should give.
public struct DemoMail: Sendable, Equatable {
    public var raw: Data
    public var received: Date
    public var messageID: String
    public var expected: DemoExpectation
}

/// A routing test corpus with known answers: the messages of demo cases as e-mails, in the order they
/// arrived, threaded or not, several accounts with overlapping ASINs, with forwarded copies, newsletters,
/// forgeries from Amazon's addresses and from look-alike domains, and duplicates. Notices carry a PDF
/// attachment. The same seed gives the same mailbox.
public struct DemoMailbox: Sendable {
    public let mails: [DemoMail]

    /// The mailbox of `count` demo cases (the same cases `reinstate demo --cases count --seed seed` makes).
    public init(cases count: Int, seed: UInt64, now: Date) {
        let generator = DemoGenerator()
        var rng = SeededGenerator(seed: seed)
        var noise = SeededGenerator(seed: seed &+ 0x5EED)
        var mails: [DemoMail] = []
        // Accounts share products: a tenth of the listing cases reuse an ASIN of an earlier case.
        var earlierASINs: [String] = []
        for index in 0..<count {
            var demo = generator.makeCase(now: now, rng: &rng)
            if case .listings(var asins) = demo.suspensionCase.scope, !earlierASINs.isEmpty, Int.random(in: 0..<10, using: &noise) == 0 {
                asins[0] = earlierASINs[Int.random(in: 0..<earlierASINs.count, using: &noise)]
                demo.suspensionCase.scope = .listings(asins)
            }
            earlierASINs += demo.suspensionCase.scope.asins
            let c = demo.suspensionCase
            let domain = Self.senderDomain(c.marketplace)
            let slug = Self.slug(c.account)
            var noticeID: String? = nil
            var position = 0
            for event in demo.events {
                guard case .message(let kind, let received, var text) = event else { continue }
                position += 1
                if kind == .notice, case .listings(let asins) = c.scope {
                    text = text.replacingOccurrences(of: "ASIN: ", with: "ASIN: " + asins.dropFirst().map { $0 + ", " }.joined())
                }
                let id = "demo-\(seed)-\(index)-\(position)@\(domain)"
                let threaded = kind != .notice && noticeID != nil && Bool.random(using: &noise)
                let (subject, body) = Self.split(text)
                var headers = [
                    "Authentication-Results: mx.sellers.example; dkim=pass header.d=\(domain); spf=pass smtp.mailfrom=\(domain)",
                    "From: Amazon Seller Performance <seller-performance@\(domain)>",
                    "To: \(slug)@sellers.example",
                    "Subject: \(subject)",
                    "Date: \(Self.rfc2822(received))",
                    "Message-ID: <\(id)>",
                    "MIME-Version: 1.0",
                ]
                if threaded, let noticeID { headers += ["In-Reply-To: <\(noticeID)>", "References: <\(noticeID)>"] }
                let raw = kind == .notice
                    ? Self.withAttachment(headers: headers, body: body, name: "policy-\(index).pdf", rng: &noise)
                    : Self.plain(headers: headers, body: body)
                if kind == .notice { noticeID = id }
                mails.append(DemoMail(raw: raw, received: received, messageID: id, expected: .demoCase(index)))

                // Noise around the real messages.
                let roll = Int.random(in: 0..<100, using: &noise)
                let later = received.addingTimeInterval(Double(Int.random(in: 60...7200, using: &noise)))
                if roll < 5 {
                    mails.append(DemoMail(raw: raw, received: later, messageID: id, expected: .duplicate))
                } else if roll < 8 {
                    let fwdID = "fwd-\(seed)-\(index)-\(position)@\(slug).example"
                    let fwd = Self.plain(headers: [
                        "From: Office <office@\(slug).example>", "To: \(slug)@sellers.example", "Subject: Fwd: \(subject)",
                        "Date: \(Self.rfc2822(later))", "Message-ID: <\(fwdID)>",
                    ], body: "FYI, see below.\n\n---------- Forwarded message ---------\nFrom: Amazon <seller-performance@\(domain)>\nSubject: \(subject)\n\n" + body)
                    mails.append(DemoMail(raw: fwd, received: later, messageID: fwdID, expected: .held))
                } else if roll < 10 {
                    let forgedID = "forged-\(seed)-\(index)-\(position)@mailer.example"
                    let forged = Self.plain(headers: [
                        "Authentication-Results: mx.sellers.example; dkim=none; spf=fail smtp.mailfrom=mailer.example; dmarc=fail header.from=\(domain)",
                        "From: Amazon <seller-performance@\(domain)>", "To: \(slug)@sellers.example",
                        "Subject: Action required: \(subject)", "Date: \(Self.rfc2822(later))", "Message-ID: <\(forgedID)>",
                    ], body: "Hello \(c.account),\n\nWe have deactivated your Amazon selling account. Verify your identity within 24 hours at the link below.\n\nASIN: \(c.scope.asins.first ?? "B0FAKE0000")\n")
                    mails.append(DemoMail(raw: forged, received: later, messageID: forgedID, expected: .held))
                } else if roll < 12 {
                    let lookalikeID = "lookalike-\(seed)-\(index)-\(position)@amazon-seller-review.example"
                    let lookalike = Self.plain(headers: [
                        "From: Amazon Seller Performance <notice@amazon-seller-review.example>", "To: \(slug)@sellers.example",
                        "Subject: \(subject)", "Date: \(Self.rfc2822(later))", "Message-ID: <\(lookalikeID)>",
                    ], body: body)
                    mails.append(DemoMail(raw: lookalike, received: later, messageID: lookalikeID, expected: .notFromAmazon))
                } else if roll < 22 {
                    let newsID = "news-\(seed)-\(index)-\(position)@shipping.example"
                    let news = Self.plain(headers: [
                        "From: Parcel Deals <deals@shipping.example>", "To: \(slug)@sellers.example",
                        "Subject: 20% off labels this week", "Date: \(Self.rfc2822(later))", "Message-ID: <\(newsID)>",
                    ], body: "Hello \(c.account),\n\nShip more for less with our Amazon-ready labels.\n")
                    mails.append(DemoMail(raw: news, received: later, messageID: newsID, expected: .notFromAmazon))
                }
            }
        }
        // The order they arrived in; a duplicate always after its first copy.
        self.mails = mails.enumerated().sorted {
            ($0.element.received, $0.offset) < ($1.element.received, $1.offset)
        }.map(\.element)
    }

    // MARK: - Writing

    /// The mailbox as an mbox file (mboxrd quoting).
    public func mbox() -> Data {
        var out = Data()
        for mail in mails { out.append(Self.mboxEntry(mail)) }
        return out
    }

    /// One message as an mbox entry: the separator line, the message with `From ` lines quoted, a blank line.
    public static func mboxEntry(_ mail: DemoMail) -> Data {
        var out = Data("From MAILER-DAEMON \(asctime(mail.received))\n".utf8)
        for line in mail.raw.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast(mail.raw.last == 0x0A ? 1 : 0) {
            var i = line.startIndex
            while i < line.endIndex, line[i] == 0x3E { i += 1 }
            if line[i...].starts(with: Array("From ".utf8)) { out.append(0x3E) }
            out.append(contentsOf: line)
            out.append(0x0A)
        }
        out.append(0x0A)
        return out
    }

    /// The Maildir file name of the n-th message (in `cur`, seen).
    public static func maildirName(_ n: Int, _ mail: DemoMail) -> String {
        "\(Int(mail.received.timeIntervalSince1970)).M\(n)P1.demo:2,S"
    }

    /// The known answers, one line a message: `<Message-ID> TAB case N | held | not-from-amazon | duplicate`.
    public func answers() -> String {
        mails.map { mail in
            let answer: String
            switch mail.expected {
            case .demoCase(let n): answer = "case \(n)"
            case .held: answer = "held"
            case .notFromAmazon: answer = "not-from-amazon"
            case .duplicate: answer = "duplicate"
            }
            return mail.messageID + "\t" + answer
        }.joined(separator: "\n") + "\n"
    }

    // MARK: - Shapes

    static func split(_ text: String) -> (subject: String, body: String) {
        guard text.hasPrefix("Subject: "), let end = text.range(of: "\n\n") else { return ("Your Amazon selling account", text) }
        return (String(text[text.index(text.startIndex, offsetBy: 9)..<end.lowerBound]), String(text[end.upperBound...]))
    }

    static func plain(headers: [String], body: String) -> Data {
        let head: String = (headers + ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]).joined(separator: "\n")
        let end = body.hasSuffix("\n") ? "" : "\n"
        return Data((head + "\n\n" + body + end).utf8)
    }

    static func withAttachment(headers: [String], body: String, name: String, rng: inout SeededGenerator) -> Data {
        var pdf = Array("%PDF-1.4\n".utf8)
        let size = Int.random(in: 2048...8192, using: &rng)
        while pdf.count < size { pdf.append(UInt8.random(in: 0...255, using: &rng)) }
        let encoded = Data(pdf).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        let boundary = "demo-boundary-\(name)"
        let text = (headers + ["Content-Type: multipart/mixed; boundary=\"\(boundary)\""]).joined(separator: "\n") + "\n\n"
            + "--\(boundary)\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body
            + (body.hasSuffix("\n") ? "" : "\n")
            + "--\(boundary)\nContent-Type: application/pdf; name=\"\(name)\"\nContent-Disposition: attachment; filename=\"\(name)\"\n"
            + "Content-Transfer-Encoding: base64\n\n" + encoded + "\n--\(boundary)--\n"
        return Data(text.utf8)
    }

    /// "amazon.com" for amazon.com, "amazon.co.uk" for amazon.co.uk: Amazon writes from its marketplace's domain.
    static func senderDomain(_ marketplace: String) -> String {
        Marketplace.known.contains(marketplace) ? marketplace : "amazon.com"
    }

    static func slug(_ account: String) -> String {
        let ascii = account.lowercased().unicodeScalars.map { $0.isASCII && (CharacterSet.alphanumerics.contains($0)) ? Character($0) : "-" }
        let joined = String(ascii).split(separator: "-").joined(separator: "-")
        return joined.isEmpty ? "seller-\(abs(account.hashValue % 1000))" : joined
    }

    static func rfc2822(_ date: Date) -> String {
        let (day, time) = civil(date)
        return "\(weekday(date)), \(day.d) \(months[day.m - 1]) \(day.y) \(time) +0000"
    }

    static func asctime(_ date: Date) -> String {
        let (day, time) = civil(date)
        return "\(weekday(date)) \(months[day.m - 1]) \(day.d < 10 ? " " : "")\(day.d) \(time) \(day.y)"
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func weekday(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        return ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
    }

    static func civil(_ date: Date) -> (day: (y: Int, m: Int, d: Int), time: String) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = seconds - days * 86_400
        let c = Timestamp.civilFromDays(days)
        let time = String(format: "%02d:%02d:%02d", rest / 3600, rest % 3600 / 60, rest % 60)
        return ((c.year, c.month, c.day), time)
    }
}
