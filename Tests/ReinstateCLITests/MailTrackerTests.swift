import Foundation
import Testing

/// The tracker shows what `mail import` held and files it with a key: the real binary in tmux.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux")) struct MailTrackerTests {
    @Test func aHeldMessageIsShownAtLaunchReadAndFiledFromTheHeldList() throws {
        let cli = CLI()
        defer { cli.remove() }
        try FileManager.default.createDirectory(atPath: cli.folder + "/saved", withIntermediateDirectories: true)
        _ = cli.file("saved/reply.eml", MailCommandTests.reply)  // no case to follow: held
        #expect(try cli(["case", "new", "--title", "Inauthentic", "--account", "Blue Harbor Goods LLC"]).status == 0)
        #expect(try cli(["mail", "import", cli.folder + "/saved"]).stdout.contains("held (#1)"))

        let tmux = Tmux()
        try tmux.start()
        defer { tmux.stop() }
        try tmux.type("\(CLI.binary) --store \(cli.store); echo exited=$?")
        try tmux.keys("Enter")
        var screen = try tmux.waitFor("held from mail")
        if screen.contains("Press any key") {
            try tmux.keys("Enter")
            screen = try tmux.waitFor("1 of 1 case")
        }
        #expect(screen.contains("✉ 1 held from mail (H lists them)"))
        try tmux.keys("H")
        let list = try tmux.waitFor("Held from mail")
        #expect(list.contains("Re: Your Amazon selling"))
        try tmux.keys("Enter")
        #expect(try tmux.waitFor("Held because:").contains("Greater detail on the root cause"))
        try tmux.keys("q")
        try tmux.waitFor("1 of 1 held")
        try tmux.keys("f")
        let asked = try tmux.waitFor("File held message #1 into case #")
        #expect(asked.contains("Held from seller-performance@amazon.com"))  // why, on the line above (cut to the width)
        try tmux.type("1")
        try tmux.keys("Enter")
        let filed = try tmux.waitFor("Filed held message #1 into case #1.")
        #expect(!filed.contains("held from mail"))
        try tmux.keys("q")
        try tmux.waitFor("exited=0")
        #expect(try cli(["mail", "held"]).stdout.contains("No message is held."))
        #expect(try cli(["case", "show", "1"]).stdout.contains("Re: Your Amazon selling account"))
    }
}
