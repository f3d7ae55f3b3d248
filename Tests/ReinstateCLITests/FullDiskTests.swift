import Foundation
import ReinstateCore
import ReinstateStore
import Testing

/// Runs `reinstate` on a real full disk or a real read-only disk: a small tmpfs mounted in a private
/// mount namespace (`unshare -m`) for the length of one shell script, so nothing outlives the test and
/// no other process sees the mount. Needs root (as these tests run here, in a container); chmod cannot
/// stand in for it, because permissions do not stop root.
struct PrivateDisk {
    static let available: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reinstate-mount-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let probe = try? runScript(
            #"exec unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$D" && mount -o remount,ro "$D"'"#,
            variables: ["D": folder], in: folder)
        return probe?.ending == .exited(0)
    }()

    struct Outcome {
        var ending: ChildProcess.Ending
        var stdout: String
        var stderr: String
        /// The store files as the command left them, copied out of the disk.
        var store: String
        /// What was on the disk afterwards (`ls -A`).
        var listing: [String]
    }

    let cli: CLI
    var mountPoint: String { cli.folder + "/disk" }
    var storeOnDisk: String { mountPoint + "/cases.sqlite" }

    /// Mounts a tmpfs of `sizeKB`, copies `seed` in as cases.sqlite (when given), fills the disk so that
    /// only `freeKB` stay free (when given), remounts it read-only (when asked), then runs
    /// `reinstate ARGS` and copies the store out again.
    func run(
        _ args: [String], seed: String?, sizeKB: Int, freeKB: Int? = nil, readOnly: Bool = false
    ) throws -> Outcome {
        let out = cli.folder + "/after-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let script = #"""
            exec unshare -m sh -c '
              set -e
              mount -t tmpfs -o size="$SIZE"k,mode=0700 tmpfs "$MNT"
              if [ -n "$SEED" ]; then cp "$SEED" "$MNT"/cases.sqlite; fi
              if [ -n "$FREE" ]; then
                dd if=/dev/zero of="$MNT"/.filler bs=4096 2>/dev/null || true
                truncate -s -"$FREE"K "$MNT"/.filler
              fi
              if [ -n "$READONLY" ]; then mount -o remount,ro "$MNT"; fi
              set +e
              "$BIN" "$@" >"$OUT"/.stdout 2>"$OUT"/.stderr
              status=$?
              for f in "$MNT"/cases.sqlite "$MNT"/cases.sqlite-wal; do if [ -f "$f" ]; then cp "$f" "$OUT"/; fi; done
              ls -A "$MNT" >"$OUT"/.listing
              exit $status
            ' sh "$@"
            """#
        var env = cliEnvironment()
        env["SIZE"] = String(sizeKB)
        env["MNT"] = mountPoint
        env["SEED"] = seed ?? ""
        env["FREE"] = freeKB.map(String.init) ?? ""
        env["READONLY"] = readOnly ? "1" : ""
        env["BIN"] = CLI.binary
        env["OUT"] = out
        let ending = try ChildProcess.spawn(["/bin/sh", "-c", script, "sh"] + args, environment: env).wait()
        func text(_ name: String) -> String {
            String(decoding: FileManager.default.contents(atPath: out + "/" + name) ?? Data(), as: UTF8.self)
        }
        return Outcome(
            ending: ending, stdout: text(".stdout"), stderr: text(".stderr"), store: out + "/cases.sqlite",
            listing: text(".listing").split(separator: "\n").map(String.init).sorted())
    }
}

/// Runs `reinstate ARGS` under a file-size limit (`ulimit -f`, in the shell's blocks): every write
/// past it fails with EFBIG, the way a full disk fails with ENOSPC. Needs no privileges.
func runUnderFileSizeLimit(_ blocks: Int, _ args: [String], cli: CLI) throws -> (ending: ChildProcess.Ending, stderr: String) {
    let err = cli.folder + "/.limited-stderr"
    defer { unlink(err) }
    let ending = try ChildProcess.spawn(
        ["/bin/sh", "-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"", CLI.binary] + args,
        environment: cliEnvironment(), stderr: err
    ).wait()
    return (ending, String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self))
}

@Suite struct FullDiskTests {
    /// A plan far bigger than the room left: about 1 MB of text.
    func bigPlan(_ cli: CLI) -> String {
        let line = "Root cause: the packaging supplier changed the carton without telling us; every order since then was checked.\n"
        return cli.file("big-plan.txt", String(repeating: line, count: 10_000))
    }

    /// The whole-store export, as the binary writes it: the store's content, byte for byte.
    func export(_ cli: CLI, _ store: String) throws -> Data {
        let result = try cli(["export", "--all", "--format", "json"], store: store)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdoutData
    }

    @Test(.enabled(if: PrivateDisk.available, "needs root and unshare for a private tmpfs"))
    func aFullDiskGivesAClearErrorAndChangesNothing() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "10"]).status == 0)
        let before = checksum(cli.store)
        let content = try export(cli, cli.store)
        let disk = PrivateDisk(cli: cli)
        let plan = bigPlan(cli)

        // Room to open the store, not to save a 1 MB plan: the transaction is rolled back.
        let nearlyFull = try disk.run(["poa", "add", "--case", "1", plan, "--store", disk.storeOnDisk], seed: cli.store, sizeKB: 4096, freeKB: 48)
        #expect(nearlyFull.ending == .exited(2))
        #expect(nearlyFull.stderr == "reinstate: Nothing was saved: the disk is full; free some space and try again\n")
        #expect(checksum(nearlyFull.store) == before)
        #expect(try StoreFile(path: nearlyFull.store).integrity() == ["ok"])
        #expect(try export(cli, nearlyFull.store) == content)

        // No room at all: even opening fails (SQLite needs its -shm file), and it says why.
        for args in [["poa", "add", "--case", "1", plan], ["case", "list"]] {
            let full = try disk.run(args + ["--store", disk.storeOnDisk], seed: cli.store, sizeKB: 4096, freeKB: 0)
            #expect(full.ending == .exited(2), "\(args)")
            #expect(full.stderr == "reinstate: Cannot open the case store at \(disk.storeOnDisk): the disk is full; free some space and try again\n")
            #expect(checksum(full.store) == before)
            #expect(try StoreFile(path: full.store).integrity() == ["ok"])
            #expect(try export(cli, full.store) == content)
        }
    }

    @Test(.enabled(if: PrivateDisk.available, "needs root and unshare for a private tmpfs"))
    func aFullDiskMidImportLeavesNoPartialImport() throws {
        let cli = CLI()
        defer { cli.remove() }
        let source = cli.folder + "/source.sqlite"
        #expect(try cli(["demo", "--cases", "60", "--seed", "3"], store: source).status == 0)
        let document = try export(cli, source)
        let json = cli.file("backup.json", data: document)
        _ = try CaseStore(path: cli.store)  // an empty store (no command makes one without adding something)
        let before = checksum(cli.store)

        let disk = PrivateDisk(cli: cli)
        let outcome = try disk.run(["import", json, "--store", disk.storeOnDisk], seed: cli.store, sizeKB: 4096, freeKB: 256)
        #expect(outcome.ending == .exited(2))
        #expect(outcome.stderr == "reinstate: Nothing was saved: the disk is full; free some space and try again\n")
        #expect(checksum(outcome.store) == before)
        let left = StoreFile(path: outcome.store)
        #expect(try left.integrity() == ["ok"])
        #expect(try left.caseCount == 0)
        #expect(try left.count("SELECT count(*) FROM message") == 0)
        // Nothing half-done stands in the way: with room, the same import loads every case.
        let retried = try cli(["import", json], store: outcome.store)
        #expect(retried.stdout == "Imported 60 cases into \(outcome.store).\n")
        #expect(try export(cli, outcome.store) == document)
    }

    @Test(.enabled(if: PrivateDisk.available || getuid() != 0, "root ignores permissions and this machine cannot mount"))
    func aReadOnlyPlaceGivesAClearErrorAndChangesNothing() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "5"]).status == 0)
        let before = checksum(cli.store)
        let content = try export(cli, cli.store)
        let plan = cli.file("plan.txt", "Root cause: late carrier pickups.\n")
        let words = "the store (or its folder) is read-only; check the permissions or use --store elsewhere"

        if PrivateDisk.available {
            // A real read-only disk (a remounted tmpfs).
            let disk = PrivateDisk(cli: cli)
            for args in [["poa", "add", "--case", "1", plan], ["case", "new", "--title", "New"], ["case", "list"]] {
                let outcome = try disk.run(args + ["--store", disk.storeOnDisk], seed: cli.store, sizeKB: 2048, readOnly: true)
                #expect(outcome.ending == .exited(2), "\(args)")
                #expect(outcome.stderr == "reinstate: Cannot open the case store at \(disk.storeOnDisk): \(words)\n", "\(args)")
                #expect(checksum(outcome.store) == before)
                #expect(outcome.listing == ["cases.sqlite"], "files appeared on a read-only disk")
            }
            // A new store on a read-only disk: no file, and the same words.
            let fresh = try disk.run(["case", "new", "--title", "New", "--store", disk.mountPoint + "/new.sqlite"], seed: nil, sizeKB: 256, readOnly: true)
            #expect(fresh.ending == .exited(2))
            #expect(fresh.stderr == "reinstate: Cannot open the case store at \(disk.mountPoint)/new.sqlite: \(words)\n")
            #expect(fresh.listing.isEmpty)
        } else {
            // Not root: a folder and a file without write permission.
            chmod(cli.store, 0o400)
            chmod(cli.folder, 0o500)
            defer { chmod(cli.folder, 0o700); chmod(cli.store, 0o600) }
            let outcome = try cli(["poa", "add", "--case", "1", plan])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.contains(words), "\(outcome.stderr)")
            #expect(checksum(cli.store) == before)
        }
        #expect(try StoreFile(path: cli.store).integrity() == ["ok"])
        #expect(try export(cli, cli.store) == content)
    }

    /// A file-size limit fails writes as a full disk does (EFBIG instead of ENOSPC), without privileges;
    /// by default it would also kill the process with SIGXFSZ mid-write, which Reinstate ignores.
    @Test func aFileSizeLimitGivesAnErrorNotADeadProcess() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "10"]).status == 0)
        let before = checksum(cli.store)
        let content = try export(cli, cli.store)

        let limited = try runUnderFileSizeLimit(256, ["poa", "add", "--case", "1", bigPlan(cli), "--store", cli.store], cli: cli)
        #expect(limited.ending == .exited(2), "killed instead of reporting: \(limited.ending)")
        #expect(limited.stderr.hasPrefix("reinstate: Nothing was saved: the file grew past this shell's file-size limit (ulimit -f"))
        #expect(limited.stderr.hasSuffix("raise it (ulimit -f unlimited) and try again\n"))
        #expect(checksum(cli.store) == before)
        #expect(try StoreFile(path: cli.store).integrity() == ["ok"])
        #expect(try export(cli, cli.store) == content)

        // The same limit mid-import: no case of the import is left behind.
        let source = cli.folder + "/source.sqlite"
        #expect(try cli(["demo", "--cases", "60", "--seed", "3"], store: source).status == 0)
        let json = cli.file("backup.json", data: try export(cli, source))
        let empty = cli.folder + "/empty.sqlite"
        _ = try CaseStore(path: empty)
        let emptyBefore = checksum(empty)
        let importing = try runUnderFileSizeLimit(512, ["import", json, "--store", empty], cli: cli)
        #expect(importing.ending == .exited(2))
        #expect(importing.stderr.contains("file-size limit"))
        #expect(checksum(empty) == emptyBefore)
        #expect(try StoreFile(path: empty).caseCount == 0)
        #expect(try StoreFile(path: empty).integrity() == ["ok"])
    }

    /// A backup that runs out of room is removed whole: nothing under its name, no temporary file.
    @Test func aBackupThatCannotBeWrittenLeavesNothingUnderItsName() throws {
        let cli = CLI()
        defer { cli.remove() }
        #expect(try cli(["demo", "--cases", "10"]).status == 0)
        let before = checksum(cli.store)
        let target = cli.folder + "/b.sqlite"
        let limited = try runUnderFileSizeLimit(128, ["backup", "--output", target, "--store", cli.store], cli: cli)
        #expect(limited.ending == .exited(2))
        #expect(limited.stderr.hasPrefix("reinstate: Cannot write the backup \(target): the file grew past this shell's file-size limit"))
        #expect(limited.stderr.hasSuffix("Nothing was written under that name.\n"))
        #expect(!exists(target))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder).filter { $0.hasPrefix(".b.sqlite") }.isEmpty)
        #expect(checksum(cli.store) == before)

        guard PrivateDisk.available else { return }
        let disk = PrivateDisk(cli: cli)
        let full = try disk.run(["backup", "--output", disk.mountPoint + "/b.sqlite", "--store", cli.store], seed: nil, sizeKB: 1024, freeKB: 48)
        #expect(full.ending == .exited(2))
        #expect(full.stderr == "reinstate: Cannot write the backup \(disk.mountPoint)/b.sqlite: the disk is full; free some space and try again. Nothing was written under that name.\n")
        #expect(full.listing == [".filler"])
        #expect(checksum(cli.store) == before)
    }
}
