import Foundation
import ReinstateCore

// What every store checks before a write, and how a write's result is compared, in one place.

extension DeadlineChange {
    /// The deadlines that differ between two snapshots of a store's deadlines by id (due date, closure,
    /// case), in id order.
    public static func between(_ before: [Int64: Deadline], _ after: [Int64: Deadline]) -> [DeadlineChange] {
        CaseStore.changes(before, after)
    }
}

extension CaseStore {
    /// A new case's title as stored, after checking what every store refuses: no title, an ASIN that
    /// is not one.
    public static func checkedTitle(_ new: SuspensionCase) throws -> String {
        let title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw StoreError.invalid("A case needs a title (--title).") }
        for asin in new.scope.asins where !ASIN.isValid(asin) {
            throw StoreError.invalid("\(asin) is not an ASIN (10 characters, like B0C1234567).")
        }
        return title
    }

    /// A note's text as stored; an empty note is refused.
    public static func checkedNote(_ text: String) throws -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StoreError.invalid("The note is empty; nothing was stored.") }
        return text
    }

    /// A received date (and the deadline it starts) inside what the stores keep, or the refusal.
    public static func checkReceived(_ received: Date, reading: MessageReading) throws {
        let deadlineEnd = reading.deadline.map { received.addingTimeInterval($0.seconds) } ?? received
        guard Timestamp.inRange(received), Timestamp.inRange(deadlineEnd) else {
            throw StoreError.invalid(
                "The message is dated \(Timestamp.utc(received)), and Reinstate keeps dates (and deadlines) from 1900 to 9999; "
                    + "give the day it arrived with --received. Nothing was stored.")
        }
    }
}
