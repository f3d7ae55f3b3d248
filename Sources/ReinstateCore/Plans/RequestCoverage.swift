import Foundation

/// How far a plan answers one requested detail.
public enum CoverageVerdict: String, Sendable, Codable, Equatable {
    /// On the request's aspect and topic, with a concrete fact.
    case answered
    /// On the topic, but with no concrete fact (no date, number, name or document): Amazon asks for
    /// "greater detail" on such answers.
    case partly
    /// Nothing in the plan is about the request's topic (or the request's part is missing).
    case unanswered
}

/// Whether a plan version answers one requested detail, who says so, and with which sentences.
public struct RequestCoverage: Sendable, Equatable {
    public var request: RequestedDetail
    /// Answered: by the seller's word, or else by the matcher's reading of this version.
    public var answered: Bool
    /// Whose word `answered` is: the seller's (answered, reopened or waived by hand) always wins.
    public var by: AnswerSource
    /// The sentences the matcher found answering it (also shown when the seller decided).
    public var sentences: [PlanSentence]
    /// One line: where the answer is, or why there is none.
    public var reason: String
    /// Submitted versions after which Amazon asked for it again: they did not satisfy Amazon for it.
    public var rejectedVersions: [Int]
    /// The seller set it aside; it needs no answer.
    public var waived: String?
    /// The seller marked it answered by this other version, which was never sent: Amazon has not seen
    /// that answer, so this version is read for it by the matcher (`DetailStanding.answeredInDraft`).
    public var answeredInDraft: Int? = nil
    /// Sentences on the topic that name no concrete fact, when the request is partly answered.
    public var partlySentences: [PlanSentence] = []
    /// Sentences that answered it in a version Amazon turned down, repeated here: they do not answer.
    public var turnedDown: [PlanSentence] = []
    /// One of several alternatives, and this option of its group is answered in full here: this one
    /// needs no answer (`RequestAlternative`).
    public var notNeeded: Int? = nil

    /// Answered, partly answered or unanswered: the seller's word first.
    public var verdict: CoverageVerdict {
        if answered { return .answered }
        if by == .matcher, !partlySentences.isEmpty { return .partly }
        return .unanswered
    }

    public init(
        request: RequestedDetail, answered: Bool, by: AnswerSource, sentences: [PlanSentence], reason: String,
        rejectedVersions: [Int] = [], waived: String? = nil
    ) {
        self.request = request
        self.answered = answered
        self.by = by
        self.sentences = sentences
        self.reason = reason
        self.rejectedVersions = rejectedVersions
        self.waived = waived
    }

    /// Still needs an answer in this version: open, and not answered here.
    public var isMissing: Bool { !answered && waived == nil && notNeeded == nil }
}

/// The matcher's own reading of one requested detail against one plan, before the seller's word.
public struct MatcherVerdict: Sendable, Equatable {
    /// The sentences that answer it: empty when it is unanswered.
    public var sentences: [PlanSentence]
    /// One line: where the answer is, or why there is none.
    public var reason: String
    /// Sentences on the topic without a concrete fact: the request is partly answered.
    public var partly: [PlanSentence] = []
    /// Sentences that answered it in a version Amazon turned down (`turnedDownVersion`), repeated here.
    public var turnedDown: [PlanSentence] = []
    public var turnedDownVersion: Int? = nil

    public init(sentences: [PlanSentence], reason: String, partly: [PlanSentence] = []) {
        self.sentences = sentences
        self.reason = reason
        self.partly = partly
    }

    public var answered: Bool { !sentences.isEmpty }

    public var verdict: CoverageVerdict { answered ? .answered : partly.isEmpty ? .unanswered : .partly }
}
