import Foundation
import ReinstateCore

/// The human view of one case, as `reinstate case show` prints it.
enum CaseReport {
    static func print(_ h: CaseHistory, now: Date, attachments: [Int64: [StoredAttachment]] = [:]) {
        let c = h.suspensionCase
        let s = Output.safe
        Output.line("Case \(c.id): \(s(c.title))")
        Output.line("  Account:      \(s(c.account.isEmpty ? "–" : c.account))  \(c.marketplace)")
        Output.line("  Suspended:    \(s(c.scope.label))")
        Output.line("  Reason:       \(c.reason.label)")
        Output.line("  Status:       \(c.status.label)\(AuthorWords.by(c.statusSetBy))   appeals submitted: \(h.appealsSubmitted)")
        Output.line("  Opened:       \(Timestamp.local(c.opened))")
        if let next = h.nextDeadline {
            Output.line("  Next deadline: \(Timestamp.local(next.due))  (\(DeadlineRules.countdown(until: next.due, now: now)))")
        } else {
            Output.line("  Next deadline: none open")
        }
        Output.line()
        Output.line("Messages from Amazon")
        if h.messages.isEmpty { Output.line("  none yet (add one: reinstate message add --case \(c.id) FILE)") }
        for m in h.messages {
            let subject = m.subject.isEmpty ? firstLine(m.text) : m.subject
            Output.line(
                "  #\(m.id)  \(Timestamp.local(m.received))  \(m.kind.rawValue)  \(DisplayWidth.truncate(s(subject), to: 60))"
                    + (m.addedBy.map { "  (added by \(s($0)))" } ?? ""))
            for a in attachments[m.id] ?? [] {
                Output.line("        attachment \(a.number): \(TerminalSafe.singleLine(a.filename)) (\(a.contentType), \(a.size) bytes)")
            }
        }
        Output.line()
        Output.line("Requested details (\(h.unanswered.count) unanswered)")
        if h.requests.isEmpty { Output.line("  none") }
        for r in h.requests {
            let marker = h.standing(of: r).isOpen ? "!" : " "
            Output.line("  \(marker) #\(r.id)  [\(r.aspect.label)] \(s(r.text))")
            Output.line("       \(s(h.standingLabel(of: r)))\(r.topic.isEmpty ? "" : "   topic: \(s(r.topic))")")
            if let by = r.stateSetBy {
                Output.line("       set by \(s(by))\(r.stateSetAt.map { " " + Timestamp.local($0) } ?? "")")
            }
            if let alternative = r.alternative {
                Output.line("       \(alternative.label(options: h.optionCount(of: r))): one of them is enough")
            }
        }
        Output.line()
        Output.line("Plan of Action versions")
        if h.plans.isEmpty { Output.line("  none yet (add one: reinstate poa add --case \(c.id) FILE)") }
        for p in h.plans {
            let state = p.submitted.map { "submitted \(Timestamp.local($0))" } ?? "draft"
            let by = (p.createdBy.map { "  by \(s($0))" } ?? "") + (p.submittedBy.map { ", submitted by \(s($0))" } ?? "")
            Output.line("  v\(p.number)  created \(Timestamp.local(p.created))  \(state)  \(p.text.count) characters\(by)")
        }
        Output.line()
        Output.line("Deadlines")
        if h.deadlines.isEmpty { Output.line("  none") }
        for d in h.deadlines {
            let anchor = d.rule.anchor == .originalNotification ? "from the original notification" : "from message #\(d.messageID)"
            let state = d.closure.map { "closed: \($0.label)" } ?? DeadlineRules.countdown(until: d.due, now: now)
            Output.line("  \(Timestamp.local(d.due))  \(d.rule.amount) \(d.rule.unit.rawValue) \(anchor)  \(state)")
        }
        if !h.notes.isEmpty {
            Output.line()
            Output.line("Notes")
            for n in h.notes {
                Output.line("  #\(n.id)  \(Timestamp.local(n.created))\(n.author.map { "  \(s($0)):" } ?? "")  \(s(n.text))")
            }
        }
        if !h.evidence.isEmpty {
            Output.line()
            Output.line("Evidence")
            for e in h.evidence { Output.line("  \(s(e.path))  \(e.size) bytes  sha256 \(e.sha256)") }
        }
    }

    static func firstLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }
}
