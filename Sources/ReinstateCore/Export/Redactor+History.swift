import Foundation

extension Redactor {
    /// The history with every text redacted: title, account, messages (subject and text), requested
    /// details, plans, deadline phrases, notes, and evidence paths (reduced to the file's name, since
    /// folders name people, with underscores read as spaces). A message's raw bytes are never carried:
    /// encoded words, base64 and quoted-printable (a soft line break inside a name) would keep what
    /// the redaction took out of the text. The raw becomes the redacted text as read, and the export
    /// says the message as received was left out (`StoreDocument.redacted`).
    ///
    /// Who did what is left out too: a redacted export goes to people outside the team, and an author is
    /// a login or a colleague's name, which the redaction has no list of (`withoutAuthors`).
    public mutating func redact(_ h: CaseHistory) -> CaseHistory {
        var h = h.withoutAuthors()
        h.suspensionCase.title = redact(h.suspensionCase.title)
        h.suspensionCase.account = redact(h.suspensionCase.account)
        for i in h.messages.indices {
            h.messages[i].subject = redact(h.messages[i].subject)
            h.messages[i].text = redact(h.messages[i].text)
            h.messages[i].raw = Data(h.messages[i].text.utf8)
        }
        for i in h.requests.indices {
            h.requests[i].text = redact(h.requests[i].text)
            h.requests[i].topic = redact(h.requests[i].topic)
            if case .waived(let reason) = h.requests[i].state { h.requests[i].state = .waived(reason: redact(reason)) }
            if let before = h.requests[i].waivedBefore { h.requests[i].waivedBefore = redact(before) }
        }
        for i in h.plans.indices { h.plans[i].text = redact(h.plans[i].text) }
        for i in h.deadlines.indices { h.deadlines[i].rule.text = redact(h.deadlines[i].rule.text) }
        for i in h.notes.indices { h.notes[i].text = redact(h.notes[i].text) }
        for i in h.evidence.indices {
            h.evidence[i].path = redactFileName((h.evidence[i].path as NSString).lastPathComponent)
        }
        return h
    }
}
