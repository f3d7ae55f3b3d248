import Foundation

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
    public var isMissing: Bool { !answered && waived == nil }
}

/// The matcher's own reading of one requested detail against one plan, before the seller's word.
public struct MatcherVerdict: Sendable, Equatable {
    /// The sentences that answer it: empty when it is unanswered.
    public var sentences: [PlanSentence]
    /// One line: where the answer is, or why there is none.
    public var reason: String

    public var answered: Bool { !sentences.isEmpty }
}
