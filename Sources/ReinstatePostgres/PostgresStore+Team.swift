import Foundation
import PostgresNIO
import ReinstateCore

/// Who sees which client: `reinstate team grant|revoke|list`. The rules themselves are PostgreSQL's
/// (row-level security, migration "v3-team-access"); this records the grants in `team_grant` and gives a
/// granted role the table privileges the policies then narrow down. Only the store's owner (the role
/// that owns its tables: the one that ran `store init`) may grant or revoke.
extension PostgresStore {
    /// The role that owns the store's tables, and whether the connected role acts as it (is it, inherits
    /// its rights, or is a superuser).
    public func teamOwner() async throws -> (owner: String, connectedAs: String, isOwner: Bool) {
        try await requireCurrent()
        return try await reading { connection in
            let rows = try await connection.query(
                """
                SELECT pg_catalog.pg_get_userbyid(c.relowner)::text, current_user::text,
                    pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE')
                FROM pg_catalog.pg_class c WHERE c.oid = 'suspension_case'::regclass
                """, logger: logger)
            for try await (owner, user, isOwner) in rows.decode((String, String, Bool).self) {
                return (owner, user, isOwner)
            }
            throw PostgresStoreError.notInitialized(address: address.redacted)
        }
    }

    /// Lets `role` see and change the cases of `account`. Granting what is granted already changes
    /// nothing (the table privileges are given again, which repairs them if someone took them away).
    @discardableResult
    public func grantAccount(role: String, account: String) async throws -> TeamGrantOutcome {
        guard !account.isEmpty else { throw TeamAccessError.emptyAccount }
        try await requireOwner(to: "grant access")
        // Checked first, by reading only (and thrown out here: `reading` says every error as the server's).
        let name = address.redacted
        if let refusal = try await reading({ try await Self.refusal(granting: role, $0, address: name, logger: logger) }) {
            throw refusal
        }
        return try await transaction { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO team_grant (role_name, account) VALUES (\(role), \(account))
                ON CONFLICT (role_name, account) DO NOTHING RETURNING 1
                """, logger: logger)
            var isNew = false
            for try await _ in inserted { isNew = true }
            let quoted = Self.quoteIdentifier(role)
            let tables = PostgresSchema.caseTables.joined(separator: ", ")
            try await connection.query(
                PostgresQuery(unsafeSQL: "GRANT SELECT, INSERT, UPDATE, DELETE ON \(tables) TO \(quoted)"), logger: logger)
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: "GRANT SELECT ON \(PostgresSchema.migrationTable), \(PostgresSchema.grantTable) TO \(quoted)"),
                logger: logger)
            let cases = try await Self.caseCount(account: account, connection, logger: logger)
            let canLogIn = try await Self.canLogIn(role, connection, logger: logger)
            return TeamGrantOutcome(isNew: isNew, cases: cases, canLogIn: canLogIn)
        }
    }

    /// Takes `account` away from `role` (or every account, when `account` is nil). When the role has no
    /// grant left, its privileges on the store's tables go too. Revoking what was not granted is an
    /// error that says what the role does see; nothing is changed then.
    @discardableResult
    public func revokeAccount(role: String, account: String?) async throws -> [String] {
        try await requireOwner(to: "revoke access")
        // What was removed, or (nothing removed, so nothing changed) whether the role exists and what
        // it is granted, for the refusal said after the transaction.
        let (removed, exists, left) = try await transaction { connection -> ([String], Bool, [String]) in
            let deleted: PostgresRowSequence
            if let account {
                deleted = try await connection.query(
                    "DELETE FROM team_grant WHERE role_name = \(role) AND account = \(account) RETURNING account",
                    logger: logger)
            } else {
                deleted = try await connection.query(
                    "DELETE FROM team_grant WHERE role_name = \(role) RETURNING account", logger: logger)
            }
            var removed: [String] = []
            for try await account in deleted.decode(String.self) { removed.append(account) }
            let exists = try await Self.roleExists(role, connection, logger: logger)
            let left = try await Self.accounts(of: role, connection, logger: logger)
            if !removed.isEmpty, left.isEmpty, exists {
                let quoted = Self.quoteIdentifier(role)
                let tables = (PostgresSchema.caseTables + [PostgresSchema.migrationTable, PostgresSchema.grantTable])
                    .joined(separator: ", ")
                try await connection.query(PostgresQuery(unsafeSQL: "REVOKE ALL ON \(tables) FROM \(quoted)"), logger: logger)
            }
            return (removed, exists, left)
        }
        guard !removed.isEmpty else {
            guard exists else { throw TeamAccessError.unknownRole(role: role, address: address.redacted) }
            throw TeamAccessError.noSuchGrant(role: role, account: account, granted: left)
        }
        return removed.sorted()
    }

    /// Who sees what: the owner, and every grant the connected role may read (the owner reads all of
    /// them, a staff role its own).
    public func teamListing() async throws -> TeamListing {
        let (owner, _, _) = try await teamOwner()
        return try await reading { connection in
            let rows = try await connection.query(
                """
                SELECT g.role_name, g.account,
                    EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = g.role_name),
                    (SELECT count(*) FROM suspension_case c WHERE c.account = g.account)
                FROM team_grant g ORDER BY g.role_name, g.account
                """, logger: logger)
            var grants: [TeamGrant] = []
            for try await (role, account, exists, cases) in rows.decode((String, String, Bool, Int64).self) {
                grants.append(TeamGrant(role: role, account: account, roleExists: exists, cases: Int(cases)))
            }
            return TeamListing(owner: owner, grants: grants)
        }
    }

    // MARK: - Checks

    /// Refuses, in one line, a connected role that is not the store's owner.
    func requireOwner(to what: String) async throws {
        let (owner, user, isOwner) = try await teamOwner()
        guard isOwner else {
            throw TeamAccessError.notOwner(what: what, owner: owner, connectedAs: user, address: address.redacted)
        }
    }

    /// A grant is for an existing role that row security applies to: not a superuser, not BYPASSRLS,
    /// not the owner (or a role that inherits the owner's rights, which could turn row security off).
    static func refusal(granting role: String, _ connection: PostgresConnection, address: String, logger: Logger)
        async throws -> TeamAccessError?
    {
        let rows = try await connection.query(
            """
            SELECT r.rolsuper, r.rolbypassrls, pg_catalog.pg_has_role(r.oid, c.relowner, 'USAGE')
            FROM pg_catalog.pg_roles r, pg_catalog.pg_class c
            WHERE r.rolname = \(role) AND c.oid = 'suspension_case'::regclass
            """, logger: logger)
        for try await (superuser, bypass, owns) in rows.decode((Bool, Bool, Bool).self) {
            if superuser { return .seesEverything(role: role, why: "a superuser") }
            if bypass { return .seesEverything(role: role, why: "a role with BYPASSRLS") }
            if owns { return .seesEverything(role: role, why: "the store's owner or has its rights") }
            return nil
        }
        return .unknownRole(role: role, address: address)
    }

    static func roleExists(_ role: String, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = \(role))", logger: logger)
        for try await exists in rows.decode(Bool.self) { return exists }
        return false
    }

    static func canLogIn(_ role: String, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = \(role)", logger: logger)
        for try await canLogIn in rows.decode(Bool.self) { return canLogIn }
        return false
    }

    static func accounts(of role: String, _ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let rows = try await connection.query(
            "SELECT account FROM team_grant WHERE role_name = \(role) ORDER BY account", logger: logger)
        var accounts: [String] = []
        for try await account in rows.decode(String.self) { accounts.append(account) }
        return accounts
    }

    static func caseCount(account: String, _ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query(
            "SELECT count(*) FROM suspension_case WHERE account = \(account)", logger: logger)
        for try await n in rows.decode(Int64.self) { return Int(n) }
        return 0
    }

    /// A role name as an SQL identifier, in double quotes (GRANT takes no bind parameters).
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// What `team grant` did.
public struct TeamGrantOutcome: Sendable, Equatable {
    /// False when the role had the grant already.
    public let isNew: Bool
    /// How many cases of the account the store holds now.
    public let cases: Int
    /// False for a role without LOGIN (a group role): the grant covers that role only, not its members.
    public let canLogIn: Bool

    public init(isNew: Bool, cases: Int, canLogIn: Bool = true) {
        self.isNew = isNew
        self.cases = cases
        self.canLogIn = canLogIn
    }
}

/// One grant: a role sees one account's cases.
public struct TeamGrant: Sendable, Equatable, Codable {
    public let role: String
    public let account: String
    /// False when the role was dropped from the server after the grant.
    public let roleExists: Bool
    /// The account's cases the reader sees.
    public let cases: Int

    public init(role: String, account: String, roleExists: Bool, cases: Int) {
        self.role = role
        self.account = account
        self.roleExists = roleExists
        self.cases = cases
    }
}

/// `team list`: the owner, who sees every account, and the grants.
public struct TeamListing: Sendable, Equatable, Codable {
    public let owner: String
    public let grants: [TeamGrant]

    public init(owner: String, grants: [TeamGrant]) {
        self.owner = owner
        self.grants = grants
    }
}

/// The team commands' refusals, each one line; nothing was changed.
public enum TeamAccessError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case emptyAccount
    case unknownRole(role: String, address: String)
    case notOwner(what: String, owner: String, connectedAs: String, address: String)
    case seesEverything(role: String, why: String)
    case noSuchGrant(role: String, account: String?, granted: [String])

    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case .emptyAccount:
            return "Give the account's name with --account (cases without an account are seen by the owner only). Nothing was changed."
        case .unknownRole(let role, let address):
            return "There is no database role \"\(role)\" on the server of \(address); create it first "
                + "(CREATE ROLE \(role) LOGIN). Nothing was changed."
        case .notOwner(let what, let owner, let user, let address):
            return "Only the store's owner (\(owner)) can \(what) on \(address); you are connected as \(user). Nothing was changed."
        case .seesEverything(let role, let why):
            return "\"\(role)\" is \(why), so PostgreSQL lets it read every case whatever it is granted; "
                + "grant accounts to a role without those rights. Nothing was changed."
        case .noSuchGrant(let role, let account, let granted):
            let sees = granted.isEmpty ? "it has no grant" : "it sees: " + granted.joined(separator: ", ")
            let what = account.map { "the account \"\($0)\"" } ?? "any account"
            return "\"\(role)\" was not granted \(what) (\(sees)). Nothing was changed."
        }
    }
}
