import Foundation
import PostgresNIO
import ReinstateCore
import ReinstateStore

/// The team store: a Reinstate schema in a PostgreSQL database, reached through one connection.
///
/// Every write runs in one transaction, so it happens whole or not at all. The store is opened with
/// `connect`, checked with `inspect` (which only reads), and closed with `close`.
public final class PostgresStore: Sendable {
    /// The address without its password: what every message names.
    public let address: PostgresAddress
    let connection: PostgresConnection
    let logger: Logger

    init(address: PostgresAddress, connection: PostgresConnection, logger: Logger) {
        self.address = address
        self.connection = connection
        self.logger = logger
    }

    /// Connects to the server at `address` as its user, with `password` when the server asks for one.
    /// Nothing is read or written yet.
    public static func connect(to address: PostgresAddress, password: String?) async throws -> PostgresStore {
        // postgres-nio logs nothing unless asked; its logger is never given the password either way.
        var logger = Logger(label: "reinstate.postgres")
        logger.logLevel = .critical
        let name = address.redacted
        do {
            var configuration: PostgresConnection.Configuration
            if address.isUnixSocket {
                configuration = PostgresConnection.Configuration(
                    unixSocketPath: address.socketPath, username: address.user, password: password, database: address.database)
            } else {
                configuration = PostgresConnection.Configuration(
                    host: address.host, port: address.port, username: address.user, password: password,
                    database: address.database, tls: try tls(address.sslMode))
            }
            configuration.options.connectTimeout = .seconds(Int64(address.connectTimeout))
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: 1, logger: logger)
            return PostgresStore(address: address, connection: connection, logger: logger)
        } catch {
            throw PostgresStoreError.from(error, address: name)
        }
    }

    /// libpq's sslmode as postgres-nio's TLS setting. `verify-full` checks the certificate chain against
    /// the system's trusted roots and the host name; `require` and `prefer` encrypt without checking it.
    static func tls(_ mode: PostgresAddress.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable:
            return .disable
        case .prefer, .require:
            var config = TLSConfiguration.makeClientConfiguration()
            config.certificateVerification = .none
            let context = try NIOSSLContext(configuration: config)
            return mode == .prefer ? .prefer(context) : .require(context)
        case .verifyFull:
            var config = TLSConfiguration.makeClientConfiguration()
            config.certificateVerification = .fullVerification
            return .require(try NIOSSLContext(configuration: config))
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await connection.close()
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// Every write to a case first locks the case's row (`lockCase`, `SELECT … FOR UPDATE`), so two
    /// writers of one case take turns, the second reading the facts the first left (read committed),
    /// and writers of different cases never wait for each other. (Serializable isolation cancelled
    /// most of two busy clients' transactions: on small tables its read locks cover whole tables.)
    /// When the server still cancels one because it crossed another (a deadlock, a serialization
    /// failure: nothing of it was kept), it runs again from the start a few times before giving up.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                try ensureConnected()
                try await connection.query("BEGIN ISOLATION LEVEL READ COMMITTED", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    await rollBack()
                    throw error
                }
            } catch let refusal as StoreError {
                // The store's own refusals (no such case, bad input) are said as they are.
                throw refusal
            } catch {
                if attempt < Self.attempts, Self.crossed(error) {
                    attempt += 1
                    try? await Task.sleep(nanoseconds: UInt64.random(in: 1_000_000...20_000_000) * UInt64(attempt))
                    continue
                }
                throw PostgresStoreError.from(error, address: address.redacted)
            }
        }
    }

    /// How many times a transaction that crossed another one is tried.
    static let attempts = 8

    /// Whether the server rolled the transaction back because of another one: a serialization failure
    /// (40001) or a deadlock (40P01).
    static func crossed(_ error: any Error) -> Bool {
        guard let psql = error as? PSQLError, psql.code == .server else { return false }
        let state = psql.serverInfo?[.sqlState] ?? ""
        return state == "40001" || state == "40P01"
    }

    /// Runs a read outside a transaction, its errors in words.
    func reading<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            try ensureConnected()
            return try await body(connection)
        } catch let refusal as StoreError {
            throw refusal
        } catch {
            throw PostgresStoreError.from(error, address: address.redacted)
        }
    }
}
