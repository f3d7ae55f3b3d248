import Foundation
import Testing

/// `reinstate check`, `poa diff` and `poa draft` end to end: the real binary, a real store.
@Suite(.serialized) struct CheckCommandTests {
    let reply = MessageFixtures.customerServiceReply

    let good = """
        Dear Seller Performance Team,

        Thank you for reading our appeal about the complaints of slow customer service.

        Root cause:
        Buyer messages were answered by one person, our clerk Maria, who was on leave from 3 to 12 October; nobody else checked the inbox, so 14 messages waited more than 48 hours.

        Corrective actions:
        On 13 October we answered all 14 open buyer messages, apologised, and offered each buyer a refund or a replacement; 9 took the refund.

        Preventive measures:
        Since 20 October two trained staff share the inbox on a written rota, so someone replies to every message within 12 hours, seven days a week.
        Our manager checks the response time in the Buyer-Seller Messaging report every Monday and covers the inbox when either of them is away.

        Kind regards,
        Blue Harbor Goods
        """

    let bad = """
        Root cause:
        The customer lied about our replies and it was not my fault.

        Corrective actions:
        We said sorry to them.

        Preventive measures:
        We will try to answer messages as soon as possible. PLEASE REINSTATE US!!!
        """

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    func caseWithReply(_ cli: CLI) throws {
        try cli(["case", "new", "--title", "Slow replies", "--account", "Blue Harbor"])
        let added = try cli(["message", "add", "--case", "1", "--received", "2026-11-12T10:00:00Z", cli.file("reply.txt", reply)])
        #expect(added.status == 0, "\(added.stderr)")
    }

    @Test func checkExitsZeroWhenNothingBlocksAndThreeWhenSomethingDoes() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        let none = try cli(["check", "--case", "1"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no plan versions"))

        #expect(try cli(["poa", "add", "--case", "1", cli.file("good.txt", good)]).stdout == "1\n")
        let passed = try cli(["check", "--case", "1"])
        #expect(passed.status == 0, "\(passed.stdout)")
        #expect(passed.stdout.contains("root cause           lines 5–6"))
        #expect(passed.stdout.contains("✓ #1  root cause · unresponsive or poor customer service"))
        #expect(passed.stdout.contains("line 6: Buyer messages were answered by one person"))
        #expect(passed.stdout.contains("Nothing blocking."))

        #expect(try cli(["poa", "add", "--case", "1", cli.file("bad.txt", bad)]).stdout == "2\n")
        let failed = try cli(["check", "--case", "1"])
        #expect(failed.status == 3)
        for rule in ["unanswered-request", "blame", "vague-promise", "shouting", "too-short"] {
            #expect(failed.stdout.contains(rule), "\(rule)")
        }
        #expect(try cli(["check", "--case", "1", "--version", "1"]).status == 0)
        // A draft file is checked without being stored.
        #expect(try cli(["check", "--case", "1", cli.file("draft.txt", good)]).status == 0)
        #expect(try cli(["check", "--case", "1", "-"], stdin: Data(bad.utf8)).status == 3)
        #expect(try cli(["poa", "show", "--case", "1"]).stdout.contains("The customer lied"))

        let both = try cli(["check", "--case", "1", "--version", "1", cli.folder + "/draft.txt"])
        #expect(both.status == 2)
        #expect(try cli(["check", "--case", "7"]).status == 2)
        #expect(try cli(["check", "--case", "1", "--version", "9"]).stderr.contains("Plan version 9 of case 1 does not exist"))
    }

    @Test func checkJSONHasCoverageFindingsAndSections() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        try cli(["poa", "add", "--case", "1", cli.file("bad.txt", bad)])
        let result = try cli(["check", "--case", "1", "--json"])
        #expect(result.status == 3)
        let object = try json(result.stdout)
        let coverage = object["coverage"] as? [[String: Any]] ?? []
        #expect(coverage.count == 3)
        for item in coverage {
            for key in ["request", "text", "aspect", "topic", "answered", "by", "sentences", "lines", "rejectedVersions"] {
                #expect(item[key] != nil, "\(key)")
            }
        }
        #expect(coverage.first?["aspect"] as? String == "root-cause")
        #expect(coverage.first?["topic"] as? String == "unresponsive or poor customer service")
        #expect(coverage.first?["answered"] as? Bool == false)
        #expect(coverage.first?["by"] as? String == "matcher")
        let findings = object["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["rule"] as? String == "blame" && $0["severity"] as? String == "blocking" && $0["line"] as? Int == 2 })
        for f in findings {
            for key in ["rule", "severity", "line", "message"] { #expect(f.keys.contains(key), "\(key)") }
        }
        let sections = object["sections"] as? [[String: Any]] ?? []
        #expect(sections.map { $0["section"] as? String ?? "" } == ["root-cause", "corrective-actions", "preventive-measures"])
        #expect(object["blocking"] as? Int ?? 0 > 0)
    }

    @Test func theSellersWordAndAmazonsRepeatShowInTheCheck() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        try cli(["poa", "add", "--case", "1", "--submitted", "2026-11-13", cli.file("good.txt", good)])
        #expect(try cli(["request", "reopen", "2"]).status == 0)
        let reopened = try json(try cli(["check", "--case", "1", "--json"]).stdout)
        let second = (reopened["coverage"] as? [[String: Any]])?[1]
        #expect(second?["answered"] as? Bool == false)
        #expect(second?["by"] as? String == "user")
        // Amazon asks the same again after v1 was submitted.
        try cli(["message", "add", "--case", "1", "--received", "2026-11-15T10:00:00Z", cli.file("reply2.txt", reply)])
        let again = try cli(["check", "--case", "1"])
        #expect(again.status == 3)
        #expect(again.stdout.contains("Amazon repeated this after v1"))
        #expect(again.stdout.contains("answer-already-rejected"))
        #expect(again.stdout.contains("unchanged-resubmission") == false)  // checking v1 itself: nothing before it
        try cli(["poa", "add", "--case", "1", cli.file("same.txt", good)])
        #expect(try cli(["check", "--case", "1"]).stdout.contains("unchanged-resubmission"))
    }

    @Test func aPlanCopiedFromAnotherSellersCaseBlocks() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        try cli(["poa", "add", "--case", "1", cli.file("good.txt", good)])
        try cli(["case", "new", "--title", "Copied", "--account", "Someone Else"])
        try cli(["poa", "add", "--case", "2", cli.file("copy.txt", good.replacingOccurrences(of: "Blue Harbor Goods", with: "Someone Else"))])
        let copied = try cli(["check", "--case", "2", "--json"])
        #expect(copied.status == 3)
        let findings = try json(copied.stdout)["findings"] as? [[String: Any]] ?? []
        let finding = findings.first { $0["rule"] as? String == "copied-from-another-case" }
        #expect(finding?["severity"] as? String == "blocking")
        #expect((finding?["message"] as? String)?.contains("case 1 v1") == true)
    }

    @Test func checkOutputCannotDriveTheTerminal() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        try cli(["poa", "add", "--case", "1", cli.file("evil.txt", "Root cause:\nThe customer lied \u{1B}]0;pwned\u{07}about it.\u{1B}[2J\n")])
        let out = try cli(["check", "--case", "1"]).stdout
        #expect(!out.contains("\u{1B}"))
        #expect(!out.contains("\u{07}"))
    }

    @Test func diffMarksWordsAndShowsAmazonsReplyAfterTheFirstVersion() throws {
        let cli = CLI()
        defer { cli.remove() }
        try cli(["case", "new", "--title", "Slow replies"])
        try cli(["poa", "add", "--case", "1", "--submitted", "2026-11-10", cli.file("v1.txt", bad)])
        try cli(["message", "add", "--case", "1", "--received", "2026-11-12T10:00:00Z", cli.file("reply.txt", reply)])
        try cli(["poa", "add", "--case", "1", cli.file("v2.txt", good)])
        let diff = try cli(["poa", "diff", "--case", "1", "1", "2"])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("Amazon's reply of"))
        #expect(diff.stdout.contains("after v1 was submitted"))
        #expect(diff.stdout.contains("✓ #1 [root cause] Greater detail on the root cause(s) of unresponsive or poor customer service."))
        #expect(diff.stdout.contains("Root cause:\n[-The customer lied about -]{+Buyer messages were answered by one person, +}our"))
        #expect(diff.stdout.contains("{+"))
        #expect(!diff.stdout.contains("\u{1B}["))  // not a terminal: markers only
        let reverse = try cli(["poa", "diff", "--case", "1", "2", "1"])
        #expect(reverse.stdout.contains("v2 was never submitted"))
        #expect(try cli(["poa", "diff", "--case", "1", "1", "5"]).status == 2)
    }

    @Test func draftOpensTheEditorAndStoresWhatWasWritten() throws {
        let cli = CLI()
        defer { cli.remove() }
        try caseWithReply(cli)
        // An editor that writes a root cause under the heading and keeps the comment lines.
        let editor = cli.file("editor.sh", """
            #!/bin/sh
            cp "$1" "$(dirname "$0")/seen.txt"
            sed -i 's/^Root cause:$/Root cause:\\nOur clerk was away for 9 days./' "$1"
            """)
        chmod(editor, 0o755)
        let first = try cli(["poa", "draft", "--case", "1"], environment: ["EDITOR": editor, "VISUAL": ""])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "1\n")
        let seen = (try? String(contentsOfFile: cli.folder + "/seen.txt", encoding: .utf8)) ?? ""
        #expect(seen.contains("Root cause:\n#> #1 Amazon asks: Greater detail on the root cause(s) of unresponsive or poor customer service."))
        #expect(seen.contains("Preventive measures:\n#> #3 "))
        let stored = try cli(["poa", "show", "--case", "1"]).stdout
        #expect(stored.contains("Root cause:\nOur clerk was away for 9 days."))
        #expect(!stored.contains("#>"))
        // The temporary file was private and is gone.
        #expect(!seen.isEmpty)

        let unchanged = try cli(["poa", "draft", "--case", "1"], environment: ["EDITOR": "true", "VISUAL": ""])
        #expect(unchanged.status == 0)
        #expect(unchanged.stdout.contains("Nothing was stored"))
        #expect(try cli(["poa", "show", "--case", "1", "2"]).status == 2)
        let failing = try cli(["poa", "draft", "--case", "1"], environment: ["EDITOR": "false", "VISUAL": ""])
        #expect(failing.status == 2)
        #expect(failing.stderr.contains("exited with status 1"))
    }

    @Test func theNewCommandsHaveHelp() throws {
        let cli = CLI()
        defer { cli.remove() }
        for command in [["check"], ["poa", "diff"], ["poa", "draft"]] {
            let result = try cli(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("USAGE"), "\(command)")
        }
    }
}
