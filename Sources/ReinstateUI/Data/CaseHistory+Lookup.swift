import ReinstateCore

extension CaseHistory {
    /// The case's id.
    public var caseID: Int64 { suspensionCase.id }

    /// The message with an id, if it is part of the case.
    public func message(id: Int64) -> AmazonMessage? { messages.first { $0.id == id } }

    /// The plan version with a number, if it exists.
    public func plan(number: Int) -> PlanVersion? { plans.first { $0.number == number } }
}
