import Foundation
@testable import ReinstateCore

/// A case that tries every export's escaping: wide characters, `<`, `&`, quotes, terminal escape
/// sequences, backtick runs, a very long line; requests in every state; an open and a closed deadline.
enum ExportFixture {
    static func date(_ text: String) -> Date { Timestamp.parse(text)! }

    static let now = date("2026-11-22T09:00:00Z")
    static let esc = "\u{1B}"
    static let longLine = String(repeating: "很长的一行 long line & more; ", count: 120)

    static let noticeText = """
        Hello Blue Harbor Goods LLC,

        We removed your listings <script>alert("x")</script> & "quotes" 'single' — 中文, 日本語のテキスト, emoji 🚀👩‍👩‍👧.
        \(esc)[31mRED\(esc)[0m and a title change \(esc)]0;pwned\u{07} and a clipboard write \(esc)]52;c;SGVsbG8=\u{07} end.
        A fence inside: ```` four backticks ```` and ``` three.
        # Not a heading
        \(longLine)
        Order ID: 123-4567890-1234567 and again 123-4567890-1234567, other 999-0000000-1111111.
        Write to jane.doe@example.com or call +1 415-555-0142; seller-performance@amazon.com answers.

        Seller Performance Team
        """

    static let replyText = """
        We received your submission but do not have enough information. Please send:
        – The root cause of the "inauthentic" complaints.
        – Invoices from your supplier <Acme & Sons>.
        – The steps you have taken to prevent it.
        – A letter of authorization.
        """

    static let planV2 = """
        # Plan of Action
        Dear Seller Performance Team,

        **Root cause:** we bought from an *unauthorised* wholesaler.
        * We stopped buying from it.
          + Nested step.
        1. Numbered stays.
        See [our policy](https://example.com/policy) and `code`.
        ---
        Sincerely,
        Jane Doe
        """

    static var history: CaseHistory {
        let c = SuspensionCase(
            id: 7, title: "Inauthentic <script>alert(\"x\")</script> & 中文 🚀 \(esc)[2J", account: "Blue Harbor Goods LLC",
            marketplace: "amazon.com", scope: .listings(["B0C1234567", "B0C7654321"]), reason: .inauthentic,
            status: .moreInformationRequested, opened: date("2026-11-01T08:00:00Z"))
        let messages = [
            AmazonMessage(
                id: 1, caseID: 7, kind: .notice, received: date("2026-11-01T08:00:00Z"), subject: "Your listings – 日本語 & <b>",
                raw: Data(noticeText.utf8), text: noticeText),
            AmazonMessage(
                id: 2, caseID: 7, kind: .reply, received: date("2026-11-06T10:00:00Z"), subject: "",
                raw: Data(replyText.utf8), text: replyText),
            AmazonMessage(
                id: 3, caseID: 7, kind: .reply, received: date("2026-11-15T10:00:00Z"), subject: "More information needed",
                raw: Data("Please also send your supplier's phone number.\nWithin 17 days.".utf8),
                text: "Please also send your supplier's phone number.\nWithin 17 days."),
        ]
        let requests = [
            RequestedDetail(id: 11, caseID: 7, messageID: 1, text: "The root cause(s)", aspect: .rootCause, topic: "",
                            state: .answered(version: 1, by: .matcher)),
            RequestedDetail(id: 21, caseID: 7, messageID: 2, text: "The root cause of the \"inauthentic\" complaints.",
                            aspect: .rootCause, topic: "inauthentic", state: .answered(version: 2, by: .user)),
            RequestedDetail(id: 22, caseID: 7, messageID: 2, text: "Invoices from your supplier <Acme & Sons>.",
                            aspect: .evidence, topic: "", state: .answered(version: 3, by: .user)),
            RequestedDetail(id: 23, caseID: 7, messageID: 2, text: "The steps you have taken to prevent it.",
                            aspect: .preventiveMeasure, topic: "", state: .waived(reason: "Seller Support said v2 covers it; a ; b, c")),
            RequestedDetail(id: 24, caseID: 7, messageID: 2, text: "A letter of authorization.", aspect: .evidence, topic: "",
                            state: .unanswered),
            RequestedDetail(id: 31, caseID: 7, messageID: 3, text: "Your supplier's phone number \(esc)[31m(中文)", aspect: .evidence,
                            topic: "", state: .reopened),
        ]
        let plans = [
            PlanVersion(caseID: 7, number: 1, text: "Plan v1: we fixed it.\n", created: date("2026-11-02T12:00:00Z"),
                        submitted: date("2026-11-03T09:00:00Z")),
            PlanVersion(caseID: 7, number: 2, text: planV2, created: date("2026-11-09T12:00:00Z"),
                        submitted: date("2026-11-10T09:00:00Z")),
            PlanVersion(caseID: 7, number: 3, text: "Plan v3 (draft) with invoices attached.", created: date("2026-11-20T12:00:00Z")),
        ]
        let deadlines = [
            Deadline(id: 41, caseID: 7, messageID: 1,
                     rule: DeadlineRule(amount: 14, unit: .days, anchor: .originalNotification, text: "within 14 days"),
                     set: date("2026-11-01T08:00:00Z"), due: date("2026-11-15T08:00:00Z"),
                     closure: .planSubmitted(version: 1, at: date("2026-11-03T09:00:00Z"))),
            Deadline(id: 42, caseID: 7, messageID: 3,
                     rule: DeadlineRule(amount: 17, unit: .days, anchor: .thisMessage, text: "Within 17 days; really, \\ yes"),
                     set: date("2026-11-15T10:00:00Z"), due: date("2026-12-02T10:00:00Z")),
        ]
        let notes = [
            Note(id: 51, caseID: 7, created: date("2026-11-16T08:00:00Z"),
                 text: "Called Seller Support. 供应商说发票下周一寄出。\nTheir number: (555) 123-4567."),
        ]
        let evidence = [
            Evidence(id: 61, caseID: 7, path: "/home/jane/Blue Harbor Goods LLC/invoices <2026>.pdf", size: 123_456,
                     sha256: String(repeating: "ab", count: 32), added: date("2026-11-16T09:00:00Z")),
            Evidence(id: 62, caseID: 7, path: "/home/jane/letter`s.pdf", size: 1, sha256: String(repeating: "0", count: 64),
                     added: date("2026-11-17T09:00:00Z")),
        ]
        return CaseHistory(
            suspensionCase: c, messages: messages, requests: requests, plans: plans, deadlines: deadlines, notes: notes,
            evidence: evidence)
    }

    static var settings: ExportSettings {
        ExportSettings(now: now, evidence: [61: .matches, 62: .changed(size: 2, sha256: String(repeating: "1", count: 64))])
    }

    /// Every scalar a terminal could act on.
    static func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            switch s.value {
            case 0x0A, 0x09: return false
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }
    }
}
