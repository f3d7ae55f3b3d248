import Foundation

/// The checks of a case's plan versions as exports show them: under each request a verdict (answered,
/// partly answered, not answered, with the line that says so) and the whole report of the latest version
/// as `reinstate check` prints it. One judgement: the same `PlanCheck` as the command and the tracker's review.
///
/// Which version a request's verdict is about: the one that answers it, when one does (its sentences
/// are what Amazon read or will read); otherwise the latest version, where the answer still has to go.
public struct ExportCheck: Sendable {
    /// The check of the latest version.
    public var check: PlanCheck
    /// The latest version.
    public var version: Int
    /// Whether the latest version was sent to Amazon.
    public var submitted: Bool
    private var coverage: [Int: [Int64: RequestCoverage]]
    private var sent: Set<Int>

    /// The checks of the case's latest version and of each version that answers a request; nil when
    /// the case has no plan yet.
    public static func of(_ history: CaseHistory) -> ExportCheck? {
        guard let plan = history.plans.max(by: { $0.number < $1.number }) else { return nil }
        var versions: Set<Int> = [plan.number]
        for r in history.requests { if case .answered(let v, _) = r.state { versions.insert(v) } }
        var checks: [Int: PlanCheck] = [:]
        for p in history.plans where versions.contains(p.number) {
            checks[p.number] = PlanCheck.run(text: p.text, version: p.number, history: history)
        }
        guard let latest = checks[plan.number] else { return nil }
        return ExportCheck(latest: latest, version: plan.number, checks: checks, sent: history.submittedVersions)
    }

    init(latest: PlanCheck, version: Int, checks: [Int: PlanCheck], sent: Set<Int>) {
        check = latest
        self.version = version
        self.sent = sent
        submitted = sent.contains(version)
        coverage = checks.mapValues { check in
            Dictionary(check.coverage.map { ($0.request.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// "v3 (draft)" or "v3 (submitted)".
    public var versionName: String { name(version) }

    func name(_ version: Int) -> String { "v\(version) (\(sent.contains(version) ? "submitted" : "draft"))" }

    /// What the check says of one request, in one line; nil for a request the seller waived (the
    /// state says so) or one the check did not see.
    public func verdict(for request: RequestedDetail) -> String? {
        var about = version
        if case .answered(let v, _) = request.state, coverage[v] != nil { about = v }
        guard let c = coverage[about]?[request.id], c.waived == nil else { return nil }
        let versionName = name(about)
        if c.notNeeded != nil { return "\u{25CB} \(versionName): \(c.reason)" }
        let s = TerminalSafe.clean
        func quote(_ sentence: PlanSentence) -> String {
            "line \(sentence.line): \u{201C}\(DisplayWidth.truncate(s(sentence.text), to: 120))\u{201D}"
        }
        switch c.verdict {
        case .answered:
            if let first = c.sentences.first { return "\u{2713} \(versionName) answers it, \(quote(first))" }
            return "\u{2713} \(versionName) answers it: \(s(c.reason))"
        case .partly:
            let first = c.partlySentences.first.map { ", \(quote($0))" } ?? ""
            let why = c.turnedDown.isEmpty
                ? "it names no date, number, name or document; a concrete answer gives one"
                : "Amazon already turned these words down; say what was found or done, with a date or number"
            return "\u{25D0} \(versionName) answers it only partly\(first): \(why)"
        case .unanswered:
            return "\u{2717} \(versionName) does not answer it: \(s(c.reason))"
        }
    }

    /// The whole report, line by line, as `reinstate check` prints it.
    public func report(history: CaseHistory) -> [String] {
        CheckReport.text(check, history: history)
    }
}
