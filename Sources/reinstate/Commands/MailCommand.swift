import ArgumentParser

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Take Amazon's messages straight from a mailbox (mbox, Maildir, a folder of .eml files).",
        discussion: """
            `mail import` files every message from Amazon into its case, opens a case for a new notice, holds \
            what it cannot place with confidence, and skips mail that is not from Amazon. `mail held` lists \
            the held messages; `mail file` files one.
            """,
        subcommands: [Import.self, Held.self, File.self])
}
