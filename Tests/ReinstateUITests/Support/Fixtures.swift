import Foundation
import ReinstateCore
import ReinstateUI

/// Fixed cases and a fixed clock, so frames are the same on every machine and in every zone.
enum Fixtures {
    /// 2026-11-20 12:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_176_000)

    static func at(days: Double, hours: Double = 0) -> Date {
        now.addingTimeInterval(days * 86_400 + hours * 3600)
    }

    /// A packaging case: two notices, three requests (one answered), a submitted plan and a draft,
    /// one deadline due in 10 hours.
    static func packagingCase() -> CaseHistory {
        let c = SuspensionCase(
            id: 12, title: "Acme Ltd – packaging complaints", account: "Acme Ltd", marketplace: "amazon.de",
            scope: .listings(["B000000001"]), reason: .orderDefectRate, status: .moreInformationRequested,
            opened: at(days: -10))
        let notice = AmazonMessage(
            id: 1, caseID: 12, kind: .notice, received: at(days: -10), subject: "Your listing has been deactivated",
            raw: Data(), text: "Hello,\nWe have deactivated your listing.\n\u{1B}]52;c;ZXZpbA==\u{7}Greater detail on the root cause.\n")
        let reply = AmazonMessage(
            id: 2, caseID: 12, kind: .reply, received: at(days: -2), subject: "We need more information",
            raw: Data(), text: "Thank you. We do not have enough information.\nPlease provide within 3 days.")
        let requests = [
            RequestedDetail(id: 1, caseID: 12, messageID: 1, text: "Greater detail on the root cause of improper packaging",
                            aspect: .rootCause, topic: "improper packaging"),
            RequestedDetail(id: 2, caseID: 12, messageID: 1, text: "Greater detail on corrective actions taken",
                            aspect: .correctiveAction, topic: "improper packaging", state: .answered(version: 1, by: .matcher)),
            RequestedDetail(id: 3, caseID: 12, messageID: 2, text: "Invoices from your supplier 仕入先の請求書",
                            aspect: .evidence, topic: "improper packaging"),
        ]
        let plans = [
            PlanVersion(caseID: 12, number: 1, text: "Root cause:\nOur packer used thin boxes.\n\nCorrective actions:\nWe changed boxes.",
                        created: at(days: -8), submitted: at(days: -7)),
            PlanVersion(caseID: 12, number: 2, text: "Root cause:\nOur packer used thin boxes in peak season.\n\nCorrective actions:\nWe changed to double-wall boxes.",
                        created: at(days: -1)),
        ]
        let deadlines = [
            Deadline(id: 1, caseID: 12, messageID: 1, rule: DeadlineRule(amount: 17, unit: .days, anchor: .thisMessage, text: "within 17 days"),
                     set: at(days: -10), due: at(days: 7), closure: .planSubmitted(version: 1, at: at(days: -7))),
            Deadline(id: 2, caseID: 12, messageID: 2, rule: DeadlineRule(amount: 3, unit: .days, anchor: .thisMessage, text: "within 3 days"),
                     set: at(days: -2), due: at(days: 0, hours: 10)),
        ]
        let notes = [Note(id: 1, caseID: 12, created: at(days: -9), text: "Called the warehouse.\nThey confirm.")]
        return CaseHistory(suspensionCase: c, messages: [notice, reply], requests: requests, plans: plans,
                           deadlines: deadlines, notes: notes)
    }

    /// A Japanese-titled case overdue by a day, and a quiet finished case.
    static func otherCases() -> [CaseHistory] {
        let overdue = CaseHistory(
            suspensionCase: SuspensionCase(id: 7, title: "アカウント停止 – 真正性の申し立て", account: "東京ストア",
                                           marketplace: "amazon.co.jp", reason: .inauthentic, status: .open, opened: at(days: -20)),
            requests: [RequestedDetail(id: 10, caseID: 7, messageID: 0, text: "Invoices", aspect: .evidence, topic: "")],
            deadlines: [Deadline(id: 5, caseID: 7, messageID: 0,
                                 rule: DeadlineRule(amount: 17, unit: .days, anchor: .originalNotification, text: "within 17 days of the original notification"),
                                 set: at(days: -20), due: at(days: -1, hours: -2))])
        let later = CaseHistory(
            suspensionCase: SuspensionCase(id: 3, title: "Late shipments 📦", account: "Beta GmbH", marketplace: "amazon.co.uk",
                                           reason: .lateShipmentRate, status: .appealSubmitted, opened: at(days: -30)),
            deadlines: [Deadline(id: 6, caseID: 3, messageID: 0,
                                 rule: DeadlineRule(amount: 30, unit: .days, anchor: .thisMessage, text: "within 30 days"),
                                 set: at(days: -25), due: at(days: 5))])
        let done = CaseHistory(
            suspensionCase: SuspensionCase(id: 1, title: "", account: "Gamma Inc", marketplace: "amazon.com",
                                           reason: .verification, status: .reinstated, opened: at(days: -90)))
        return [overdue, later, done]
    }

    static func book() -> MemoryCaseBook {
        let book = MemoryCaseBook()
        book.add(packagingCase())
        for history in otherCases() { book.add(history) }
        return book
    }

    /// A started runtime over the fixture book (UTC so local times are fixed).
    static let utc = TimeZone(identifier: "UTC") ?? .current

    static func options(readOnly: Bool = false) -> UIOptions {
        UIOptions(readOnly: readOnly, timeZone: utc)
    }

    static func runtime(width: Int = 80, height: Int = 24, options: UIOptions = Fixtures.options(), book: MemoryCaseBook = Fixtures.book()) -> UIRuntime<MemoryCaseBook> {
        let runtime = UIRuntime(book: book, options: options, width: width, height: height, clock: { Fixtures.now })
        runtime.start()
        return runtime
    }
}
