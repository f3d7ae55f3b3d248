import Foundation
import PostgresTestSupport
import Testing

/// `reinstate team grant|revoke|list` against a real, throwaway PostgreSQL server, as an agency's owner
/// and a staff member would run them. Skipped (with the reason) where PostgreSQL is not installed.
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct TeamCommandTests {
    @Test func theOwnerGrantsAndRevokesAndStaffSeeOnlyTheirClients() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        let url = server.url(database: database)
        #expect(try cli(["demo", "--cases", "20", "--seed", "3"]).status == 0)
        #expect(try cli(["store", "copy", cli.store, url]).status == 0)
        let account = try server.psql("SELECT account FROM suspension_case WHERE id = 1", database: database)
            .trimmingCharacters(in: .newlines)
        let theirs = Int(try server.psql("SELECT count(*) FROM suspension_case WHERE account = '\(account)'", database: database)
            .trimmingCharacters(in: .newlines))!
        #expect(theirs < 20, "the demo has one account only")
        let role = "dana_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \(role) LOGIN PASSWORD 'dana-pw'")
        let staffURL = server.url(database: database, user: role, password: "dana-pw")

        // Before any grant: dana reads nothing.
        let before = try cli(["export", "--all", "--format", "json"], store: staffURL)
        #expect(before.status == 2)
        #expect(before.stderr.contains("no right to read"), "\(before.stderr)")
        #expect(before.stderr.contains("reinstate team grant ROLE --account NAME"), "\(before.stderr)")
        #expect(before.stderr.split(separator: "\n").count == 1)
        #expect(!before.stderr.contains("dana-pw"))

        let granted = try cli(["team", "grant", role, "--account", account], store: url)
        #expect(granted.status == 0, "\(granted.stderr)")
        #expect(granted.stdout == "\(role) now sees the account \"\(account)\" (\(theirs) case\(theirs == 1 ? "" : "s") in the store).\n")
        let again = try cli(["team", "grant", role, "--account", account], store: url)
        #expect(again.status == 0)
        #expect(again.stdout.contains("already sees the account"))

        // Dana's export: her client's cases, nothing else.
        let seen = try cli(["export", "--all", "--format", "json"], store: staffURL)
        #expect(seen.status == 0, "\(seen.stderr)")
        let object = try JSONSerialization.jsonObject(with: seen.stdoutData) as? [String: Any]
        let cases = try #require(object?["cases"] as? [[String: Any]])
        #expect(cases.count == theirs)
        #expect(cases.allSatisfy { $0["account"] as? String == account })

        // The list: the owner first, then the grant; as JSON for scripts.
        let list = try cli(["team", "list"], store: url)
        #expect(list.status == 0, "\(list.stderr)")
        let rows = list.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(rows.first == "ROLE ACCOUNT CASES")
        #expect(rows.count == 3)
        #expect(rows[1] == "postgres (every account: the owner)")
        #expect(rows[2] == "\(role) \(account) \(theirs)")
        let json = try cli(["team", "list", "--json"], store: url)
        let listing = try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any]
        #expect(listing?["owner"] as? String == "postgres")
        let grants = try #require(listing?["grants"] as? [[String: Any]])
        #expect(grants.count == 1)
        #expect(grants.first?["role"] as? String == role && grants.first?["account"] as? String == account)

        // Dana cannot put a case under another client's account, by a new case or an edit, in one line.
        let caseID = try server.psql("SELECT min(id) FROM suspension_case WHERE account = '\(account)'", database: database)
            .trimmingCharacters(in: .newlines)
        for args in [["case", "new", "--title", "Theirs", "--account", "Someone Else"], ["case", "edit", caseID, "--account", "Someone Else"]] {
            let refused = try cli(args, store: staffURL)
            #expect(refused.status == 2, "\(args)")
            #expect(refused.stderr.contains("only of the client accounts it was given"), "\(args): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1)
        }
        #expect(try server.psql("SELECT count(*) FROM suspension_case WHERE account = 'Someone Else'", database: database)
            .trimmingCharacters(in: .newlines) == "0")

        // Dana cannot grant herself more, in one line.
        let self_ = try cli(["team", "grant", role, "--account", "Someone Else"], store: staffURL)
        #expect(self_.status == 2)
        #expect(self_.stderr.hasPrefix("reinstate: Only the store's owner (postgres) can grant access on postgresql://\(role)@"))
        #expect(self_.stderr.hasSuffix("; you are connected as \(role). Nothing was changed.\n"))
        #expect(self_.stderr.split(separator: "\n").count == 1)
        #expect(!self_.stderr.contains("dana-pw"))

        // Revoked: she reads nothing again.
        let revoked = try cli(["team", "revoke", role, "--account", account], store: url)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout == "\(role) no longer sees the account \"\(account)\".\n")
        #expect(try cli(["export", "--all", "--format", "json"], store: staffURL).status == 2)
        let twice = try cli(["team", "revoke", role, "--account", account], store: url)
        #expect(twice.status == 2)
        #expect(twice.stderr == "reinstate: \"\(role)\" was not granted the account \"\(account)\" (it has no grant). Nothing was changed.\n")
        let empty = try cli(["team", "list"], store: url)
        #expect(empty.stdout.contains("No grants yet"))
    }

    @Test func badInputGetsOneLineAndChangesNothing() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        let url = server.url(database: database)
        #expect(try cli(["store", "init", url]).stdout.contains("Its owner is the role postgres"))

        let unknown = try cli(["team", "grant", "no_such_role", "--account", "Acme"], store: url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("There is no database role \"no_such_role\""))
        #expect(unknown.stderr.split(separator: "\n").count == 1)
        #expect(!unknown.stderr.contains(TestPostgresServer.password))
        #expect(try server.psql("SELECT count(*) FROM team_grant", database: database) == "0\n")

        // A group role (no LOGIN) may be granted, with a note that its members are not covered.
        let group = "agency_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \(group) NOLOGIN")
        let grouped = try cli(["team", "grant", group, "--account", "Acme"], store: url)
        #expect(grouped.status == 0, "\(grouped.stderr)")
        #expect(grouped.stdout == "\(group) now sees the account \"Acme\" (0 cases in the store).\n")
        #expect(grouped.stderr.contains("note: \(group) cannot log in"))

        // A local store file has no team.
        #expect(try cli(["demo", "--cases", "2", "--seed", "1"]).status == 0)
        let local = try cli(["team", "list"])
        #expect(local.status == 2)
        #expect(local.stderr.contains("Teams are a team-store feature"))
        #expect(local.stderr.split(separator: "\n").count == 1)

        // Neither or both of --account and --all: a usage error.
        #expect(try cli(["team", "revoke", "x"], store: url).status == 64)
        #expect(try cli(["team", "revoke", "x", "--all", "--account", "A"], store: url).status == 64)

        for command in ["grant", "revoke", "list"] {
            let help = try cli(["team", command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: reinstate team \(command)"), "\(help.stdout)")
        }
        #expect(try cli(["team", "--help"]).stdout.contains("row-level security"))
    }
}
