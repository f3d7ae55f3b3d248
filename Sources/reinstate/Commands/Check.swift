import ArgumentParser
import Foundation
import ReinstateCore
import ReinstateStore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    func run() throws {
        try reporting {
            if version != nil, file != nil { throw CLIError("Give either --version or a FILE, not both.") }
            let store = try options.open()
            let history = try store.history(caseID)
            let text: String
            let number: Int?
            if let file {
                text = try InputFile.text(try InputFile.read(file, what: "plan"), path: file)
                number = nil
            } else {
                guard let n = try version ?? store.latestPlanNumber(caseID: caseID) else {
                    throw CLIError("Case \(caseID) has no plan versions yet; check a draft file: reinstate check --case \(caseID) FILE")
                }
                text = try store.plan(caseID: caseID, number: n).text
                number = n
            }
            let reading = PlanReader().read(text)
            let others = try store.plansSharingPassages(PlanCheck.passages(of: reading), excludingCase: caseID)
            let check = PlanCheck.run(reading: reading, version: number, history: history, otherPlans: others)
            if json {
                try Output.json(CheckJSON(check, caseID: caseID, file: file))
            } else {
                CheckReport.print(check, history: history, file: file)
            }
            if check.hasBlocking { throw ExitCode(ExitStatus.blocked) }
        }
    }
}

/// The human view of a check.
enum CheckReport {
    static func print(_ check: PlanCheck, history: CaseHistory, file: String?) {
        let s = Output.safe
        var out: [String] = []
        let what = check.version.map { "v\($0)" } ?? "draft \(s(file ?? ""))"
        out.append("Plan \(what) of case \(history.suspensionCase.id): \(check.reading.wordCount) words")
        out.append("")
        out.append("Parts as read")
        if check.reading.sections.isEmpty { out.append("  (the plan is empty)") }
        out += Output.table(check.reading.sections.map { section in
            let lines = section.firstLine == section.lastLine ? "line \(section.firstLine)" : "lines \(section.firstLine)–\(section.lastLine)"
            return ["  " + section.kind.label, lines, s(section.why)]
        })
        out.append("")
        out.append("Requested details (\(check.coverage.filter(\.answered).count) of \(check.coverage.count) answered)")
        if check.coverage.isEmpty { out.append("  none: Amazon has asked for nothing yet in this case") }
        for c in check.coverage {
            let mark = c.waived != nil ? "–" : c.answered ? "✓" : "✗"
            let topic = c.request.topic.isEmpty ? "" : " · \(s(c.request.topic))"
            out.append("  \(mark) #\(c.request.id)  \(c.request.aspect.label)\(topic)   (\(c.by.rawValue))")
            out.append("      Amazon: \(DisplayWidth.truncate(s(c.request.text), to: 100))")
            if c.answered || c.by == .user || c.sentences.isEmpty { out.append("      \(s(c.reason))") }
            for sentence in c.sentences.prefix(4) {
                out.append("      line \(sentence.line): \(DisplayWidth.truncate(s(sentence.text), to: 100))")
            }
            if c.sentences.count > 4 { out.append("      … and \(c.sentences.count - 4) more") }
            if !c.rejectedVersions.isEmpty {
                out.append("      Amazon repeated this after " + c.rejectedVersions.map { "v\($0)" }.joined(separator: ", "))
            }
        }
        out.append("")
        let blocking = check.findings.filter { $0.severity == .blocking }.count
        let warnings = check.findings.filter { $0.severity == .warning }.count
        out.append("Findings (\(blocking) blocking, \(warnings) warning\(warnings == 1 ? "" : "s"))")
        if check.findings.isEmpty { out.append("  none") }
        for f in check.findings {
            let line = f.line.map { "line \($0)" } ?? "plan"
            out.append("  \(f.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(line.padding(toLength: 9, withPad: " ", startingAt: 0))  \(f.rule.rawValue): \(s(f.what))")
            out.append("      why: \(f.rule.why)")
        }
        out.append("")
        out.append(blocking > 0 ? "Not ready to send: \(blocking) blocking finding(s)." : "Nothing blocking.")
        Output.lines(out)
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

    init(_ check: PlanCheck, caseID: Int64, file: String?) {
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
                answered: c.answered, by: c.by.rawValue, sentences: c.sentences.map(\.text), lines: c.sentences.map(\.line),
                reason: c.reason, rejectedVersions: c.rejectedVersions, waived: c.waived, state: c.request.state.label)
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
