import Foundation
import GRDB
import ReinstateCore
import Testing
@testable import ReinstateStore

/// Each case row carries its count of open requests and of submitted versions (migration v3), kept
/// by triggers. These tests recount from the rows after every kind of write and compare.
@Suite struct SummaryCountTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    /// Case ids whose stored counts differ from a recount of their rows (empty when all agree).
    func drifted(_ store: CaseStore) throws -> [Int64] {
        try store.queue.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM suspension_case c
                WHERE c.unanswered_count != (\(Schema.CaseCount.openWithAlternatives.of("c.id")))
                   OR c.submitted_count != (\(Schema.CaseCount.submitted.of("c.id")))
                """)
        }
    }

    @Test func everyWriteKeepsTheCountsOfItsCase() throws {
        let tmp = TemporaryFolder()
        let store = try CaseStore(path: tmp.file("a.sqlite"))
        try store.fillDemo(count: 30, seed: 5, now: now)
        #expect(try drifted(store) == [])
        let nonZero = try store.caseSummaries(limit: 1000).filter { $0.unanswered > 0 && $0.appealsSubmitted > 0 }
        #expect(!nonZero.isEmpty, "the demo has cases with open requests and submitted versions")

        // A new case, a reply with three requests, a plan, a submission, each request state.
        let id = try store.createCase(SuspensionCase(title: "Counts", opened: now))
        let requests = try store.addMessage(caseID: id, raw: Data(replyReading().text.utf8), reading: replyReading(), now: now).requests
        #expect(try store.caseSummary(id).unanswered == requests.count)
        _ = try store.addPlan(caseID: id, text: "Root cause: nothing that answers anything.", created: now)
        #expect(try store.caseSummary(id).appealsSubmitted == 0)
        try store.submitPlan(caseID: id, number: 1, at: now.addingTimeInterval(60))
        #expect(try store.caseSummary(id).appealsSubmitted == 1)
        _ = try store.addPlan(caseID: id, text: "v2", created: now, submitted: now.addingTimeInterval(120))
        #expect(try store.caseSummary(id).appealsSubmitted == 2)
        try store.setRequestState(requests[0].id, to: .answered(version: 1, by: .user))
        try store.setRequestState(requests[1].id, to: .waived(reason: "not asked of us"))
        #expect(try store.caseSummary(id).unanswered == requests.count - 2)
        try store.setRequestState(requests[1].id, to: .reopened)
        #expect(try store.caseSummary(id).unanswered == requests.count - 1)
        #expect(try drifted(store) == [])

        // Reading every message again replaces requests the seller did not mark.
        for message in try store.history(id).messages {
            _ = try store.reparseMessage(message.id, reading: replyReading(topic: "late shipment"))
        }
        #expect(try drifted(store) == [])

        // An import into a new store rebuilds the same counts.
        let imported = try CaseStore(path: tmp.file("b.sqlite"))
        try imported.importDocument(try StoreDocument.decode(try store.exportDocument().encoded()))
        #expect(try drifted(imported) == [])
        #expect(try imported.caseSummaries(limit: 1000) == (try store.caseSummaries(limit: 1000)))

        // A case deleted with its rows, and a raw edit a future version might make: still recounted.
        try store.queue.write { db in
            try db.execute(sql: "DELETE FROM suspension_case WHERE id = ?", arguments: [nonZero[0].id])
            try db.execute(sql: "UPDATE requested_detail SET case_id = ? WHERE case_id = ?", arguments: [id, nonZero[1].id])
            try db.execute(sql: "DELETE FROM plan_version WHERE case_id = ?", arguments: [nonZero[2].id])
        }
        #expect(try drifted(store) == [])
        #expect(try store.caseSummary(nonZero[1].id).unanswered == 0)
    }

    @Test func theUpgradeToV3CountsWhatIsAlreadyThere() throws {
        let tmp = TemporaryFolder()
        let path = tmp.file("v2.sqlite")
        try earlierStore(at: path, upTo: "v2", """
            INSERT INTO suspension_case (id, title, scope, reason, status, status_changed_at, opened_at)
            VALUES (1, 'ODR', 'account', 'order-defect-rate', 'more-information-requested',
                    '2026-11-01T08:00:00Z', '2026-11-01T08:00:00Z');
            INSERT INTO message (id, case_id, kind, received_at, raw, text, reader_version)
            VALUES (1, 1, 'reply', '2026-11-04T08:00:00Z', x'', 'We need more.', 1);
            INSERT INTO requested_detail (case_id, message_id, position, text, aspect, state)
            VALUES (1, 1, 0, 'Root cause?', 'root-cause', 'unanswered'),
                   (1, 1, 1, 'Actions?', 'corrective-action', 'reopened'),
                   (1, 1, 2, 'Prevention?', 'preventive-measure', 'waived');
            INSERT INTO plan_version (case_id, number, text, created_at, submitted_at)
            VALUES (1, 1, 'Root cause: …', '2026-11-02T08:00:00Z', '2026-11-03T08:00:00Z'),
                   (1, 2, 'draft', '2026-11-05T08:00:00Z', NULL);
            """)
        let store = try CaseStore(path: path)
        let summary = try store.caseSummary(1)
        #expect(summary.unanswered == 2)
        #expect(summary.appealsSubmitted == 1)
        #expect(try drifted(store) == [])
        let plan = try store.queue.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT d.due_at, d.case_id, d.id, d.phrase, d.set_at FROM deadline d
                WHERE d.closed_at IS NULL AND d.due_at <= '2026-12-01' ORDER BY d.due_at, d.case_id, d.id
                """).map { $0["detail"] as String }
        }
        #expect(plan == ["SEARCH d USING COVERING INDEX deadline_open_by_due (due_at<?)"])
    }
}
