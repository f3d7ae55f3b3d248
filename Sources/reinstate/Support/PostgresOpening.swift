import Foundation
import ReinstateCore
import ReinstatePostgres
import ReinstateStore

/// Runs an async command body the way `reporting` runs a sync one: any error as one line, exit status 2.
func reporting(_ body: () async throws -> Void) async throws {
    var failure: (any Error)? = nil
    do { try await body() } catch { failure = error }
    if let failure { try reporting { throw failure } }
}

/// Opening a PostgreSQL team store from a `postgresql://` URL, with libpq's ways of finding the password.
enum PostgresOpening {
    /// The address in `url`, read with the environment's PG* defaults and this login's name.
    static func address(_ url: String) throws -> PostgresAddress {
        do {
            return try PostgresAddress(url: url, environment: ProcessInfo.processInfo.environment, loginName: loginName)
        } catch let error as PostgresAddressError {
            throw CLIError(error.description)
        }
    }

    /// Connects to the store at `url`; the password comes from the URL, PGPASSWORD or ~/.pgpass, and what
    /// was noticed about the password file is said as a warning.
    static func connect(_ url: String, author: String? = nil) async throws -> PostgresStore {
        let address = try address(url)
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
        let (password, warnings) = address.password(environment: environment, home: home)
        for warning in warnings { printError("warning: " + warning) }
        return try await PostgresStore.connect(to: address, password: password, author: author)
    }

    /// The operating system's name for this user, libpq's default database user.
    static var loginName: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return NSUserName()
    }
}

extension StoreOptions {
    /// Runs `body` on the store the options name, through the store contract: the local file (opened as
    /// `open` opens it) or the team store at a postgresql:// URL (connected, checked, and closed after,
    /// whatever `body` does). The commands that use only the contract work the same on either.
    /// `writing` marks a command that changes the store: `--read-only` refuses it on a team store, as
    /// the local file opened read-only refuses the write.
    @discardableResult
    func withStore<T>(
        readOnly: Bool = false, creating: Bool = false, writing: Bool = false, _ body: (any StoreContract) async throws -> T
    ) async throws -> T {
        guard PostgresAddress.isURL(path) else {
            return try await body(try open(readOnly: readOnly, creating: creating))
        }
        if writing, readOnly || Self.readOnlyRequested {
            throw CLIError("The team store was opened read-only (--read-only); nothing was changed.")
        }
        return try await PostgresOpening.connect(path, author: author).closing { try await body($0) }
    }
}
