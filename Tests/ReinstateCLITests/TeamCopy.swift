import Foundation
import PostgresTestSupport
import Testing

/// A local store of demo cases and its copy on a throwaway team store: the fixture of every test that
/// runs a command on both and compares what it printed (issue 17: "the same as on a local file").
struct TeamCopy {
    let cli: CLI
    /// The team store's URL (a new database on the shared test server).
    let url: String
    /// That database's name, for `psql` (nil when the test made the team store itself).
    let database: String?

    /// Fills the local store with `cases` demo cases and copies it to a new database.
    init(_ cli: CLI, cases: Int = 5, seed: Int = 3) throws {
        #expect(try cli(["demo", "--cases", "\(cases)", "--seed", "\(seed)"]).status == 0)
        try self.init(copyOf: cli)
    }

    /// A local store and a team store made by the test itself.
    init(cli: CLI, url: String) {
        self.cli = cli
        self.url = url
        database = nil
    }

    /// Copies the local store as it is now to a new database.
    init(copyOf cli: CLI) throws {
        self.cli = cli
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        self.database = database
        url = server.url(database: database)
        #expect(try cli(["store", "copy", cli.store, url]).status == 0)
    }

    /// Runs the command on the local store, then on the team store, and expects the same exit status,
    /// standard output and standard error. Returns the local run.
    @discardableResult
    func same(_ args: [String], environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> CLI.Result
    {
        let local = try cli(args, environment: environment)
        let team = try cli(args, store: url, environment: environment)
        #expect(team.status == local.status, "\(args): \(team.stderr)", sourceLocation: sourceLocation)
        #expect(team.stdoutData == local.stdoutData, "\(args)", sourceLocation: sourceLocation)
        #expect(team.stderr == local.stderr, "\(args)", sourceLocation: sourceLocation)
        return local
    }

    /// Expects both stores to hold the same, byte for byte (`export --all --format json`); returns the
    /// local store's document. `path`: another local store than the test's.
    @discardableResult
    func sameStore(local path: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        let local = try cli(["export", "--all", "--format", "json"], store: path)
        let team = try cli(["export", "--all", "--format", "json"], store: url)
        #expect(local.status == 0 && team.status == 0, "\(team.stderr)", sourceLocation: sourceLocation)
        #expect(!local.stdoutData.isEmpty, sourceLocation: sourceLocation)
        #expect(team.stdoutData == local.stdoutData, sourceLocation: sourceLocation)
        return local.stdoutData
    }

    /// `reply.txt` in the test's folder: Amazon asking for two details within 17 days.
    func replyFile() -> String { cli.file("reply.txt", Self.reply) }
    /// `plan.txt` in the test's folder: a plan answering that reply.
    func planFile() -> String { cli.file("plan.txt", Self.plan) }

    /// An invented reply of Seller Performance asking for two details within 17 days.
    static let reply = """
        Subject: Re: Your Amazon.com selling privileges

        Hello,

        We need more information before we can reinstate your account. Please send the following within 17 days:

        - Invoices from your supplier covering the last 365 days
        - A letter of authorization from the brand owner

        Seller Performance Team
        """

    /// An invented plan of action answering `reply`.
    static let plan = """
        Root cause: we sold items bought from a distributor without invoices from the supplier.
        Actions taken: we attached invoices from our supplier covering the last 365 days.
        Preventive steps: every new supplier is checked by our compliance lead.
        """
}
