import Foundation
import PostgresTestSupport
import Testing

/// A network namespace of the test's own (`unshare -n`): a loopback that can be taken down.
enum NetworkNamespace {
    /// Why a network namespace cannot be made here (nil: it can).
    static let unavailableReason: String? = {
        guard getuid() == 0 else { return "a network namespace needs root" }
        for tool in ["/usr/bin/unshare", "/usr/sbin/ip", "/usr/bin/python3"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is not installed"
        }
        guard let probe = try? ChildProcess.spawn(["/usr/bin/unshare", "-n", "/usr/sbin/ip", "link", "set", "lo", "up"]),
            probe.wait() == .exited(0)
        else { return "unshare -n is not allowed here" }
        return nil
    }()
}

/// A command on a team store whose network dies without a word (nothing closed, nothing answered): it
/// ends with one line within seconds instead of waiting for the operating system's TCP timeout (about
/// 15 minutes; an idle connection is asked only after 2 hours). The network is real: the command runs
/// in a network namespace of its own (`unshare -n`), reaches the test server over TCP on its loopback
/// through a small forwarder to the server's socket, and the loopback is taken down while the command
/// waits for the server. Needs root (CI runs as root) and `unshare`, `ip` and `python3`.
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"),
    .enabled(if: NetworkNamespace.unavailableReason == nil, "\(NetworkNamespace.unavailableReason ?? "")"))
struct DeadNetworkCommandTests {
    /// Forwards TCP connections on 127.0.0.1:PORT to the server's Unix socket (a file: reachable from any
    /// network namespace); writes READY_FILE once it listens.
    static let forwarder = """
        import socket, sys, threading
        port, path, ready = int(sys.argv[1]), sys.argv[2], sys.argv[3]
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port))
        server.listen(8)
        open(ready, "w").close()
        def pump(a, b):
            try:
                while True:
                    data = a.recv(65536)
                    if not data:
                        break
                    b.sendall(data)
            except OSError:
                pass
        while True:
            client, _ = server.accept()
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(path)
            threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
        """

    /// Synchronous, and every wait is for a state that lasts (the lock held until the test lets it go,
    /// the command waiting on it until the network goes): another suite may hold every thread of the
    /// concurrency pool for minutes, and this test must not miss a window while it waits for one.
    @Test func aCommandWhoseNetworkDiesEndsInSecondsWithOneLine() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase()
        #expect(try cli(["demo", "--cases", "2", "--seed", "1"]).status == 0)
        #expect(try cli(["store", "copy", cli.store, server.url(database: database)]).status == 0)

        // A colleague holds case 1 for a while: the note below waits for the server, sent and answered
        // nothing, as a command does when the network goes.
        let held = "SELECT pg_sleep(900) /* held */"
        let holder = Thread {
            _ = try? server.psql("BEGIN; SELECT 1 FROM suspension_case WHERE id = 1 FOR UPDATE; \(held); COMMIT;", database: database)
        }
        holder.start()
        defer { _ = try? server.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()") }
        #expect(waitUntil(seconds: 300) { activeQueries(server, database, like: "%/* held */%") == 1 })

        let proxy = cli.file("forward.py", Self.forwarder)
        let script = """
            ip link set lo up || exit 90
            python3 "$PROXY" 5544 "$SOCKET" "$FOLDER/ready" & forwarder=$!
            while [ ! -e "$FOLDER/ready" ]; do sleep 0.1; done
            timeout 120 "$BIN" note add --case 1 "Written as the network died" --store "$URL" & command=$!
            while [ ! -e "$FOLDER/cut" ]; do sleep 0.1; done
            ip link set lo down
            start=$(date +%s%N)
            wait $command; status=$?
            echo "status=$status after=$(( ($(date +%s%N) - start) / 1000000 ))ms"
            kill $forwarder
            """
        let url = "postgresql://\(TestPostgresServer.superuser):\(TestPostgresServer.password)@127.0.0.1:5544/\(database)?sslmode=disable"
        let out = cli.folder + "/script.out", err = cli.folder + "/script.err"
        let child = try ChildProcess.spawn(
            ["/usr/bin/unshare", "-n", "/bin/sh", "-c", script],
            environment: cliEnvironment(extra: [
                "PROXY": proxy, "SOCKET": server.folder + "/.s.PGSQL.\(server.port)", "FOLDER": cli.folder, "BIN": CLI.binary,
                "URL": url,
            ]),
            stdout: out, stderr: err)
        // The command is connected and waits on the lock: now the network goes.
        let waiting = waitUntil(seconds: 300) { activeQueries(server, database, like: "%FOR UPDATE%", waitingOnLock: true) >= 1 }
        #expect(waiting, "the command never reached the server")
        FileManager.default.createFile(atPath: cli.folder + "/cut", contents: nil)
        let ending = child.wait()
        let printed = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        let said = String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self)
        print("dead network: \(printed.trimmingCharacters(in: .whitespacesAndNewlines)) after the loopback went down (keepalive from 5 s idle; given up 15 s unanswered)")
        #expect(ending == .exited(0), "\(said)")
        // 2: the command's own one-line error, not 124 (`timeout` gave up on it) nor a crash.
        #expect(printed.hasPrefix("status=2 "), "\(printed) \(said)")
        let lines = said.split(separator: "\n")
        #expect(lines.count == 1, "\(said)")
        #expect(said.contains("the server stopped answering (the network may be down)"), "\(said)")
        #expect(said.contains("Nothing was changed."), "\(said)")
        #expect(!said.contains(TestPostgresServer.password))
        // The note was never committed: the server's session waits on a client that is gone.
        #expect(try server.psql("SELECT count(*) FROM note WHERE text LIKE 'Written as the network%'", database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    /// Looks every tenth of a second, up to `seconds`, whether `condition` holds; says whether it did.
    func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }

    /// How many other sessions of `database` run a query like `pattern` (waiting on a lock, if asked).
    func activeQueries(_ server: TestPostgresServer, _ database: String, like pattern: String, waitingOnLock: Bool = false) -> Int {
        let lock = waitingOnLock ? " AND wait_event_type = 'Lock'" : ""
        let sql = """
            SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()
            AND state = 'active' AND query LIKE '\(pattern)'\(lock)
            """
        return Int((try? server.psql(sql, database: database))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
    }
}
