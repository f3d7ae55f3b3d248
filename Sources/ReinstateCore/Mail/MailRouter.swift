import Foundation

/// The fields of a case that a notice opens.
public struct NewCaseFields: Sendable, Equatable {
    public var title: String
    public var account: String
    public var marketplace: String
    public var scope: SuspendedScope
    public var reason: SuspensionReason

    /// The case these fields describe, opened at `opened`.
    public func suspensionCase(opened: Date) -> SuspensionCase {
        SuspensionCase(title: title, account: account, marketplace: marketplace, scope: scope, reason: reason, opened: opened)
    }
}

/// Where a message goes.
public enum RoutingDecision: Sendable, Equatable {
    /// Into an existing case, with the fact that placed it.
    case file(caseID: Int64, because: String)
    /// Into a new case: a notice that belongs to no open case.
    case newCase(NewCaseFields, because: String)
    /// Kept aside for the seller to file (`mail file`), with why it could not be placed.
    case hold(String)
    /// Not from Amazon (why, for the summary).
    case notFromAmazon(String)
    /// Imported (or held) before.
    case duplicate
}

/// Decides where a message from a mailbox belongs, from the message's facts and those of the existing
/// cases alone: a pure function, the same answer for the same facts.
///
/// It never guesses. A message is filed into a case only when
/// - its thread (In-Reply-To, References), an order id or Amazon's reference number points to that case
///   and to no other, and nothing it names contradicts it (another account); or
/// - it names the seller account (the name greeted, a merchant token, or an address Amazon wrote to for
///   that account alone), exactly one open case of that account fits, and one more fact agrees (an ASIN,
///   the reason, or the marketplace).
///
/// A notice or warning that fits no open case of a named account opens a new case. Everything else that
/// comes from Amazon is held with the reason. Mail from another domain is not from Amazon (a forwarded
/// Amazon message is held, since its origin cannot be checked); mail from an Amazon domain that failed
/// the receiving server's authentication is held with a warning.
public enum MailRouter {
    /// Reasons that concern listings: a notice for them names the ASINs taken down.
    static let listingReasons: Set<SuspensionReason> = [.inauthentic, .intellectualProperty, .restrictedProduct]

    public static func route(_ m: MailFacts, book: RoutingBook) -> RoutingDecision {
        if book.isKnown(m.identity) { return .duplicate }
        switch m.sender {
        case .notAmazon(let domain):
            if m.forwarded {
                return .hold(
                    "forwarded by \(m.fromAddress.isEmpty ? domain : m.fromAddress): Reinstate cannot check that the message inside "
                        + "comes from Amazon; file it yourself if it does")
            }
            return .notFromAmazon("sent from \(domain)")
        case .failedAuthentication(let why):
            return .hold("warning: " + why)
        case .amazon:
            break
        }

        // The account the message is for, from each fact that can tell.
        var accountSources: [(account: String, how: String)] = []
        if let name = m.greeted, let id = book.cases(ofAccount: name).first, let c = book.cases[id] {
            accountSources.append((c.account, "greets \(name)"))
        }
        for token in m.merchantTokens {
            if let account = singleAccount(book.cases(marked: .token, token), book) { accountSources.append((account, "merchant token \(token)")) }
        }
        // An address is only a hint: an agency gets every account's mail at one address, so a greeting
        // that names someone else wins over it.
        for address in m.greeted == nil ? m.recipients : [] {
            if let account = singleAccount(book.cases(marked: .address, address), book) { accountSources.append((account, "sent to \(address)")) }
        }
        let accounts = Set(accountSources.map { RoutingBook.key($0.account) })
        if accounts.count > 1 {
            return .hold("it names more than one seller account (\(accountSources.map(\.how).joined(separator: "; ")))")
        }
        let account = accountSources.first?.account

        // Thread, order ids and Amazon's reference numbers point to one case, or the message is held.
        var strong: [Int64: String] = [:]
        for id in m.thread { for c in book.cases(marked: .messageID, id) { strong[c] = strong[c] ?? "same thread" } }
        for r in m.references { for c in book.cases(marked: .reference, r) { strong[c] = strong[c] ?? "Amazon's reference \(r)" } }
        for o in m.orderIDs { for c in book.cases(marked: .order, o) { strong[c] = strong[c] ?? "order \(o)" } }
        if strong.count > 1 {
            let ids = strong.keys.sorted().map { "#\($0)" }.joined(separator: ", ")
            return .hold("its thread or identifiers point to several cases (\(ids))")
        }
        if let (caseID, because) = strong.first {
            if let account, let c = book.cases[caseID], RoutingBook.key(c.account) != RoutingBook.key(account), !c.account.isEmpty {
                return .hold("\(because) points to case #\(caseID) of \(c.account), but it is addressed to \(account)")
            }
            return .file(caseID: caseID, because: because)
        }

        guard let account else {
            if let name = m.greeted, m.kind == .notice || m.kind == .warning {
                return .newCase(fields(m, account: name), because: "a \(m.kind.rawValue) for \(name), who has no case yet")
            }
            if let name = m.greeted {
                return .hold("it greets \(name), who has no case, and it is not a notice that opens one")
            }
            return .hold("it names no seller account Reinstate knows and no thread, order or reference number of a case")
        }

        // The open cases of that account that fit.
        var open = book.cases(ofAccount: account).compactMap { book.cases[$0] }.filter { !$0.finished }
        if let market = m.marketplace {
            open = open.filter { $0.marketplace.isEmpty || Marketplace.normalize($0.marketplace) == market }
        }
        var fitting: [CaseFacts]
        var agreement: String
        if !m.asins.isEmpty {
            fitting = open.filter { !$0.asins.isDisjoint(with: m.asins) }
            agreement = "ASIN"
        } else if !m.reasons.isEmpty {
            fitting = open.filter { m.reasons.contains($0.reason) }
            agreement = "reason"
        } else if m.marketplace != nil {
            fitting = open.filter { !$0.marketplace.isEmpty }
            agreement = "marketplace"
        } else {
            fitting = []
            agreement = ""
        }
        fitting.sort { $0.id < $1.id }
        let newSituation = m.kind == .notice || m.kind == .warning
        switch fitting.count {
        case 1:
            return .file(caseID: fitting[0].id, because: "the only open case of \(account) with the same \(agreement)")
        case 0 where newSituation:
            return .newCase(fields(m, account: account), because: "a \(m.kind.rawValue) for \(account) that fits none of its open cases")
        case 0:
            if agreement.isEmpty {
                return .hold("it names \(account) but nothing else (no ASIN, reason or marketplace) to tell which of its cases it is for")
            }
            return .hold("\(account) has no open case with the same \(agreement)")
        default:
            return .hold("\(account) has several open cases it could belong to (\(fitting.map { "#\($0.id)" }.joined(separator: ", ")))")
        }
    }

    /// The account all of `ids` belong to, or nil when they belong to none or to several.
    static func singleAccount(_ ids: Set<Int64>, _ book: RoutingBook) -> String? {
        let accounts = Set(ids.compactMap { book.cases[$0]?.account }.filter { !$0.isEmpty })
        return accounts.count == 1 ? accounts.first : nil
    }

    /// A new case's fields from what a notice says.
    public static func fields(_ m: MailFacts, account: String) -> NewCaseFields {
        let reason = m.reasons.first ?? .other
        let listings = listingReasons.contains(reason) && !m.asins.isEmpty
        let about = listings ? m.asins.joined(separator: ", ") : (m.kind == .warning ? "warning" : "account deactivated")
        let label = reason.label.prefix(1).uppercased() + reason.label.dropFirst()
        return NewCaseFields(
            title: "\(label) – \(about)", account: account, marketplace: m.marketplace ?? "",
            scope: listings ? .listings(m.asins) : .account, reason: reason)
    }
}
