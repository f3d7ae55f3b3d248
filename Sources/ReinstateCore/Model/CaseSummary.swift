import Foundation

/// One row of the case list: what a seller needs to see at a glance.
public struct CaseSummary: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var account: String
    public var marketplace: String
    public var reason: SuspensionReason
    public var status: CaseStatus
    /// The earliest open deadline, if any.
    public var nextDeadline: Date?
    public var unanswered: Int
    public var appealsSubmitted: Int

    public init(
        id: Int64, title: String, account: String, marketplace: String, reason: SuspensionReason,
        status: CaseStatus, nextDeadline: Date?, unanswered: Int, appealsSubmitted: Int
    ) {
        self.id = id
        self.title = title
        self.account = account
        self.marketplace = marketplace
        self.reason = reason
        self.status = status
        self.nextDeadline = nextDeadline
        self.unanswered = unanswered
        self.appealsSubmitted = appealsSubmitted
    }
}
