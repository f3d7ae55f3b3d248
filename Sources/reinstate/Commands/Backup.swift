import ArgumentParser
import Foundation
import ReinstateCore
import ReinstatePostgres
import ReinstateStore

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the whole store into one file, safely, even while the case tracker has it open.",
        discussion: """
            The copy is made with SQLite's online backup: one consistent snapshot of every case, even while \
            another Reinstate (the case tracker, a script) reads or writes the store. Without --output it \
            goes into a backups folder beside the store, named after the time (local): for the default store, \
            ~/.local/share/reinstate/backups/cases-2026-11-22T0900.sqlite (…T0900-2.sqlite when that name is \
            taken). The folder is created private (0700); the file is readable only by you (0600).

            The copy is written under a temporary name, checked with SQLite's integrity check, and only then \
            given its name, so a file under that name is always a whole backup (a damaged store gives an \
            error instead). An existing file is never replaced without --force. A backup is one self-contained SQLite file and itself a case store: \
            look at it with `reinstate --read-only --store FILE`, bring it back with `reinstate restore FILE`.

            A team store (a postgresql:// URL) is backed up into a local store file the same way, from one \
            snapshot of every case; it has no folder beside it for dated backups, so --output FILE is required.

            Prints the file written and how many cases it holds.
            """)

    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp("Write the backup to this file (default: a dated file in the backups folder beside the store).", valueName: "file"))
    var output: String?
    @Flag(help: "Replace the --output file if it exists.") var force = false

    func validate() throws {
        if force, output == nil { throw ValidationError("--force goes with --output FILE; dated backups never replace a file.") }
    }

    func run() async throws {
        if PostgresAddress.isURL(options.path) {
            try await reporting { try await backupTeamStore() }
            return
        }
        try reporting {
            guard options.exists else { throw StoreOptions.missing(options.path) }
            // Opened as every command opens it, so a store from an earlier Reinstate is upgraded first and
            // the backup has this version's schema.
            let store = try options.open()
            let destination = try output.map { BackupDestination.file($0, overwrite: force) }
                ?? CaseStore.defaultBackup(forStoreAt: store.path, at: Clock.now())
            Self.report(try store.backup(to: destination))
        }
    }

    /// A team store is backed up into a local store file, as `store copy URL FILE` copies it (one
    /// snapshot of every case), then written the way a local store's backup is (under a temporary name,
    /// checked, never over a file without --force). It has no folder beside it for dated backups.
    func backupTeamStore() async throws {
        guard let output else {
            throw CLIError("A team store has no folder beside it for dated backups; name the file: reinstate backup --output FILE")
        }
        let document = try await PostgresOpening.connect(options.path).closing { try await $0.exportDocument() }
        let copy = try CaseStore()
        try copy.importDocument(document)
        Self.report(try copy.backup(to: .file(output, overwrite: force)))
    }

    static func report(_ written: BackupSummary) {
        Output.line("Backed up \(written.cases) case\(written.cases == 1 ? "" : "s") to \(written.path)")
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace every case in the store with a backup made by `reinstate backup`.",
        discussion: """
            FILE must be a Reinstate store this version can read: a text file, another program's database, a \
            store from a newer Reinstate, a damaged file (SQLite's integrity check) or a store whose tables, \
            indexes, triggers or views are not exactly those Reinstate made is refused, and nothing changes. Before anything is replaced, the current store is backed up into the backups folder \
            beside it, as `reinstate backup` does, so a restore can itself be undone: it prints where.

            The backup is copied into the store's own file with SQLite's online backup, in one transaction: \
            a case tracker that has the store open sees the old cases or the new ones, never a mixture, and \
            a restore that is interrupted leaves the old store. The store file is never replaced by another \
            file. When there is no store yet, restore creates it (there is nothing to back up first).

            On a terminal, asks before replacing anything (y/N). --yes skips the question; without a \
            terminal (a script, cron) --yes is required. To load a JSON export instead, see `reinstate import`.

            A team store (--store postgresql://…) holds every client's cases, so only its owner may restore \
            it (a staff role is refused in one line). Its current contents are first written to a local \
            store file, backups/team-DATABASE-2026-11-22T0900.sqlite in the data folder \
            ($XDG_DATA_HOME/reinstate, else ~/.local/share/reinstate), read under a lock that holds every \
            colleague's change back until the restore ends; then, in the same one transaction, every case and \
            held message is replaced. A restore that fails or is cut off (the connection lost, the process \
            killed) leaves the old cases. Grants (`reinstate team`) are kept.
            """)

    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp("The backup to restore (a file written by `reinstate backup`).", valueName: "file"))
    var file: String
    @Flag(name: [.customShort("y"), .long], help: "Replace the store without asking.") var yes = false

    func run() async throws {
        try await reporting {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
                throw CLIError("\(file) does not exist. Nothing was changed.")
            }
            if isDirectory.boolValue { throw CLIError("\(file) is a folder; give the backup file inside it. Nothing was changed.") }
            // The backup is opened read-only with the same checks as any store, and checked whole.
            // A backup from an earlier Reinstate is read as it is; the store is upgraded after the copy.
            let source: CaseStore
            do {
                source = try CaseStore(path: file, readOnly: true, acceptOlderSchema: true)
            } catch StoreError.notAStore(_, let why) {
                // Said of the backup given, not of the store: --store is not what to change.
                throw CLIError("\(file) is not a Reinstate backup (\(why)); give a file made by reinstate backup. Nothing was changed.")
            }
            try source.checkIntegrity()
            try source.checkSchemaIsReinstates()
            let incoming = try source.caseCount()
            if PostgresAddress.isURL(options.path) {
                try await restoreTeamStore(incoming: incoming)
                return
            }

            let storePath = options.path
            if CaseStore.sameFile(file, storePath) {
                throw CLIError("\(file) is the store itself; there is nothing to restore. Nothing was changed.")
            }
            let existed = FileManager.default.fileExists(atPath: storePath)
            let current = existed ? try CaseStore(path: storePath, readOnly: true, acceptOlderSchema: true).caseCount() : 0
            if !yes {
                let question = existed
                    ? "Replace the \(plural(current, "case")) in \(storePath) with the \(plural(incoming, "case")) in \(file)? "
                        + "The current store is backed up first."
                    : "Restore the \(plural(incoming, "case")) in \(file) into a new store at \(storePath)?"
                try confirm(question)
            }
            let store = try options.open(creating: true)
            if existed {
                let safety = try store.backup(to: CaseStore.defaultBackup(forStoreAt: store.path, at: Clock.now()))
                Output.line("Backed up the current store (\(plural(safety.cases, "case"))) to \(safety.path)")
            }
            let restored = try store.restore(from: source)
            _ = try CaseStore(path: store.path)  // brings a backup from an earlier Reinstate up to this schema
            Output.line("Restored \(plural(restored, "case")) from \(file) into \(store.path)")
        }
    }

    /// Replaces a team store's cases with the backup's (see the discussion): the owner only, the current
    /// contents kept in a local file first, then everything replaced in one transaction.
    func restoreTeamStore(incoming: Int) async throws {
        try StoreCommand.refuseReadOnly()
        let document = try Self.document(ofBackup: file)
        try await PostgresOpening.connect(options.path).closing { store in
            let shown = store.address.redacted
            try await store.requireStoreOwner(to: "restore a backup over the team store")
            let current = try await store.caseTotal()
            if !yes {
                try confirm(
                    "Replace the \(plural(current, "case")) in \(shown) with the \(plural(incoming, "case")) in \(file)? "
                        + "The current store is backed up first.")
            }
            let now = try Clock.now()
            let folder = CaseStore.backupFolder(
                forStoreAt: StoreLocation.resolve(option: nil, environment: ProcessInfo.processInfo.environment))
            try await store.replaceContents(with: document) { contents in
                let copy = try CaseStore()
                try copy.importDocument(contents)
                let safety = try copy.backup(to: .dated(folder: folder, name: "team-" + store.address.database, at: now))
                Output.line("Backed up the current store (\(plural(safety.cases, "case"))) to \(safety.path)")
            }
            Output.line("Restored \(plural(document.cases.count, "case")) from \(file) into \(shown)")
        }
    }

    /// A backup file's cases as one document, read from a private copy of it opened as this version opens a
    /// store (a backup from an earlier Reinstate is brought up to this schema there; the file itself is
    /// never changed).
    static func document(ofBackup file: String) throws -> StoreDocument {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reinstate-restore-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/backup.sqlite"
        try FileManager.default.copyItem(atPath: file, toPath: copy)
        return try CaseStore(path: copy, createFolders: false).exportDocument()
    }

    /// Asks on the terminal; refuses outright when there is no terminal to ask on.
    func confirm(_ question: String) throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw CLIError(
                "restore replaces every case in the store, and standard input is not a terminal to ask on; "
                    + "add --yes to go ahead. Nothing was changed.")
        }
        FileHandle.standardError.write(Data((question + " [y/N] ").utf8))
        let answer = (readLine(strippingNewline: true) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else {
            printError("not restored; nothing was changed.")
            throw ExitCode.success
        }
    }

    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
