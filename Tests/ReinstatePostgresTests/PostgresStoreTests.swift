import Foundation
import PostgresTestSupport
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import Testing

/// The PostgreSQL store against a real, throwaway server (see `TestPostgresServer`). Where PostgreSQL is
/// not installed these tests are skipped: `.enabled(if:)` names the reason in the test run's output.
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct PostgresStoreTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!

    func address(_ database: String, user: String = TestPostgresServer.superuser) throws -> PostgresAddress {
        let server = try TestPostgresServer.shared()
        return try PostgresAddress(url: server.url(database: database, user: user, password: nil), loginName: "nobody")
    }

    func connect(_ database: String, user: String = TestPostgresServer.superuser, password: String? = TestPostgresServer.password)
        async throws -> PostgresStore
    {
        try await PostgresStore.connect(to: try address(database, user: user), password: password)
    }

    func tables(_ database: String) throws -> [String] {
        try TestPostgresServer.shared()
            .psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", database: database)
            .split(separator: "\n").map(String.init)
    }

    // MARK: - Setting up

    @Test func initSetsUpAnEmptyDatabaseOnceAndRecordsTheMigration() async throws {
        let database = try TestPostgresServer.shared().newDatabase()
        let store = try await connect(database)
        #expect(try await store.initialize() == .created)
        #expect(try await store.initialize() == .alreadyCurrent)
        try await store.requireCurrent()
        await store.close()
        #expect(try tables(database).contains("reinstate_migration"))
        let applied = try TestPostgresServer.shared().psql(
            "SELECT identifier FROM reinstate_migration ORDER BY applied_at, identifier", database: database)
        #expect(applied == "v1\nv2-held-mail\nv3-team-access\nv4-authors\nv5-notify\nv6-search\nv7-counts\nv8-mail-intake\n", "\(applied)")
    }

    @Test func aDatabaseHoldingSomethingElseIsRefusedUntouched() async throws {
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        try server.psql("CREATE TABLE invoices (id int); INSERT INTO invoices VALUES (1)", database: database)
        let store = try await connect(database)
        await #expect(throws: PostgresStoreError.self) { try await store.initialize() }
        do {
            try await store.initialize()
        } catch {
            #expect("\(error)".contains("holds something else (tables invoices)"))
        }
        await store.close()
        #expect(try tables(database) == ["invoices"])
        #expect(try server.psql("SELECT count(*) FROM invoices", database: database) == "1\n")
    }

    @Test func aSchemaFromANewerReinstateIsRefusedUntouched() async throws {
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        let store = try await connect(database)
        try await store.initialize()
        try server.psql("INSERT INTO reinstate_migration (identifier) VALUES ('v99')", database: database)
        await #expect(throws: PostgresStoreError.newer(address: try address(database).redacted, migration: "v99")) {
            try await store.initialize()
        }
        await #expect(throws: PostgresStoreError.self) { try await store.exportDocument() }
        await store.close()
    }

    @Test func aWrongPasswordIsRefusedWithoutShowingIt() async throws {
        let database = try TestPostgresServer.shared().newDatabase()
        do {
            _ = try await connect(database, password: "not-the-secret")
            Issue.record("a wrong password was accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("refused the login"), "\(text)")
            #expect(!text.contains("not-the-secret"))
        }
        do {
            _ = try await connect(database, password: nil)
            Issue.record("no password was accepted")
        } catch {
            #expect("\(error)".contains("none was given"), "\(error)")
        }
    }

    @Test func aServerThatIsNotThereIsUnreachable() async throws {
        let address = try PostgresAddress(url: "postgresql:///x?host=/tmp/no-server-here-\(getpid())", loginName: "nobody")
        do {
            _ = try await PostgresStore.connect(to: address, password: nil)
            Issue.record("connected to nothing")
        } catch {
            #expect("\(error)".hasPrefix("Cannot reach the PostgreSQL server"), "\(error)")
        }
    }

    @Test func aRoleWithoutTheRightToCreateTablesLeavesTheDatabaseEmpty() async throws {
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        let role = "clerk_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \(role) LOGIN PASSWORD 'clerk-pw'")
        // PostgreSQL 15 no longer lets every role create tables in `public`; say it anyway for older servers.
        try server.psql("REVOKE CREATE ON SCHEMA public FROM PUBLIC", database: database)
        let store = try await connect(database, user: role, password: "clerk-pw")
        do {
            try await store.initialize()
            Issue.record("a role without rights set up the schema")
        } catch {
            #expect("\(error)".contains("no right"), "\(error)")
        }
        await store.close()
        #expect(try tables(database).isEmpty)
    }

    /// Search has trigram indexes where `pg_trgm` can be added, and finds the same without them: a role
    /// that may create tables in the schema but not extensions in the database still gets a store.
    @Test func searchUsesTrigramIndexesWhereItMayAndWorksWithout() async throws {
        let server = try TestPostgresServer.shared()
        let role = "owner_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \(role) LOGIN PASSWORD 'owner-pw'")
        for indexed in [true, false] {
            let database = try server.newDatabase()
            if !indexed { try server.psql("GRANT CREATE ON SCHEMA public TO \(role)", database: database) }
            let store = indexed ? try await connect(database) : try await connect(database, user: role, password: "owner-pw")
            try await store.closing { store in
                #expect(try await store.initialize() == .created)
                #expect(try await store.searchIndexed() == indexed)
                let id = try await store.createCase(SuspensionCase(id: 0, title: "Case", opened: now))
                _ = try await store.createCase(SuspensionCase(id: 0, title: "Other", opened: now))
                try await store.addNote(caseID: id, text: "Sent the invoices from Shenzhen Trading", at: now)
                #expect(try await store.caseSummaries(CaseFilter(text: "shenzhen"), sort: .urgency, offset: 0, limit: 10).map(\.id) == [id])
                #expect(try await store.caseCount(CaseFilter(text: "zzq")) == 0)
            }
            if indexed {
                let plan = try server.psql(
                    "SET enable_seqscan = off; EXPLAIN SELECT case_id FROM message WHERE subject || E'\\n' || text ILIKE '%shenzhen%'",
                    database: database)
                #expect(plan.contains("message_search"), "\(plan)")
            }
        }
    }

    // MARK: - Copying

    /// A small store with what a copy must keep: demo cases, a message that is not UTF-8, notes, evidence.
    func sampleStore(_ folder: String) throws -> CaseStore {
        let store = try CaseStore(path: folder + "/cases.sqlite")
        try store.fillDemo(count: 12, seed: 17, now: now)
        let latin1 = Data("Subject: Votre compte\n\nNous avons d\u{E9}sactiv\u{E9} votre compte.".utf8)
            .map { $0 }.filter { $0 != 0xC3 }  // bytes that are not valid UTF-8
        _ = try store.addMessage(
            caseID: 1, raw: Data(latin1), reading: MessageReader().read(Data(latin1)), received: now, now: now)
        _ = try store.addNote(caseID: 2, text: "Called Seller Support — ticket 12345 ✓", at: now)
        _ = try store.addEvidence(caseID: 2, path: "/home/seller/invoices/2026-11.pdf", size: 48_213, sha256: String(repeating: "ab", count: 32), at: now)
        return store
    }

    @Test func aCopyThereAndBackKeepsTheSameBytes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-copy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let local = try sampleStore(folder)
        let original = try local.exportDocument()
        let database = try TestPostgresServer.shared().newDatabase()
        let store = try await connect(database)
        try await store.initialize()
        try await store.importDocument(original)
        let fromPostgres = try await store.exportDocument()
        #expect(fromPostgres == original)
        #expect(try fromPostgres.encoded() == original.encoded())
        // A second copy into the same store is refused: it is not empty any more.
        await #expect(throws: PostgresStoreError.notEmpty(address: store.address.redacted)) {
            try await store.importDocument(original)
        }
        await store.close()
        let back = try CaseStore(path: folder + "/back.sqlite")
        try back.importDocument(fromPostgres)
        #expect(try back.exportDocument().encoded() == original.encoded())
        // New rows after a copy get new ids: the sequences were moved past the copied ones.
        let server = try TestPostgresServer.shared()
        let next = try server.psql(
            "INSERT INTO note (case_id, created_at, text) VALUES (1, now(), 'x') RETURNING id", database: database)
        let highest = original.cases.flatMap(\.notes).map(\.id).max() ?? 0
        #expect(Int64(next.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > highest)
    }

    @Test func aMessageFromAMailboxKeepsItsIdentityAndAttachments() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-mail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var document = try sampleStore(folder).exportDocument()
        // As mail intake (issue 18) writes them: the Message-ID, and the attachments described.
        document.cases[0].messages[0].mailIdentity = "message-id:n1@amazon.com"
        document.cases[0].messages[0].attachments = [
            AttachmentDocument(number: 1, filename: "invoice.pdf", contentType: "application/pdf", size: 11, sha256: String(repeating: "a", count: 64))
        ]
        let store = try await connect(try TestPostgresServer.shared().newDatabase())
        try await store.initialize()
        try await store.importDocument(document)
        #expect(try await store.exportDocument().encoded() == document.encoded())
        await store.close()
    }

    @Test func aFailedCopyLeavesTheStoreEmpty() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-fail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var document = try sampleStore(folder).exportDocument()
        // The last case's note refers to a case that is not there: the insert fails near the end.
        document.cases[document.cases.count - 1].id = document.cases[0].id
        let database = try TestPostgresServer.shared().newDatabase()
        let store = try await connect(database)
        try await store.initialize()
        await #expect(throws: PostgresStoreError.self) { try await store.importDocument(document) }
        #expect(try await store.exportDocument().cases.isEmpty)
        await store.close()
    }
}

extension PostgresStoreTests {
    /// Two clients writing at once, to the same case and to others: every change is kept, none is lost
    /// to the other's transaction (a crossed transaction is run again), and the deadlines come out as the
    /// rules say.
    @Test func twoClientsWritingAtOnceLoseNothing() async throws {
        let database = try TestPostgresServer.shared().newDatabase()
        let setup = try await connect(database)
        try await setup.initialize()
        let source = try CaseStore()
        try source.fillDemo(count: 4, seed: 2, now: now)
        try await setup.importDocument(try source.exportDocument())
        await setup.close()
        let reply = Data("Subject: Re: your account\n\nPlease send the following within 7 days:\n\n- Invoices from your supplier\n".utf8)
        let reading = MessageReader().read(reply)
        let stores = [try await connect(database), try await connect(database)]
        // The connections are closed whatever happens (postgres-nio insists), then the outcome is judged.
        var failure: (any Error)? = nil
        do {
            try await writeAtOnce(stores, reply: reply, reading: reading)
        } catch {
            failure = error
        }
        #expect(failure == nil, "\(String(describing: failure))")
        let history = try await stores[0].history(1)
        #expect(history.notes.count == (try source.history(1).notes.count) + 120)
        let messages = try await stores[0].history(2)
        #expect(messages.messages.count == (try source.history(2).messages.count) + 20)
        #expect(messages.deadlines.count == (try source.history(2).deadlines.count) + 20)
        for store in stores { await store.close() }
    }

    /// Two colleagues marking the same requests and setting the same case's status at once, each on what
    /// they saw: notes are all kept, each request and the status are set by exactly one of them, and
    /// every other try is refused with the line that names who set it.
    @Test func twoClientsMarkingTheSameThingsAtOnceAreToldWhoWasFirst() async throws {
        let database = try TestPostgresServer.shared().newDatabase()
        let setup = try await connect(database)
        try await setup.initialize()
        let id = try await setup.createCase(SuspensionCase(title: "Packaging", opened: now))
        var requests: [Int64] = []
        for i in 0..<20 {
            let stored = try await setup.addMessage(
                caseID: id, raw: StoreContractTests.reply, reading: MessageReader().read(StoreContractTests.reply), kind: nil,
                received: now.addingTimeInterval(Double(i)), now: now)
            requests += stored.requests.map(\.id)
        }
        let seen = try await setup.caseSummary(id).status
        await setup.close()
        let address = try address(database)
        let stores = [
            try await PostgresStore.connect(to: address, password: TestPostgresServer.password, author: "alice"),
            try await PostgresStore.connect(to: address, password: TestPostgresServer.password, author: "bob"),
        ]
        let marked = requests
        var failure: (any Error)? = nil
        var refused: [[String]] = []
        do {
            refused = try await withThrowingTaskGroup(of: [String].self) { group in
                for (n, store) in stores.enumerated() {
                    let name = n == 0 ? "alice" : "bob"
                    group.addTask {
                        var lines: [String] = []
                        for (i, request) in marked.enumerated() {
                            try await store.addNote(caseID: id, text: "\(name) note \(i)", at: self.now)
                            do {
                                try await store.setRequestState(
                                    request, to: .waived(reason: "\(name) says so"), at: self.now, seen: .unanswered)
                            } catch StoreError.conflict(let line) { lines.append(line) }
                            if i % 10 == 0 {
                                do {
                                    try await store.changeStatus(
                                        caseID: id, to: n == 0 ? .closed : .denied, at: self.now, seen: seen)
                                } catch StoreError.conflict(let line) { lines.append(line) }
                            }
                        }
                        return lines
                    }
                }
                var all: [[String]] = []
                for try await lines in group { all.append(lines) }
                return all
            }
        } catch {
            failure = error
        }
        #expect(failure == nil, "\(String(describing: failure))")
        let history = try await stores[0].history(id)
        for store in stores { await store.close() }
        // Every note of both is kept: 2 × the requests.
        #expect(history.notes.count == 2 * marked.count)
        // Each request was waived by exactly one of them, in their words; the other was told who.
        let lines = refused.flatMap { $0 }
        for request in marked {
            let r = try #require(history.requests.first { $0.id == request })
            let winner = try #require(r.stateSetBy)
            #expect(r.state == .waived(reason: "\(winner) says so"))
            let told = lines.filter { $0.hasPrefix("Request \(request) was waived (\(winner) says so) by \(winner) at ") }
            #expect(told.count == 1, "\(request): \(lines)")
        }
        #expect(lines.filter { $0.hasPrefix("Request ") }.count == marked.count)
        let winner = try #require(history.suspensionCase.statusSetBy)
        #expect(history.suspensionCase.status == (winner == "alice" ? .closed : .denied))
        let statusLines = lines.filter { $0.hasPrefix("Case ") }
        #expect(!statusLines.isEmpty && statusLines.allSatisfy { $0.contains(" by \(winner) at ") && $0.hasSuffix("Look at it again and decide.") })
    }

    func writeAtOnce(_ stores: [PostgresStore], reply: Data, reading: MessageReading) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (n, store) in stores.enumerated() {
                group.addTask {
                    for i in 0..<60 {
                        try await store.addNote(caseID: 1, text: "client \(n) note \(i)", at: self.now)
                        if i % 6 == 0 {
                            _ = try await store.addMessage(
                                caseID: 2, raw: reply, reading: reading, kind: nil,
                                received: self.now.addingTimeInterval(Double(n * 1000 + i)), now: self.now)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
