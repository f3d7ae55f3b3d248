import Foundation

/// A case history as one self-contained HTML file: inline CSS, no scripts, nothing loaded from outside,
/// every piece of text escaped by `HTMLNode`. Unanswered requests stand out in colour and in words.
public enum HTMLExport {
    /// One case as a document.
    public static func render(_ history: CaseHistory, settings: ExportSettings) -> String {
        let c = history.suspensionCase
        var out = pageHead(title: "Case \(c.id): \(c.title)")
        caseArticle(history, settings: settings).render(into: &out)
        out += pageFoot
        return out
    }

    /// Several cases in one document, each starting on a new page when printed.
    public static func render(all histories: [CaseHistory], settings: ExportSettings) -> String {
        var out = documentHead(count: histories.count, settings: settings)
        for h in histories { out += contentsEntry(h.suspensionCase) }
        out += contentsFoot
        for h in histories { out += section(h, settings: settings) }
        out += pageFoot
        return out
    }

    // MARK: - The many-case document in pieces

    // `render(all:)` is these pieces in order: the head (up to the contents list), one contents entry a
    // case, the end of the contents, one article a case, the foot. A whole-store export writes them as
    // it reads the cases, so it never holds more than a few.

    /// The page up to the first entry of the contents list.
    public static func documentHead(count: Int, settings: ExportSettings) -> String {
        var out = pageHead(title: "Reinstate: \(count) cases")
        HTMLNode.startTag(.nav, into: &out)
        HTMLNode.el(.h1, text: "Reinstate: \(count) case\(count == 1 ? "" : "s")").render(into: &out)
        HTMLNode.el(.p, class: "meta", text: "Exported on \(settings.time(settings.now)).").render(into: &out)
        HTMLNode.startTag(.ul, into: &out)
        return out
    }

    /// One entry of the contents list: the case's id, title and status.
    public static func contentsEntry(_ c: SuspensionCase) -> String {
        var out = ""
        HTMLNode.el(.li, text: "Case \(c.id): \(c.title) (\(c.status.label))").render(into: &out)
        return out
    }

    /// The end of the contents list.
    public static var contentsFoot: String {
        var out = ""
        HTMLNode.endTag(.ul, into: &out)
        HTMLNode.endTag(.nav, into: &out)
        return out
    }

    /// One case's article.
    public static func section(_ h: CaseHistory, settings: ExportSettings) -> String {
        var out = ""
        caseArticle(h, settings: settings).render(into: &out)
        return out
    }

    /// Everything before the body's content: the doctype, the head with the style sheet, `<body>`.
    static func pageHead(title: String) -> String {
        var out = "<!DOCTYPE html>\n"
        HTMLNode.startTag(.html, [HTMLAttribute(.lang, "en")], into: &out)
        HTMLNode.el(.head, [
            .element(.meta, [HTMLAttribute(.charset, "utf-8")], []),
            .element(.meta, [HTMLAttribute(.name, "viewport"), HTMLAttribute(.content, "width=device-width, initial-scale=1")], []),
            .element(.meta, [HTMLAttribute(.name, "generator"), HTMLAttribute(.content, "Reinstate")], []),
            .el(.title, text: title),
            .styleSheet(HTMLStyle.sheet),
        ]).render(into: &out)
        HTMLNode.startTag(.body, into: &out)
        return out
    }

    /// The end of the body and of the page.
    public static var pageFoot: String {
        var out = ""
        HTMLNode.endTag(.body, into: &out)
        HTMLNode.endTag(.html, into: &out)
        return out + "\n"
    }

    static func caseArticle(_ h: CaseHistory, settings: ExportSettings) -> HTMLNode {
        let c = h.suspensionCase
        let t = settings.time
        var facts: [HTMLNode] = []
        func fact(_ name: String, _ value: [HTMLNode]) {
            facts.append(.el(.dt, text: name))
            facts.append(.el(.dd, value))
        }
        fact("Account", [.text(c.account.isEmpty ? "–" : c.account)])
        fact("Marketplace", [.text(c.marketplace.isEmpty ? "–" : c.marketplace)])
        fact("Suspended", [.text(c.scope.label)])
        fact("Reason", [.text(c.reason.label)])
        fact("Status", [.text(c.status.label + AuthorWords.by(c.statusSetBy))])
        fact("Opened", [.text(t(c.opened))])
        fact("Appeals submitted", [.text(String(h.appealsSubmitted))])
        if let next = h.nextDeadline {
            fact("Next deadline", [
                .el(.strong, text: t(next.due)),
                .text(" (\(DeadlineRules.countdown(until: next.due, now: settings.now))): \u{201C}\(next.rule.text)\u{201D}"),
            ])
        } else {
            fact("Next deadline", [.text("none open")])
        }
        let open = h.unanswered.count
        fact("Requested details", [open > 0
            ? .el(.span, class: "problem", text: "\(open) of \(h.requests.count) unanswered")
            : .text("\(open) of \(h.requests.count) unanswered")])

        var sections: [HTMLNode] = [
            .el(.header, [
                .el(.h1, text: "Case \(c.id): \(c.title)"),
                .el(.dl, class: "facts", facts),
                .el(.p, class: "meta", text: "Exported by Reinstate on \(t(settings.now)). Under each message, \u{201C}then\u{201D} is what "
                    + "Amazon had seen when it next wrote (the versions submitted by that time) and \u{201C}now\u{201D} is the state at export."),
            ])
        ]
        let check = ExportCheck.of(h)
        sections.append(.el(.section, [.el(.h2, text: "Timeline")] + timeline(h, check: check, settings: settings)))
        if let check {
            sections.append(.el(.section, [
                .el(.h2, text: "Check of \(check.versionName)"),
                .el(.p, class: "meta", text: "What reinstate check \(c.id) --version \(check.version) says of the latest version."),
                .el(.pre, text: check.report(history: h).joined(separator: "\n")),
            ]))
        }
        sections.append(.el(.section, [.el(.h2, text: "Deadlines")] + deadlines(h, settings: settings)))
        sections.append(.el(.section, [.el(.h2, text: "Notes")] + (h.notes.isEmpty ? [.el(.p, text: "None.")] : h.notes.map { n in
            .fragment([.el(.p, class: "meta", text: t(n.created) + AuthorWords.by(n.author)), .el(.pre, text: n.text)])
        })))
        sections.append(.el(.section, [.el(.h2, text: "Evidence")] + evidence(h, settings: settings)))
        return .element(.article, [HTMLAttribute(.class, "case"), HTMLAttribute(.id, "case-\(c.id)")], sections)
    }

    static func timeline(_ h: CaseHistory, check: ExportCheck?, settings: ExportSettings) -> [HTMLNode] {
        let t = settings.time
        let standings = RequestStanding.byMessage(in: h)
        let events = CaseTimeline.events(of: h)
        if events.isEmpty { return [.el(.p, text: "No messages or plan versions yet.")] }
        return events.map { at, event -> HTMLNode in
            switch event {
            case .message(let m):
                var parts: [HTMLNode] = [.el(.h3, text: "\(t(at)) · \(ExportWords.heading(of: m.kind))")]
                if !m.subject.isEmpty { parts.append(.el(.p, class: "meta", [.el(.strong, text: "Subject: "), .text(m.subject)])) }
                if let by = m.addedBy { parts.append(.el(.p, class: "meta", [.el(.strong, text: "Added by: "), .text(by)])) }
                parts.append(.el(.pre, text: m.text))
                if let kept = settings.attachments[m.id], !kept.isEmpty {
                    parts.append(.el(.p, [.el(.strong, text: "Attachments kept with it"),
                                          .text(" (reinstate message show \(m.id) --attachment N --output FILE saves one):")]))
                    parts.append(.el(.ol, kept.map { .el(.li, text: settings.line(of: $0)) }))
                }
                if let asked = standings[m.id], !asked.isEmpty {
                    let open = asked.filter { $0.now.isOpen }.count
                    parts.append(.el(.p, [.el(.strong, text: "Requested in this message"), .text(" (\(asked.count) asked, \(open) still unanswered):")]))
                    parts.append(.el(.ul, class: "requests", asked.map { request($0, check: check, time: t) }))
                }
                return .el(.div, class: "entry message", parts)
            case .plan(let p):
                let state = p.submitted.map { "submitted \(t($0))" } ?? "draft, not submitted"
                return .el(.div, class: "entry plan", [
                    .el(.h3, text: "\(t(at)) · Plan of Action v\(p.number), \(state)"),
                    .el(.p, class: "meta", text: "Written \(t(p.created))\(AuthorWords.by(p.createdBy))"
                        + (p.submittedBy.map { "; submitted by \(TerminalSafe.singleLine($0))" } ?? "") + "."),
                    .el(.pre, text: p.text),
                ])
            }
        }
    }

    static func request(_ s: RequestStanding, check: ExportCheck?, time: (Date) -> String) -> HTMLNode {
        let (cls, marker): (String, String)
        switch s.now {
        case .unanswered, .reopened, .answeredInDraft: (cls, marker) = ("unanswered", "\u{25CF} UNANSWERED")
        case .answered: (cls, marker) = ("answered", "\u{2713} answered")
        case .waived: (cls, marker) = ("waived", "\u{2013} waived")
        case .notNeeded: (cls, marker) = ("waived", "\u{25CB} not needed")
        }
        var parts: [HTMLNode] = [
            .el(.span, class: "marker", text: marker), .text(" [\(s.detail.aspect.label)] "), .text(s.detail.text),
        ]
        if let alternative = s.alternativeLabel { parts.append(.el(.span, class: "alternative", text: alternative)) }
        parts.append(.el(.span, class: "then", text: "Then: " + s.thenLabel(time: time)))
        parts.append(.el(.span, class: "now", text: "Now: " + s.nowLabel))
        if let by = s.detail.stateSetBy {
            parts.append(.el(.span, class: "then", text: "Set by: " + by + (s.detail.stateSetAt.map { ", " + time($0) } ?? "")))
        }
        if let verdict = check?.verdict(for: s.detail) { parts.append(.el(.span, class: "check", text: "Check: " + verdict)) }
        return .el(.li, class: cls, parts)
    }

    static func deadlines(_ h: CaseHistory, settings: ExportSettings) -> [HTMLNode] {
        if h.deadlines.isEmpty { return [.el(.p, text: "None.")] }
        let t = settings.time
        return [.el(.ul, h.deadlines.sorted { ($0.due, $0.id) < ($1.due, $1.id) }.map { d in
            let state = ExportWords.state(of: d, now: settings.now, time: t)
            return .el(.li, [
                .el(.strong, text: t(d.due)), .text(": "),
                d.isOpen ? .el(.span, class: "problem", text: state) : .text(state),
                .text(". \u{201C}\(d.rule.text)\u{201D}, \(ExportWords.anchor(of: d, time: t))."),
            ])
        })]
    }

    static func evidence(_ h: CaseHistory, settings: ExportSettings) -> [HTMLNode] {
        if h.evidence.isEmpty { return [.el(.p, text: "None.")] }
        return [.el(.ul, h.evidence.map { e in
            let check = settings.evidence[e.id] ?? .notChecked
            return .el(.li, [
                .el(.code, text: e.path),
                .text(": \(ExportWords.bytes(e.size)), SHA-256 "), .el(.code, text: e.sha256),
                .text(", added \(settings.time(e.added)); "),
                check.isProblem ? .el(.span, class: "problem", text: check.label) : .text(check.label),
            ])
        })]
    }
}
