import Foundation

/// A throwaway PostgreSQL server for tests: `initdb` into a temporary folder, `pg_ctl start` listening on
/// a Unix socket in that folder only (no TCP port), stopped and removed when the test process ends. As
/// root (CI), the server runs as the `postgres` system user, since initdb refuses root. Logins need the
/// password (`scram-sha-256`), so a wrong password is refused as on a real server.
public final class TestPostgresServer: Sendable {
    /// The superuser and its password.
    public static let superuser = "postgres"
    public static let password = "test-secret"

    /// The folder of PostgreSQL's programs (Debian: /usr/lib/postgresql/N/bin), or nil when not installed.
    public static let programs: String? = {
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(base)/\(version)/bin/initdb") {
            return "\(base)/\(version)/bin"
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(folder)/initdb") && FileManager.default.isExecutableFile(atPath: "\(folder)/pg_ctl") {
            return String(folder)
        }
        return nil
    }()

    /// Why the PostgreSQL tests cannot run here, or nil when they can.
    public static let unavailableReason: String? = {
        guard programs != nil else {
            return "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH); apt-get install postgresql"
        }
        if getuid() == 0, getpwnam("postgres") == nil {
            return "running as root and there is no `postgres` system user to run the server as"
        }
        return nil
    }()

    /// Whether the PostgreSQL tests can run (used with `.enabled(if:)`).
    public static var isAvailable: Bool { unavailableReason == nil }

    /// The one server of this test process, started on first use.
    public static func shared() throws -> TestPostgresServer {
        try lock.withLock {
            if let server = started { return server }
            let server = try TestPostgresServer()
            started = server
            atexit { TestPostgresServer.stopShared() }
            return server
        }
    }

    /// A server of its own for one test that stops or restarts it (the shared one serves other suites in
    /// parallel); the caller stops it with `stop()` when done. `durable`: a commit is answered only once
    /// it is in the WAL (synchronous_commit on), so what was committed survives `stopImmediately`.
    public static func makePrivate(durable: Bool = false) throws -> TestPostgresServer {
        try TestPostgresServer(durable: durable)
    }

    nonisolated(unsafe) private static var started: TestPostgresServer?
    private static let lock = NSLock()

    private static func stopShared() {
        lock.withLock {
            started?.stop()
            started = nil
        }
    }

    /// A server of its own for one test that also listens on TCP at `localhost` (a free port), with TLS
    /// on, presenting the PEM `certificate` and `key` (copied into the server's folder, the key readable
    /// by the server's user only; see `TestCertificates`). `tlsOnly` leaves network logins only
    /// `hostssl` lines in pg_hba.conf, so a connection without TLS is refused. Stop it with `stop()`.
    public static func startTLS(certificate: String, key: String, tlsOnly: Bool = true) throws -> TestPostgresServer {
        try TestPostgresServer(tcp: (certificate: certificate, key: key, tlsOnly: tlsOnly))
    }

    /// The temporary folder: the data directory and the socket live in it.
    public let folder: String
    /// The port: 5432 on the Unix socket only, or a free TCP port for a TLS server.
    public let port: Int
    private let runAsPostgres: Bool
    private let durable: Bool

    /// What the server listens on besides its socket (TCP with TLS for `startTLS`).
    private let listen: String

    private init(tcp: (certificate: String, key: String, tlsOnly: Bool)? = nil, durable: Bool = false) throws {
        self.durable = durable
        guard let programs = Self.programs, Self.unavailableReason == nil else {
            throw TestServerError(Self.unavailableReason ?? "PostgreSQL is not available")
        }
        runAsPostgres = getuid() == 0
        port = tcp == nil ? 5432 : try Self.freePort()
        Self.removeLeftovers(programs: programs, runAsPostgres: runAsPostgres)
        // A short path: a Unix socket's path must fit in 107 bytes.
        folder = "/tmp/reinstate-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        listen = tcp == nil ? "-c listen_addresses=''"
            : "-c listen_addresses='localhost' -c ssl=on -c ssl_cert_file='\(folder)/server.crt' -c ssl_key_file='\(folder)/server.key'"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        if runAsPostgres, let pw = getpwnam("postgres") {
            chown(folder, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        let passwordFile = folder + "/pw"
        try Self.password.write(toFile: passwordFile, atomically: false, encoding: .utf8)
        if runAsPostgres, let pw = getpwnam("postgres") { chown(passwordFile, pw.pointee.pw_uid, pw.pointee.pw_gid) }
        try run(
            programs + "/initdb",
            ["-D", folder + "/data", "-U", Self.superuser, "--pwfile=" + passwordFile, "--auth=scram-sha-256",
             "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"])
        if let tcp {
            let certificate = folder + "/server.crt", key = folder + "/server.key"
            try FileManager.default.copyItem(atPath: tcp.certificate, toPath: certificate)
            try FileManager.default.copyItem(atPath: tcp.key, toPath: key)
            if runAsPostgres, let pw = getpwnam("postgres") {
                for file in [certificate, key] { chown(file, pw.pointee.pw_uid, pw.pointee.pw_gid) }
            }
            chmod(certificate, 0o644)
            chmod(key, 0o600)  // the server refuses a key others can read
            let network = tcp.tlsOnly ? ["hostssl"] : ["host"]
            let rules = ["local all all scram-sha-256"]
                + network.flatMap { ["\($0) all all 127.0.0.1/32 scram-sha-256", "\($0) all all ::1/128 scram-sha-256"] }
            let hba = folder + "/data/pg_hba.conf"
            try (rules.joined(separator: "\n") + "\n").write(toFile: hba, atomically: false, encoding: .utf8)
        }
        try start()
    }

    /// A TCP port on localhost that nothing listens on now (the kernel's pick, released at once).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestServerError("cannot open a socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw TestServerError("cannot find a free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A URL for `database` on this server over TCP at `host` (`localhost` or `127.0.0.1`), with the given
    /// `sslmode` and further parameters (such as `sslrootcert=…`), with the password in it unless nil.
    public func tcpURL(
        database: String, host: String = "localhost", sslMode: String, parameters: String = "",
        user: String = TestPostgresServer.superuser, password: String? = TestPostgresServer.password
    ) -> String {
        let login = password.map { "\(user):\($0)" } ?? user
        return "postgresql://\(login)@\(host):\(port)/\(database)?sslmode=\(sslMode)" + (parameters.isEmpty ? "" : "&" + parameters)
    }

    /// Starts the server (again, after `stopImmediately`), its data as it was left.
    public func start() throws {
        guard let programs = Self.programs else { throw TestServerError("PostgreSQL is not installed") }
        try run(
            programs + "/pg_ctl",
            ["-D", folder + "/data", "-l", folder + "/log", "-w", "-t", "60",
             "-o", "\(listen) -c unix_socket_directories='\(folder)' -p \(port) -c fsync=off -c full_page_writes=off -c synchronous_commit=\(durable ? "on" : "off")",
             "start"])
    }

    /// Stops the server as a crash would (`pg_ctl stop -m immediate`): every connection cut, no goodbye,
    /// the folder kept for `start`.
    public func stopImmediately() throws {
        guard let programs = Self.programs else { throw TestServerError("PostgreSQL is not installed") }
        try run(programs + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
    }

    /// Stops and removes the servers of earlier test processes that were killed before they could
    /// (their folder names the process, which is gone).
    private static func removeLeftovers(programs: String, runAsPostgres: Bool) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in names where name.hasPrefix("reinstate-pg-") {
            let parts = name.split(separator: "-")
            guard parts.count == 4, let pid = Int32(parts[2]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let folder = "/tmp/" + name
            let stop = Process()
            stop.executableURL = URL(fileURLWithPath: runAsPostgres ? "/usr/sbin/runuser" : programs + "/pg_ctl")
            stop.arguments = (runAsPostgres ? ["-u", "postgres", "--", programs + "/pg_ctl"] : [])
                + ["-D", folder + "/data", "-m", "immediate", "stop"]
            stop.standardOutput = FileHandle.nullDevice
            stop.standardError = FileHandle.nullDevice
            if (try? stop.run()) != nil { stop.waitUntilExit() }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// Stops the server and removes its folder.
    public func stop() {
        if let programs = Self.programs {
            try? run(programs + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A URL for `database` on this server as `user`, with the password in it unless `password` is nil.
    public func url(database: String, user: String = TestPostgresServer.superuser, password: String? = TestPostgresServer.password) -> String {
        let login = password.map { "\(user):\($0)" } ?? user
        return "postgresql://\(login)@/\(database)?host=\(folder)&port=\(port)"
    }

    /// Runs SQL with psql as the superuser (or as `user` with its `password`: a staff member's own login),
    /// in `database`; returns what it printed (unaligned, tuples only). Throws, with psql's words, when
    /// the server refuses the SQL.
    @discardableResult
    public func psql(
        _ sql: String, database: String = "postgres", user: String = TestPostgresServer.superuser,
        password: String = TestPostgresServer.password
    ) throws -> String {
        guard let programs = Self.programs else { throw TestServerError("PostgreSQL is not installed") }
        let psql = FileManager.default.isExecutableFile(atPath: programs + "/psql") ? programs + "/psql" : "/usr/bin/psql"
        return try run(
            psql, ["-h", folder, "-p", String(port), "-U", user, "-d", database, "-X", "-q", "-A", "-t",
                   "-v", "ON_ERROR_STOP=1", "-c", sql],
            environment: ["PGPASSWORD": password])
    }

    /// A new, empty database with a unique name, for one test.
    public func newDatabase(_ prefix: String = "t") throws -> String {
        let name = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        try psql("CREATE DATABASE \(name)")
        return name
    }

    /// Runs a program (as `postgres` when this process is root) and returns what it printed. Spawned and
    /// waited for with posix_spawn and waitpid: Foundation's `Process.waitUntilExit` can miss the exit of
    /// `pg_ctl start`, whose server lives on, and wait for ever. Output goes to a file, never a pipe the
    /// server could inherit.
    @discardableResult
    private func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        var argv: [String]
        var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Run from the server's own folder (env -C): the test's working folder may be one the `postgres`
        // user cannot enter, such as a clone under /root.
        if runAsPostgres {
            argv = ["/usr/sbin/runuser", "-u", "postgres", "--", "/usr/bin/env", "-C", folder]
                + environment.map { "\($0)=\($1)" } + [program] + arguments
        } else {
            argv = ["/usr/bin/env", "-C", folder, program] + arguments
        }
        env["LC_ALL"] = "C"
        let outputPath = folder + "/.run-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0)=\($1)") } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
        guard spawned == 0 else { throw TestServerError("cannot start \(argv[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw TestServerError("waitpid failed: \(String(cString: strerror(errno)))") }
        }
        let output = (FileManager.default.contents(atPath: outputPath)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        // Exited normally with 0: WIFEXITED and WEXITSTATUS, spelled out (the C macros are not imported).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw TestServerError("\((program as NSString).lastPathComponent) failed (status \(status)): \(output)")
        }
        return output
    }
}

/// The test server could not be started or used.
public struct TestServerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
