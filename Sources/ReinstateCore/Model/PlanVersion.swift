import Foundation

/// One version of a Plan of Action. Versions are never changed: a change is a new version.
public struct PlanVersion: Sendable, Equatable {
    public var caseID: Int64
    /// 1, 2, 3 … within its case.
    public var number: Int
    public var text: String
    public var created: Date
    /// When it was sent to Amazon; nil while it is a draft.
    public var submitted: Date?
    /// Who stored the version, and who recorded that it was sent; nil when no one was recorded.
    public var createdBy: String?
    public var submittedBy: String?

    public init(
        caseID: Int64, number: Int, text: String, created: Date, submitted: Date? = nil, createdBy: String? = nil,
        submittedBy: String? = nil
    ) {
        self.createdBy = createdBy
        self.submittedBy = submittedBy
        self.caseID = caseID
        self.number = number
        self.text = text
        self.created = created
        self.submitted = submitted
    }

    public var isDraft: Bool { submitted == nil }

    /// The number the next version of a case gets: versions count up from 1 and never reuse a number.
    public static func nextNumber(after existing: [Int]) -> Int {
        (existing.max() ?? 0) + 1
    }
}

/// A free-text note the seller keeps on a case.
public struct Note: Sendable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var created: Date
    public var text: String
    /// Who wrote it; nil when no one was recorded.
    public var author: String?

    public init(id: Int64 = 0, caseID: Int64, created: Date, text: String, author: String? = nil) {
        self.author = author
        self.id = id
        self.caseID = caseID
        self.created = created
        self.text = text
    }
}

/// A file the seller keeps as evidence (an invoice, a letter of authorization), referenced by path.
/// Size and SHA-256 are recorded so a later change to the file shows.
public struct Evidence: Sendable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var path: String
    public var size: Int64
    public var sha256: String
    public var added: Date

    public init(id: Int64 = 0, caseID: Int64, path: String, size: Int64, sha256: String, added: Date) {
        self.id = id
        self.caseID = caseID
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.added = added
    }
}
