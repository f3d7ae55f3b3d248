import Foundation
import PostgresNIO
import PostgresTestSupport
import ReinstateCore
@testable import ReinstatePostgres
import ReinstateStore
import Testing

/// The list's counts kept on the case row by triggers (migration v7-counts): after a copy, an upgrade,
/// every correction and its undo, a staff role's write under row-level security and writers at once,
/// each case's `open_count` and `submitted_count` equal a recount from the rows (with the local store's
/// words, `OpenCountSQL`), and the list rows equal those of the same changes made on the SQLite file.
/// Against a real, throwaway server (skipped, with the reason, where PostgreSQL is not installed).
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct CaseCountTriggerTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    func connect(_ database: String, user: String = TestPostgresServer.superuser, password: String = TestPostgresServer.password)
        async throws -> PostgresStore
    {
        try await loggedIn(database, user: user, password: password, author: "dana")
    }

    /// A local store of demo cases (the reference) and a team store it was copied into.
    func stores(cases: Int = 40) async throws -> (local: CaseStore, team: PostgresStore, database: String) {
        let local = try CaseStore(author: "dana")
        try local.fillDemo(count: cases, seed: 11, now: now)
        let database = try TestPostgresServer.shared().newDatabase("counts")
        let team = try await connect(database)
        try await team.initialize()
        try await team.importDocument(try local.exportDocument())
        return (local, team, database)
    }

    /// The cases whose kept counts differ from a recount of their rows, read by the superuser.
    func miscounted(_ database: String) throws -> [String] {
        let sql = """
            SELECT c.id FROM suspension_case c
            WHERE c.open_count <> (\(OpenCountSQL.count(of: "c.id", postgres: true)))
                OR c.submitted_count <> (\(PostgresSchema.submittedCount(of: "c.id")))
            ORDER BY c.id
            """
        return try TestPostgresServer.shared().psql(sql, database: database).split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    /// Every list row of a store, in id order.
    func rows(_ store: any StoreContract) async throws -> [CaseSummary] {
        try await store.caseSummaries(CaseFilter(), sort: .newest, offset: 0, limit: 1_000_000)
    }

    /// Checks the team store's counts against a recount and its list against the local store's.
    func expectAgree(_ local: CaseStore, _ team: PostgresStore, _ database: String, after step: String) async throws {
        #expect(try miscounted(database) == [], "after \(step)")
        #expect(try await rows(team) == rows(local), "after \(step)")
    }

    /// A case with at least two open requests and the ids of two of them, the same on both stores.
    func caseWithOpenRequests(_ local: CaseStore) async throws -> (caseID: Int64, requests: [RequestedDetail]) {
        for summary in try await rows(local) where summary.unanswered >= 2 {
            let history = try await local.history(summary.id)
            let open = history.unanswered
            if open.count >= 2 { return (summary.id, open) }
        }
        throw StoreError.notFound(what: "a case with two open requests")
    }

    @Test func aCopyKeepsCountsThatEqualARecount() async throws {
        let (local, team, database) = try await stores(cases: 120)
        #expect(try miscounted(database) == [])
        #expect(try await rows(team) == rows(local))
        // Not all zero: the copy's statements did count.
        #expect(try await rows(team).contains { $0.unanswered > 0 && $0.appealsSubmitted > 0 })
        await team.close()
    }

    @Test func theUpgradeCountsTheCasesAlreadyStored() async throws {
        let (local, team, database) = try await stores()
        // The store as v6 left it: no counts on the row, no triggers, no urgency index, v7-counts not recorded.
        _ = try TestPostgresServer.shared().psql(
            """
            DROP FUNCTION reinstate_count_inserted, reinstate_count_deleted, reinstate_count_updated CASCADE;
            DROP FUNCTION reinstate_recount;
            ALTER TABLE suspension_case DROP COLUMN open_count, DROP COLUMN submitted_count;
            DROP INDEX suspension_case_urgency;
            DELETE FROM reinstate_migration WHERE identifier = 'v7-counts';
            """, database: database)
        await team.close()
        let older = try await connect(database)
        await #expect(throws: PostgresStoreError.self) { try await older.requireCurrent() }
        #expect(try await older.initialize() == .upgraded)
        await older.close()
        let again = try await connect(database)
        try await expectAgree(local, again, database, after: "the upgrade")
        await again.close()
    }

    @Test func correctionsAndTheirUndoKeepTheCounts() async throws {
        let (local, team, database) = try await stores()
        let (caseID, open) = try await caseWithOpenRequests(local)
        let other = try await rows(local).first { $0.id != caseID }!.id
        let stores: [any StoreContract] = [local, team]

        // A draft that answers a request: still open until the draft is sent.
        var drafts: [Int] = []
        for store in stores {
            drafts.append(try await store.addPlan(caseID: caseID, text: "Root cause: late carrier scans.", created: now, submitted: nil))
        }
        #expect(drafts[0] == drafts[1])
        for store in stores {
            _ = try await store.setRequestState(open[0].id, to: .answered(version: drafts[0], by: .user), at: now, seen: nil)
        }
        try await expectAgree(local, team, database, after: "answering by a draft")

        var submissions: [Submission] = []
        for store in stores { submissions.append(try await store.submitPlan(caseID: caseID, number: drafts[0], at: now)) }
        try await expectAgree(local, team, database, after: "submitting the draft")

        var unsubmissions: [Unsubmission] = []
        for store in stores { unsubmissions.append(try await store.unsubmitPlan(caseID: caseID, number: drafts[0], at: now)) }
        try await expectAgree(local, team, database, after: "unsubmitting")
        for (store, u) in zip(stores, unsubmissions) { try await store.restoreSubmission(u) }
        try await expectAgree(local, team, database, after: "restoring the submission")
        for (store, s) in zip(stores, submissions) { try await store.undoSubmission(s) }
        try await expectAgree(local, team, database, after: "undoing the submission")

        var before: [RequestedDetail] = []
        for store in stores {
            before.append(try await store.setRequestState(open[1].id, to: .waived(reason: "not applicable"), at: now, seen: nil))
        }
        try await expectAgree(local, team, database, after: "waiving")
        for (store, b) in zip(stores, before) { try await store.restoreRequestStates([b]) }
        try await expectAgree(local, team, database, after: "undoing the waiver")

        let messageID = open[0].messageID
        var moves: [MessageCorrection] = []
        for store in stores { moves.append(try await store.moveMessage(messageID, toCase: other)) }
        try await expectAgree(local, team, database, after: "moving a message to another case")
        for (store, m) in zip(stores, moves) { _ = try await store.undoMessageCorrection(m) }
        try await expectAgree(local, team, database, after: "moving it back")

        var removals: [RemovedMessage] = []
        for store in stores { removals.append(try await store.removeMessage(messageID)) }
        try await expectAgree(local, team, database, after: "removing a message")
        for (store, r) in zip(stores, removals) { _ = try await store.restoreMessage(r) }
        try await expectAgree(local, team, database, after: "restoring it")

        let raw = Data(
            """
            Subject: Your Amazon selling account

            We need more information. Please provide invoices for the last 365 days and a plan of action
            describing the root cause. Respond within 17 days.
            """.utf8)
        var added: [StoredMessage] = []
        for store in stores {
            added.append(
                try await store.addMessage(caseID: caseID, raw: raw, reading: MessageReader().read(raw), kind: nil, received: now, now: now))
        }
        #expect(!added[1].requests.isEmpty)
        // The stores may number the new rows differently (SQLite reuses a removed row's id): compare counts.
        #expect(try miscounted(database) == [])
        #expect(try await team.caseSummary(caseID).unanswered == local.caseSummary(caseID).unanswered)
        for (store, a) in zip(stores, added) { _ = try await store.undoAddMessage(a) }
        try await expectAgree(local, team, database, after: "undoing the added message")
        await team.close()
    }

    @Test func aStaffRoleWritingUnderRowSecurityKeepsTheCounts() async throws {
        let (local, owner, database) = try await stores()
        let (caseID, open) = try await caseWithOpenRequests(local)
        let account = try await owner.caseSummary(caseID).account
        let role = "counter_\(UInt32.random(in: 0...UInt32.max))"
        _ = try TestPostgresServer.shared().psql("CREATE ROLE \(role) LOGIN PASSWORD 'staff-pw'")
        _ = try await owner.grantAccount(role: role, account: account)
        let staff = try await connect(database, user: role, password: "staff-pw")
        _ = try await staff.setRequestState(open[0].id, to: .waived(reason: "seen by staff"), at: now, seen: nil)
        _ = try await local.setRequestState(open[0].id, to: .waived(reason: "seen by staff"), at: now, seen: nil)
        #expect(try miscounted(database) == [])
        #expect(try await staff.caseSummary(caseID) == local.caseSummary(caseID))
        // The staff role's list: only its account's cases, with the counts the owner sees.
        let seen = try await rows(staff)
        #expect(!seen.isEmpty && seen.allSatisfy { $0.account == account })
        #expect(seen == (try await rows(local)).filter { $0.account == account })
        await staff.close()
        await owner.close()
    }

    /// Writers that do not lock the case first (as psql would) changing requests of one case at once:
    /// each recount waits for the other's transaction and reads its rows, so no change is miscounted.
    @Test func writersAtOnceOnOneCaseLeaveCountsThatEqualARecount() async throws {
        let (local, team, database) = try await stores()
        let (caseID, open) = try await caseWithOpenRequests(local)
        await team.close()
        let first = try await connect(database)
        let second = try await connect(database)
        // Each waives one request and holds its transaction open a moment, so the two overlap.
        func waive(_ store: PostgresStore, _ id: Int64) async throws {
            try await store.transaction { connection in
                try await connection.query("UPDATE requested_detail SET state = 'waived' WHERE id = \(id)", logger: store.logger)
                _ = try await connection.query("SELECT pg_sleep(0.3)", logger: store.logger).collect()
            }
        }
        for _ in 0..<3 {
            async let a: Void = waive(first, open[0].id)
            async let b: Void = waive(second, open[1].id)
            _ = try await (a, b)
            #expect(try miscounted(database) == [])
            for store in [first, second] {
                try await store.transaction { connection in
                    try await connection.query(
                        "UPDATE requested_detail SET state = 'unanswered' WHERE id = ANY(\([open[0].id, open[1].id]))",
                        logger: store.logger)
                }
            }
        }
        // And Reinstate's own writers, many changes to one case from two connections at once.
        let submittedBefore = try await first.caseSummary(caseID).appealsSubmitted
        async let plans: Void = {
            for i in 0..<10 {
                _ = try await first.addPlan(caseID: caseID, text: "Plan \(i)", created: now, submitted: now)
            }
        }()
        async let marks: Void = {
            for i in 0..<10 {
                let state: RequestState = i.isMultiple(of: 2) ? .waived(reason: "w\(i)") : .reopened
                _ = try await second.setRequestState(open[i % 2].id, to: state, at: now, seen: nil)
            }
        }()
        _ = try await (plans, marks)
        #expect(try miscounted(database) == [])
        #expect(try await first.caseSummary(caseID).appealsSubmitted == submittedBefore + 10)
        await first.close()
        await second.close()
    }
}
