import Foundation
import ReinstateCore
import ReinstateStore
import Testing

/// The questions of the correcting commands on a real terminal (tmux): a bare date on the day of a
/// later message asks for the time; removing and finishing ask with "no" as the default.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux")) struct CorrectionTerminalTests {
    let reply = """
        We received your submission but do not have enough information to reactivate your account at this time. To reactivate your account, please send the following:
        – Greater detail on the root cause(s) of unresponsive or poor customer service.
        If we do not receive the requested information within 14 days of the original notification, your account will remain deactivated.
        """

    @Test func theQuestionsOnATerminal() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["case", "new", "--title", "Slow replies"]).status == 0)
        #expect(try cli(["message", "add", "--case", "1", "--received", "2026-11-10T10:00", cli.file("r.txt", reply)]).status == 0)
        #expect(try cli(["poa", "add", "--case", "1", cli.file("v1.txt", "Root cause: one clerk.")]).status == 0)
        let tmux = Tmux()
        try tmux.start()
        defer { tmux.stop() }
        let run = "\(CLI.binary) --store \(cli.store)"

        // A bare date on the day of Amazon's reply: the time is asked for; a wrong answer says why.
        try tmux.type("\(run) poa submit --case 1 1 --date 2026-11-10; echo rc=$?")
        try tmux.keys("Enter")
        try tmux.waitFor("At what time")
        try tmux.type("half past three")
        try tmux.keys("Enter")
        try tmux.waitFor("is not a time like 15:30")
        try tmux.type("15:30")
        try tmux.keys("Enter")
        try tmux.waitFor("rc=0")
        let store = try CaseStore(path: cli.store, readOnly: true)
        #expect(try store.history(1).plans[0].submitted == Timestamp.parse("2026-11-10T15:30:00Z"))
        #expect(try store.history(1).deadlines.allSatisfy { !$0.isOpen })

        // Remove: Enter is "no", and nothing changes.
        try tmux.keys("C-l")
        try tmux.type("\(run) message remove 1; echo rc=$?")
        try tmux.keys("Enter")
        try tmux.waitFor("[y/N]")
        try tmux.keys("Enter")
        let kept = try tmux.waitFor("rc=0")
        #expect(kept.contains("nothing was changed"))
        #expect(try store.history(1).messages.count == 1)

        // Finishing a case asks; "y" goes ahead.
        try tmux.keys("C-l")
        try tmux.type("\(run) case status 1 closed; echo rc=$?")
        try tmux.keys("Enter")
        try tmux.waitFor("[y/N]")
        try tmux.type("y")
        try tmux.keys("Enter")
        try tmux.waitFor("Case 1 is now closed")
        #expect(try store.suspensionCase(1).status == .closed)
    }
}
