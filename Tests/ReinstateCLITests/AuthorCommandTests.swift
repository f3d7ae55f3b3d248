import Foundation
import PostgresTestSupport
import Testing

/// Who did what, as the commands record and show it (issue 17): the configuration's `author` wins over
/// `REINSTATE_AUTHOR`; without either a local file records the login name and a team store its role.
@Suite(.serialized) struct AuthorCommandTests {
    /// A case with a note, a message (which moves its status) and a waived request, each made by `author`
    /// (nil: REINSTATE_AUTHOR unset). Returns the case's `case show` and `case show --json`.
    func changes(_ cli: CLI, store: String? = nil, environment: [String: String] = [:]) throws -> (text: String, json: String) {
        let reply = cli.file("reply.txt", TeamCopy.reply)
        #expect(try cli(["case", "new", "--title", "Packaging"], store: store, environment: environment).status == 0)
        let id = "1"
        #expect(try cli(["note", "add", "--case", id, "Called Seller Support"], store: store, environment: environment).status == 0)
        #expect(try cli(["message", "add", "--case", id, reply], store: store, environment: environment).status == 0)
        let waived = try cli(["request", "waive", "1", "--reason", "asked by phone"], store: store, environment: environment)
        #expect(waived.status == 0, "\(waived.stderr)")
        let text = try cli(["case", "show", id], store: store, environment: environment)
        let json = try cli(["case", "show", id, "--json"], store: store, environment: environment)
        return (text.stdout, json.stdout)
    }

    @Test func theConfigurationsAuthorWinsAndIsShownEverywhere() throws {
        let cli = CLI()
        defer { cli.remove() }
        let config = cli.folder + "/config"
        try FileManager.default.createDirectory(atPath: config + "/reinstate", withIntermediateDirectories: true)
        try "author = Dana Kim\n".write(toFile: config + "/reinstate/config", atomically: true, encoding: .utf8)
        let (text, json) = try changes(cli, environment: ["XDG_CONFIG_HOME": config, "REINSTATE_AUTHOR": "someone else"])
        #expect(text.contains("(added by Dana Kim)"), "\(text)")
        #expect(text.contains("(added by Dana Kim)"))
        #expect(text.contains("set by Dana Kim 2026-11-22 09:00"))
        #expect(text.contains("Dana Kim:  Called Seller Support"))
        #expect(!text.contains("someone else"))
                #expect(json.contains("\"addedBy\" : \"Dana Kim\""))
        #expect(json.contains("\"author\" : \"Dana Kim\""))
        #expect(json.contains("\"stateSetBy\" : \"Dana Kim\""))
        let env = ["XDG_CONFIG_HOME": config]
        let closed = try cli(["case", "status", "1", "closed", "--yes"], environment: env)
        #expect(closed.stdout.hasPrefix("Case 1 is now closed (was open).\n"), "\(closed.stderr)")
        #expect(try cli(["case", "status", "1", "closed", "--yes"], environment: env).stdout == "Case 1 is already closed.\n")
        #expect(try cli(["case", "show", "1"], environment: env).stdout.contains("Status:       closed by Dana Kim"))
        let markdown = try cli(["export", "--case", "1", "--format", "markdown"], environment: ["XDG_CONFIG_HOME": config])
        #expect(markdown.stdout.contains("- **Status:** closed by Dana Kim"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("**Added by:** Dana Kim"))
        #expect(markdown.stdout.contains("  - Set by: Dana Kim"))
        let html = try cli(["export", "--case", "1", "--format", "html"], environment: ["XDG_CONFIG_HOME": config])
        #expect(html.stdout.contains("Set by: Dana Kim"))
        // A redacted export leaves every author out.
        let redacted = try cli(["export", "--case", "1", "--format", "json", "--redact"], environment: ["XDG_CONFIG_HOME": config])
        #expect(redacted.status == 0, "\(redacted.stderr)")
        #expect(!redacted.stdout.contains("Dana Kim"))
    }

    @Test func withoutAConfiguredAuthorTheLocalFileRecordsTheLoginName() throws {
        let cli = CLI()
        defer { cli.remove() }
        let login = (getpwuid(geteuid())?.pointee.pw_name).map { String(cString: $0) } ?? ""
        #expect(!login.isEmpty)
        let (text, _) = try changes(cli, environment: ["REINSTATE_AUTHOR": ""])
        #expect(text.contains("(added by \(login))"), "\(text)")
        #expect(text.contains("\(login):  Called Seller Support"))
    }

    @Test(.enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
    func withoutAConfiguredAuthorATeamStoreRecordsTheRole() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let url = server.url(database: try server.newDatabase())
        #expect(try cli(["store", "init", url]).status == 0)
        let (text, json) = try changes(cli, store: url, environment: ["REINSTATE_AUTHOR": ""])
        #expect(text.contains("(added by \(TestPostgresServer.superuser))"), "\(text)")
        #expect(text.contains("set by \(TestPostgresServer.superuser) 2026-11-22 09:00"))
        #expect(json.contains("\"addedBy\" : \"\(TestPostgresServer.superuser)\""))
    }
}
