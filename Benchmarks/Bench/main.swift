// In-process measurements for Benchmarks/run, built in release mode:
//
//   reinstate-bench first-frame STORE        open the store, load the first screen, draw it, exit
//   reinstate-bench keys STORE [N]           N key presses on the case list (j, page down, G, g …),
//                                            each handled and drawn; prints the median and p95 per key
//                                            (STORE: a file, or a postgresql:// URL of a team store,
//                                            opened as the tracker opens it: connected, listening)
//   reinstate-bench reader DIR|FILE… [MB]    the message reader over the files (repeated to MB);
//                                            prints MB/s and messages/s
//   reinstate-bench mail-routing CASES [SEED] a demo mailbox of CASES cases imported into a new store
//                                            in a temporary folder; prints right/held/wrong case counts
//
// Each prints one line of key=value pairs, plus peak memory (maxrss_kib).
import Foundation
import ReinstateApp
import ReinstateCore
import ReinstatePostgres
import ReinstateStore
import ReinstateUI

func peakKiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
}

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data((text + "\n").utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else { fail("usage: reinstate-bench first-frame|keys|reader …") }
let now = ProcessInfo.processInfo.environment["REINSTATE_NOW"].flatMap { Timestamp.parse($0) } ?? Date()
let clock = ContinuousClock()

/// The tracker's book over `store` (read-only), as the tracker opens it, and what closes it.
func openBook(_ store: String) throws -> (book: StoreCaseBook, close: () -> Void) {
    guard PostgresAddress.isURL(store) else {
        return (StoreCaseBook(store: try CaseStore(path: store, readOnly: true)), {})
    }
    let environment = ProcessInfo.processInfo.environment
    let address = try PostgresAddress(url: store, environment: environment, loginName: NSUserName())
    let password = address.password(environment: environment, home: NSHomeDirectory()).password
    let link = try StoreBridge.wait {
        try await TeamStoreLink.open(readOnly: true) { try await PostgresStore.connect(to: address, password: password) }
    }
    return (StoreCaseBook(team: link), { _ = try? StoreBridge.wait { await link.close() } })
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

switch mode {
case "first-frame":
    guard arguments.count == 2 else { fail("usage: reinstate-bench first-frame STORE") }
    let started = clock.now
    do {
        let (book, close) = try openBook(arguments[1])
        // Where the time goes: opening (connecting, checking, listening on a team store), then the reads.
        let opened = clock.now - started
        let runtime = UIRuntime(book: book, options: UIOptions(), width: 100, height: 30, clock: { now })
        runtime.start()
        let frame = render(runtime.state)
        let elapsed = clock.now - started
        close()
        print(String(format: "first_frame_ms=%.2f open_ms=%.2f reads_and_draw_ms=%.2f", seconds(elapsed) * 1000,
                     seconds(opened) * 1000, seconds(elapsed - opened) * 1000)
              + " cells=\(frame.cells.count) maxrss_kib=\(peakKiB())")
    } catch {
        fail("\(error)")
    }

case "keys":
    guard arguments.count >= 2 else { fail("usage: reinstate-bench keys STORE [N]") }
    let count = arguments.count > 2 ? Int(arguments[2]) ?? 400 : 400
    do {
        let (book, close) = try openBook(arguments[1])
        defer { close() }
        let runtime = UIRuntime(book: book, options: UIOptions(), width: 100, height: 30, clock: { now })
        runtime.start()
        runtime.send(.key(.enter))  // past the warning screen, if there is one
        _ = render(runtime.state)
        // Mostly single steps, with the jumps a seller makes: a page down now and then, the end and back.
        let pattern: [Key] = Array(repeating: .character("j"), count: 30) + [.pageDown, .pageDown, .character("k")]
        var keys = (0..<count).map { pattern[$0 % pattern.count] }
        keys += [.character("G"), .character("k"), .character("g")]
        var times: [Double] = []
        for key in keys {
            let start = clock.now
            runtime.send(.key(key))
            _ = render(runtime.state)
            times.append(seconds(clock.now - start) * 1000)
        }
        times.sort()
        let median = times[times.count / 2], p95 = times[Int(Double(times.count) * 0.95)]
        print(String(format: "key_median_ms=%.3f key_p95_ms=%.3f key_max_ms=%.3f keys=%d cases=%d maxrss_kib=%d",
                     median, p95, times.last ?? 0, times.count, runtime.state.list.total, peakKiB()))
    } catch {
        fail("\(error)")
    }

case "reader":
    guard arguments.count >= 2 else { fail("usage: reinstate-bench reader DIR|FILE… [MB]") }
    var paths: [String] = []
    var targetMB = 8.0
    for argument in arguments.dropFirst() {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                paths += names.sorted().map { argument + "/" + $0 }
            } else {
                paths.append(argument)
            }
        } else if let mb = Double(argument) {
            targetMB = mb
        }
    }
    let samples = paths.compactMap { FileManager.default.contents(atPath: $0) }.filter { !$0.isEmpty }
    guard !samples.isEmpty else { fail("no messages to read") }
    var mailbox: [Data] = []
    var bytes = 0
    while Double(bytes) < targetMB * 1_048_576 {
        let next = samples[mailbox.count % samples.count]
        mailbox.append(next)
        bytes += next.count
    }
    let reader = MessageReader()
    var requests = 0
    let elapsed = clock.measure {
        for message in mailbox { requests += reader.read(message).requested.count }
    }
    let s = seconds(elapsed)
    print(String(format: "reader_mb_per_s=%.2f messages_per_s=%.0f messages=%d mb=%.1f requests=%d maxrss_kib=%d",
                 Double(bytes) / 1_048_576 / s, Double(mailbox.count) / s, mailbox.count, Double(bytes) / 1_048_576, requests, peakKiB()))

case "mail-routing":
    guard arguments.count >= 2, let count = Int(arguments[1]) else { fail("usage: reinstate-bench mail-routing CASES [SEED]") }
    let seed = arguments.count > 2 ? UInt64(arguments[2]) ?? 1 : 1
    let folder = NSTemporaryDirectory() + "reinstate-mail-routing-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
        let mailbox = DemoMailbox(cases: count, seed: seed, now: now)
        let store = try CaseStore(path: folder + "/routing.sqlite")
        let intake = try await MailIntake(store: store, dryRun: false, now: now)
        var outcomes: [RoutingFigures.Outcome] = []
        let started = clock.now
        for (n, mail) in mailbox.mails.enumerated() {
            let o = await intake.take(MailboxItem(origin: "demo \(n)", raw: mail.raw))
            outcomes.append(RoutingFigures.Outcome(messageID: mail.messageID, result: o.result.rawValue, caseID: o.caseID))
        }
        let elapsed = clock.now - started
        let figures = RoutingFigures(mailbox: mailbox, outcomes: outcomes)
        print(figures.line + String(format: " seconds=%.1f cases_made=%d maxrss_kib=%d", seconds(elapsed), try store.caseCount(), peakKiB()))
    } catch {
        fail("\(error)")
    }

default:
    fail("unknown mode \(mode)")
}
