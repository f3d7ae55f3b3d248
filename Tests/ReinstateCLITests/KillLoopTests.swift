import Foundation
import GRDB
import ReinstateCore
import ReinstateStore
import Testing

/// Kills writing `reinstate` processes with SIGKILL at random moments, and checks what the next
/// Reinstate finds: a sound file, every command that said it succeeded fully there, nothing half-written.
///
/// The commands and how each batches its writes (CaseStore: every public write is one immediate
/// transaction), which is what "nothing half-written" means for each:
/// - `import FILE` into an empty store: one transaction for the whole document. The store holds all of
///   its cases (and exports to the same bytes as the document) or none.
/// - `poa add`: one transaction (the version, its search entry, the case's status, its deadlines). The
///   versions of a case are numbered 1…n without a gap, each the whole text of one attempt.
/// - `message add`: one transaction (the message, its requested details, its deadline, its search entry,
///   the case's status). Every stored message has all 3 requested details and its deadline.
/// - `mail import MAILBOX` into an empty store: one transaction per message (the case it opens, the
///   message with its checklist and deadline, its identity, attachments and routing marks; or the held
///   message). Every message the store holds is whole: the same kind, requested details, deadline and
///   attachments as the same message (by identity) in a reference store that imported the mailbox
///   without being killed; one that exited 0 holds exactly what the reference holds.
/// - `demo --add --cases 50`: one transaction per 1,000 cases, so 50 cases are one transaction. The
///   demo cases come in whole batches of 50, each case with exactly the rows the same case has in a
///   reference store the same command filled without being killed.
///
/// Half the kills come after a random delay between 0 and 1.2 times the command's un-killed run time
/// (measured first), so they fall all over the run: starting up, reading, building the transaction,
/// committing, checkpointing at exit. The other half watch the -wal file and strike 0–3 ms after SQLite
/// starts appending the transaction to it, where a commit is cut in half. `REINSTATE_KILL_LOOPS` sets the number of kills (default 12);
/// `Scripts/kill-loop` runs 300. `REINSTATE_KILL_SEED` replays a run.
@Suite struct KillLoopTests {
    enum Command: CaseIterable { case importing, plan, message, demo, mail }

    /// How the runs ended.
    struct Tally {
        var exitedFirst = 0, killed = 0, killedAfterCommit = 0, killedBeforeCommit = 0, killedMidCommit = 0

        var summary: String {
            "\(killed) killed before they exited (\(killedBeforeCommit) before their commit, \(killedAfterCommit) after it; "
                + "\(killedMidCommit) while writing the transaction to the -wal), \(exitedFirst) exited before the kill"
        }

        static func + (a: Tally, b: Tally) -> Tally {
            Tally(
                exitedFirst: a.exitedFirst + b.exitedFirst, killed: a.killed + b.killed,
                killedAfterCommit: a.killedAfterCommit + b.killedAfterCommit,
                killedBeforeCommit: a.killedBeforeCommit + b.killedBeforeCommit,
                killedMidCommit: a.killedMidCommit + b.killedMidCommit)
        }
    }

    static let replyText = """
        Hello,

        Thank you for your appeal. We reviewed your Plan of Action and need more information before we can reinstate your account.

        Please provide:
        - The root cause of the late shipments in October.
        - Invoices from your supplier covering the last 365 days.
        - A description of the preventive measures you have put in place.

        Please send the requested information within 17 days of this message.

        Seller Performance Team

        """

    @Test func killedMidWriteLosesNothingAndLeavesNothingHalfWritten() throws {
        let loops = Int(ProcessInfo.processInfo.environment["REINSTATE_KILL_LOOPS"] ?? "") ?? 12
        let seed = UInt64(ProcessInfo.processInfo.environment["REINSTATE_KILL_SEED"] ?? "") ?? UInt64.random(in: 1...999_999)
        var rng = SeededGenerator(seed: seed)
        let started = DispatchTime.now().uptimeNanoseconds
        let cli = CLI()
        defer { cli.remove() }
        let reply = cli.file("reply.txt", Self.replyText)

        // The references: a demo batch filled without a kill, and the document imports load.
        var duration: [Command: Double] = [:]
        let reference = cli.folder + "/reference.sqlite"
        duration[.demo] = try timed { try cli(["demo", "--cases", "50", "--seed", "7"], store: reference) }
        let demoSignature = try signatures(StoreFile(path: reference), from: 1)
        try #require(demoSignature.count == 50)
        let source = cli.folder + "/source.sqlite"
        #expect(try cli(["demo", "--cases", "40", "--seed", "11"], store: source).status == 0)
        let document = try cli(["export", "--all", "--format", "json"], store: source).stdoutData
        let documentPath = cli.file("backup.json", data: document)
        let probe = cli.folder + "/probe.sqlite"
        _ = try CaseStore(path: probe)
        duration[.importing] = try timed { try cli(["import", documentPath], store: probe) }

        let mailbox = cli.folder + "/demo.mbox"
        #expect(try cli(["demo", "--cases", "20", "--seed", "3", "--mailbox", mailbox], store: cli.folder + "/mailsource.sqlite").status == 0)
        let mailReference = cli.folder + "/mail-reference.sqlite"
        _ = try CaseStore(path: mailReference)
        duration[.mail] = try timed { try cli(["mail", "import", mailbox], store: mailReference) }
        let mailSignature = try Self.mailSignature(StoreFile(path: mailReference))
        try #require(mailSignature.count > 40)

        var target = try KillTarget(cli: cli, generation: 0)
        duration[.plan] = try timed { try target.addPlanUnkilled(cli: cli, attempt: -1) }
        duration[.message] = try timed { try target.addMessageUnkilled(cli: cli, reply: reply) }

        var tally: [Command: Tally] = [:]
        for attempt in 0..<loops {
            let command = Command.allCases[attempt % Command.allCases.count]
            let store: String
            var args: [String]
            switch command {
            case .importing:
                store = cli.folder + "/import-\(attempt).sqlite"
                _ = try CaseStore(path: store)  // an empty store, as import needs
                args = ["import", documentPath]
            case .plan:
                store = target.path
                args = ["poa", "add", "--case", "1", cli.file("plan-\(attempt).txt", KillTarget.planText(attempt))]
            case .message:
                store = target.path
                args = ["message", "add", "--case", "1", reply]
            case .demo:
                store = target.path
                args = ["demo", "--add", "--cases", "50", "--seed", "7"]
            case .mail:
                store = cli.folder + "/mail-\(attempt).sqlite"
                _ = try CaseStore(path: store)
                args = ["mail", "import", mailbox]
            }
            let before = try target.snapshot()
            let out = cli.folder + "/.out", err = cli.folder + "/.err"
            let child = try ChildProcess.spawn(
                [CLI.binary] + args + ["--store", store], environment: cliEnvironment(), stdout: out, stderr: err)
            // Every other kill lands at a random moment of the run; the others at the moment SQLite starts
            // appending the transaction to the -wal (plus up to 3 ms), where a commit is cut in half.
            let atCommit = (attempt / Command.allCases.count) % 2 == 1  // every command both ways
            let delay: Double
            if atCommit {
                delay = try killWhenTheWALGrows(child, wal: store + "-wal", within: 3 * duration[command]!, rng: &rng)
            } else {
                delay = Double.random(in: 0...(1.2 * duration[command]!), using: &rng)
                usleep(UInt32(delay * 1_000_000))
                child.kill(SIGKILL)
            }
            let ending = child.wait()
            // Before anything opens the store again: frames after the last commit frame in the -wal
            // mean the kill came while SQLite was writing the transaction out.
            let torn = WALFile.uncommittedFrames(store + "-wal") > 0
            let printed = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
            let context = "attempt \(attempt) (\(command), kill after \(Int(delay * 1000)) ms\(atCommit ? " at the commit" : ""), seed \(seed))"

            let succeeded: Bool
            switch ending {
            case .exited(0): succeeded = true; tally[command, default: Tally()].exitedFirst += 1
            case .signalled(SIGKILL): succeeded = false; tally[command, default: Tally()].killed += 1
            default:
                let stderr = String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self)
                Issue.record("\(context): \(ending): \(stderr)")
                return
            }

            let committed: Bool
            if command == .importing {
                committed = try checkImport(store, document: document, cases: 40, succeeded: succeeded, context)
                for suffix in ["", "-wal", "-shm"] { unlink(store + suffix) }
            } else if command == .mail {
                let file = StoreFile(path: store)
                #expect(try file.integrity() == ["ok"], "\(context)")
                let found = try Self.mailSignature(file)
                committed = !found.isEmpty
                for (identity, signature) in found {
                    #expect(mailSignature[identity] == signature, "\(context): \(identity) is \(signature), not \(mailSignature[identity] ?? "in the reference")")
                }
                if succeeded { #expect(found == mailSignature, "\(context): exited 0 with \(found.count) of \(mailSignature.count) messages") }
                for suffix in ["", "-wal", "-shm"] { unlink(store + suffix) }
            } else {
                try target.check(demoSignature: demoSignature, context)
                let after = try target.snapshot()
                switch command {
                case .plan:
                    committed = after.plans > before.plans
                    if succeeded { target.planSucceeded(attempt: attempt, printed: printed) }
                case .message:
                    committed = after.messages > before.messages
                    if succeeded, let id = Int64(printed.trimmingCharacters(in: .whitespacesAndNewlines)) {
                        target.succeededMessages.insert(id)
                    }
                default:
                    committed = after.demoCases > before.demoCases
                    if succeeded { target.succeededDemos += 1 }
                }
                if succeeded { #expect(committed, "\(context): exited 0 but its change is missing") }
                try target.check(demoSignature: demoSignature, context)
                if target.demoCases > 300 { target = try KillTarget(cli: cli, generation: target.generation + 1) }
            }
            // Frames after the last commit frame are a transaction that never committed.
            if torn { #expect(!committed, "\(context): uncommitted frames in the -wal, yet the change is there") }
            if !succeeded {
                if committed {
                    tally[command, default: Tally()].killedAfterCommit += 1
                } else {
                    tally[command, default: Tally()].killedBeforeCommit += 1
                }
                if torn { tally[command, default: Tally()].killedMidCommit += 1 }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let total = tally.values.reduce(Tally(), +)
        print("kill loop: \(loops) iterations in \(String(format: "%.1f", seconds)) s (seed \(seed)): \(total.summary)")
        for command in Command.allCases {
            print("kill loop:   \(command): \(tally[command, default: Tally()].summary)")
        }
    }

    /// Each message a mail import left, by identity: filed (its kind, requested details, deadlines and
    /// attachments) or held.
    static func mailSignature(_ file: StoreFile) throws -> [String: String] {
        try file.read { db in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT i.identity, m.kind,
                    (SELECT count(*) FROM requested_detail r WHERE r.message_id = m.id),
                    (SELECT count(*) FROM deadline d WHERE d.message_id = m.id),
                    (SELECT count(*) FROM message_attachment a WHERE a.message_id = m.id)
                FROM mail_identity i JOIN message m ON m.id = i.message_id
                """)
            {
                out[row[0]] = "filed \(row[1] as String), \(row[2] as Int) requested, \(row[3] as Int) deadlines, \(row[4] as Int) attachments"
            }
            for identity in try String.fetchAll(db, sql: "SELECT identity FROM held_message") { out[identity] = "held" }
            return out
        }
    }

    /// Watches the -wal file and kills the child as soon as it grows past its 32-byte header (frames of a
    /// transaction are being written), after a further 0–3 ms; or when `within` seconds have passed.
    /// The child is never reaped here, so its pid cannot be reused before the kill. Returns the delay.
    func killWhenTheWALGrows(
        _ child: ChildProcess, wal: String, within limit: Double, rng: inout some RandomNumberGenerator
    ) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        var info = stat()
        while elapsed() < limit {
            if stat(wal, &info) == 0, info.st_size > 32 {
                usleep(UInt32.random(in: 0...3000, using: &rng))
                break
            }
            // Ended (and not reaped: WNOWAIT) before writing anything: nothing left to kill.
            var ended = siginfo_t()
            if waitid(P_PID, id_t(child.pid), &ended, WEXITED | WNOHANG | WNOWAIT) == 0, ended.si_signo == SIGCHLD { break }
            usleep(50)
        }
        child.kill(SIGKILL)
        return elapsed()
    }

    /// Runs a command that must succeed; returns its run time in seconds.
    func timed(_ body: () throws -> CLI.Result) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        #expect(result.status == 0, "\(result.stderr)")
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// An import either loaded every case of the document, exactly, or none. Returns whether it did.
    func checkImport(_ path: String, document: Data, cases: Int, succeeded: Bool, _ context: String) throws -> Bool {
        let file = StoreFile(path: path)
        #expect(try file.integrity() == ["ok"], "\(context)")
        let count = try file.caseCount
        #expect(count == 0 || count == cases, "\(context): \(count) of \(cases) cases imported")
        if succeeded { #expect(count == cases, "\(context): exited 0 with \(count) cases") }
        if count == 0 {
            #expect(try file.count("SELECT count(*) FROM message") == 0, "\(context): messages without their case")
            return false
        }
        #expect(try CaseStore(path: path).exportDocument().encoded() == document, "\(context): the import differs")
        return true
    }
}

/// One line per case from `firstID` on, in id order: what a case is made of, row by row. Two demo
/// cases from the same seed have the same line.
func signatures(_ file: StoreFile, from firstID: Int64) throws -> [String] {
    try file.read { db in
        func counts(_ sql: String) throws -> [Int64: Int] {
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql) { counts[row[0]] = row[1] }
            return counts
        }
        let messages = try counts("SELECT case_id, count(*) FROM message GROUP BY case_id")
        let requests = try counts("SELECT case_id, count(*) FROM requested_detail GROUP BY case_id")
        let plans = try counts("SELECT case_id, count(*) FROM plan_version GROUP BY case_id")
        let deadlines = try counts("SELECT case_id, count(*) FROM deadline GROUP BY case_id")
        let notes = try counts("SELECT case_id, count(*) FROM note GROUP BY case_id")
        let asins = try counts("SELECT case_id, count(*) FROM case_asin GROUP BY case_id")
        let search = try counts("SELECT case_id, count(*) FROM text_search GROUP BY case_id")
        return try Row.fetchAll(
            db, sql: "SELECT id, title, status, next_due_at FROM suspension_case WHERE id >= ? ORDER BY id", arguments: [firstID]
        ).map { row in
            let id: Int64 = row[0]
            let title: String = row[1], status: String = row[2]
            let due: String = row[3] ?? "-"
            let parts = [messages, requests, plans, deadlines, notes, asins, search].map { String($0[id] ?? 0) }
            return ([title, status, due] + parts).joined(separator: " | ")
        }
    }
}

/// The store the kill loop writes to: case 1 takes the plans and messages, demo batches follow it.
struct KillTarget {
    let path: String
    let generation: Int
    /// Plan attempts that exited 0, by the version number they printed.
    var succeededPlans: [Int: Int] = [:]
    var succeededMessages: Set<Int64> = []
    var succeededDemos = 0
    var demoCases = 0

    static func planText(_ attempt: Int) -> String {
        "Plan of Action, attempt \(attempt).\n\nRoot cause: late carrier pickups.\n"
            + String(repeating: "Corrective action: a second carrier collects every afternoon.\n", count: 40)
    }

    init(cli: CLI, generation: Int) throws {
        self.generation = generation
        path = cli.folder + "/kill-\(generation).sqlite"
        let made = try cli(["case", "new", "--title", "Kill loop target"], store: path)
        #expect(made.stdout == "1\n")
    }

    mutating func addPlanUnkilled(cli: CLI, attempt: Int) throws -> CLI.Result {
        let result = try cli(["poa", "add", "--case", "1", cli.file("plan-reference.txt", Self.planText(attempt))], store: path)
        planSucceeded(attempt: attempt, printed: result.stdout)
        return result
    }

    mutating func addMessageUnkilled(cli: CLI, reply: String) throws -> CLI.Result {
        let result = try cli(["message", "add", "--case", "1", reply], store: path)
        if let id = Int64(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) { succeededMessages.insert(id) }
        return result
    }

    mutating func planSucceeded(attempt: Int, printed: String) {
        let number = Int(printed.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(number != nil, "poa add exited 0 without printing a version: \(printed)")
        if let number { succeededPlans[number] = attempt }
    }

    struct Snapshot { var plans: Int, messages: Int, demoCases: Int }

    func snapshot() throws -> Snapshot {
        try StoreFile(path: path).read { db in
            Snapshot(
                plans: try Int.fetchOne(db, sql: "SELECT count(*) FROM plan_version WHERE case_id = 1") ?? 0,
                messages: try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE case_id = 1") ?? 0,
                demoCases: try Int.fetchOne(db, sql: "SELECT count(*) FROM suspension_case WHERE id > 1") ?? 0)
        }
    }

    /// The invariants, checked on the file as the next Reinstate opens it.
    mutating func check(demoSignature: [String], _ context: String) throws {
        let file = StoreFile(path: path)
        #expect(try file.integrity() == ["ok"], "\(context)")
        let reply = Data(KillLoopTests.replyText.utf8)
        try file.read { db in
            // Plans: 1…n without a gap, each the whole text of one attempt, each attempt at most once,
            // every version an attempt printed still holding that attempt's text, each searchable.
            let plans = try Row.fetchAll(db, sql: "SELECT number, text FROM plan_version WHERE case_id = 1 ORDER BY number")
            #expect(plans.map { $0[0] as Int } == Array(0..<plans.count).map { $0 + 1 }, "\(context): plan numbers")
            var attempts: Set<Int> = []
            for row in plans {
                let number: Int = row[0], text: String = row[1]
                let attempt = text.split(separator: "\n").first.flatMap { Int($0.dropFirst("Plan of Action, attempt ".count).dropLast()) }
                #expect(attempt.map { Self.planText($0) == text } == true, "\(context): plan \(number) is not a whole plan")
                if let attempt { #expect(attempts.insert(attempt).inserted, "\(context): attempt \(attempt) stored twice") }
            }
            for (number, attempt) in succeededPlans {
                #expect(number <= plans.count && (plans[number - 1][1] as String) == Self.planText(attempt), "\(context): plan \(number) lost")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM text_search WHERE substr(source, 1, 7) = 'plan:1:'") == plans.count)

            // Messages: each whole (the exact bytes), with all 3 requested details and its deadline.
            let messages = try Row.fetchAll(db, sql: "SELECT id, raw FROM message WHERE case_id = 1")
            for row in messages {
                let id: Int64 = row[0], raw: Data = row[1]
                #expect(raw == reply, "\(context): message \(id) is not the whole message")
                let positions = try Int.fetchAll(db, sql: "SELECT position FROM requested_detail WHERE message_id = ? ORDER BY position", arguments: [id])
                #expect(positions == [0, 1, 2], "\(context): message \(id) has requested details \(positions)")
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM deadline WHERE message_id = ?", arguments: [id]) == 1)
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM text_search WHERE source = ?", arguments: ["message:\(id)"]) == 1)
            }
            let ids = Set(messages.map { $0[0] as Int64 })
            #expect(succeededMessages.isSubset(of: ids), "\(context): messages lost: \(succeededMessages.subtracting(ids))")
        }
        // Demo cases: whole batches of 50, each case as in the reference, at least every batch that succeeded.
        let demo = try signatures(file, from: 2)
        demoCases = demo.count
        #expect(demo.count % 50 == 0, "\(context): \(demo.count) demo cases is not whole batches")
        for (index, line) in demo.enumerated() where line != demoSignature[index % 50] {
            Issue.record("\(context): demo case \(index + 2) differs from the reference: \(line) vs \(demoSignature[index % 50])")
            break
        }
        #expect(demo.count / 50 >= succeededDemos, "\(context): a demo batch that succeeded is missing")
        #expect(try file.count("SELECT max(id) FROM suspension_case") == 1 + demo.count, "\(context): case ids have a gap")
    }
}

/// Reads a -wal file without SQLite: the frames appended since the WAL was last restarted (those whose
/// salts match the header), and how many of them come after the last commit frame.
enum WALFile {
    static func uncommittedFrames(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 32 else { return 0 }
        let bytes = [UInt8](data)
        func word(_ at: Int) -> UInt32 { bytes[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        guard word(0) & 0xFFFF_FFFE == 0x377F_0682 else { return 0 }
        let pageSize = Int(word(8)), salts = (word(16), word(20))
        var offset = 32, frames = 0, lastCommit = 0
        while offset + 24 <= bytes.count, (word(offset + 8), word(offset + 12)) == salts {
            if offset + 24 + pageSize > bytes.count { return frames - lastCommit + 1 }  // a frame cut short
            frames += 1
            if word(offset + 4) != 0 { lastCommit = frames }  // "database size after commit": a commit frame
            offset += 24 + pageSize
        }
        return frames - lastCommit
    }
}

/// The first use of a store path: a process killed while it creates the store must not leave an empty
/// or half-made file under the store's name (every later open would refuse it as "the file is empty").
@Suite struct FirstUseKillTests {
    @Test func killedWhileCreatingTheStoreLeavesNothingOrAWholeStore() throws {
        let cli = CLI()
        defer { cli.remove() }
        var rng = SystemRandomNumberGenerator()
        var made = 0
        // Kill at a random moment of a whole first run, timed once here (debug builds start slowly).
        let start = DispatchTime.now().uptimeNanoseconds
        // A store is made only by a command that adds something, and only in a folder that exists.
        try FileManager.default.createDirectory(atPath: cli.folder + "/timing", withIntermediateDirectories: true)
        #expect(try cli(["case", "new", "--title", "first"], store: cli.folder + "/timing/cases.sqlite").status == 0)
        let runMicros = UInt32(max(2_000, (DispatchTime.now().uptimeNanoseconds - start) / 1_000))
        for i in 0..<16 {
            let path = cli.folder + "/new-\(i)/cases.sqlite"
            try FileManager.default.createDirectory(atPath: cli.folder + "/new-\(i)", withIntermediateDirectories: true)
            let child = try ChildProcess.spawn([CLI.binary, "case", "new", "--title", "first", "--store", path], environment: cliEnvironment())
            usleep(UInt32.random(in: 0...runMicros, using: &rng))
            child.kill(SIGKILL)
            child.wait()
            if FileManager.default.fileExists(atPath: path) { made += 1 }
            // Whatever the kill left, the next command works on that path.
            let next = try cli(["case", "new", "--title", "next"], store: path)
            #expect(next.status == 0, "after kill \(i): \(next.stderr)")
        }
        print("first-use kills: \(made) of 16 had named the store before the kill")
    }
}
