import Foundation
import GRDB
import ReinstateCore

extension CaseStore {
    /// Fills the store with `count` synthetic cases from the demo generator, each message read by the real
    /// reader. Cases are written in batches of whole cases, each batch in one transaction, so an
    /// interrupted fill leaves only complete cases behind. Returns the ids of the new cases.
    @discardableResult
    public func fillDemo(count: Int, seed: UInt64, now: Date, reader: MessageReader = MessageReader()) throws -> ClosedRange<Int64>? {
        let generator = DemoGenerator()
        var rng = SeededGenerator(seed: seed)
        var first: Int64? = nil, last: Int64? = nil
        var remaining = count
        let batchSize = 1000
        while remaining > 0 {
            let n = min(batchSize, remaining)
            let batch = (0..<n).map { _ in generator.makeCase(now: now, rng: &rng) }
            try write { db in
                for demo in batch {
                    let id = try Self.insertDemo(demo, reader: reader, now: now, db: db)
                    first = first ?? id
                    last = id
                }
            }
            remaining -= n
        }
        guard let first, let last else { return nil }
        return first...last
    }

    static func insertDemo(_ demo: DemoCase, reader: MessageReader, now: Date, db: Database) throws -> Int64 {
        let caseID = try insertCase(demo.suspensionCase, db: db)
        var requestIDs: [Int64] = []
        for event in demo.events {
            switch event {
            case .message(let kind, let received, let text):
                let raw = Data(text.utf8)
                let stored = try insertMessage(
                    caseID: caseID, raw: raw, reading: reader.read(raw), kind: kind, received: received, now: received,
                    db: db)
                requestIDs += stored.requests.map(\.id)
            case .plan(let text, let created, let submitted):
                _ = try appendPlan(caseID: caseID, text: text, created: created, submitted: submitted, db: db)
            case .answer(let index, let version) where index < requestIDs.count:
                try updateRequestState(requestIDs[index], to: .answered(version: version, by: .user), db: db)
            case .waive(let index, let reason) where index < requestIDs.count:
                try updateRequestState(requestIDs[index], to: .waived(reason: reason), db: db)
            case .answer, .waive:
                break
            case .note(let created, let text):
                try db.execute(
                    sql: "INSERT INTO note (case_id, created_at, text) VALUES (?, ?, ?)",
                    arguments: [caseID, created.stored, text])
            case .status(let status, let at):
                try changeStatus(caseID: caseID, to: status, at: at, author: nil, db: db)
            }
        }
        return caseID
    }
}
