import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Review a plan before sending: which requested details it answers, and what gets appeals turned down.",
        discussion: """
            Checks a stored version (default: the latest) or a draft FILE against the case: the plan's parts as \
            read (and why), each requested detail answered or not (with the sentences that answer it, your own \
            word from 'reinstate request answer/reopen' first), and findings: missing parts, unanswered requests, \
            blame, hardship pleas, shouting, vague promises, length, and text copied from templates, from other \
            cases or from the version Amazon already read. Exit status: 0 when nothing blocking remains, 3 when \
            something blocking does, 2 on errors.
            """)

    @OptionGroup var options: StoreOptions
    @Option(name: .customLong("case"), help: "The case id.") var caseID: Int64
    @Option(help: "The stored version to check (default: the latest).") var version: Int?
    @Argument(help: "A draft file to check instead of a stored version, or - for standard input.") var file: String?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await reporting {
            if version != nil, file != nil { throw CLIError("Give either --version or a FILE, not both.") }
            let (history, check) = try await options.withStore { store in
                let history = try await store.history(caseID)
                let text: String
                let number: Int?
                if let file {
                    text = try InputFile.text(try InputFile.read(file, what: "plan"), path: file)
                    number = nil
                } else {
                    var chosen = version
                    if chosen == nil { chosen = try await store.latestPlanNumber(caseID: caseID) }
                    guard let n = chosen else {
                        throw CLIError("Case \(caseID) has no plan versions yet; check a draft file: reinstate check --case \(caseID) FILE")
                    }
                    text = try await store.plan(caseID: caseID, number: n).text
                    number = n
                }
                return (history, try await store.checkPlan(caseID: caseID, text: text, version: number))
            }
            if json {
                try Output.json(CheckJSON(check, caseID: caseID, file: file, history: history))
            } else {
                Output.lines(CheckReport.text(check, history: history, draftName: file))
            }
            if check.hasBlocking { throw ExitCode(ExitStatus.blocked) }
        }
    }
}

/// What `reinstate check --json` prints.
struct CheckJSON: Encodable {
    struct Section: Encodable {
        var section: String
        var firstLine: Int
        var lastLine: Int
        var why: String
        var headingLine: Int?
        var sentences: Int
    }

    struct Coverage: Encodable {
        var request: Int64
        var text: String
        var aspect: String
        var topic: String
        var answered: Bool
        /// "answered", "partly" (on the topic, no concrete fact) or "unanswered".
        var verdict: String
        var partlyLines: [Int]
        /// Lines that answered it in a version Amazon turned down, repeated here: they do not answer.
        var turnedDownLines: [Int]
        /// For a request among alternatives: its option ("A") and how many options its group has.
        var alternative: String?
        /// The option of the same request answered here, which makes this one not needed ("A").
        var notNeeded: String?
        var by: String
        var sentences: [String]
        var lines: [Int]
        var reason: String
        var rejectedVersions: [Int]
        var waived: String?
        var state: String
    }

    struct Finding: Encodable {
        var rule: String
        var severity: String
        var line: Int?
        var message: String
        var what: String
        var why: String

        func encode(to encoder: Encoder) throws {
            enum Keys: String, CodingKey { case rule, severity, line, message, what, why }
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(rule, forKey: .rule)
            try c.encode(severity, forKey: .severity)
            try c.encode(line, forKey: .line)  // null for the plan as a whole
            try c.encode(message, forKey: .message)
            try c.encode(what, forKey: .what)
            try c.encode(why, forKey: .why)
        }
    }

    var `case`: Int64
    var version: Int?
    var file: String?
    var words: Int
    var blocking: Int
    var sections: [Section]
    var coverage: [Coverage]
    var findings: [Finding]

    init(_ check: PlanCheck, caseID: Int64, file: String?, history: CaseHistory? = nil) {
        self.case = caseID
        version = check.version
        self.file = file
        words = check.reading.wordCount
        blocking = check.findings.filter { $0.severity == .blocking }.count
        sections = check.reading.sections.map {
            Section(
                section: $0.kind.rawValue, firstLine: $0.firstLine, lastLine: $0.lastLine, why: $0.why,
                headingLine: $0.headingLine, sentences: $0.sentenceCount)
        }
        coverage = check.coverage.map { c in
            Coverage(
                request: c.request.id, text: c.request.text, aspect: c.request.aspect.rawValue, topic: c.request.topic,
                answered: c.answered, verdict: c.verdict.rawValue, partlyLines: c.partlySentences.map(\.line), turnedDownLines: c.turnedDown.map(\.line),
                alternative: c.request.alternative.map { a in
                    history.map { a.label(options: $0.optionCount(of: c.request)) } ?? "alternative \(RequestAlternative.letter(a.option))"
                },
                notNeeded: c.notNeeded.map(RequestAlternative.letter), by: c.by.rawValue, sentences: c.sentences.map(\.text), lines: c.sentences.map(\.line),
                reason: c.reason, rejectedVersions: c.rejectedVersions, waived: c.waived,
                state: history?.standingLabel(of: c.request) ?? c.request.state.label)
        }
        findings = check.findings.map {
            Finding(rule: $0.rule.rawValue, severity: $0.severity.rawValue, line: $0.line, message: $0.message, what: $0.what, why: $0.rule.why)
        }
    }

    func encode(to encoder: Encoder) throws {
        enum Keys: String, CodingKey { case `case`, version, file, words, blocking, sections, coverage, findings }
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(self.case, forKey: .case)
        try c.encode(version, forKey: .version)
        try c.encode(file, forKey: .file)
        try c.encode(words, forKey: .words)
        try c.encode(blocking, forKey: .blocking)
        try c.encode(sections, forKey: .sections)
        try c.encode(coverage, forKey: .coverage)
        try c.encode(findings, forKey: .findings)
    }
}
