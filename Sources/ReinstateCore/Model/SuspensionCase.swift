import Foundation

/// Where a case stands, in the order a suspension usually moves.
public enum CaseStatus: String, CaseIterable, Sendable, Codable {
    case open
    case planDrafted = "plan-drafted"
    case appealSubmitted = "appeal-submitted"
    case moreInformationRequested = "more-information-requested"
    case reinstated
    case denied
    case closed

    /// A finished case has no open deadline any more.
    public var isFinished: Bool {
        switch self {
        case .reinstated, .denied, .closed: return true
        default: return false
        }
    }

    /// Words a seller sees on screen.
    public var label: String {
        switch self {
        case .open: return "open"
        case .planDrafted: return "plan drafted"
        case .appealSubmitted: return "appeal submitted"
        case .moreInformationRequested: return "more info requested"
        case .reinstated: return "reinstated"
        case .denied: return "denied"
        case .closed: return "closed"
        }
    }
}

/// The reason as Amazon names it in its notices.
public enum SuspensionReason: String, CaseIterable, Sendable, Codable {
    case orderDefectRate = "order-defect-rate"
    case lateShipmentRate = "late-shipment-rate"
    case cancellationRate = "cancellation-rate"
    case inauthentic
    case intellectualProperty = "intellectual-property"
    case relatedAccount = "related-account"
    case restrictedProduct = "restricted-product"
    case verification
    case other

    public var label: String {
        switch self {
        case .orderDefectRate: return "order defect rate"
        case .lateShipmentRate: return "late shipment rate"
        case .cancellationRate: return "cancellation rate"
        case .inauthentic: return "inauthentic"
        case .intellectualProperty: return "intellectual property"
        case .relatedAccount: return "related account"
        case .restrictedProduct: return "restricted product"
        case .verification: return "verification"
        case .other: return "other"
        }
    }
}

/// What Amazon took away: the whole account, or some listings named by ASIN.
public enum SuspendedScope: Sendable, Equatable, Codable {
    case account
    case listings([String])

    public var asins: [String] {
        if case .listings(let asins) = self { return asins }
        return []
    }

    public var label: String {
        switch self {
        case .account: return "whole account"
        case .listings(let asins): return "listings " + asins.joined(separator: ", ")
        }
    }
}

/// One suspension: an account or some listings taken down, and everything that followed.
public struct SuspensionCase: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var account: String
    public var marketplace: String
    public var scope: SuspendedScope
    public var reason: SuspensionReason
    public var status: CaseStatus
    public var opened: Date
    /// Who set the status last (the author of that change: a database role, a login name, or the
    /// configuration's `author`); nil when no one was recorded (stores written before authors were kept).
    public var statusSetBy: String?

    public init(
        id: Int64 = 0, title: String, account: String = "", marketplace: String = "",
        scope: SuspendedScope = .account, reason: SuspensionReason = .other,
        status: CaseStatus = .open, opened: Date, statusSetBy: String? = nil
    ) {
        self.statusSetBy = statusSetBy
        self.id = id
        self.title = title
        self.account = account
        self.marketplace = marketplace
        self.scope = scope
        self.reason = reason
        self.status = status
        self.opened = opened
    }
}

/// Amazon's marketplaces by their web address; anything else is kept as the user typed it.
public enum Marketplace {
    public static let known = [
        "amazon.com", "amazon.ca", "amazon.com.mx", "amazon.com.br", "amazon.co.uk", "amazon.de",
        "amazon.fr", "amazon.it", "amazon.es", "amazon.nl", "amazon.se", "amazon.pl", "amazon.com.be",
        "amazon.com.tr", "amazon.ae", "amazon.sa", "amazon.eg", "amazon.in", "amazon.co.jp",
        "amazon.com.au", "amazon.sg", "amazon.cn",
    ]

    /// Lower-cases and trims "www." and a scheme, so "https://www.Amazon.de/" becomes "amazon.de".
    public static func normalize(_ text: String) -> String {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        for prefix in ["https://", "http://", "www.", "sellercentral."] where s.hasPrefix(prefix) {
            s.removeFirst(prefix.count)
        }
        while s.hasSuffix("/") { s.removeLast() }
        return s
    }
}

/// Amazon Standard Identification Numbers ("B0…") and ISBN-10s used as ASINs for books.
public enum ASIN {
    public static func isValid(_ text: String) -> Bool {
        let s = Array(text.utf8)
        guard s.count == 10 else { return false }
        if s[0] == UInt8(ascii: "B"), s[1] == UInt8(ascii: "0") {
            return s.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }
        }
        // ISBN-10: nine digits and a digit or X.
        return s.prefix(9).allSatisfy { $0 >= 48 && $0 <= 57 }
            && ((s[9] >= 48 && s[9] <= 57) || s[9] == UInt8(ascii: "X"))
    }
}
