import Foundation
import PostgresTestSupport
import Testing

/// `mail import`, `mail held` and `mail file` on a team store: the same output on both streams, the same
/// exit status and, after, the same store (`export --all --format json`) as on the local file it was
/// copied from. Against a real, throwaway PostgreSQL server; skipped (with the reason) without one.
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct TeamMailCommandTests {
    /// An mbox: a notice, its reply, the notice again (a duplicate), a notice that names no account and no
    /// order of a case (held),
    /// a message failing Amazon's authentication (held with a warning) and a newsletter (not from Amazon).
    static func mbox() -> String {
        let anonymous = MailCommandTests.notice(id: "n2@amazon.com", date: "Wed, 18 Nov 2026 08:00:00 +0000")
            .replacingOccurrences(of: "Hello Blue Harbor Goods LLC,", with: "Hello,")
            .replacingOccurrences(of: "To: ops@blueharbor.example", with: "To: someone@elsewhere.example")
            .replacingOccurrences(of: "111-2223334-4445556", with: "111-9998887-7776665")
        let messages = [
            MailCommandTests.notice(), MailCommandTests.reply, MailCommandTests.notice(), anonymous, MailCommandTests.forged,
            MailCommandTests.newsletter,
        ]
        return messages.map { "From MAILER-DAEMON Thu Nov 19 10:00:00 2026\n" + $0 + "\n" }.joined()
    }

    @Test func mailIntakeDoesTheSameOnATeamStore() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["case", "new", "--title", "Late shipments", "--account", "Acme", "--reason", "late-shipment-rate"]).status == 0)
        let team = try TeamCopy(copyOf: cli)
        let url = team.url
        let box = cli.file("inbox.mbox", Self.mbox())

        let dry = try team.same(["mail", "import", box, "--dry-run", "--json"])
        #expect(dry.stderr.contains("dry run, nothing was written"), "\(dry.stderr)")
        let imported = try team.same(["mail", "import", box])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("new case #2") && imported.stdout.contains("added to #2"), "\(imported.stdout)")
        #expect(imported.stdout.contains("held (#1)") && imported.stdout.contains("held (#2)"), "\(imported.stdout)")
        #expect(
            imported.stderr.contains(
                "6 messages: 1 added to existing cases, 1 opened new cases, 2 held, 1 already imported, 1 not from Amazon."),
            "\(imported.stderr)")
        #expect(try team.same(["mail", "import", box, "--json"]).stdout.components(separatedBy: "\"duplicate\"").count == 6)

        #expect(try team.same(["mail", "held"]).stdout.contains("Verify your account"))
        _ = try team.same(["mail", "held", "--json"])
        #expect(try team.same(["mail", "held", "--show", "1"]).stdout.contains("Held because:"))
        // Refusals: one line, exit status 2, the same words, nothing changed.
        for bad in [["mail", "held", "--show", "99"], ["mail", "file", "99", "--case", "1"], ["mail", "file", "1", "--case", "999"]] {
            let refused = try team.same(bad)
            #expect(refused.status == 2, "\(bad)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(bad): \(refused.stderr)")
        }
        #expect(try team.same(["mail", "file", "2"]).status == 64)  // neither --case nor --new
        let filed = try team.same(["mail", "file", "1", "--new"])
        #expect(filed.status == 0, "\(filed.stderr)")
        #expect(filed.stderr.contains("into new case #3"), "\(filed.stderr)")
        #expect(try team.same(["mail", "file", "1", "--case", "2"]).status == 2)  // filed already
        _ = try team.same(["mail", "held"])
        for args in [["case", "show", "2"], ["case", "show", "3", "--json"], ["case", "list"], ["due", "--within", "60"]] {
            _ = try team.same(args)
        }

        let document = try team.sameStore()
        // --read-only: the team store is not changed.
        let readOnly = try cli(["--read-only", "mail", "file", "2", "--case", "1"], store: url)
        #expect(readOnly.status == 2)
        #expect(readOnly.stderr.contains("read-only"), "\(readOnly.stderr)")
        #expect(try cli(["export", "--all", "--format", "json"], store: url).stdoutData == document)
    }

    /// A staff role imports as the owner does (what a colleague imported is not stored again), and is told
    /// in one line that held mail is the owner's.
    @Test func aStaffRoleIsToldHeldMailIsTheOwners() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        let url = server.url(database: database)
        #expect(try cli(["store", "init", url]).status == 0)
        let box = cli.file("inbox.mbox", Self.mbox())
        #expect(try cli(["mail", "import", box], store: url).status == 0)
        let role = "mail_dana_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \(role) LOGIN PASSWORD 'dana-pw'")
        #expect(try cli(["team", "grant", role, "--account", "Blue Harbor Goods LLC"], store: url).status == 0)
        let staffURL = server.url(database: database, user: role, password: "dana-pw")

        let again = try cli(["mail", "import", box], store: staffURL)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("0 added to existing cases, 0 opened new cases, 0 held, 5 already imported"), "\(again.stderr)")
        for args in [["mail", "held"], ["mail", "held", "--show", "1"], ["mail", "file", "1", "--case", "2"]] {
            let refused = try cli(args, store: staffURL)
            #expect(refused.status == 2, "\(args)")
            #expect(refused.stderr.contains("only the store's owner (postgres) sees and files it; you are connected as \(role)"), "\(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
            #expect(!refused.stderr.contains("dana-pw"))
        }
        #expect(try cli(["mail", "held"], store: url).stdout.contains("Verify your account"))
    }
}
