import ArgumentParser
import Foundation
import ReinstateApp
import ReinstateCore
import ReinstateStore

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill the store with realistic synthetic cases, to try Reinstate or to benchmark it.",
        discussion: """
            The cases are invented (texts in Data/demo): every status, several marketplaces and accounts, \
            overdue and due-soon deadlines, answered and unanswered requests, several plan versions. \
            The same --seed (and REINSTATE_NOW) gives the same cases. A store that already holds cases is \
            refused unless --add is given, so invented cases never mix with real ones.
            """)

    @OptionGroup var options: StoreOptions
    @Option(help: "How many cases.") var cases: Int = 40
    @Option(help: "The seed; the same seed gives the same cases.") var seed: UInt64 = 1
    @Flag(help: "Add the demo cases to a store that already holds cases (never your real store!).") var add = false
    @Option(help: ArgumentHelp(
        "Instead of filling the store, write the demo cases' messages as a mailbox here (with noise and duplicates).",
        discussion: "The right answer for each message is written beside it, in PATH.answers.tsv (Message-ID, tab, answer)."))
    var mailbox: String?
    @Option(help: "The mailbox's shape: mbox (one file) or maildir (a folder).") var mailboxFormat: MailboxShape = .mbox

    enum MailboxShape: String, ExpressibleByArgument, CaseIterable {
        case mbox, maildir
    }

    func validate() throws {
        guard (1...1_000_000).contains(cases) else { throw ValidationError("--cases must be between 1 and 1000000.") }
    }

    func run() throws {
        try reporting {
            if let mailbox {
                try writeMailbox(mailbox)
                return
            }
            let store = try options.open(creating: true)
            let existing = try store.caseCount()
            if existing > 0 && !add {
                throw CLIError(
                    "\(store.path) already holds \(existing) case\(existing == 1 ? "" : "s"); demo cases are invented and "
                        + "would mix with them. Use --store with a new file, or --add if this is a demo store.")
            }
            let ids = try store.fillDemo(count: cases, seed: seed, now: try Clock.now())
            let range = ids.map { " (ids \($0.lowerBound)–\($0.upperBound))" } ?? ""
            printError("added \(cases) demo case\(cases == 1 ? "" : "s")\(range) to \(store.path)")
            printError("try: reinstate due --store \(store.path)   ·   reinstate case list --store \(store.path)")
        }
    }

    /// Writes the demo mailbox and its answers; refuses to write over anything.
    func writeMailbox(_ path: String) throws {
        let demo = DemoMailbox(cases: cases, seed: seed, now: try Clock.now())
        let answers = path + ".answers.tsv"
        var st = stat()
        for taken in [path, answers] where lstat(taken, &st) == 0 {
            throw CLIError("\(taken) already exists; demo never writes over a file or folder. Choose another --mailbox.")
        }
        switch mailboxFormat {
        case .mbox:
            let writer = try AtomicFile.Writer(path: path, overwrite: false)
            for mail in demo.mails { try writer.write(DemoMailbox.mboxEntry(mail)) }
            try writer.commit()
        case .maildir:
            for sub in ["cur", "new", "tmp"] {
                try FileManager.default.createDirectory(atPath: path + "/" + sub, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            for (n, mail) in demo.mails.enumerated() {
                try AtomicFile.write(mail.raw, to: path + "/cur/" + DemoMailbox.maildirName(n, mail), overwrite: false)
            }
        }
        try AtomicFile.write(Data(demo.answers().utf8), to: answers, overwrite: false)
        printError("wrote \(demo.mails.count) messages of \(cases) demo case\(cases == 1 ? "" : "s") to \(path) (\(mailboxFormat.rawValue)), answers in \(answers)")
        printError("try: reinstate mail import \(path) --store demo-mail.sqlite")
    }
}
