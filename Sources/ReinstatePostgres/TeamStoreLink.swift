import Foundation
import PostgresNIO
import ReinstateCore
import ReinstateStore

/// The open tracker's hold on a team store: the store it reads and writes through, connected again when
/// the connection was lost (the server restarted, the network went away), and a second connection that
/// `LISTEN`s for the changes the store's triggers announce (migration "v5-notify"), counted in
/// `changeMark` so the tracker reloads within a second of a colleague's change.
///
/// While the server cannot be reached, `problem` says so in one line and a watcher tries again every
/// second; the store calls fail with `TeamStoreLinkError`, which says whether a write happened. When the
/// server is back, `problem` is nil again and `changeMark` moves, so what is on screen is read again.
///
/// A network that goes away without closing the connection (a cable pulled, a VPN dropped, a laptop
/// asleep) closes nothing the client can see: without more, it would be noticed only when the
/// operating system gives up on the connection, many minutes later. So the watcher asks the server
/// `SELECT 1` on its connection every `heartbeat`; a question not answered within `silence` is taken as
/// a lost connection: both connections are closed (a call waiting on the store's ends at once, as when
/// the server closes it, and says the change was not saved, or not known to be) and the watcher tries
/// again as for any lost connection.
public final class TeamStoreLink: @unchecked Sendable {
    /// Connects a new store (the same address and password each time).
    public typealias Connect = @Sendable () async throws -> PostgresStore

    let connect: Connect
    let readOnly: Bool
    /// The store's address without its password, for messages.
    public let address: String
    /// How long the watcher waits between tries while the server cannot be reached.
    let retryInterval: Duration
    /// How often the watcher asks the server whether it is still there, and how long it waits for the answer.
    let heartbeat: Duration, silence: Duration

    private let lock = NSLock()
    private var store: PostgresStore?
    /// The server process of `store`'s session: the changes it announces are this tracker's own, which
    /// it has read again already (as SQLite's data_version does not move for a connection's own commits).
    private var ownProcess: String?
    private var listener: PostgresStore?
    private var mark = 0
    private var lost: String?
    private var closed = false
    private var watcher: Task<Void, Never>?

    init(
        store: PostgresStore, process: String?, connect: @escaping Connect, readOnly: Bool, retryInterval: Duration,
        heartbeat: Duration, silence: Duration
    ) {
        self.heartbeat = heartbeat
        self.silence = silence
        self.store = store
        self.ownProcess = process
        self.connect = connect
        self.readOnly = readOnly
        self.address = store.address.redacted
        self.retryInterval = retryInterval
    }

    /// Connects, checks that the store is one this Reinstate can use, and starts listening for changes.
    /// Throws as the commands do (one line, no password) when it cannot: the tracker does not open on a
    /// store it cannot reach. With `readOnly`, every transaction of the session is read-only on the
    /// server too, so nothing can be written whatever the tracker's keys do.
    public static func open(
        readOnly: Bool, retryInterval: Duration = .seconds(1), heartbeat: Duration = .seconds(2),
        silence: Duration = .seconds(4), connect: @escaping Connect
    ) async throws -> TeamStoreLink {
        // The listening connection is made at the same time as the store's: the first frame waits for
        // one connection's login, not two in a row.
        async let listening: PostgresStore? = try? await connect()
        let store: PostgresStore, process: String?
        do {
            (store, process) = try await prepared(try await connect(), readOnly: readOnly)
        } catch {
            await listening?.close()
            throw error
        }
        let link = TeamStoreLink(
            store: store, process: process, connect: connect, readOnly: readOnly, retryInterval: retryInterval,
            heartbeat: heartbeat, silence: silence)
        await link.startWatching(first: await listening)
        return link
    }

    /// A new connection checked as current (and made read-only when asked), or closed and thrown out.
    /// Returns it with its session's server process id.
    static func prepared(_ store: PostgresStore, readOnly: Bool) async throws -> (PostgresStore, String?) {
        do {
            try await store.requireCurrent()
            let process = try await store.reading { connection -> String? in
                if readOnly {
                    try await connection.query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", logger: store.logger)
                }
                for try await pid in try await connection.query("SELECT pg_backend_pid()", logger: store.logger).decode(Int32.self) {
                    return String(pid)
                }
                return nil
            }
            return (store, process)
        } catch {
            await store.close()
            throw error
        }
    }

    /// Bumped for every change announced on the store by anyone but this tracker (its own changes it
    /// reads again itself) and once when the server can be reached again after it could not.
    public var changeMark: Int { lock.withLock { mark } }

    /// Why the store cannot be reached now, in one line; nil while it can.
    public var problem: String? {
        lock.withLock { lost.map { TeamStoreLinkError(address: address, why: $0, outcome: .notRead).description } }
    }

    /// Runs `body` on the store: the current connection, or a new one when it was lost. A lost connection
    /// is said as `TeamStoreLinkError` (which tells a write whose outcome is unknown from one that did
    /// not happen), and the watcher takes over trying again; every other error passes through unchanged.
    public func run<T: Sendable>(writing: Bool, _ body: @Sendable (PostgresStore) async throws -> T) async throws -> T {
        let store: PostgresStore
        do {
            store = try await current()
        } catch let error as PostgresStoreError {
            throw lostError(error, writing: writing) ?? error
        }
        do {
            return try await body(store)
        } catch let error as PostgresStoreError {
            throw lostError(error, writing: writing) ?? error
        }
    }

    /// The error a lost connection is said as, noted for `problem`; nil for any other error.
    func lostError(_ error: PostgresStoreError, writing: Bool) -> TeamStoreLinkError? {
        switch error {
        case .unreachable(_, let why):
            noteLost(why, byCall: true)
            return TeamStoreLinkError(address: address, why: why, outcome: writing ? .notSaved : .notRead)
        case .outcomeUnknown(_, let why):
            noteLost(why, byCall: true)
            return TeamStoreLinkError(address: address, why: why, outcome: .unknown)
        default:
            return nil
        }
    }

    /// Notes the store as not reachable. A call's lost connection is not noted while the watcher still
    /// listens (only that connection went: the backend was ended, say): the next call connects again,
    /// and nothing would clear the note. When the server is gone, the watcher notes it itself.
    func noteLost(_ why: String, byCall: Bool = false) {
        lock.withLock {
            if byCall, let listener, !listener.connection.isClosed { return }
            if lost == nil { lost = why }
        }
    }

    /// The store to use: the one connected, or a new connection when that one was closed under us.
    /// While the watcher knows the server cannot be reached, a call fails at once with that reason
    /// rather than trying to connect itself: the screen never waits for a connection timeout (ten
    /// seconds over a network that is gone); the watcher tries again every second instead.
    func current() async throws -> PostgresStore {
        let (existing, isClosed, down) = lock.withLock { (store, closed, lost) }
        if isClosed {
            throw PostgresStoreError.failed(address: address, why: "the tracker closed its connection")
        }
        if let existing, !existing.connection.isClosed { return existing }
        if let down { throw PostgresStoreError.unreachable(address: address, why: down) }
        let (fresh, process) = try await Self.prepared(try await connect(), readOnly: readOnly)
        let old = lock.withLock { () -> PostgresStore? in
            defer {
                store = fresh
                ownProcess = process
            }
            return store
        }
        await old?.close()
        return fresh
    }

    // MARK: - Listening

    /// Starts the watcher and waits (a few seconds at most) until it listens, so a change made right after
    /// the tracker opened is seen.
    func startWatching(first: PostgresStore?) async {
        let (ready, signal) = AsyncStream<Void>.makeStream()
        // On Dispatch threads of its own, not the concurrency pool: the changes are counted even when
        // every pool thread is blocked (a test waiting synchronously, a busy two-core machine).
        let task: Task<Void, Never>
        if #available(macOS 15, *) {
            task = Task(executorPreference: WatcherExecutor.shared) { [self] in await watch(first: first, ready: signal) }
        } else {
            task = Task { [self] in await watch(first: first, ready: signal) }
        }
        lock.withLock { watcher = task }
        for await _ in ready { break }
    }

    /// Listens on a connection of its own; when that connection goes (the server stopped, the network
    /// went), notes the store as not reachable and tries again every `retryInterval` until it is back.
    func watch(first: PostgresStore?, ready: AsyncStream<Void>.Continuation) async {
        defer { ready.finish() }
        var first = first
        while !Task.isCancelled {
            var why = "the connection was lost (the server stopped, restarted or closed it)"
            do {
                let connection: PostgresStore
                if let given = first {
                    connection = given
                    first = nil
                } else {
                    connection = try await connect()
                }
                let keep = lock.withLock { () -> Bool in
                    guard !closed else { return false }
                    listener = connection
                    return true
                }
                guard keep else {
                    await connection.close()
                    return
                }
                // Asks the server every `heartbeat` while listening; nil until a question went unanswered.
                let silent: Task<String?, Never>
                if #available(macOS 15, *) {
                    silent = Task(executorPreference: WatcherExecutor.shared) { await self.listenForSilence(on: connection) }
                } else {
                    silent = Task { await self.listenForSilence(on: connection) }
                }
                defer { silent.cancel() }
                do {
                    try await connection.connection.listen(on: PostgresSchema.changeChannel) { notifications in
                        lock.withLock {
                            if lost != nil {
                                // Back: what is on screen is read again.
                                lost = nil
                                mark &+= 1
                            }
                        }
                        ready.yield()
                        for try await notification in notifications {
                            let sender = notification.payload.split(separator: " ").last.map(String.init)
                            lock.withLock { if sender == nil || sender != ownProcess { mark &+= 1 } }
                        }
                    }
                } catch {
                    why = (PostgresStoreError.from(error, address: address)).reason ?? why
                }
                silent.cancel()
                if let silence = await silent.value { why = silence }
                lock.withLock { if listener === connection { listener = nil } }
                await connection.close()
            } catch let error as PostgresStoreError {
                why = error.reason ?? why
            } catch {
                why = "\(error)"
            }
            if lock.withLock({ closed }) { return }
            noteLost(why)
            ready.yield()
            try? await Task.sleep(for: retryInterval)
        }
    }

    /// Asks the server `SELECT 1` on the listening connection every `heartbeat` until cancelled. When an
    /// answer does not come within `silence` (the network went away without closing anything), closes
    /// the listening connection, which ends the watcher's listening as a lost connection does, and the
    /// store's, so that a call waiting on it ends now and not when the operating system gives up; then
    /// returns why. Returns nil when cancelled, or when the question failed otherwise: the connection
    /// was closed, and the watcher has already noticed.
    func listenForSilence(on listening: PostgresStore) async -> String? {
        while !Task.isCancelled {
            try? await Task.sleep(for: heartbeat)
            if Task.isCancelled || listening.connection.isClosed { return nil }
            let answered = await withTaskGroup(of: Bool?.self) { group -> Bool? in
                group.addTask {
                    do {
                        _ = try await listening.connection.query("SELECT 1", logger: listening.logger).collect()
                        return true
                    } catch {
                        return nil
                    }
                }
                group.addTask {
                    try? await Task.sleep(for: self.silence)
                    return false
                }
                let first = await group.next() ?? nil
                if first == false {
                    // Ends the question still waiting, and so the group.
                    await listening.close()
                }
                group.cancelAll()
                return first
            }
            guard let answered else { return nil }
            if !answered {
                let seconds = silence.components.seconds
                let why = "the server did not answer for \(seconds) seconds (the network may be down)"
                // Noted before the store's connection is closed: a call then fails at once, and does not
                // try to connect over the network that is gone; the watcher tries again.
                let calls = lock.withLock { () -> PostgresStore? in
                    if lost == nil { lost = why }
                    return store
                }
                await calls?.close()
                return why
            }
        }
        return nil
    }

    /// Stops listening and closes both connections. The link cannot be used after.
    public func close() async {
        let (task, listening, current) = lock.withLock { () -> (Task<Void, Never>?, PostgresStore?, PostgresStore?) in
            closed = true
            defer {
                watcher = nil
                listener = nil
                store = nil
            }
            return (watcher, listener, store)
        }
        task?.cancel()
        // Closing the listening connection ends its notifications, and so the watcher.
        await listening?.close()
        await task?.value
        await current?.close()
    }
}

/// A task executor over a concurrent Dispatch queue, for the watcher.
@available(macOS 15, *)
final class WatcherExecutor: TaskExecutor {
    static let shared = WatcherExecutor()
    let queue = DispatchQueue(label: "reinstate.team-store-watcher", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

extension PostgresStoreError {
    /// Why a lost or refused connection failed, in words; nil for the other errors.
    var reason: String? {
        switch self {
        case .unreachable(_, let why), .outcomeUnknown(_, let why), .loginRefused(_, let why), .tls(_, let why):
            return why
        default:
            return nil
        }
    }
}

/// A call to the team store that failed because the connection was lost, in one line that says whether
/// the change was saved, and that the tracker is trying again.
public struct TeamStoreLinkError: Error, Equatable, CustomStringConvertible, LocalizedError {
    public enum Outcome: Sendable, Equatable {
        /// A read: nothing was changed; what is on screen is what was read before.
        case notRead
        /// A write that did not reach the server, or was rolled back with the connection: nothing was saved.
        case notSaved
        /// A write whose COMMIT was sent and whose answer never came: saved whole or not at all, not known which.
        case unknown
    }

    public let address: String
    public let why: String
    public let outcome: Outcome

    public var errorDescription: String? { description }

    /// What matters first (the message line is one line, cut at the terminal's width), the why and
    /// the address after.
    public var description: String {
        let detail = "(\(why); \(address))"
        switch outcome {
        case .notRead:
            return "Team store not reachable, trying again every second; the screen shows what was read before \(detail)."
        case .notSaved:
            return "Team store not reachable: the change was NOT saved (nothing was changed); do it again when it is back. "
                + "Trying again every second \(detail)."
        case .unknown:
            return "Team store not reachable while the change was being saved: it is not known whether it was saved "
                + "(whole or not at all); look when it is back before doing it again \(detail)."
        }
    }
}
