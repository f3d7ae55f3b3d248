import Foundation
import ReinstateCore

extension CaseDocument {
    /// The case as the commands and the exports read it: the inverse of the document the SQLite store
    /// writes (`CaseStore.caseDocument`), with its messages' attachments. A store that reads a case as
    /// its document (the PostgreSQL store) hands the commands the same history the SQLite store reads
    /// for the same rows, so every report, list and export prints the same bytes from either store.
    public func history() throws -> CaseHistory {
        func date(_ text: String, _ what: String) throws -> Date {
            guard let date = Timestamp.parse(text) else {
                throw StoreError.badDocument("case \(id): \(what) \"\(text)\" is not an ISO 8601 date-time")
            }
            return date
        }
        let c = SuspensionCase(
            id: id, title: title, account: account, marketplace: marketplace,
            scope: scope == "listings" ? .listings(asins) : .account, reason: SuspensionReason(rawValue: reason) ?? .other,
            status: CaseStatus(rawValue: status) ?? .open, opened: try date(opened, "opened"), statusSetBy: statusSetBy)
        var history = CaseHistory(suspensionCase: c)
        for m in messages {
            let raw: Data
            if let base64 = m.rawBase64, let data = Data(base64Encoded: base64) {
                raw = data
            } else {
                raw = Data((m.raw ?? "").utf8)
            }
            history.messages.append(
                AmazonMessage(
                    id: m.id, caseID: id, kind: MessageKind(rawValue: m.kind) ?? .other, received: try date(m.received, "received"),
                    subject: m.subject, raw: raw, text: m.text, readerVersion: m.readerVersion, addedBy: m.addedBy))
            for r in m.requested {
                history.requests.append(Self.request(r, caseID: id, messageID: m.id))
            }
            if let attachments = m.attachments, !attachments.isEmpty {
                history.attachments[m.id] = attachments.map {
                    StoredAttachment(
                        messageID: m.id, number: $0.number, filename: $0.filename, contentType: $0.contentType, size: $0.size,
                        sha256: $0.sha256)
                }
            }
        }
        history.plans = try plans.map {
            PlanVersion(
                caseID: id, number: $0.number, text: $0.text, created: try date($0.created, "created"),
                submitted: try $0.submitted.map { try date($0, "submitted") }, createdBy: $0.createdBy, submittedBy: $0.submittedBy)
        }
        history.deadlines = try deadlines.map { d in
            let rule = DeadlineRule(
                amount: d.amount, unit: DeadlineUnit(rawValue: d.unit) ?? .days,
                anchor: DeadlineAnchor(rawValue: d.anchor) ?? .thisMessage, text: d.text)
            var closure: DeadlineClosure? = nil
            if let closedAt = d.closedAt {
                let at = try date(closedAt, "closedAt")
                closure =
                    d.closedBy == "plan-submitted"
                    ? .planSubmitted(version: d.closedVersion ?? 0, at: at)
                    : .caseFinished(status: CaseStatus(rawValue: d.closedStatus ?? "") ?? .closed, at: at)
            }
            return Deadline(
                id: d.id, caseID: id, messageID: d.messageId, rule: rule, set: try date(d.set, "set"), due: try date(d.due, "due"),
                closure: closure)
        }
        history.notes = try notes.map {
            Note(id: $0.id, caseID: id, created: try date($0.created, "created"), text: $0.text, author: $0.author)
        }
        history.evidence = try evidence.map {
            Evidence(id: $0.id, caseID: id, path: $0.path, size: $0.size, sha256: $0.sha256, added: try date($0.added, "added"))
        }
        return history
    }

    /// A requested detail from its document, as `Decode.requestedDetail` reads its row.
    public static func request(_ r: RequestDocument, caseID: Int64, messageID: Int64) -> RequestedDetail {
        let state: RequestState
        switch r.state {
        case "answered":
            state = .answered(version: r.answeredVersion ?? 0, by: AnswerSource(rawValue: r.answeredBy ?? "") ?? .user)
        case "waived": state = .waived(reason: r.waivedReason ?? "")
        case "reopened": state = .reopened
        default: state = .unanswered
        }
        return RequestedDetail(
            id: r.id, caseID: caseID, messageID: messageID, text: r.text, aspect: Aspect(rawValue: r.aspect) ?? .other,
            topic: r.topic, state: state, corrected: r.corrected == true,
            // The waiver's reason outlives the waiver (reopened or answered since) as history.
            waivedBefore: r.state == "waived" ? nil : r.waivedReason,
            alternative: r.alternativeGroup.flatMap { group in
                r.alternativeOption.map { RequestAlternative(group: group, option: $0) }
            }, stateSetBy: r.stateSetBy, stateSetAt: r.stateSetAt.flatMap { Timestamp.parse($0) })
    }

    /// The document of a history read from a store (perhaps changed since, as by redaction), with when
    /// its status last changed, which only the store knows; without the mail records (Message-IDs,
    /// attachments), which a redacted document leaves out anyway.
    public init(_ history: CaseHistory, statusChanged: Date) {
        self = CaseStore.caseDocument(history, statusChanged: statusChanged)
    }

    /// When the case's status last changed, as the document keeps it.
    public var statusChangedDate: Date? { Timestamp.parse(statusChanged) }
}
