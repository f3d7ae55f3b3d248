import Foundation

/// A plan version of another case that shares passages with the plan under review.
public struct OtherCasePlan: Sendable, Equatable {
    public var caseID: Int64
    public var number: Int
    /// The other case's seller account, to tell the seller's own other case from a stranger's.
    public var account: String
    public var text: String

    public init(caseID: Int64, number: Int, account: String, text: String) {
        self.caseID = caseID
        self.number = number
        self.account = account
        self.text = text
    }
}
