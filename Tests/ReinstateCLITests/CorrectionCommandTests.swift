import Foundation
import ReinstateCore
import ReinstateStore
import Testing

/// Issue 13 on the command line: same-day dates, message/case/note corrections, taking back a
/// submission, a draft's answer shown as not sent, reopen after waive, --version.
@Suite(.serialized) struct CorrectionCommandTests {
    let notice = "Your Amazon seller account has been deactivated. Please send a plan of action within 17 days."

    let reply = MessageFixtures.customerServiceReply

    let good = """
        Root cause:
        Buyer messages were answered by one person, our clerk Maria, who was on leave from 3 to 12 October; nobody else checked the inbox, so 14 messages waited more than 48 hours.

        Corrective actions:
        On 13 October we answered all 14 open buyer messages, apologised, and offered each buyer a refund or a replacement; 9 took the refund.

        Preventive measures:
        Since 20 October two trained staff share the inbox on a written rota, so someone replies to every message within 12 hours, seven days a week.
        Our manager checks the response time in the Buyer-Seller Messaging report every Monday and covers the inbox when either of them is away.
        """

    /// Case 1: notice #1 on 11-01 08:00 (17 days), reply #2 on 11-10 10:00 (14 days of the original notification).
    func caseWithReply(_ cli: CLI) throws {
        #expect(try cli(["case", "new", "--title", "Slow replies", "--account", "Blue Harbor"]).status == 0)
        #expect(try cli(["message", "add", "--case", "1", "--received", "2026-11-01T08:00", cli.file("n.txt", notice)]).status == 0)
        #expect(try cli(["message", "add", "--case", "1", "--received", "2026-11-10T10:00", cli.file("r.txt", reply)]).status == 0)
    }

    func history(_ cli: CLI) throws -> CaseHistory {
        try CaseStore(path: cli.store, readOnly: true).history(1)
    }

    @Test func aBareDateOnTheDayOfALaterMessageNeedsTheTime() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        #expect(try cli(["poa", "add", "--case", "1", cli.file("v1.txt", good)]).status == 0)
        let bare = try cli(["poa", "submit", "--case", "1", "1", "--date", "2026-11-10"])
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("message #2 came at 10:00"), "\(bare.stderr)")
        #expect(bare.stderr.contains("--date 2026-11-10T15:30"))
        #expect(try history(cli).plans[0].submitted == nil)  // nothing changed
        let timed = try cli(["poa", "submit", "--case", "1", "1", "--date", "2026-11-10T15:30"])
        #expect(timed.status == 0, "\(timed.stderr)")
        #expect(try history(cli).deadlines.allSatisfy { !$0.isOpen })  // the reply's deadline is closed
        // The same for a message's date, and for poa add --submitted.
        let message = try cli(["message", "add", "--case", "1", "--received", "2026-11-10", cli.file("r2.txt", reply)])
        #expect(message.status == 2)
        #expect(message.stderr.contains("--received 2026-11-10T15:30"))
        #expect(try cli(["poa", "add", "--case", "1", "--submitted", "2026-11-01", cli.file("v2.txt", good)]).status == 2)
        // A bare date on a day with nothing later is taken as it is.
        #expect(try cli(["poa", "add", "--case", "1", "--submitted", "2026-11-11", cli.file("v3.txt", good)]).status == 0)
    }

    @Test func messagesCanBeRedatedMovedAndRemoved() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        let edit = try cli(["message", "edit", "1", "--received", "2026-11-03T08:00"])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout.contains("Message 1 received 2026-11-01 08:00 → 2026-11-03 08:00."))
        #expect(edit.stdout.contains("(14 days from the original notification): due 2026-11-15 08:00, open → due 2026-11-17 08:00, open"))
        #expect(try history(cli).suspensionCase.id == 1)
        #expect(try CaseStore(path: cli.store, readOnly: true).caseSummary(1).nextDeadline == Timestamp.parse("2026-11-17T08:00:00Z"))

        #expect(try cli(["case", "new", "--title", "Other"]).status == 0)
        let move = try cli(["message", "move", "2", "--case", "2"])
        #expect(move.status == 0, "\(move.stderr)")
        #expect(move.stdout.contains("Message 2 moved from case 1 to case 2."))
        #expect(try history(cli).messages.map(\.id) == [1])

        let refused = try cli(["message", "remove", "1"])  // no terminal, no --yes
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--yes"))
        #expect(try history(cli).messages.count == 1)
        let removed = try cli(["message", "remove", "1", "--yes"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("→ gone"))
        #expect(try history(cli).messages.isEmpty)
        #expect(try history(cli).deadlines.isEmpty)
    }

    @Test func casesNotesSubmissionsAndStatusesCanBeCorrected() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        let edit = try cli(["case", "edit", "1", "--title", "Slow buyer replies", "--asin", "B0C1234567", "--reason", "other"])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout.contains("title: Slow replies → Slow buyer replies"))
        #expect(edit.stdout.contains("suspended: whole account → listings B0C1234567"))
        #expect(try cli(["case", "edit", "1"]).status == 64)
        #expect(try cli(["case", "edit", "1", "--clear-asins"]).status == 0)
        #expect(try history(cli).suspensionCase.scope == .account)

        #expect(try cli(["note", "add", "--case", "1", "Called suport"]).stdout == "1\n")
        #expect(try cli(["case", "show", "1"]).stdout.contains("#1  "))
        #expect(try cli(["note", "edit", "1", "Called Seller Support"]).status == 0)
        #expect(try history(cli).notes.map(\.text) == ["Called Seller Support"])
        #expect(try cli(["note", "remove", "1"]).status == 2)
        #expect(try cli(["note", "remove", "1", "--yes"]).status == 0)
        #expect(try history(cli).notes.isEmpty)

        #expect(try cli(["poa", "add", "--case", "1", "--submitted", "2026-11-11T09:00", cli.file("v1.txt", good)]).status == 0)
        #expect(try history(cli).deadlines.allSatisfy { !$0.isOpen })
        let unsubmit = try cli(["poa", "unsubmit", "--case", "1", "1"])
        #expect(unsubmit.status == 0, "\(unsubmit.stderr)")
        #expect(unsubmit.stdout.contains("Status: appeal submitted → plan drafted"))
        let h = try history(cli)
        #expect(h.plans[0].submitted == nil)
        #expect(h.deadlines.allSatisfy(\.isOpen) == true)
        #expect(h.requests.allSatisfy { $0.state == .unanswered })
        #expect(try cli(["poa", "unsubmit", "--case", "1", "1"]).status == 2)

        // Scripts are not asked before finishing a case.
        let closed = try cli(["case", "status", "1", "closed"])
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(closed.stdout.contains("Case 1 is now closed (was plan drafted)."))
        #expect(try history(cli).deadlines.allSatisfy { !$0.isOpen })
    }

    @Test func anAnswerInADraftIsShownAsNotSent() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        #expect(try cli(["poa", "add", "--case", "1", cli.file("v1.txt", "A first draft.")]).status == 0)
        #expect(try cli(["request", "answer", "1", "--version", "1"]).status == 0)
        let show = try cli(["case", "show", "1"])
        #expect(show.stdout.contains("Requested details (3 unanswered)"))
        #expect(show.stdout.contains("answered in draft v1 (not sent yet)"))
        let list = try cli(["case", "list", "--json"])
        #expect(list.stdout.contains("\"unanswered\" : 3"))
        let due = try cli(["due", "--within", "30", "--json"])
        #expect(due.stdout.contains("\"unanswered\" : 3"), "\(due.stdout)")
    }

    @Test func aReopenedWaiverKeepsItsReasonAndALaterVersionCounts() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        #expect(try cli(["request", "waive", "1", "--reason", "Seller Support said it is covered"]).status == 0)
        #expect(try cli(["request", "reopen", "1"]).status == 0)
        #expect(try cli(["case", "show", "1"]).stdout.contains("unanswered (you reopened it); waived before: Seller Support said it is covered"))
        #expect(try cli(["poa", "add", "--case", "1", "--submitted", "2026-11-11T09:00", cli.file("v1.txt", good)]).status == 0)
        let show = try cli(["case", "show", "1"]).stdout
        #expect(show.contains("answered by v1; waived before: Seller Support said it is covered"), "\(show)")
        let json = try cli(["case", "show", "1", "--json"]).stdout
        #expect(json.contains("\"waivedReason\" : \"Seller Support said it is covered\""))
    }

    @Test func theVersionIsPrinted() throws {
        let cli = CLI()
        defer { cli.remove() }
        let flag = try cli(["--version"])
        #expect(flag.status == 0)
        #expect(flag.stdout.hasPrefix("reinstate "))
        #expect(try cli(["version"]).stdout == flag.stdout)
        // A subcommand's own --version still works.
        try caseWithReply(cli)
        #expect(try cli(["poa", "add", "--case", "1", cli.file("v1.txt", good)]).status == 0)
        #expect(try cli(["request", "answer", "1", "--version", "1"]).stdout.hasPrefix("Request 1 answered in draft v1, not sent yet"))
    }

    @Test func aStatusIsTakenInTheWordsShownOrByItsName() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        let list = try cli(["case", "list"]).stdout
        #expect(list.contains("more info requested"))
        #expect(try cli(["case", "list", "--status", "more info requested"]).stdout.contains("1 case"))
        #expect(try cli(["case", "list", "--status", "more-information-requested"]).stdout.contains("1 case"))
        let set = try cli(["case", "status", "1", "plan drafted"])
        #expect(set.stdout == "Case 1 is now plan drafted (was more info requested).\n")
        #expect(try cli(["case", "status", "1", "nonsense"]).status == 64)
    }
}
