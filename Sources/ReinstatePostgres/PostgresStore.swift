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
    /// Who this store's writes are recorded as made by: the configuration's `author` when the commands
    /// pass one, else nil, and then the server records its `current_user` (`authorSQL`). The server
    /// supplies it because it is the role the server authenticated and that row-level security checks:
    /// a client cannot claim to be another role by default, and a URL without a user (peer login,
    /// PGUSER) still records the role actually used.
    public let author: String?
    /// When this connection last found the schema current (`requireCurrent`).
    let schemaChecked = SchemaCheck()

    init(address: PostgresAddress, connection: PostgresConnection, logger: Logger, author: String? = nil) {
        self.author = author
        self.address = address
        self.connection = connection
        self.logger = logger
    }

    /// Connects to the server at `address` as its user, with `password` when the server asks for one.
    /// `home` is where libpq's `~/.postgresql/root.crt` is looked for. Nothing is read or written yet.
    public static func connect(
        to address: PostgresAddress, password: String?, home: String = defaultHome, author: String? = nil
    ) async throws -> PostgresStore {
        // postgres-nio logs nothing unless asked; its logger is never given the password either way.
        var logger = Logger(label: "reinstate.postgres")
        logger.logLevel = .critical
        let name = address.redacted
        var roots = PostgresAddress.RootCertificate.defaulted
        do {
            func settled(_ configuration: PostgresConnection.Configuration) -> PostgresConnection.Configuration {
                var configuration = configuration
                configuration.options.connectTimeout = .seconds(Int64(address.connectTimeout))
                // In the startup packet, no extra round trip: the name colleagues see in pg_stat_activity, and
                // no JIT compilation: the case list's counts are estimated dear enough to trigger it, and
                // compiling took 60 of a 118 ms query that runs in 55 ms without it (1,000 cases).
                configuration.options.additionalStartupParameters = [("application_name", "reinstate"), ("jit", "off")]
                return configuration
            }
            let connection: PostgresConnection
            if address.isUnixSocket {
                connection = try await PostgresConnection.connect(
                    configuration: settled(PostgresConnection.Configuration(
                        unixSocketPath: address.socketPath, username: address.user, password: password, database: address.database)),
                    id: 1, logger: logger)
            } else {
                roots = address.rootCertificate(home: home)
                let tls = try tls(address.sslMode, roots: roots, address: name)
                // Reinstate opens the TCP connection itself (`DeadNetwork`'s socket options) and postgres-nio
                // logs in over it on the same event loop, with no wait in between: the server gives a login
                // only so long (`authentication_timeout`).
                connection = try await watchedChannel(to: address).flatMap { channel in
                    var configuration = PostgresConnection.Configuration(
                        establishedChannel: channel, tls: tls, username: address.user, password: password, database: address.database)
                    // What postgres-nio would name itself for a host it connected to: the host, unless it is an
                    // address (not valid in SNI; the certificate's IP entries are checked instead).
                    configuration.options.tlsServerName = isIPAddress(address.host) ? nil : address.host
                    return PostgresConnection.connect(on: channel.eventLoop, configuration: settled(configuration), id: 1, logger: logger)
                }.get()
            }
            return PostgresStore(address: address, connection: connection, logger: logger, author: author)
        } catch {
            if let refused = PostgresStoreError.certificateRefused(error, host: address.host, roots: roots, address: name) {
                throw refused
            }
            throw PostgresStoreError.from(error, address: name)
        }
    }

    /// How a network gone without a word is noticed on a TCP connection (a cable pulled, a VPN dropped:
    /// nothing is closed, and by default Linux tries again for about 15 minutes, and asks an idle
    /// connection only after 2 hours). A connection that has been quiet for `idle` seconds is asked
    /// `count` times, `interval` seconds apart (TCP keepalive, which the server's kernel answers, however
    /// slow a query is); data sent and not acknowledged within `unacknowledged` ends it. So a command
    /// waiting on a dead network ends with the lost-connection line within about 15 seconds.
    public enum DeadNetwork {
        public static let idle = 5
        public static let interval = 2
        public static let count = 3
        public static let unacknowledgedMilliseconds = 15_000
    }

    /// A TCP connection to the address's host and port (every address the name resolves to, as
    /// postgres-nio would try them), with `DeadNetwork`'s keepalive and timeout set on its socket.
    static func watchedChannel(to address: PostgresAddress) -> EventLoopFuture<any Channel> {
        func option(_ level: NIOBSDSocket.OptionLevel, _ name: CInt) -> ChannelOptions.Types.SocketOption {
            ChannelOptions.Types.SocketOption(level: level, name: NIOBSDSocket.Option(rawValue: name))
        }
        let bootstrap = ClientBootstrap(group: PostgresConnection.defaultEventLoopGroup)
            .connectTimeout(.seconds(Int64(address.connectTimeout)))
            .channelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .channelOption(option(.tcp, CInt(TCP_KEEPIDLE)), value: DeadNetwork.idle)
            .channelOption(option(.tcp, CInt(TCP_KEEPINTVL)), value: DeadNetwork.interval)
            .channelOption(option(.tcp, CInt(TCP_KEEPCNT)), value: DeadNetwork.count)
            .channelOption(option(.tcp, CInt(TCP_USER_TIMEOUT)), value: DeadNetwork.unacknowledgedMilliseconds)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
        return bootstrap.connect(host: address.host, port: address.port).flatMapErrorThrowing { error in
            throw PostgresStoreError.unreachable(address: address.redacted, why: PostgresStoreError.describe(error))
        }
    }

    /// Whether a host is written as an IPv4 or IPv6 address rather than a name.
    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// This user's home folder: `HOME` when it is a full path, else the account's.
    public static var defaultHome: String {
        ProcessInfo.processInfo.environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
    }

    /// libpq's sslmode as postgres-nio's TLS setting. `verify-full` checks the certificate chain against
    /// `roots` and the host name (for an IP address, the certificate's IP entries). `require` checks the
    /// chain, not the name, when a root certificate file is given or ~/.postgresql/root.crt exists, as
    /// libpq does (its verify-ca), and otherwise only encrypts; `prefer` only encrypts.
    static func tls(_ mode: PostgresAddress.SSLMode, roots: PostgresAddress.RootCertificate, address: String) throws
        -> PostgresConnection.Configuration.TLS
    {
        var config = TLSConfiguration.makeClientConfiguration()
        switch (mode, roots) {
        case (.disable, _):
            return .disable
        case (.prefer, _), (.require, .system), (.require, .defaulted):
            config.certificateVerification = .none
        case (.require, .file(let path)):
            config.certificateVerification = .noHostnameVerification
            config.trustRoots = try trustRoots(path, address: address)
        case (.verifyFull, .file(let path)):
            config.certificateVerification = .fullVerification
            config.trustRoots = try trustRoots(path, address: address)
        case (.verifyFull, .system), (.verifyFull, .defaulted):
            config.certificateVerification = .fullVerification
            config.trustRoots = .default
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: config)
        } catch {
            throw PostgresStoreError.tls(address: address, why: "TLS could not be set up (\(error))")
        }
        return mode == .prefer ? .prefer(context) : .require(context)
    }

    /// The certificate authorities in the PEM file (or folder) at `path`, refused in words when missing or unreadable.
    static func trustRoots(_ path: String, address: String) throws -> NIOSSLTrustRoots {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw PostgresStoreError.tls(
                address: address,
                why: "the root certificate file \(path) does not exist (give the certificate authority's file with "
                    + "sslrootcert=FILE, or sslrootcert=system for the system's trusted roots)")
        }
        if isFolder.boolValue { return .file(path) }
        do {
            let certificates = try NIOSSLCertificate.fromPEMFile(path)
            guard !certificates.isEmpty else { throw PostgresStoreError.badAddress("empty") }
            return .certificates(certificates)
        } catch {
            throw PostgresStoreError.tls(
                address: address, why: "the root certificate file \(path) holds no PEM certificate Reinstate can read")
        }
    }

    /// Whether this connection is encrypted, as the server sees it (`pg_stat_ssl`), and with which TLS version.
    public func encryption() async throws -> (tls: Bool, version: String?) {
        try await reading { connection in
            let rows = try await connection.query(
                "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: logger)
            for try await (ssl, version) in rows.decode((Bool, String?).self) { return (ssl, version) }
            return (false, nil)
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await connection.close()
    }

    /// Runs `body` with this store, then closes it however `body` ends (postgres-nio treats a
    /// connection dropped without being closed as a bug).
    public func closing<T>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await close()
            return result
        } catch {
            await close()
            throw error
        }
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

/// When a connection last found the schema current. Every read and write checks the schema first (two
/// catalog queries), and the tracker reads on every key that moves the list: a check less than
/// `SchemaCheck.valid` old is taken as it is, so an open tracker notices an upgrade by a newer
/// Reinstate within that time, and a command (one connection, a few reads) checks once.
final class SchemaCheck: @unchecked Sendable {
    static let valid: TimeInterval = 30
    private let lock = NSLock()
    private var last: Date?

    var isFresh: Bool { lock.withLock { last.map { Date().timeIntervalSince($0) < Self.valid } ?? false } }
    func passed() { lock.withLock { last = Date() } }
}
