import Foundation

/// A child process started with posix_spawn and reaped with waitpid, below Foundation's Process.
///
/// Process never saw some children exit (a tmux client that had daemonised a server stayed a zombie),
/// and a test that kills a child by pid must own the pid until it reaps it: until `wait()` the pid
/// cannot be reused, so a late SIGKILL can only reach this child. Standard streams go to files, every
/// other descriptor is closed in the child, and the child starts with no signal blocked and every
/// signal at its default (the test process blocks or ignores some).
struct ChildProcess {
    let pid: pid_t

    /// How a child ended.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        init(waitStatus status: Int32) {
            let signal = status & 0x7f
            self = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        }

        var description: String {
            switch self {
            case .exited(let code): return "exit \(code)"
            case .signalled(let signal): return "signal \(signal)"
            }
        }
    }

    /// Starts `arguments[0]` (looked up in PATH when it has no slash) with `environment` (default: this
    /// process's), standard input read from the file `stdin`, output written to the files `stdout` and
    /// `stderr` (created 0600, or emptied).
    static func spawn(
        _ arguments: [String], environment: [String: String]? = nil, stdin: String = "/dev/null",
        stdout: String = "/dev/null", stderr: String = "/dev/null"
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var cArgs = arguments.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let spawned: Int32
        if let environment {
            var cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { for p in cEnv { free(p) } }
            spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, &cArgs, &cEnv)
        } else {
            spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, &cArgs, environ)
        }
        guard spawned == 0 else { throw CocoaError(.executableNotLoadable) }
        return ChildProcess(pid: pid)
    }

    /// Waits for the child to end and reaps it.
    @discardableResult
    func wait() -> Ending {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Ending(waitStatus: status)
    }

    /// Sends a signal. Safe until `wait()`: an ended but unreaped child keeps its pid.
    func kill(_ signal: Int32) { _ = Glibc.kill(pid, signal) }
}

/// The environment the command-line tests give `reinstate`: a pinned clock and UTC, no store from outside.
func cliEnvironment(now: String = "2026-11-22T09:00:00Z", extra: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["REINSTATE_NOW"] = now
    env["TZ"] = "UTC"
    env["REINSTATE_STORE"] = nil
    for (k, v) in extra { env[k] = v }
    return env
}

/// Runs `sh -c script` with the command-line tests' environment plus `variables`; returns how it ended
/// and what it wrote.
func runScript(_ script: String, variables: [String: String] = [:], in folder: String) throws
    -> (ending: ChildProcess.Ending, stdout: String, stderr: String)
{
    let out = folder + "/.script-out-\(UUID().uuidString)", err = folder + "/.script-err-\(UUID().uuidString)"
    defer { unlink(out); unlink(err) }
    let child = try ChildProcess.spawn(
        ["/bin/sh", "-c", script], environment: cliEnvironment(extra: variables), stdout: out, stderr: err)
    let ending = child.wait()
    func text(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
    return (ending, text(out), text(err))
}
