import Foundation
import GRDB
@testable import ReinstateStore
import Testing

/// `reinstate backup` and `reinstate restore`, end to end with the real binary.
@Suite struct BackupCommandTests {
    /// The path a "Backed up N cases to PATH" line names.
    func writtenPath(_ output: String) -> String? {
        output.components(separatedBy: " to ").last?.trimmingCharacters(in: .newlines)
    }

    @Test func aBackupIsAConsistentCopyWhileTheStoreIsInUse() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "30", "--seed", "4"]).status == 0)

        // Another connection holds a read transaction open (as the case tracker does while it reads)
        // for the whole time, while another process adds 200 cases in one transaction.
        let reader = try DatabaseQueue(path: cli.store)
        defer { try? reader.close() }
        let (backup, seenByReader, writer) = try reader.inDatabase { db -> (CLI.Result, [Int], ChildProcess.Ending) in
            try db.execute(sql: "BEGIN DEFERRED")
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM suspension_case") ?? -1
            let writing = try ChildProcess.spawn(
                [CLI.binary, "demo", "--add", "--cases", "200", "--seed", "5", "--store", cli.store],
                environment: cliEnvironment())
            let backup = try cli(["backup"])
            let writer = writing.wait()
            let after = try Int.fetchOne(db, sql: "SELECT count(*) FROM suspension_case") ?? -1
            try db.execute(sql: "COMMIT")
            return (backup, [before, after], writer)
        }
        #expect(writer == .exited(0))
        #expect(seenByReader == [30, 30], "the read transaction was not held across the backup")
        #expect(backup.status == 0, "\(backup.stderr)")

        let expected = cli.folder + "/backups/cases-2026-11-22T0900.sqlite"
        #expect(writtenPath(backup.stdout) == expected)
        // One snapshot: the cases before the writer's transaction, or after it, never part of it.
        let copy = StoreFile(path: expected)
        let cases = try copy.caseCount
        #expect(cases == 30 || cases == 230)
        #expect(backup.stdout == "Backed up \(cases) cases to \(expected)\n")
        #expect(try copy.integrity() == ["ok"])
        #expect(fileMode(expected) == 0o600)
        #expect(fileMode(cli.folder + "/backups") == 0o700)
        // One self-contained file: rollback-journal mode in the header (bytes 18–19 are 2 in WAL mode),
        // no -wal beside it, no temporary file left in the folder.
        let header = try #require(FileManager.default.contents(atPath: expected)).prefix(20)
        #expect(Array(header.suffix(2)) == [1, 1])
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/backups") == ["cases-2026-11-22T0900.sqlite"])
        #expect(try StoreFile(path: cli.store).caseCount == 230)

        // A second backup in the same minute gets the next free name; the backup is itself a store.
        let second = try cli(["backup"])
        #expect(second.stdout == "Backed up 230 cases to \(cli.folder)/backups/cases-2026-11-22T0900-2.sqlite\n")
        let listed = try cli(["case", "list", "--json"], store: cli.folder + "/backups/cases-2026-11-22T0900-2.sqlite")
        #expect((try JSONSerialization.jsonObject(with: listed.stdoutData) as? [Any])?.count == 230)
    }

    @Test func restoringABackupGivesBackExactlyWhatWasBackedUp() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "20", "--seed", "8"]).status == 0)
        let original = try cli(["export", "--all", "--format", "json"]).stdoutData
        let backup = try cli(["backup", "--output", cli.folder + "/before.sqlite"])
        #expect(backup.stdout == "Backed up 20 cases to \(cli.folder)/before.sqlite\n")

        // Change the store every way a seller does.
        #expect(try cli(["case", "new", "--title", "New listing case", "--reason", "inauthentic"]).status == 0)
        #expect(try cli(["poa", "add", "--case", "3", cli.file("plan.txt", "Root cause: a new supplier.\n")]).status == 0)
        #expect(try cli(["message", "add", "--case", "5", cli.file("reply.txt", "Please provide invoices for the last 365 days.\n")]).status == 0)
        #expect(try cli(["case", "status", "7", "closed"]).status == 0)
        let changed = try cli(["export", "--all", "--format", "json"]).stdoutData
        #expect(changed != original)

        // Without a terminal to ask on, restore needs --yes, and changes nothing without it.
        let storeBefore = checksum(cli.store)
        let refused = try cli(["restore", cli.folder + "/before.sqlite"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("add --yes"))
        #expect(checksum(cli.store) == storeBefore)
        #expect(!exists(cli.folder + "/backups"))

        let restored = try cli(["restore", cli.folder + "/before.sqlite", "--yes"])
        #expect(restored.status == 0, "\(restored.stderr)")
        let safety = cli.folder + "/backups/cases-2026-11-22T0900.sqlite"
        #expect(restored.stdout == """
            Backed up the current store (21 cases) to \(safety)
            Restored 20 cases from \(cli.folder)/before.sqlite into \(cli.store)

            """)
        #expect(try cli(["export", "--all", "--format", "json"]).stdoutData == original)
        // The store kept its file, its mode and WAL mode.
        #expect(fileMode(cli.store) == 0o600)
        #expect(try StoreFile(path: cli.store).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try StoreFile(path: cli.store).integrity() == ["ok"])

        // The automatic backup undoes the restore.
        #expect(try cli(["restore", safety, "--yes"]).status == 0)
        #expect(try cli(["export", "--all", "--format", "json"]).stdoutData == changed)
    }

    /// A store as the first release wrote it (migration v1 only), holding one case.
    func firstSchemaStore(_ path: String) throws {
        try CaseStore.createPrivateFile(path: path)
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v1")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO suspension_case (id, title, scope, reason, status, status_changed_at, opened_at)
                VALUES (1, 'Old backup', 'account', 'order-defect-rate', 'open', '2026-01-01T08:00:00Z', '2026-01-01T08:00:00Z')
                """)
        }
        try queue.close()
    }

    @Test func backupsFromAnEarlierReinstateRestoreAndAreUpgraded() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "3", "--seed", "2"]).status == 0)
        let old = cli.folder + "/old-backup.sqlite"
        try firstSchemaStore(old)
        let restored = try cli(["restore", "--yes", old])
        #expect(restored.status == 0, "\(restored.stderr)")
        let migrations = try DatabaseQueue(path: cli.store).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(migrations == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])  // v6: mail intake; v7: authors
        let list = try cli(["case", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("Old backup"))
        // Backing up an old store upgrades it first, as opening it for any other command would.
        let oldStore = cli.folder + "/old-store.sqlite"
        try firstSchemaStore(oldStore)
        let backup = try cli(["backup"], store: oldStore)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("Backed up 1 case to"))
    }

    @Test func backupRefusesWhatItCannotDoAndSaysWhy() throws {
        let cli = CLI()
        defer { cli.remove() }
        // No store: nothing is created, neither the store nor a backups folder.
        let missing = try cli(["backup"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("reinstate: There is no case store at \(cli.store); nothing was created."))
        #expect(!exists(cli.store))
        #expect(!exists(cli.folder + "/backups"))

        #expect(try cli(["demo", "--cases", "3"]).status == 0)
        let output = cli.file("taken.sqlite", "my notes\n")
        let taken = try cli(["backup", "--output", output])
        #expect(taken.status == 2)
        #expect(taken.stderr == "reinstate: \(output) already exists; add --force to replace it. Nothing was written.\n")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "my notes\n")

        let forced = try cli(["backup", "--output", output, "--force"])
        #expect(forced.status == 0)
        #expect(try StoreFile(path: output).caseCount == 3)
        #expect(fileMode(output) == 0o600)

        let noFolder = try cli(["backup", "--output", cli.folder + "/nowhere/b.sqlite"])
        #expect(noFolder.status == 2)
        #expect(noFolder.stderr.contains("the folder \(cli.folder)/nowhere does not exist"))
        let onItself = try cli(["backup", "--output", cli.store, "--force"])
        #expect(onItself.status == 2)
        #expect(onItself.stderr.contains("it is the store itself"))
        #expect(try cli(["backup", "--force"]).status == 64)
        // Nothing but the finished files: no temporary file was left anywhere.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test func restoreRefusesAnythingButAReinstateStoreAndChangesNothing() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "5"]).status == 0)
        let before = checksum(cli.store)

        let text = cli.file("notes.txt", "my notes about the case\n")
        let foreign = cli.folder + "/other.sqlite"
        do {
            let other = try DatabaseQueue(path: foreign)
            try other.write { try $0.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)") }
            try other.close()
        }
        let newer = cli.folder + "/newer.sqlite"
        #expect(try cli(["demo", "--cases", "2"], store: newer).status == 0)
        try StoreFile(path: newer).read { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        // A copy with a page of the case table overwritten: a real store, but damaged.
        let damaged = cli.folder + "/damaged.sqlite"
        #expect(try cli(["backup", "--output", damaged]).status == 0)
        let rootPage = try StoreFile(path: damaged).count("SELECT rootpage FROM sqlite_master WHERE name = 'suspension_case'")
        let handle = try #require(FileHandle(forUpdatingAtPath: damaged))
        try handle.seek(toOffset: UInt64((rootPage - 1) * 4096))
        handle.write(Data(repeating: 0xA5, count: 4096))
        try handle.close()

        let cases: [(String, String)] = [
            (text, "is not a Reinstate backup (it is not an SQLite database); give a file made by reinstate backup"),
            (foreign, "is not a Reinstate backup (it is a database of another program)"),
            (newer, "was written by a newer version of Reinstate"),
            (damaged, "damaged"),
            (cli.folder + "/absent.sqlite", "does not exist"),
            (cli.folder, "is a folder"),
            (cli.store, "is the store itself"),
        ]
        for (file, why) in cases {
            let result = try cli(["restore", file, "--yes"])
            #expect(result.status == 2, "\(file)")
            #expect(result.stderr.contains(why), "\(file): \(result.stderr)")
            #expect(result.stderr.contains("Nothing was changed") || result.stderr.contains("left untouched"), "\(result.stderr)")
            #expect(!result.stderr.contains("--store"), "the backup given is what is wrong: \(result.stderr)")
            #expect(checksum(cli.store) == before, "\(file) changed the store")
            #expect(!exists(cli.folder + "/backups"), "\(file): a refused restore wrote a backup")
        }
        #expect(try StoreFile(path: cli.store).caseCount == 5)
    }

    @Test(.enabled(if: Tmux.available, "needs tmux")) func restoreAsksOnATerminal() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "4"]).status == 0)
        #expect(try cli(["backup", "--output", cli.folder + "/b.sqlite"]).status == 0)
        #expect(try cli(["case", "new", "--title", "Added after the backup"]).status == 0)
        let tmux = Tmux()
        try tmux.start(width: 400)
        defer { tmux.stop() }
        let command = "\(CLI.binary) restore \(cli.folder)/b.sqlite --store \(cli.store); echo exit=$?"

        try tmux.type(command)
        try tmux.keys("Enter")
        let asked = try tmux.waitFor("[y/N]")
        #expect(asked.contains("Replace the 5 cases in \(cli.store) with the 4 cases in"))
        try tmux.type("n")
        try tmux.keys("Enter")
        #expect(try tmux.waitFor("exit=0").contains("not restored; nothing was changed"))
        #expect(try StoreFile(path: cli.store).caseCount == 5)

        try tmux.type("clear; " + command)
        try tmux.keys("Enter")
        try tmux.waitFor("[y/N]")
        try tmux.type("y")
        try tmux.keys("Enter")
        #expect(try tmux.waitFor("exit=0").contains("Restored 4 cases"))
        #expect(try StoreFile(path: cli.store).caseCount == 4)
    }
}
