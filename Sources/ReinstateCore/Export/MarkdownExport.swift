import Foundation

/// A case history as Markdown: a title block, the timeline in time order (every message and plan version
/// whole, each message followed by the details it asked for, then and now), deadlines, notes and
/// evidence. Reads as plain text and renders on a forge; nothing from a message can escape its quoting.
public enum MarkdownExport {
    /// One case as a document.
    public static func render(_ history: CaseHistory, settings: ExportSettings) -> String {
        var out = ""
        out.reserveCapacity(4096 + history.messages.reduce(0) { $0 + $1.text.utf8.count } * 2)
        renderCase(history, level: 1, settings: settings, into: &out)
        return out
    }

    /// Several cases as one document: a contents list, then each case one heading level down.
    public static func render(all histories: [CaseHistory], settings: ExportSettings) -> String {
        var out = documentHead(count: histories.count, settings: settings)
        for h in histories { out += contentsEntry(h.suspensionCase) }
        for h in histories { out += section(h, settings: settings) }
        return out
    }

    // MARK: - The many-case document in pieces

    // `render(all:)` is these pieces in order: the head, one contents entry a case, one section a case.
    // A whole-store export writes them as it reads the cases, so it never holds more than a few.

    /// The title and the moment of the export.
    public static func documentHead(count: Int, settings: ExportSettings) -> String {
        "# Reinstate: \(count) case\(count == 1 ? "" : "s")\n\nExported on \(settings.time(settings.now)).\n\n"
    }

    /// One line of the contents list: the case's id, title and status.
    public static func contentsEntry(_ c: SuspensionCase) -> String {
        "- Case \(c.id): \(MarkdownText.inline(c.title)) (\(c.status.label))\n"
    }

    /// One case after the contents list: a rule, then the case one heading level down.
    public static func section(_ h: CaseHistory, settings: ExportSettings) -> String {
        var out = "\n---\n\n"
        out.reserveCapacity(4096 + h.messages.reduce(0) { $0 + $1.text.utf8.count } * 2)
        renderCase(h, level: 2, settings: settings, into: &out)
        return out
    }

    static func renderCase(_ h: CaseHistory, level: Int, settings: ExportSettings, into out: inout String) {
        let c = h.suspensionCase
        let t = settings.time
        let h1 = String(repeating: "#", count: level)
        let h2 = h1 + "#", h3 = h2 + "#"
        out += "\(h1) Case \(c.id): \(MarkdownText.inline(c.title))\n\n"
        out += "- **Account:** \(c.account.isEmpty ? "–" : MarkdownText.inline(c.account))\n"
        out += "- **Marketplace:** \(c.marketplace.isEmpty ? "–" : MarkdownText.inline(c.marketplace))\n"
        out += "- **Suspended:** \(MarkdownText.inline(c.scope.label))\n"
        out += "- **Reason:** \(c.reason.label)\n"
        out += "- **Status:** \(c.status.label)\(MarkdownText.inline(AuthorWords.by(c.statusSetBy)))\n"
        out += "- **Opened:** \(t(c.opened))\n"
        out += "- **Appeals submitted:** \(h.appealsSubmitted)\n"
        if let next = h.nextDeadline {
            out += "- **Next deadline:** \(t(next.due)) (\(DeadlineRules.countdown(until: next.due, now: settings.now))): "
            out += "\u{201C}\(MarkdownText.inline(next.rule.text))\u{201D}\n"
        } else {
            out += "- **Next deadline:** none open\n"
        }
        out += "- **Requested details:** \(h.unanswered.count) of \(h.requests.count) unanswered\n\n"
        out += "Exported by Reinstate on \(t(settings.now)). Under each message, *then* is what Amazon had seen "
        out += "when it next wrote (the versions submitted by that time) and *now* is the state at export.\n\n"

        out += "\(h2) Timeline\n\n"
        let standings = RequestStanding.byMessage(in: h)
        let check = ExportCheck.of(h)
        let events = CaseTimeline.events(of: h)
        if events.isEmpty { out += "No messages or plan versions yet.\n\n" }
        for (at, event) in events {
            switch event {
            case .message(let m):
                out += "\(h3) \(t(at)) · \(ExportWords.heading(of: m.kind))\n\n"
                if !m.subject.isEmpty { out += "**Subject:** \(MarkdownText.inline(m.subject))\n\n" }
                if let by = m.addedBy { out += "**Added by:** \(MarkdownText.inline(by))\n\n" }
                MarkdownText.fenced(m.text, into: &out)
                out += "\n"
                if let kept = settings.attachments[m.id], !kept.isEmpty {
                    out += "**Attachments kept with it** (`reinstate message show \(m.id) --attachment N --output FILE` saves one):\n\n"
                    for a in kept { out += "\(a.number). \(MarkdownText.inline(settings.line(of: a)))\n" }
                    out += "\n"
                }
                if let asked = standings[m.id], !asked.isEmpty {
                    let open = asked.filter { $0.now.isOpen }.count
                    out += "**Requested in this message** (\(asked.count) asked, \(open) still unanswered):\n\n"
                    for s in asked {
                        out += "- \(s.now.isOpen ? "**UNANSWERED** " : "")[\(s.detail.aspect.label)] "
                        out += MarkdownText.inline(s.detail.text) + "\n"
                        if let alternative = s.alternativeLabel { out += "  - *\(MarkdownText.inline(alternative))*\n" }
                        out += "  - Then: \(MarkdownText.inline(s.thenLabel(time: t)))\n"
                        let now = MarkdownText.inline(s.nowLabel)
                        out += "  - Now: \(s.now.isOpen ? "**\(now)**" : now)\n"
                        if let by = s.detail.stateSetBy {
                            let when = s.detail.stateSetAt.map { ", \(t($0))" } ?? ""
                            out += "  - Set by: \(MarkdownText.inline(by))\(when)\n"
                        }
                        if let verdict = check?.verdict(for: s.detail) { out += "  - Check: \(MarkdownText.inline(verdict))\n" }
                    }
                    out += "\n"
                }
            case .plan(let p):
                let state = p.submitted.map { "submitted \(t($0))" } ?? "draft, not submitted"
                out += "\(h3) \(t(at)) · Plan of Action v\(p.number), \(state)\n\n"
                out += "Written \(t(p.created))\(MarkdownText.inline(AuthorWords.by(p.createdBy)))"
                if let by = p.submittedBy { out += "; submitted by \(MarkdownText.inline(by))" }
                out += ".\n\n"
                MarkdownText.fenced(p.text, into: &out)
                out += "\n"
            }
        }

        if let check {
            out += "\(h2) Check of \(check.versionName)\n\n"
            out += "What `reinstate check \(c.id) --version \(check.version)` says of the latest version.\n\n"
            MarkdownText.fenced(check.report(history: h).joined(separator: "\n"), into: &out)
            out += "\n"
        }

        out += "\(h2) Deadlines\n\n"
        if h.deadlines.isEmpty { out += "None.\n\n" }
        for d in h.deadlines.sorted(by: { ($0.due, $0.id) < ($1.due, $1.id) }) {
            let state = ExportWords.state(of: d, now: settings.now, time: t)
            out += "- **\(t(d.due))**: \(d.isOpen ? "**\(state)**" : state). "
            out += "\u{201C}\(MarkdownText.inline(d.rule.text))\u{201D}, \(ExportWords.anchor(of: d, time: t)).\n"
        }
        if !h.deadlines.isEmpty { out += "\n" }

        out += "\(h2) Notes\n\n"
        if h.notes.isEmpty { out += "None.\n\n" }
        for n in h.notes {
            out += "**\(t(n.created))**\(MarkdownText.inline(AuthorWords.by(n.author)))\n\n"
            MarkdownText.fenced(n.text, into: &out)
            out += "\n"
        }

        out += "\(h2) Evidence\n\n"
        if h.evidence.isEmpty { out += "None.\n" }
        for e in h.evidence {
            let check = settings.evidence[e.id] ?? .notChecked
            out += "- \(MarkdownText.code(e.path)): \(ExportWords.bytes(e.size)), SHA-256 \(MarkdownText.code(e.sha256)), "
            out += "added \(t(e.added)); "
            out += check.isProblem ? "**\(MarkdownText.inline(check.label))**\n" : "\(check.label)\n"
        }
    }
}
