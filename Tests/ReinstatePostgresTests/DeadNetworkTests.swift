import Foundation
import PostgresTestSupport
import ReinstateApp
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A network that goes away without closing the connection: the tracker's link notices it within
/// seconds (its heartbeat goes unanswered), a read waiting on the server ends with the lost-connection
/// line instead of hanging, and when the network is back the link is too. The network is a proxy in
/// front of the throwaway server's socket that stops forwarding without closing anything. No timed
/// assertions: generous deadlines, and the time it took printed.
@Suite(
    .serialized,
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct DeadNetworkTests {
    let now = Timestamp.parse("2026-11-22T09:00:00Z")!


    @Test func aNetworkThatStopsAnsweringIsNoticedAndGotOver() async throws {
        let server = try TestPostgresServer.shared()
        let database = try server.newDatabase("dead")
        let local = try CaseStore()
        _ = try local.fillDemo(count: 4, seed: 3, now: now)
        let direct = try PostgresAddress(url: server.url(database: database, password: nil), loginName: "nobody")
        try await PostgresStore.connect(to: direct, password: TestPostgresServer.password).closing { store in
            _ = try await store.initialize()
            try await store.importDocument(try local.exportDocument())
        }

        let proxy = try FreezingProxy(to: direct.socketPath)
        defer { proxy.stop() }
        let address = try PostgresAddress(
            url: "postgresql://\(TestPostgresServer.superuser)@/\(database)?host=\(proxy.folder)&port=\(direct.port)",
            loginName: "nobody")
        let link = try await TeamStoreLink.open(readOnly: false, retryInterval: .milliseconds(200)) {
            try await PostgresStore.connect(to: address, password: TestPostgresServer.password)
        }
        let book = StoreCaseBook(team: link)
        #expect(try book.countCases(matching: CaseFilter()) == 4)
        #expect(link.problem == nil)

        proxy.isFrozen = true
        let frozen = Date()
        // A read sent now waits for an answer that does not come: from a thread of its own, as the tracker's
        // main thread makes it, so the wait holds no thread of the concurrency pool.
        let read = ThreadCall { try StoreBridge.wait { try await link.run(writing: false) { try await $0.caseCount(CaseFilter()) } } }
        #expect(await eventually(within: 120) { link.problem != nil }, "the silence was noticed")
        print("DeadNetworkTests: noticed after \(String(format: "%.1f", Date().timeIntervalSince(frozen))) s: \(link.problem ?? "-")")
        #expect(link.problem?.contains("did not answer") == true)
        #expect(await eventually(within: 60) { read.isDone }, "the waiting read ended")
        print("DeadNetworkTests: the waiting read ended after \(String(format: "%.1f", Date().timeIntervalSince(frozen))) s")
        let failure = read.failure.map { "\($0)" } ?? "none"
        #expect(read.failure is TeamStoreLinkError, "the read failed as a lost connection: \(failure)")
        // While the network is gone, a call fails at once with the line rather than waiting to connect.
        #expect(throws: TeamStoreLinkError.self) { try book.countCases(matching: CaseFilter()) }

        proxy.isFrozen = false
        #expect(await eventually(within: 120) { link.problem == nil }, "the link is back")
        #expect(try book.countCases(matching: CaseFilter()) == 4)
        await link.close()
    }
}

/// A call made on a thread of its own (not the concurrency pool), its outcome read when it is done.
final class ThreadCall: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private var error: (any Error)?

    init<T>(_ body: @escaping @Sendable () throws -> T) {
        let thread = Thread { [self] in
            var caught: (any Error)?
            do { _ = try body() } catch { caught = error }
            lock.withLock {
                self.error = caught
                done = true
            }
        }
        thread.start()
    }

    var isDone: Bool { lock.withLock { done } }
    var failure: (any Error)? { lock.withLock { error } }
}

/// A Unix-socket proxy in front of a PostgreSQL server's socket, forwarding bytes both ways on threads of
/// its own; while frozen it neither forwards nor accepts nor closes anything, as a network that went away.
final class FreezingProxy: @unchecked Sendable {
    /// The folder holding the proxy's socket, named as PostgreSQL names one (`.s.PGSQL.PORT`).
    let folder: String
    private let target: String
    private let listener: Int32
    private let lock = NSLock()
    private var frozen = false
    private var stopped = false
    private var sockets: [Int32] = []

    init(to target: String) throws {
        self.target = target
        folder = "/tmp/reinstate-proxy-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let name = (target as NSString).lastPathComponent
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0, Self.withAddress(folder + "/" + name, { bind(listener, $0, $1) }) == 0, listen(listener, 16) == 0
        else { throw POSIXError(.EADDRINUSE) }
        Thread { [self] in accepting() }.start()
    }

    var isFrozen: Bool {
        get { lock.withLock { frozen } }
        set { lock.withLock { frozen = newValue } }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    func stop() {
        let all = lock.withLock { () -> [Int32] in
            stopped = true
            return sockets
        }
        for fd in all { shutdown(fd, Int32(SHUT_RDWR)) }
        // The threads see `stopped` within their poll's 50 ms; the descriptors are closed after them.
        usleep(200_000)
        for fd in all { close(fd) }
        close(listener)
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func withAddress(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in bytes.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }

    private func ready(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 50) > 0
    }

    private func accepting() {
        while !isStopped {
            if isFrozen || !ready(listener) {
                if isFrozen { usleep(50_000) }
                continue
            }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            let upstream = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard upstream >= 0, Self.withAddress(target, { connect(upstream, $0, $1) }) == 0 else {
                close(client)
                if upstream >= 0 { close(upstream) }
                continue
            }
            lock.withLock { sockets += [client, upstream] }
            Thread { [self] in pump(client, upstream) }.start()
            Thread { [self] in pump(upstream, client) }.start()
        }
    }

    private func pump(_ from: Int32, _ to: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !isStopped {
            if isFrozen {
                usleep(50_000)
                continue
            }
            // Looked at again after the wait: bytes sent after the freeze stay where they are.
            guard ready(from), !isFrozen else { continue }
            let n = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            var sent = 0
            while sent < n {
                let m = buffer.withUnsafeBytes { write(to, $0.baseAddress! + sent, n - sent) }
                if m <= 0 { break }
                sent += m
            }
            if sent < n { break }
        }
        // One side closed: close the other's too, so its pump and its peer see the end.
        shutdown(from, Int32(SHUT_RDWR))
        shutdown(to, Int32(SHUT_RDWR))
    }
}
