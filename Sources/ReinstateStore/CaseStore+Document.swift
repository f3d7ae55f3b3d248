import Foundation
import GRDB
import ReinstateCore

extension CaseStore {
    // MARK: - Export

    /// Every case, oldest id first, as one document, in memory. `reinstate export --all` writes the
    /// same document a batch of cases at a time instead (`StoreDocument.Encoder`), from the same reads.
    public func exportDocument() throws -> StoreDocument {
        try withExportSnapshot { snapshot in
            var cases: [CaseDocument] = []
            try snapshot.forEachHistoryBatch(includingRaw: true) { cases += try snapshot.documents(for: $0) }
            return StoreDocument(cases: cases, held: try snapshot.heldDocuments())
        }
    }

    /// One case as a document.
    public func caseDocument(_ caseID: Int64) throws -> CaseDocument {
        try read { db in
            var docs = [try Self.caseDocument(Self.fetchHistory(caseID, db: db), db: db)]
            try Self.addMailRecords(to: &docs, db: db)
            return docs[0]
        }
    }

    static func caseDocument(_ h: CaseHistory, db: Database) throws -> CaseDocument {
        caseDocument(h, statusChanged: try statusChanged(h.suspensionCase.id, db: db))
    }

    static func caseDocument(_ h: CaseHistory, statusChanged: Date) -> CaseDocument {
        let c = h.suspensionCase
        let requestsByMessage = Dictionary(grouping: h.requests, by: \.messageID)
        let messages = h.messages.map { m -> MessageDocument in
            let utf8 = String(validating: m.raw, as: UTF8.self)
            return MessageDocument(
                id: m.id, kind: m.kind.rawValue, received: m.received.stored, subject: m.subject, raw: utf8,
                rawBase64: utf8 == nil ? m.raw.base64EncodedString() : nil, text: m.text,
                readerVersion: m.readerVersion,
                requested: (requestsByMessage[m.id] ?? []).map(requestDocument), addedBy: m.addedBy)
        }
        return CaseDocument(
            id: c.id, title: c.title, account: c.account, marketplace: c.marketplace,
            scope: c.scope == .account ? "account" : "listings", asins: c.scope.asins, reason: c.reason.rawValue,
            status: c.status.rawValue, statusChanged: statusChanged.stored, opened: c.opened.stored,
            nextDeadline: h.nextDeadline?.due.stored, appealsSubmitted: h.appealsSubmitted, messages: messages,
            plans: h.plans.map {
                PlanDocument(
                    number: $0.number, text: $0.text, created: $0.created.stored, submitted: $0.submitted?.stored,
                    createdBy: $0.createdBy, submittedBy: $0.submittedBy)
            },
            deadlines: h.deadlines.map(deadlineDocument),
            notes: h.notes.map { NoteDocument(id: $0.id, created: $0.created.stored, text: $0.text, author: $0.author) },
            evidence: h.evidence.map {
                EvidenceDocument(id: $0.id, path: $0.path, size: $0.size, sha256: $0.sha256, added: $0.added.stored)
            },
            statusSetBy: c.statusSetBy)
    }

    static func requestDocument(_ r: RequestedDetail) -> RequestDocument {
        var doc = RequestDocument(
            id: r.id, text: r.text, aspect: r.aspect.rawValue, corrected: r.corrected ? true : nil, topic: r.topic,
            state: "unanswered")
        switch r.state {
        case .unanswered: break
        case .reopened: doc.state = "reopened"
        case .answered(let version, let by):
            (doc.state, doc.answeredVersion, doc.answeredBy) = ("answered", version, by.rawValue)
        case .waived(let reason):
            (doc.state, doc.waivedReason) = ("waived", reason)
        }
        // A waiver taken back stays as history: its reason with the state that followed it.
        if let before = r.waivedBefore { doc.waivedReason = before }
        doc.alternativeGroup = r.alternative?.group
        doc.alternativeOption = r.alternative?.option
        doc.stateSetBy = r.stateSetBy
        doc.stateSetAt = r.stateSetAt?.stored
        return doc
    }

    static func deadlineDocument(_ d: Deadline) -> DeadlineDocument {
        var doc = DeadlineDocument(
            id: d.id, messageId: d.messageID, amount: d.rule.amount, unit: d.rule.unit.rawValue,
            anchor: d.rule.anchor.rawValue, text: d.rule.text, set: d.set.stored, due: d.due.stored)
        switch d.closure {
        case .planSubmitted(let version, let at)?:
            (doc.closedAt, doc.closedBy, doc.closedVersion) = (at.stored, "plan-submitted", version)
        case .caseFinished(let status, let at)?:
            (doc.closedAt, doc.closedBy, doc.closedStatus) = (at.stored, "case-finished", status.rawValue)
        case nil: break
        }
        return doc
    }

    // MARK: - Import

    /// Loads a whole-store document into this store, which must be empty. All of it or nothing.
    /// Due dates and closures are recomputed from the facts rather than trusted.
    public func importDocument(_ document: StoreDocument) throws {
        try write { db in
            if try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM suspension_case) + (SELECT count(*) FROM held_message)") ?? 0 > 0 {
                throw StoreError.notEmpty(path: path)
            }
            for c in document.cases {
                try Self.importCase(c, db: db)
            }
            try Self.importHeld(document.held ?? [], db: db)
        }
    }

    static func importCase(_ c: CaseDocument, db: Database) throws {
        func date(_ text: String, _ what: String) throws -> Date {
            guard let d = Timestamp.parse(text) else {
                throw StoreError.badDocument("case \(c.id): \(what) \"\(text)\" is not an ISO 8601 date-time")
            }
            guard Timestamp.inRange(d) else {
                throw StoreError.badDocument("case \(c.id): \(what) \"\(text)\" is outside the years 1900 to 9999")
            }
            return d
        }
        func value<T: RawRepresentable>(_ type: T.Type, _ text: String, _ what: String) throws -> T where T.RawValue == String {
            guard let v = T(rawValue: text) else { throw StoreError.badDocument("case \(c.id): unknown \(what) \"\(text)\"") }
            return v
        }
        // An author as recorded: one line of at most 200 characters, as `Author.clean` keeps it.
        func author(_ name: String?) throws -> String? { try Author.checked(name, caseID: c.id) }
        // The same checks as the commands that make these things: nothing in a file is trusted further.
        func id(_ value: Int64, _ what: String) throws {
            guard value > 0, value < Int64.max else {
                throw StoreError.badDocument("case \(c.id): \(what) id \(value) is not a positive id")
            }
        }
        try id(c.id, "case")
        guard c.scope == "account" || c.scope == "listings" else {
            throw StoreError.badDocument("case \(c.id): unknown scope \"\(c.scope)\" (account or listings)")
        }
        let versions = Set(c.plans.map(\.number))
        let scope: SuspendedScope = c.scope == "listings" ? .listings(c.asins) : .account
        let new = SuspensionCase(
            title: c.title, account: c.account, marketplace: c.marketplace, scope: scope,
            reason: try value(SuspensionReason.self, c.reason, "reason"),
            status: try value(CaseStatus.self, c.status, "status"), opened: try date(c.opened, "opened"))
        _ = try insertCase(
            new, id: c.id, statusChanged: try date(c.statusChanged, "statusChanged"), statusSetBy: try author(c.statusSetBy),
            db: db)
        for m in c.messages {
            if m.rawLeftOut != nil {
                throw StoreError.badDocument(
                    "case \(c.id), message \(m.id): this is a redacted export (the messages as received were left out), "
                        + "not a backup; import a backup made without --redact")
            }
            try id(m.id, "message")
            if m.raw != nil, m.rawBase64 != nil {
                throw StoreError.badDocument("case \(c.id), message \(m.id): both raw and rawBase64; a message has one or the other")
            }
            if (m.raw?.utf8.count ?? 0) > messageLimit || (m.rawBase64?.utf8.count ?? 0) > messageLimit / 3 * 4 + 4 {
                throw StoreError.badDocument(
                    "case \(c.id), message \(m.id): larger than \(messageLimit / 1_048_576) MB, the most Reinstate stores")
            }
            let raw: Data
            if let text = m.raw {
                raw = Data(text.utf8)
            } else if let b64 = m.rawBase64, let data = Data(base64Encoded: b64) {
                raw = data
            } else {
                throw StoreError.badDocument("case \(c.id), message \(m.id): no raw text")
            }
            // The text and subject shown are what the message as received reads as: a file whose text says
            // something else than its raw message (edited by hand, or crafted) is refused. Messages read by
            // an earlier reader are taken as they are; `message reparse --all` reads them again.
            if m.readerVersion == MessageReader.version {
                let reading = MessageReader().read(raw)
                if reading.text != m.text || reading.subject != m.subject {
                    throw StoreError.badDocument(
                        "case \(c.id), message \(m.id): its text or subject is not what its raw message reads as; "
                            + "import the backup as Reinstate wrote it")
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO message (id, case_id, kind, received_at, subject, raw, text, reader_version, added_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [m.id, c.id, try value(MessageKind.self, m.kind, "message kind").rawValue,
                            try date(m.received, "received").stored, m.subject, raw, m.text, m.readerVersion,
                            try author(m.addedBy)])
            try importMailRecords(of: m, caseID: c.id, raw: raw, db: db)
            for (position, r) in m.requested.enumerated() {
                _ = try value(Aspect.self, r.aspect, "aspect")
                guard ["unanswered", "reopened", "answered", "waived"].contains(r.state) else {
                    throw StoreError.badDocument("case \(c.id): unknown request state \"\(r.state)\"")
                }
                try id(r.id, "requested detail")
                if let by = r.answeredBy, AnswerSource(rawValue: by) == nil {
                    throw StoreError.badDocument("case \(c.id), requested detail \(r.id): unknown answeredBy \"\(by)\"")
                }
                if let version = r.answeredVersion, !versions.contains(version) {
                    throw StoreError.badDocument(
                        "case \(c.id), requested detail \(r.id): answeredVersion \(version) is not a plan version of the case")
                }
                if r.state == "answered", r.answeredVersion == nil {
                    throw StoreError.badDocument("case \(c.id), requested detail \(r.id): answered, but answeredVersion is missing")
                }
                if (r.alternativeGroup == nil) != (r.alternativeOption == nil)
                    || (r.alternativeGroup ?? 1) < 1 || (r.alternativeOption ?? 1) < 1 {
                    throw StoreError.badDocument(
                        "case \(c.id), requested detail \(r.id): alternativeGroup and alternativeOption go together, each 1 or more")
                }
                try db.execute(
                    sql: """
                        INSERT INTO requested_detail (id, case_id, message_id, position, text, aspect, topic, state,
                            answered_version, answered_by, waived_reason, corrected, alternative_group, alternative_option,
                            state_set_by, state_set_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [r.id, c.id, m.id, position, r.text, r.aspect, r.topic, r.state, r.answeredVersion,
                                r.answeredBy, r.waivedReason, r.corrected == true ? 1 : 0, r.alternativeGroup,
                                r.alternativeOption, try author(r.stateSetBy),
                                try r.stateSetAt.map { try date($0, "stateSetAt").stored }])
            }
        }
        for p in c.plans {
            try insertPlan(
                PlanVersion(caseID: c.id, number: p.number, text: p.text, created: try date(p.created, "created"),
                            submitted: try p.submitted.map { try date($0, "submitted") }, createdBy: try author(p.createdBy),
                            submittedBy: try author(p.submittedBy)), db: db)
        }
        for d in c.deadlines {
            try id(d.id, "deadline")
            guard (1...36_500).contains(d.amount) else {
                throw StoreError.badDocument("case \(c.id), deadline \(d.id): amount \(d.amount) is out of range (1 to 36500)")
            }
            let rule = DeadlineRule(
                amount: d.amount, unit: try value(DeadlineUnit.self, d.unit, "deadline unit"),
                anchor: try value(DeadlineAnchor.self, d.anchor, "deadline anchor"), text: d.text)
            try insertDeadline(caseID: c.id, messageID: d.messageId, rule: rule, set: try date(d.set, "set"), id: d.id, db: db)
        }
        for n in c.notes {
            try id(n.id, "note")
            try db.execute(
                sql: "INSERT INTO note (id, case_id, created_at, text, author) VALUES (?, ?, ?, ?, ?)",
                arguments: [n.id, c.id, try date(n.created, "created").stored, n.text, try author(n.author)])
        }
        for e in c.evidence {
            try id(e.id, "evidence")
            try db.execute(
                sql: "INSERT INTO evidence (id, case_id, path, size, sha256, added_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [e.id, c.id, e.path, e.size, e.sha256, try date(e.added, "added").stored])
        }
        try importMailMarks(of: c, db: db)
        try refreshDeadlines(caseID: c.id, db: db)
    }
}
