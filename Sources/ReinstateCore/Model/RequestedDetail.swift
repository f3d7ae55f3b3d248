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

    /// Words for the seller, as a standing where every version counts as sent.
    public var label: String { DetailStanding(self, isSubmitted: { _ in true }).label }
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
    /// History: the reason of a waiver the seller later took back (reopened, or answered since). Nil
    /// while the detail is waived (the reason is in `state`) or was never waived.
    public var waivedBefore: String?
    /// The group of alternatives the request belongs to, when Amazon said one of several is enough
    /// ("Please provide one of the following", "For food products: … For other products: …").
    public var alternative: RequestAlternative?
    /// Who set `state` last (marked it answered, waived or reopened, or submitted the version the
    /// matcher found answers it), and when; nil when no one was recorded (never set, or set before
    /// authors were kept).
    public var stateSetBy: String?
    public var stateSetAt: Date?

    public init(
        id: Int64 = 0, caseID: Int64, messageID: Int64, text: String, aspect: Aspect,
        topic: String, state: RequestState = .unanswered, corrected: Bool = false, waivedBefore: String? = nil,
        alternative: RequestAlternative? = nil, stateSetBy: String? = nil, stateSetAt: Date? = nil
    ) {
        self.stateSetBy = stateSetBy
        self.stateSetAt = stateSetAt
        self.alternative = alternative
        self.corrected = corrected
        self.waivedBefore = waivedBefore
        self.id = id
        self.caseID = caseID
        self.messageID = messageID
        self.text = text
        self.aspect = aspect
        self.topic = topic
        self.state = state
    }
}

/// Where a requested detail stands for what Amazon has seen: its stored state read together with
/// whether the version that answers it was sent. A detail "answered by v2" while v2 is still a draft
/// is answered only in the seller's drafts: Amazon has not seen the answer, so it still counts as open
/// everywhere a count of open requests is shown (case list, `due`, the warning, exports).
///
/// This is the one rule; `CaseHistory.standing(of:)` applies it with the case's plans, and the store's
/// `unanswered_count` (migration v4) counts the same way in SQL.
public enum DetailStanding: Sendable, Equatable {
    case unanswered
    /// The seller reopened it: not answered by any version sent so far.
    case reopened
    /// Answered by a version that was submitted.
    case answered(version: Int, by: AnswerSource)
    /// Answered by a version that is still a draft: not sent yet, so still open for Amazon.
    case answeredInDraft(version: Int, by: AnswerSource)
    case waived(reason: String)
    /// One of several alternatives, and another of them (`option`) was answered in full by versions
    /// sent to Amazon: this one is no longer needed. Only a request nobody marked becomes this; one the
    /// seller reopened stays open.
    case notNeeded(option: Int)

    /// `state` read with `isSubmitted(n)`: whether version n of the case was sent to Amazon.
    public init(_ state: RequestState, isSubmitted: (Int) -> Bool) {
        switch state {
        case .unanswered: self = .unanswered
        case .reopened: self = .reopened
        case .answered(let version, let by):
            self = isSubmitted(version) ? .answered(version: version, by: by) : .answeredInDraft(version: version, by: by)
        case .waived(let reason): self = .waived(reason: reason)
        }
    }

    /// Still waiting for an answer Amazon can see: unanswered, reopened, or answered only in a draft.
    public var isOpen: Bool {
        switch self {
        case .unanswered, .reopened, .answeredInDraft: return true
        case .answered, .waived, .notNeeded: return false
        }
    }

    /// Words for the seller ("answered in draft v2 (not sent yet)").
    public var label: String {
        switch self {
        case .unanswered: return "unanswered"
        case .reopened: return "unanswered (you reopened it)"
        case .answered(let version, let by):
            return by == .user ? "answered by v\(version) (you)" : "answered by v\(version)"
        case .answeredInDraft(let version, _):
            return "answered in draft v\(version) (not sent yet)"
        case .waived(let reason): return "waived: \(reason)"
        case .notNeeded(let option):
            return "not needed: alternative \(RequestAlternative.letter(option)) was answered"
        }
    }
}

/// Where a request stands among alternatives: which group of its message, and which option of the group
/// (the items of one option are answered together; any one option answers the group).
public struct RequestAlternative: Sendable, Equatable, Hashable, Codable {
    /// The group's number within its message (from 1).
    public var group: Int
    /// The option's number within its group (from 1).
    public var option: Int

    public init(group: Int, option: Int) {
        self.group = group
        self.option = option
    }

    /// The option as a letter for the seller: 1 → "A", 2 → "B"; past "Z", the number.
    public static func letter(_ option: Int) -> String {
        guard (1...26).contains(option), let scalar = Unicode.Scalar(64 + option) else { return String(option) }
        return String(Character(scalar))
    }

    /// Words before the request in a list: "either A: " for the first option, "or B: " for the others,
    /// so a seller sees at a glance that one of them is enough.
    public var listPrefix: String {
        (option == 1 ? "either " : "or ") + Self.letter(option) + ": "
    }

    /// The rule of "one of them is enough": of a group's items, given as their option and whether each
    /// is answered, the first option other than `own` whose every item is answered; nil when none is.
    /// `CaseHistory.standing` (answered in a version sent) and the plan check (answered in the plan) apply it.
    public static func answeredOption(besides own: Int, in group: [(option: Int, answered: Bool)]) -> Int? {
        var options: [Int] = []
        for item in group where item.option != own && !options.contains(item.option) { options.append(item.option) }
        return options.first { option in group.allSatisfy { $0.option != option || $0.answered } }
    }

    /// "alternative A of 2": the request's place among the options of its group.
    public func label(options: Int) -> String {
        "alternative \(Self.letter(option)) of \(options)"
    }
}

extension RequestedDetail {
    /// Where the detail stands, given which versions of its case were submitted.
    public func standing(isSubmitted: (Int) -> Bool) -> DetailStanding {
        DetailStanding(state, isSubmitted: isSubmitted)
    }

    /// The standing in words, with the reason of a waiver taken back since ("…; waived before: …").
    public func standingLabel(isSubmitted: (Int) -> Bool) -> String {
        standing(isSubmitted: isSubmitted).label + (waivedBefore.map { "; waived before: \($0)" } ?? "")
    }
}
