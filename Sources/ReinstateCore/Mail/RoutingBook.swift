import Foundation

/// What routing knows of one existing case.
public struct CaseFacts: Sendable, Equatable {
    public var id: Int64
    public var account: String
    public var marketplace: String
    public var reason: SuspensionReason
    public var asins: Set<String>
    public var finished: Bool

    /// A case's facts.
    public init(id: Int64, account: String, marketplace: String, reason: SuspensionReason, asins: Set<String>, finished: Bool) {
        self.id = id
        self.account = account
        self.marketplace = marketplace
        self.reason = reason
        self.asins = asins
        self.finished = finished
    }
}

/// Something a filed message taught about its case: a Message-ID of its thread, an order id, Amazon's
/// reference number, a merchant token, or the address Amazon wrote to.
public enum MailMark: String, Sendable, CaseIterable {
    case messageID = "message-id"
    case order
    case reference
    case token
    case address
}

/// Where a book looks up marks and identities it does not keep in memory: the store, which a real
/// import writes each filed message's marks and identity to as it goes. A lookup that fails finds
/// nothing (the message is then held, or found known by the store's own check when it is filed).
public struct RoutingLookup: Sendable {
    public var marked: @Sendable (MailMark, String) throws -> Set<Int64>
    public var known: @Sendable (String) throws -> Bool

    /// A lookup from its two queries.
    public init(marked: @escaping @Sendable (MailMark, String) throws -> Set<Int64>, known: @escaping @Sendable (String) throws -> Bool) {
        self.marked = marked
        self.known = known
    }
}

/// The facts of the existing cases that routing decides from, with the marks filed mail left on them,
/// and the identities of the messages already imported or held. Kept up to date while a mailbox is
/// imported (`record`), so a notice that opens a case places the replies after it.
///
/// With a `lookup` (a real import), marks and identities stay in the store and are asked for per
/// message, so memory does not grow with the mailbox; only the cases' facts are kept. Without one (a
/// dry run, tests) they are kept here.
public struct RoutingBook: Sendable {
    public private(set) var cases: [Int64: CaseFacts] = [:]
    var marks: [MailMark: [String: Set<Int64>]] = [:]
    var byAccount: [String: Set<Int64>] = [:]
    var known: Set<String> = []
    public let lookup: RoutingLookup?

    /// An empty book; marks and identities are kept in it unless a `lookup` finds them.
    public init(lookup: RoutingLookup? = nil) {
        self.lookup = lookup
    }

    /// Adds or replaces a case.
    public mutating func add(_ c: CaseFacts) {
        if let old = cases[c.id] { byAccount[Self.key(old.account)]?.remove(c.id) }
        cases[c.id] = c
        if !c.account.isEmpty { byAccount[Self.key(c.account), default: []].insert(c.id) }
    }

    /// Records that `value` (of `kind`) belongs to case `caseID`.
    public mutating func mark(_ kind: MailMark, _ value: String, caseID: Int64) {
        guard !value.isEmpty else { return }
        marks[kind, default: [:]][Self.markKey(kind, value), default: []].insert(caseID)
    }

    /// Records an identity already imported or held (a book with a lookup has it in the store already).
    public mutating func know(_ identity: String) {
        guard lookup == nil else { return }
        known.insert(identity)
    }

    /// Whether a message with this identity was imported or held before.
    public func isKnown(_ identity: String) -> Bool {
        known.contains(identity) || ((try? lookup?.known(identity)) ?? false)
    }

    /// The cases a mark points to.
    public func cases(marked kind: MailMark, _ value: String) -> Set<Int64> {
        let kept = marks[kind]?[Self.markKey(kind, value)] ?? []
        guard let lookup, !value.isEmpty else { return kept }
        return kept.union((try? lookup.marked(kind, Self.markKey(kind, value))) ?? [])
    }

    /// The cases of an account, by its name as the case has it (case and spacing ignored).
    public func cases(ofAccount name: String) -> Set<Int64> { byAccount[Self.key(name)] ?? [] }

    /// Everything a message filed into `caseID` teaches: its thread, identifiers and recipients.
    public mutating func record(_ facts: MailFacts, filedInto caseID: Int64) {
        know(facts.identity)
        if lookup == nil {
            for (kind, value) in Self.marks(of: facts) { mark(kind, value, caseID: caseID) }
        }
        if var c = cases[caseID] {
            c.asins.formUnion(facts.asins)
            cases[caseID] = c
        }
    }

    /// The marks a filed message leaves on its case (what the store keeps, too).
    public static func marks(of facts: MailFacts) -> [(MailMark, String)] {
        var out: [(MailMark, String)] = []
        if let id = facts.messageID { out.append((.messageID, id)) }
        out += facts.orderIDs.map { (.order, $0) }
        out += facts.references.map { (.reference, $0) }
        out += facts.merchantTokens.map { (.token, $0) }
        out += facts.recipients.map { (.address, $0) }
        return out
    }

    /// An account name as compared: case and spacing ignored.
    public static func key(_ account: String) -> String {
        TextCleanup.collapseSpaces(account).lowercased()
    }

    /// A mark's value as compared and stored: Message-IDs exactly, the rest lower-cased.
    public static func markKey(_ kind: MailMark, _ value: String) -> String {
        kind == .messageID ? value : value.lowercased()
    }
}
