import Foundation
import ReinstateCore
import ReinstateStore

/// What happened to one message of a mailbox (or to a part of the mailbox that could not be read).
public struct MailOutcome: Sendable, Equatable, Encodable {
    /// What happened, as `--json` names it.
    public enum Result: String, Sendable, Encodable {
        case added
        case newCase = "new-case"
        case held
        case duplicate
        case notFromAmazon = "not-from-amazon"
        /// The message (or a part of the mailbox) could not be read or stored; the line says why.
        case failed
    }

    public var result: Result
    /// Where it was found ("inbox.mbox, message 12", a file's path).
    public var origin: String
    /// The e-mail's date, when it has one.
    public var date: Date?
    public var subject: String
    /// The case it went into (or would go into, in a dry run).
    public var caseID: Int64?
    /// The stored message's id (not in a dry run).
    public var messageID: Int64?
    /// The held message's id, for `mail file`.
    public var heldID: Int64?
    /// Why: the fact that placed it, why it was held, skipped or failed.
    public var why: String
    public var attachments: Int
    /// How the message is known ("message-id:…" or "sha256:…"); nil for a part that could not be read.
    public var identity: String? = nil

    /// An outcome.
    public init(
        result: Result, origin: String, date: Date? = nil, subject: String = "", caseID: Int64? = nil, messageID: Int64? = nil,
        heldID: Int64? = nil, why: String = "", attachments: Int = 0
    ) {
        self.result = result
        self.origin = origin
        self.date = date
        self.subject = subject
        self.caseID = caseID
        self.messageID = messageID
        self.heldID = heldID
        self.why = why
        self.attachments = attachments
    }

    enum CodingKeys: String, CodingKey {
        case result, origin, date, subject, caseID = "case", messageID = "message", heldID = "held", why, attachments, identity
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(result, forKey: .result)
        try c.encode(origin, forKey: .origin)
        try c.encodeIfPresent(date.map { Timestamp.utc($0) }, forKey: .date)
        try c.encode(subject, forKey: .subject)
        try c.encodeIfPresent(caseID, forKey: .caseID)
        try c.encodeIfPresent(messageID, forKey: .messageID)
        try c.encodeIfPresent(heldID, forKey: .heldID)
        try c.encode(why, forKey: .why)
        try c.encode(attachments, forKey: .attachments)
        try c.encodeIfPresent(identity, forKey: .identity)
    }

    /// "added to #3", "new case #7", "held (#2)", … as the table shows it.
    public var summary: String {
        switch result {
        case .added: return "added to #\(caseID ?? 0)"
        case .newCase: return "new case #\(caseID ?? 0)"
        case .held: return heldID.map { "held (#\($0))" } ?? "held"
        case .duplicate: return "duplicate"
        case .notFromAmazon: return "not from Amazon"
        case .failed: return "failed"
        }
    }
}

/// Imports mailboxes into the store: reads each message, routes it (`MailRouter`), and files, holds or
/// skips it, one transaction per message, so an import stopped at any point leaves whole messages and a
/// second run completes it. A dry run routes the same way against the same facts and writes nothing.
public final class MailIntake {
    let store: CaseStore
    let dryRun: Bool
    let now: Date
    let reader = MessageReader()
    /// The store's facts, kept up to date as messages are filed, so a notice places the replies after it.
    public private(set) var book: RoutingBook
    /// Ids a dry run gives the cases it would open.
    private var nextDryRunCase: Int64

    /// An intake into `store`, reading its facts once.
    public init(store: CaseStore, dryRun: Bool, now: Date) throws {
        self.store = store
        self.dryRun = dryRun
        self.now = now
        // A dry run writes nothing, so what it would file must be remembered here; a real import asks the
        // store, where each filed message's marks and identity are by then.
        book = try store.routingBook(inMemory: dryRun)
        nextDryRunCase = (book.cases.keys.max() ?? 0) + 1
    }

    /// How many times a mailbox that changes while it is read is read again before the import gives up
    /// on it (and says to run it again).
    public static let rereads = 3

    /// Reads the mailbox at `path` one message at a time, handing each outcome to `each` as it happens.
    /// A mailbox that changed while it was read (a mail program compacting or appending to an mbox) is
    /// read again from the start: what was taken the first time is known by then and passes silently
    /// (a duplicate, or mail not from Amazon, said the first time), so only what was missed is reported.
    /// `notice` hears why it is read again. Throws only when the path is not a mailbox at all.
    public func importMailbox(_ path: String, notice: (String) -> Void = { _ in }, each: (MailOutcome) -> Void) throws {
        var pass = 0
        while true {
            var mailbox = try MailboxFormat.open(path)
            var change: String? = nil
            while let entry = mailbox.next() {
                switch entry {
                case .message(let item):
                    let outcome = take(item)
                    if pass > 0, outcome.result == .duplicate || outcome.result == .notFromAmazon { continue }
                    each(outcome)
                case .problem(let line): each(MailOutcome(result: .failed, origin: path, why: line))
                case .changed(let line): change = line
                }
            }
            guard let change else { return }
            guard pass < Self.rereads else {
                each(MailOutcome(result: .failed, origin: path, why: "\(change), and kept changing; run the import again to take in the rest."))
                return
            }
            pass += 1
            notice("\(change): reading it again to take in what changed.")
        }
    }

    /// Routes and files one message.
    public func take(_ item: MailboxItem) -> MailOutcome {
        guard let envelope = MailEnvelope.read(item.raw) else {
            return MailOutcome(result: .failed, origin: item.origin, why: "not an e-mail (it does not start with mail headers); skipped")
        }
        // A message imported before is known from its headers alone: a second run does not read it again.
        let identity = MailEnvelope.identity(messageID: envelope.messageID, raw: item.raw)
        if book.isKnown(identity) {
            var known = MailOutcome(
                result: .duplicate, origin: item.origin, date: envelope.date, subject: envelope.subject, why: "imported before")
            known.identity = identity
            return known
        }
        let reading = reader.read(item.raw)
        let facts = MailFacts(raw: item.raw, envelope: envelope, reading: reading)
        var outcome = MailOutcome(result: .failed, origin: item.origin, date: reading.received, subject: reading.subject)
        outcome.identity = facts.identity
        do {
            switch MailRouter.route(facts, book: book) {
            case .duplicate:
                outcome.result = .duplicate
                outcome.why = "imported before"
            case .notFromAmazon(let why):
                outcome.result = .notFromAmazon
                outcome.why = why
            case .hold(let reason):
                outcome.why = reason
                if dryRun {
                    outcome.result = .held
                } else if let id = try store.holdMail(raw: item.raw, facts: facts, reason: reason, origin: item.origin, now: now) {
                    outcome.result = .held
                    outcome.heldID = id
                } else {
                    outcome.result = .duplicate
                    outcome.why = "imported or held by another import meanwhile"
                }
                book.know(facts.identity)
            case .file(let caseID, let because):
                outcome.why = because
                try file(facts, reading: reading, item: item, into: .existing(caseID), outcome: &outcome)
            case .newCase(let fields, let because):
                outcome.why = because
                try file(facts, reading: reading, item: item, into: .new(fields), outcome: &outcome)
            }
        } catch {
            outcome.result = .failed
            outcome.why = "\(error)"
        }
        if case .amazon(verified: false) = facts.sender, outcome.result != .duplicate {
            outcome.why += outcome.why.isEmpty ? "" : "; "
            outcome.why += "the sender could not be verified (no Authentication-Results header)"
        }
        return outcome
    }

    private func file(_ facts: MailFacts, reading: MessageReading, item: MailboxItem, into target: MailTarget, outcome: inout MailOutcome) throws {
        let attachments = MailAttachments.read(item.raw)
        outcome.attachments = attachments.count
        let caseID: Int64
        var finished = false
        if dryRun {
            if case .existing(let id) = target { caseID = id } else { caseID = nextDryRunCase; nextDryRunCase += 1 }
            finished = reading.kind == .reinstatement || reading.kind == .denial
        } else {
            switch try store.fileMail(raw: item.raw, reading: reading, facts: facts, into: target, attachments: attachments, now: now) {
            case .duplicate:
                outcome.result = .duplicate
                outcome.why = "imported by another import meanwhile"
                book.know(facts.identity)
                return
            case .filed(let stored, _):
                caseID = stored.message.caseID
                outcome.messageID = stored.message.id
                finished = stored.statusChange?.after.isFinished ?? false
            }
        }
        outcome.caseID = caseID
        if case .new(let fields) = target {
            outcome.result = .newCase
            book.add(CaseFacts(
                id: caseID, account: fields.account, marketplace: fields.marketplace, reason: fields.reason,
                asins: Set(fields.scope.asins), finished: false))
        } else {
            outcome.result = .added
        }
        book.record(facts, filedInto: caseID)
        if finished, var c = book.cases[caseID] {
            c.finished = true
            book.add(c)
        }
    }

    /// Files a held message by hand (`mail file`, the tracker): into a case, or a new case made from
    /// what the message says (`account` when it names none Reinstate can read).
    public static func fileHeld(_ id: Int64, caseID: Int64?, store: CaseStore, now: Date) throws -> StoredMessage {
        let held = try store.heldMessage(id)
        let reading = MessageReader().read(held.raw)
        let envelope = MailEnvelope.read(held.raw) ?? MailEnvelope(
            messageID: nil, thread: [], fromAddress: held.sender, recipients: [], subject: held.subject, authenticationResults: nil)
        var facts = MailFacts(raw: held.raw, envelope: envelope, reading: reading)
        facts.identity = held.identity
        let target: MailTarget
        if let caseID {
            target = .existing(caseID)
        } else {
            target = .new(MailRouter.fields(facts, account: facts.greeted ?? ""))
        }
        var reread = reading
        if reread.received == nil { reread.received = held.received }
        return try store.fileHeld(id, into: target, reading: reread, facts: facts, attachments: MailAttachments.read(held.raw), now: now)
    }
}
