import ArgumentParser
import Foundation
import ReinstateApp
import ReinstateCore
import ReinstatePostgres
import ReinstateStore

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill the store with realistic synthetic cases, to try Reinstate or to benchmark it.",
        discussion: """
            The cases are invented (texts in Data/demo): every status, several marketplaces and accounts, \
            overdue and due-soon deadlines, answered and unanswered requests, several plan versions. \
            The same --seed (and REINSTATE_NOW) gives the same cases. A store that already holds cases is \
            refused unless --add is given, so invented cases never mix with real ones.

            On a team store (--store postgresql://…) the cases are made as for a new local file and loaded \
            in one transaction, all or none, into an empty store (an empty database is set up first); only \
            the store's owner may. A team store that holds cases is refused even with --add: colleagues see \
            every case there, and invented ones would mix with their clients' real cases.
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

    func run() async throws {
        try await reporting {
            if let mailbox {
                try writeMailbox(mailbox)
                return
            }
            if PostgresAddress.isURL(options.path) {
                try await fillTeamStore()
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

    /// Fills an empty team store: the cases made in a local store in memory, exactly as in a new local
    /// file (the same ids and bytes), then loaded whole as `store copy` loads a file.
    func fillTeamStore() async throws {
        try StoreCommand.refuseReadOnly()
        try await PostgresOpening.connect(options.path).closing { store in
            let shown = store.address.redacted
            // Demo says everything on standard error, this too.
            try await StoreCommand.prepareToLoad(store, say: { printError($0) })
            let existing = try await store.caseTotal()
            if existing > 0 {
                throw CLIError(
                    "\(shown) already holds \(existing) case\(existing == 1 ? "" : "s"); demo cases are invented and would mix "
                        + "with them\(add ? ", which colleagues see (--add works on a local store file only)" : ""). "
                        + "Use a new, empty database, or a local file: --store demo.sqlite")
            }
            let made = try CaseStore()
            let ids = try made.fillDemo(count: cases, seed: seed, now: try Clock.now())
            try await store.importDocument(try made.exportDocument())
            let range = ids.map { " (ids \($0.lowerBound)–\($0.upperBound))" } ?? ""
            printError("added \(cases) demo case\(cases == 1 ? "" : "s")\(range) to \(shown)")
            printError("try: reinstate due --store \(shown)   ·   reinstate case list --store \(shown)")
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
