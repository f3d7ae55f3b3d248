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
///
/// It works on either store through the store contract. The book keeps the cases' facts; the marks and
/// identities a message's routing asks about are read from the store just before it is routed (so memory
/// does not grow with the store or the mailbox, and a colleague's import meanwhile is seen), and a dry run
/// remembers besides what it would have filed.
public final class MailIntake {
    let store: any StoreContract
    let dryRun: Bool
    let now: Date
    let reader = MessageReader()
    /// What the store said about the message being routed, and what a dry run would have filed.
    private let looked: LookedUp
    /// The store's facts, kept up to date as messages are filed, so a notice places the replies after it.
    public private(set) var book: RoutingBook
    /// Ids a dry run gives the cases it would open.
    private var nextDryRunCase: Int64

    /// An intake into `store`, reading its cases' facts once.
    public init(store: any StoreContract, dryRun: Bool, now: Date) async throws {
        self.store = store
        self.dryRun = dryRun
        self.now = now
        let looked = LookedUp()
        self.looked = looked
        var book = RoutingBook(
            lookup: RoutingLookup(marked: { kind, key in looked.marked(MailMarkKey(kind, key)) }, known: { looked.known($0) }))
        for c in try await store.routingCases() { book.add(c) }
        self.book = book
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
    public func importMailbox(_ path: String, notice: (String) -> Void = { _ in }, each: (MailOutcome) -> Void) async throws {
        var pass = 0
        while true {
            var mailbox = try MailboxFormat.open(path)
            var change: String? = nil
            while let entry = mailbox.next() {
                switch entry {
                case .message(let item):
                    let outcome = await take(item)
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
    public func take(_ item: MailboxItem) async -> MailOutcome {
        guard let envelope = MailEnvelope.read(item.raw) else {
            return MailOutcome(result: .failed, origin: item.origin, why: "not an e-mail (it does not start with mail headers); skipped")
        }
        // A message imported before is known from its headers alone: a second run does not read it again.
        let identity = MailEnvelope.identity(messageID: envelope.messageID, raw: item.raw)
        if await isKnown(identity) {
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
            try await lookUp(facts, unknown: identity)
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
                } else if let id = try await store.holdMail(raw: item.raw, facts: facts, reason: reason, origin: item.origin, now: now) {
                    outcome.result = .held
                    outcome.heldID = id
                } else {
                    outcome.result = .duplicate
                    outcome.why = "imported or held by another import meanwhile"
                }
                looked.pretend(facts.identity, dryRun: dryRun)
            case .file(let caseID, let because):
                outcome.why = because
                try await file(facts, reading: reading, item: item, into: .existing(caseID), outcome: &outcome)
            case .newCase(let fields, let because):
                outcome.why = because
                try await file(facts, reading: reading, item: item, into: .new(fields), outcome: &outcome)
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

    /// Whether the store (or, in a dry run, the run itself) has a message with this identity. A store
    /// that cannot say is taken to not have it: routing reads it again, and filing checks it once more.
    private func isKnown(_ identity: String) async -> Bool {
        if looked.pretended(identity) { return true }
        return (try? await store.knowsMail(identity)) ?? false
    }

    /// Reads from the store what routing `facts` asks about: whether it is known (not asked again when it
    /// is the identity just found `unknown`), and the cases its thread, references, order ids, merchant
    /// tokens and recipients mark.
    private func lookUp(_ facts: MailFacts, unknown: String) async throws {
        var marks: Set<MailMarkKey> = []
        func add(_ kind: MailMark, _ values: [String]) {
            for value in values where !value.isEmpty { marks.insert(MailMarkKey(kind, RoutingBook.markKey(kind, value))) }
        }
        add(.messageID, facts.thread)
        add(.reference, facts.references)
        add(.order, facts.orderIDs)
        add(.token, facts.merchantTokens)
        add(.address, facts.recipients)
        let known = facts.identity == unknown ? false : try await store.knowsMail(facts.identity)
        looked.set(identity: facts.identity, known: known, marks: marks, found: try await store.casesMarked(marks))
    }

    private func file(
        _ facts: MailFacts, reading: MessageReading, item: MailboxItem, into target: MailTarget, outcome: inout MailOutcome
    ) async throws {
        let attachments = MailAttachments.read(item.raw)
        outcome.attachments = attachments.count
        let caseID: Int64
        var finished = false
        if dryRun {
            if case .existing(let id) = target { caseID = id } else { caseID = nextDryRunCase; nextDryRunCase += 1 }
            finished = reading.kind == .reinstatement || reading.kind == .denial
        } else {
            switch try await store.fileMail(raw: item.raw, reading: reading, facts: facts, into: target, attachments: attachments, now: now) {
            case .duplicate:
                outcome.result = .duplicate
                outcome.why = "imported by another import meanwhile"
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
        if dryRun { looked.pretend(facts, filedInto: caseID) }
        if finished, var c = book.cases[caseID] {
            c.finished = true
            book.add(c)
        }
    }

    /// Files a held message by hand (`mail file`, the tracker): into a case, or a new case made from
    /// what the message says (`account` when it names none Reinstate can read).
    public static func fileHeld(_ id: Int64, caseID: Int64?, store: any StoreContract, now: Date) async throws -> StoredMessage {
        try await store.fileHeld(id, caseID: caseID, now: now)
    }
}

/// The answers routing one message needs, read from the store before it is routed (the book's lookup
/// is synchronous, the store is not), and what a dry run would have filed, which the store does not have.
private final class LookedUp: @unchecked Sendable {
    private let lock = NSLock()
    private var identity = ""
    private var isKnown = false
    private var asked: Set<MailMarkKey> = []
    private var found: [MailMarkKey: Set<Int64>] = [:]
    private var pretendKnown: Set<String> = []
    private var pretendMarks: [MailMarkKey: Set<Int64>] = [:]

    /// What the store said about the message about to be routed.
    func set(identity: String, known: Bool, marks: Set<MailMarkKey>, found: [MailMarkKey: Set<Int64>]) {
        lock.withLock {
            self.identity = identity
            isKnown = known
            asked = marks
            self.found = found
        }
    }

    func known(_ identity: String) -> Bool {
        lock.withLock { pretendKnown.contains(identity) || (identity == self.identity && isKnown) }
    }

    func marked(_ mark: MailMarkKey) -> Set<Int64> {
        lock.withLock {
            assert(asked.contains(mark), "routing asked for a mark that was not read beforehand: \(mark)")
            return (found[mark] ?? []).union(pretendMarks[mark] ?? [])
        }
    }

    func pretended(_ identity: String) -> Bool { lock.withLock { pretendKnown.contains(identity) } }

    /// A dry run's held message: known from now on in this run.
    func pretend(_ identity: String, dryRun: Bool) {
        guard dryRun else { return }
        _ = lock.withLock { pretendKnown.insert(identity) }
    }

    /// A dry run's filed message: known, and its marks on `caseID`, from now on in this run.
    func pretend(_ facts: MailFacts, filedInto caseID: Int64) {
        lock.withLock {
            pretendKnown.insert(facts.identity)
            for (kind, value) in RoutingBook.marks(of: facts) where !value.isEmpty {
                pretendMarks[MailMarkKey(kind, RoutingBook.markKey(kind, value)), default: []].insert(caseID)
            }
        }
    }
}
