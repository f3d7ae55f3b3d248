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

/// The facts of the existing cases that routing decides from, with the marks filed mail left on them,
/// and the identities of the messages already imported or held. Kept up to date while a mailbox is
/// imported (`record`), so a notice that opens a case places the replies after it.
public struct RoutingBook: Sendable {
    public private(set) var cases: [Int64: CaseFacts] = [:]
    var marks: [MailMark: [String: Set<Int64>]] = [:]
    var byAccount: [String: Set<Int64>] = [:]
    var known: Set<String> = []

    /// An empty book.
    public init() {}

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

    /// Records an identity already imported or held.
    public mutating func know(_ identity: String) { known.insert(identity) }

    /// Whether a message with this identity was imported or held before.
    public func isKnown(_ identity: String) -> Bool { known.contains(identity) }

    /// The cases a mark points to.
    public func cases(marked kind: MailMark, _ value: String) -> Set<Int64> {
        marks[kind]?[Self.markKey(kind, value)] ?? []
    }

    /// The cases of an account, by its name as the case has it (case and spacing ignored).
    public func cases(ofAccount name: String) -> Set<Int64> { byAccount[Self.key(name)] ?? [] }

    /// Everything a message filed into `caseID` teaches: its thread, identifiers and recipients.
    public mutating func record(_ facts: MailFacts, filedInto caseID: Int64) {
        know(facts.identity)
        for (kind, value) in Self.marks(of: facts) { mark(kind, value, caseID: caseID) }
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
