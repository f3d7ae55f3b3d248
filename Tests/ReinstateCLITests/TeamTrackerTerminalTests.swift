import Foundation
import PostgresTestSupport
import Testing

/// The real tracker on a PostgreSQL team store, driven in tmux: a colleague's change (another process,
/// `reinstate … --store URL`) shows on screen without a key, and a server stopped and started under the
/// open tracker is said on the message line, the screen kept, and the tracker goes on after.
@Suite(
    .serialized,
    .enabled(if: Tmux.available, "needs tmux"),
    .enabled(if: TestPostgresServer.isAvailable, "\(TestPostgresServer.unavailableReason ?? "PostgreSQL is available")"))
struct TeamTrackerTerminalTests {
    /// A team store of 5 demo cases on `server`, copied from a local one, and its URL.
    func teamStore(_ cli: CLI, on server: TestPostgresServer) throws -> String {
        let url = server.url(database: try server.newDatabase("tracker"))
        #expect(try cli(["demo", "--cases", "5", "--seed", "3"]).status == 0)
        let copied = try cli(["store", "copy", cli.store, url])
        #expect(copied.status == 0, "\(copied.stderr)")
        return url
    }

    /// The tracker open on `url` in tmux, on case #3 (the most urgent: first on the list).
    func openTracker(_ url: String) throws -> Tmux {
        let tmux = Tmux()
        try tmux.start()
        try tmux.type("\(CLI.binary) --store '\(url)'; echo exited=$?")
        try tmux.keys("Enter")
        try tmux.waitFor("Deadlines need you")
        try tmux.keys("Enter")
        try tmux.waitFor("of 5 cases")
        try tmux.keys("Enter")
        try tmux.waitFor("Timeline (5)")
        return tmux
    }

    /// How long until the screen shows `text`, waiting up to `timeout` seconds; nil if it never did.
    func secondsUntil(_ tmux: Tmux, shows text: String, timeout: TimeInterval) throws -> Double? {
        let started = Date()
        while Date().timeIntervalSince(started) < timeout {
            if try tmux.screen().contains(text) { return Date().timeIntervalSince(started) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    @Test func aColleaguesChangeShowsWithoutAKey() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.shared()
        let url = try teamStore(cli, on: server)
        let tmux = try openTracker(url)
        defer { tmux.stop() }

        let note = try cli(["note", "add", "--case", "3", "Colleague: Amazon called back"], store: url)
        #expect(note.status == 0, "\(note.stderr)")
        let noteSeen = try secondsUntil(tmux, shows: "Colleague: Amazon called back", timeout: 4)
        #expect(noteSeen.map { $0 < 2 } == true, "the note showed after \(String(describing: noteSeen)) s")
        #expect(try tmux.screen().contains("Timeline (6)"))

        let status = try cli(["case", "status", "3", "appeal-submitted"], store: url)
        #expect(status.status == 0, "\(status.stderr)")
        let statusSeen = try secondsUntil(tmux, shows: "appeal submitted", timeout: 4)
        #expect(statusSeen.map { $0 < 2 } == true, "the status showed after \(String(describing: statusSeen)) s")
        // The figure for "about a second" (the tracker looks at the change mark once a second when idle).
        print(String(format: "live update on screen after: note %.2f s, status %.2f s", noteSeen ?? -1, statusSeen ?? -1))

        try tmux.keys("q")
        try tmux.keys("q")
        try tmux.waitFor("exited=0")
    }

    @Test func aServerStoppedAndStartedUnderTheTrackerIsSaidAndGotOver() throws {
        let cli = CLI()
        defer { cli.remove() }
        let server = try TestPostgresServer.makePrivate(durable: true)
        defer { server.stop() }
        let url = try teamStore(cli, on: server)
        let tmux = try openTracker(url)
        defer { tmux.stop() }

        try server.stopImmediately()
        let down = try tmux.waitFor("not reachable", timeout: 5)
        #expect(down.contains("trying again"), "\(down)")
        #expect(down.contains("Timeline (5)"), "the screen stays: \(down)")
        #expect(!down.contains(TestPostgresServer.password))
        // A key while it is down: the screen is kept, the line still says why.
        try tmux.keys("j")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try tmux.screen().contains("Timeline (5)"))

        try server.start()
        try tmux.waitFor("reachable again", timeout: 8)
        // It goes on: a colleague's change shows again without a key.
        let note = try cli(["note", "add", "--case", "3", "After the restart"], store: url)
        #expect(note.status == 0, "\(note.stderr)")
        #expect(try secondsUntil(tmux, shows: "After the restart", timeout: 4) != nil)

        try tmux.keys("q")
        try tmux.keys("q")
        try tmux.waitFor("exited=0")
    }
}
