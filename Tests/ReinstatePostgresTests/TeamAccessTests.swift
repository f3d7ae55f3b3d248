import Foundation
import PostgresTestSupport
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import Testing

/// "Each sees only their clients" (issue 17): roles granted one account read its cases and nothing of
/// another's, through Reinstate and through plain SQL with their own login; they cannot turn row
/// security off or grant themselves more; revoking takes access away. Against a real, throwaway server
/// (skipped, with the reason, where PostgreSQL is not installed).
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct TeamAccessTests {
    static let caseTables = [
        "suspension_case", "case_asin", "message", "plan_version", "requested_detail", "deadline", "note", "evidence",
        "mail_mark",
    ]
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!
    let staffPassword = "staff-pw"

    /// A team store with cases of two clients, "Acme Ltd" and "Brightside", each with rows in every
    /// table of case data; the store's owner is the test server's superuser.
    func teamStore() async throws -> (database: String, owner: PostgresStore, document: StoreDocument) {
        let local = try CaseStore()
        try local.fillDemo(count: 12, seed: 7, now: now)
        for id in Int64(1)...4 {
            _ = try local.addNote(caseID: id, text: "Note on case \(id)", at: now)
            _ = try local.addEvidence(caseID: id, path: "/srv/evidence/\(id).pdf", size: 10, sha256: String(repeating: "0f", count: 32), at: now)
        }
        var document = try local.exportDocument()
        for i in document.cases.indices {
            document.cases[i].account = i.isMultiple(of: 2) ? "Acme Ltd" : "Brightside"
            // What mail intake leaves on a case: an order id and a thread's Message-ID.
            document.cases[i].mailMarks = [
                MailMarkDocument(kind: "message-id", value: "n\(document.cases[i].id)@amazon.com"),
                MailMarkDocument(kind: "order", value: "111-0000000-\(1_000_000 + document.cases[i].id)"),
            ]
        }
        let database = try TestPostgresServer.shared().newDatabase("team")
        let owner = try await connect(database)
        try await owner.initialize()
        try await owner.importDocument(document)
        return (database, owner, document)
    }

    func connect(_ database: String, user: String = TestPostgresServer.superuser, password: String = TestPostgresServer.password)
        async throws -> PostgresStore
    {
        try await loggedIn(database, user: user, password: password)
    }

    /// A new login role with no other rights, as an agency's admin would create one for a staff member.
    func newRole(_ prefix: String) throws -> String {
        let role = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        try TestPostgresServer.shared().psql("CREATE ROLE \(role) LOGIN PASSWORD '\(staffPassword)'")
        return role
    }

    /// How many rows of `table` belong to cases of `account`, counted by the superuser.
    func rows(_ table: String, account: String, _ database: String) throws -> Int {
        let sql = table == "suspension_case"
            ? "SELECT count(*) FROM suspension_case WHERE account = '\(account)'"
            : "SELECT count(*) FROM \(table) x JOIN suspension_case c ON c.id = x.case_id WHERE c.account = '\(account)'"
        return Int(try TestPostgresServer.shared().psql(sql, database: database).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    // MARK: - Seeing

    @Test func aGrantedRoleSeesItsAccountAndNothingOfAnother() async throws {
        let server = try TestPostgresServer.shared()
        let (database, owner, document) = try await teamStore()
        let alice = try newRole("alice")
        let outcome = try await owner.grantAccount(role: alice, account: "Acme Ltd")
        #expect(outcome == TeamGrantOutcome(isNew: true, cases: 6))

        // Through Reinstate: the export holds Acme's cases, whole, and nothing of Brightside's.
        let staff = try await connect(database, user: alice, password: staffPassword)
        let seen = try await staff.exportDocument()
        #expect(seen.cases.map(\.id) == document.cases.filter { $0.account == "Acme Ltd" }.map(\.id))
        #expect(seen.cases == document.cases.filter { $0.account == "Acme Ltd" })
        #expect(try await staff.caseTotal() == 6)
        let brightside = try #require(document.cases.first { $0.account == "Brightside" })
        await #expect(throws: StoreError.notFound(what: "Case \(brightside.id)")) { try await staff.caseDocument(brightside.id) }
        await staff.close()

        // Through plain SQL with alice's own login: each table of case data shows Acme's rows only.
        let acmeIDs = Set(document.cases.filter { $0.account == "Acme Ltd" }.map { String($0.id) })
        for table in Self.caseTables {
            let acme = try rows(table, account: "Acme Ltd", database)
            #expect(try rows(table, account: "Brightside", database) > 0, "no Brightside rows in \(table) to hide")
            #expect(acme > 0, "no Acme rows in \(table)")
            let everything = try server.psql("SELECT * FROM \(table)", database: database, user: alice, password: staffPassword)
            #expect(!everything.isEmpty)
            let count = try server.psql("SELECT count(*) FROM \(table)", database: database, user: alice, password: staffPassword)
            #expect(count == "\(acme)\n", "\(table)")
            let caseColumn = table == "suspension_case" ? "id" : "case_id"
            let cases = Set(lines(try server.psql(
                "SELECT DISTINCT \(caseColumn) FROM \(table)", database: database, user: alice, password: staffPassword)))
            #expect(cases.isSubset(of: acmeIDs), "\(table): \(cases.subtracting(acmeIDs))")
        }
        #expect(
            try server.psql("SELECT DISTINCT account FROM suspension_case", database: database, user: alice, password: staffPassword)
                == "Acme Ltd\n")

        // A role granted nothing reads nothing: it has no privileges on the tables at all.
        let carol = try newRole("carol")
        #expect(throws: TestServerError.self) {
            try server.psql("SELECT count(*) FROM message", database: database, user: carol, password: staffPassword)
        }
        await owner.close()
    }

    @Test func aGrantedRoleChangesItsAccountsCasesOnly() async throws {
        let server = try TestPostgresServer.shared()
        let (database, owner, document) = try await teamStore()
        let alice = try newRole("alice")
        try await owner.grantAccount(role: alice, account: "Acme Ltd")
        let acme = try #require(document.cases.first { $0.account == "Acme Ltd" })
        let brightside = try #require(document.cases.first { $0.account == "Brightside" })
        func asAlice(_ sql: String) throws -> String {
            try server.psql(sql, database: database, user: alice, password: staffPassword)
        }
        // A note on an Acme case: the identity column gives it an id without any right on its sequence.
        let id = try asAlice("INSERT INTO note (case_id, created_at, text) VALUES (\(acme.id), now(), 'called') RETURNING id")
        #expect(Int(id.trimmingCharacters(in: .whitespacesAndNewlines)) != nil)
        // Not on a Brightside case, nor moving an Acme case to Brightside, nor touching Brightside's.
        #expect(throws: TestServerError.self) {
            try asAlice("INSERT INTO note (case_id, created_at, text) VALUES (\(brightside.id), now(), 'x')")
        }
        #expect(throws: TestServerError.self) {
            try asAlice("UPDATE suspension_case SET account = 'Brightside' WHERE id = \(acme.id)")
        }
        #expect(try asAlice("UPDATE suspension_case SET status = 'closed' WHERE account = 'Brightside' RETURNING id") == "")
        #expect(try asAlice("DELETE FROM message WHERE case_id = \(brightside.id) RETURNING id") == "")
        #expect(try rows("message", account: "Brightside", database) > 0)
        #expect(try server.psql("SELECT status FROM suspension_case WHERE id = \(brightside.id)", database: database)
            == "\(brightside.status)\n")
        await owner.close()
    }

    // MARK: - No way around it

    @Test func staffCannotTurnRowSecurityOffNorGrantThemselves() async throws {
        let server = try TestPostgresServer.shared()
        let (database, owner, _) = try await teamStore()
        let alice = try newRole("alice")
        let bob = try newRole("bob")
        try await owner.grantAccount(role: alice, account: "Acme Ltd")
        try await owner.grantAccount(role: bob, account: "Brightside")
        func asAlice(_ sql: String) throws -> String {
            try server.psql(sql, database: database, user: alice, password: staffPassword)
        }
        for sql in [
            "ALTER TABLE suspension_case DISABLE ROW LEVEL SECURITY",
            "ALTER TABLE message NO FORCE ROW LEVEL SECURITY",
            "DROP POLICY suspension_case_granted ON suspension_case",
            "ALTER POLICY team_grant_own_rows ON team_grant USING (true)",
            "INSERT INTO team_grant (role_name, account) VALUES (current_user, 'Brightside')",
            "UPDATE team_grant SET account = 'Brightside'",
            "ALTER ROLE \(alice) BYPASSRLS",
        ] {
            do {
                _ = try asAlice(sql)
                Issue.record("alice could run: \(sql)")
            } catch {
                // Refused for want of rights (not, say, for a typo in the test's SQL).
                let text = "\(error)"
                #expect(text.contains("must be") || text.contains("permission denied"), "\(sql): \(text)")
            }
        }
        // Asking for row security to be off does not show more: PostgreSQL refuses the query instead.
        #expect(throws: TestServerError.self) { try asAlice("SET row_security = off; SELECT count(*) FROM suspension_case") }
        // Alice reads her own grant only, not bob's.
        #expect(try asAlice("SELECT role_name || '/' || account FROM team_grant") == "\(alice)/Acme Ltd\n")
        #expect(try asAlice("SELECT DISTINCT account FROM suspension_case") == "Acme Ltd\n")
        // Nor through Reinstate: only the owner grants.
        let staff = try await connect(database, user: alice, password: staffPassword)
        await #expect(throws: TeamAccessError.notOwner(
            what: "grant access", owner: TestPostgresServer.superuser, connectedAs: alice, address: staff.address.redacted)
        ) {
            try await staff.grantAccount(role: alice, account: "Brightside")
        }
        await #expect(throws: TeamAccessError.self) { try await staff.revokeAccount(role: bob, account: nil) }
        // She lists her own grant; the owner is named.
        #expect(try await staff.teamListing() == TeamListing(
            owner: TestPostgresServer.superuser, grants: [TeamGrant(role: alice, account: "Acme Ltd", roleExists: true, cases: 6)]))
        await staff.close()
        #expect(try server.psql("SELECT count(*) FROM team_grant", database: database) == "2\n")
        await owner.close()
    }

    // MARK: - Revoking

    @Test func revokingTakesAccessAway() async throws {
        let server = try TestPostgresServer.shared()
        let (database, owner, document) = try await teamStore()
        let alice = try newRole("alice")
        try await owner.grantAccount(role: alice, account: "Acme Ltd")
        try await owner.grantAccount(role: alice, account: "Brightside")
        let staff = try await connect(database, user: alice, password: staffPassword)
        #expect(try await staff.caseTotal() == document.cases.count)

        #expect(try await owner.revokeAccount(role: alice, account: "Acme Ltd") == ["Acme Ltd"])
        #expect(try await staff.exportDocument().cases.map(\.account) == Array(repeating: "Brightside", count: 6))
        #expect(try server.psql("SELECT DISTINCT account FROM suspension_case", database: database, user: alice, password: staffPassword)
            == "Brightside\n")

        // Revoking what is not granted says what is, and changes nothing.
        await #expect(throws: TeamAccessError.noSuchGrant(role: alice, account: "Acme Ltd", granted: ["Brightside"])) {
            try await owner.revokeAccount(role: alice, account: "Acme Ltd")
        }
        #expect(try await staff.caseTotal() == 6)

        // --all: the last grant gone, the privileges go too; nothing is readable any more.
        #expect(try await owner.revokeAccount(role: alice, account: nil) == ["Brightside"])
        await #expect(throws: PostgresStoreError.self) { try await staff.caseTotal() }
        #expect(throws: TestServerError.self) {
            try server.psql("SELECT count(*) FROM suspension_case", database: database, user: alice, password: staffPassword)
        }
        await staff.close()
        #expect(try server.psql("SELECT count(*) FROM team_grant", database: database) == "0\n")
        await owner.close()
    }

    // MARK: - Refusals

    @Test func grantsAreRefusedForRolesThatDoNotExistOrSeeEverything() async throws {
        let server = try TestPostgresServer.shared()
        let (database, owner, _) = try await teamStore()
        let name = owner.address.redacted
        await #expect(throws: TeamAccessError.unknownRole(role: "nobody_here", address: name)) {
            try await owner.grantAccount(role: "nobody_here", account: "Acme Ltd")
        }
        await #expect(throws: TeamAccessError.unknownRole(role: "nobody_here", address: name)) {
            try await owner.revokeAccount(role: "nobody_here", account: nil)
        }
        await #expect(throws: TeamAccessError.emptyAccount) { try await owner.grantAccount(role: "postgres", account: "") }
        await #expect(throws: TeamAccessError.seesEverything(role: "postgres", why: "a superuser")) {
            try await owner.grantAccount(role: "postgres", account: "Acme Ltd")
        }
        let bypass = try newRole("auditor")
        try server.psql("ALTER ROLE \(bypass) BYPASSRLS")
        await #expect(throws: TeamAccessError.seesEverything(role: bypass, why: "a role with BYPASSRLS")) {
            try await owner.grantAccount(role: bypass, account: "Acme Ltd")
        }
        #expect(try server.psql("SELECT count(*) FROM team_grant", database: database) == "0\n")

        // Granting twice is harmless: one grant, said as such.
        let alice = try newRole("alice")
        #expect(try await owner.grantAccount(role: alice, account: "Acme Ltd").isNew)
        #expect(try await owner.grantAccount(role: alice, account: "Acme Ltd") == TeamGrantOutcome(isNew: false, cases: 6))
        // An account without cases yet may be granted (its cases come later); a name with a quote is no injection.
        let odd = "o'hara \"co\"_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \"\(odd.replacingOccurrences(of: "\"", with: "\"\""))\" LOGIN")
        #expect(try await owner.grantAccount(role: odd, account: "New Client") == TeamGrantOutcome(isNew: true, cases: 0))
        let listing = try await owner.teamListing()
        #expect(listing.owner == "postgres")
        #expect(listing.grants.map { "\($0.role)/\($0.account)/\($0.cases)" }.sorted()
            == ["\(alice)/Acme Ltd/6", "\(odd)/New Client/0"].sorted())
        // A role dropped after its grant is listed as gone, and its grant can still be revoked.
        try await owner.revokeAccount(role: odd, account: nil)
        try server.psql("DROP ROLE \"\(odd.replacingOccurrences(of: "\"", with: "\"\""))\"")
        try server.psql("INSERT INTO team_grant (role_name, account) VALUES ('gone_role', 'Acme Ltd')", database: database)
        #expect(try await owner.teamListing().grants.first { $0.role == "gone_role" }?.roleExists == false)
        #expect(try await owner.revokeAccount(role: "gone_role", account: "Acme Ltd") == ["Acme Ltd"])
        await owner.close()
    }

    @Test func everyTableOfCaseDataHasRowSecurityForced() async throws {
        let server = try TestPostgresServer.shared()
        let (database, owner, _) = try await teamStore()
        await owner.close()
        let applied = lines(try server.psql(
            "SELECT identifier FROM reinstate_migration ORDER BY applied_at, identifier", database: database))
        #expect(applied.first == "v1")
        #expect(applied.last == "v8-mail-intake")
        // Every table that holds case data (the cases, and any table with a case_id: a table a later
        // migration adds too) has row security on and forced, and so do the grants.
        let caseData = Set(lines(try server.psql(
            """
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = 'public' AND (column_name = 'case_id' OR table_name = 'suspension_case')
            """, database: database)))
        #expect(caseData == Set(Self.caseTables))
        let forced = Set(lines(try server.psql(
            "SELECT relname FROM pg_class WHERE relrowsecurity AND relforcerowsecurity AND relkind = 'r'", database: database)))
        #expect(forced == caseData.union(["team_grant"]))
    }

    @Test func aStoreWithCasesIsUpgradedToTeamAccess() async throws {
        let server = try TestPostgresServer.shared()
        let (database, owner, document) = try await teamStore()
        // The store as the first Reinstate left it: no grants table, no row security, no record of v3.
        var undo = ["DROP TABLE team_grant CASCADE", "DROP INDEX suspension_case_account",
                    "DELETE FROM reinstate_migration WHERE identifier = 'v3-team-access'"]
        for table in Self.caseTables {
            undo.append("DROP POLICY IF EXISTS \(table)_owner ON \(table)")
            undo.append("DROP POLICY IF EXISTS \(table)_granted ON \(table)")
            undo.append("ALTER TABLE \(table) NO FORCE ROW LEVEL SECURITY")
            undo.append("ALTER TABLE \(table) DISABLE ROW LEVEL SECURITY")
        }
        try server.psql(undo.joined(separator: "; "), database: database)
        #expect(try server.psql("SELECT count(*) FROM pg_policy", database: database) == "0\n")
        #expect(try await owner.initialize() == .upgraded)
        #expect(try await owner.exportDocument() == document)
        let alice = try newRole("alice")
        try await owner.grantAccount(role: alice, account: "Brightside")
        let staff = try await connect(database, user: alice, password: staffPassword)
        #expect(try await staff.exportDocument().cases == document.cases.filter { $0.account == "Brightside" })
        await staff.close()
        await owner.close()
    }
}
