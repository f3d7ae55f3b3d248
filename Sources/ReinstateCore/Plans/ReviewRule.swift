import Foundation

/// The rules of the review before sending, each from what the guides in the seeds and Amazon's own
/// replies say gets an appeal turned down.
public enum ReviewRule: String, CaseIterable, Sendable, Codable {
    case missingSection = "missing-section"
    case unansweredRequest = "unanswered-request"
    /// Amazon asked again after a version whose answer this version repeats word for word.
    case answerAlreadyRejected = "answer-already-rejected"
    case blame
    case hardshipPlea = "hardship-plea"
    case shouting
    case vaguePromise = "vague-promise"
    case tooLong = "too-long"
    case tooShort = "too-short"
    case copiedTemplate = "copied-template"
    case copiedFromAnotherCase = "copied-from-another-case"
    case unchangedResubmission = "unchanged-resubmission"

    /// The rule's reason, in one line, from the guides.
    public var why: String {
        switch self {
        case .missingSection:
            return "a plan should consist of 3 sections (root cause, actions taken, steps to prevent); the guides say a missing one loses what Amazon reads for"
        case .unansweredRequest:
            return "Amazon listed it as information it needs to reactivate the account; a plan that skips it comes back with the same request"
        case .answerAlreadyRejected:
            return "Amazon asked for this again after reading these same sentences; it needs more detail, not the same words"
        case .blame:
            return "the guides: avoid blaming Amazon or the buyers and take full responsibility for the issues"
        case .hardshipPlea:
            return "the guides: hardship (school fees, car payments, family) does not persuade reviewers; stick to facts and solutions"
        case .shouting:
            return "the guides: avoid emotional language and keep a professional tone; capitals and rows of '!' read as shouting"
        case .vaguePromise:
            return "Amazon asks you to 'provide a timeline'; a preventive step needs a date, a number or an owner, not a promise"
        case .tooLong:
            return "the guides: be concise and avoid being too verbose; reviewers read many appeals and a long one hides the answers"
        case .tooShort:
            return "Amazon asks for 'greater detail' on each point; a plan this short cannot give the root cause, actions and prevention"
        case .copiedTemplate:
            return "the guides: do not copy any other plan; Amazon has said copying might in itself be enough to deny an appeal"
        case .copiedFromAnotherCase:
            return "the guides: write from the actual situation and do not copy another plan; Amazon compares appeals it receives"
        case .unchangedResubmission:
            return "Amazon already turned this text down; the same plan gets the same answer"
        }
    }
}
