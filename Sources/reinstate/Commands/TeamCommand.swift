import ArgumentParser
import Foundation
import ReinstateCore
import ReinstatePostgres

/// `reinstate team …`: who in an agency sees which client's cases, on a PostgreSQL team store.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Give database roles access to one client account's cases each, on a PostgreSQL team store.",
        discussion: """
            On a team store (--store postgresql://… or $REINSTATE_STORE) each staff member logs in with their \
            own database role and sees only the accounts granted to it, whether through Reinstate or through \
            psql: PostgreSQL enforces it with row-level security on every table of case data. The store's owner \
            (the role that ran `reinstate store init`, which owns the tables) sees every account and is the \
            only one who may grant and revoke. Create the roles first (CREATE ROLE alice LOGIN PASSWORD …); \
            a superuser or a BYPASSRLS role sees everything whatever it is granted and is refused. A grant names \
            one role exactly: members of a granted group role are not covered. A local store file has no team.
            """,
        subcommands: [Grant.self, Revoke.self, List.self])

    /// The team store named by --store or $REINSTATE_STORE, or the one line saying a file has no team.
    static func connect(_ options: StoreOptions) async throws -> PostgresStore {
        let path = options.path
        guard PostgresAddress.isURL(path) else {
            throw CLIError(
                "Teams are a team-store feature: \(path) is a local store file, which only you use; "
                    + "give --store postgresql://… (or $REINSTATE_STORE) to grant access on a PostgreSQL store.")
        }
        return try await PostgresOpening.connect(path)
    }

    /// Runs `body` on the connected team store, and closes it whatever happens.
    static func withStore(_ options: StoreOptions, _ body: (PostgresStore) async throws -> Void) async throws {
        try await connect(options).closing(body)
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

extension TeamCommand {
    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant",
            abstract: "Let a database role see and change one account's cases.",
            discussion: """
                ROLE must exist on the server already. It gets the privileges it needs on the store's tables; \
                the rows it reaches are those of the accounts granted to it. Granting again changes nothing. \
                Only the store's owner may grant. Example: reinstate team grant alice --account "Acme Ltd"
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: ArgumentHelp("The database role (a login of a staff member).", valueName: "role")) var role: String
        @Option(help: ArgumentHelp("The account whose cases the role may see, as the cases name it.", valueName: "name"))
        var account: String

        func run() async throws {
            try await reporting {
                try await TeamCommand.withStore(options) { store in
                    let outcome = try await store.grantAccount(role: role, account: account)
                    let cases = TeamCommand.plural(outcome.cases, "case")
                    if outcome.isNew {
                        Output.line("\(role) now sees the account \"\(account)\" (\(cases) in the store).")
                    } else {
                        Output.line("\(role) already sees the account \"\(account)\" (\(cases)); nothing was changed.")
                    }
                    if !outcome.canLogIn {
                        printError(
                            "note: \(role) cannot log in; the grant covers sessions running as \(role) (SET ROLE), "
                                + "not its members' own logins. Grant each staff member's login role instead.")
                    }
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Take one account (or, with --all, every account) away from a database role.",
            discussion: """
                The role stops seeing the account's cases at once, in Reinstate and in psql. When it has no \
                grant left, its privileges on the store's tables are revoked too. Revoking what was not granted \
                says what the role does see and changes nothing (exit status 2). Only the store's owner may revoke.
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: ArgumentHelp("The database role.", valueName: "role")) var role: String
        @Option(help: ArgumentHelp("The account to take away.", valueName: "name")) var account: String?
        @Flag(help: "Take every account away from the role.") var all = false

        func validate() throws {
            if all == (account != nil) { throw ValidationError("Give either --account NAME or --all.") }
        }

        func run() async throws {
            try await reporting {
                try await TeamCommand.withStore(options) { store in
                    let removed = try await store.revokeAccount(role: role, account: all ? nil : account)
                    let names = removed.map { "\"\($0)\"" }.joined(separator: ", ")
                    Output.line("\(role) no longer sees the account\(removed.count == 1 ? "" : "s") \(names).")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Show who sees which accounts: the owner (every account), then each grant.",
            discussion: """
                The owner sees every grant; a staff member sees their own. --json prints \
                {"owner": …, "grants": [{"role", "account", "cases", "roleExists"}]}.
                """)

        @OptionGroup var options: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await reporting {
                try await TeamCommand.withStore(options) { store in
                    let listing = try await store.teamListing()
                    if json {
                        try Output.json(listing)
                        return
                    }
                    var rows = [["ROLE", "ACCOUNT", "CASES"], [listing.owner, "(every account: the owner)", ""]]
                    for grant in listing.grants {
                        rows.append([
                            TerminalSafe.singleLine(grant.role) + (grant.roleExists ? "" : " (role no longer exists)"),
                            TerminalSafe.singleLine(grant.account), String(grant.cases),
                        ])
                    }
                    Output.table(rows)
                    if listing.grants.isEmpty {
                        Output.line("No grants yet: only the owner sees cases. Give one with: reinstate team grant ROLE --account NAME")
                    }
                }
            }
        }
    }
}
