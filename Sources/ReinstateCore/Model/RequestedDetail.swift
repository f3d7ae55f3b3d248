import Foundation

/// Which part of a Plan of Action a requested detail asks about.
public enum Aspect: String, CaseIterable, Sendable, Codable {
    case rootCause = "root-cause"
    case correctiveAction = "corrective-action"
    case preventiveMeasure = "preventive-measure"
    case evidence
    case other

    public var label: String {
        switch self {
        case .rootCause: return "root cause"
        case .correctiveAction: return "corrective action"
        case .preventiveMeasure: return "preventive measure"
        case .evidence: return "evidence"
        case .other: return "other"
        }
    }
}

/// Who decided that a request was answered.
public enum AnswerSource: String, Sendable, Codable {
    /// Reinstate's coverage check found the answer in the plan.
    case matcher
    /// The seller said so; this always wins over the matcher.
    case user
}

/// Where a requested detail stands.
public enum RequestState: Sendable, Equatable {
    /// Nobody has said it is answered; the coverage check may still find the answer in a plan.
    case unanswered
    /// The seller said it is still open, whatever the coverage check finds.
    case reopened
    case answered(version: Int, by: AnswerSource)
    case waived(reason: String)

    public var isOpen: Bool {
        switch self {
        case .unanswered, .reopened: return true
        case .answered, .waived: return false
        }
    }

    /// Whether the seller decided this state (which the coverage check never overrides).
    public var isUsersWord: Bool {
        switch self {
        case .unanswered, .answered(_, .matcher): return false
        case .reopened, .answered(_, .user), .waived: return true
        }
    }

    public var label: String {
        switch self {
        case .unanswered: return "unanswered"
        case .reopened: return "unanswered (you reopened it)"
        case .answered(let version, let by):
            return by == .user ? "answered by v\(version) (you)" : "answered by v\(version)"
        case .waived(let reason): return "waived: \(reason)"
        }
    }
}

/// One thing Amazon asked for, in Amazon's words: the seller's checklist item.
public struct RequestedDetail: Sendable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var messageID: Int64
    public var text: String
    public var aspect: Aspect
    /// What the request is about ("improper packaging"); empty when Amazon's template left it blank.
    public var topic: String
    public var state: RequestState
    /// Whether the seller corrected the aspect or topic the reader gave (a new reading keeps them).
    public var corrected: Bool

    public init(
        id: Int64 = 0, caseID: Int64, messageID: Int64, text: String, aspect: Aspect,
        topic: String, state: RequestState = .unanswered, corrected: Bool = false
    ) {
        self.corrected = corrected
        self.id = id
        self.caseID = caseID
        self.messageID = messageID
        self.text = text
        self.aspect = aspect
        self.topic = topic
        self.state = state
    }
}
