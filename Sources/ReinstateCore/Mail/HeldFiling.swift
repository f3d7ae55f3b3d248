import Foundation

/// What filing a held message by hand (`mail file`, the tracker) stores, worked out from the held
/// message alone: its reading (dated when it was held, if its headers give no date), its facts as an
/// import would have them (its held identity kept), its attachments, and the new case's fields when it
/// goes into a new case. One rule for both stores; each reads the held message and writes this.
public struct HeldFiling: Sendable {
    public var reading: MessageReading
    public var facts: MailFacts
    public var attachments: [MailAttachment]
    /// The case it goes into; nil: a new one, opened with `newCase`.
    public var caseID: Int64?
    /// The fields of a case made from what the message says (its account the name it greets, or none).
    public var newCase: NewCaseFields

    /// The filing of `held` (its bytes read) into `caseID`, or into a new case made from what the message
    /// says (its account the name it greets, or none) when `caseID` is nil.
    public init(_ held: HeldMessage, caseID: Int64?) {
        let reading = MessageReader().read(held.raw)
        let envelope = MailEnvelope.read(held.raw) ?? MailEnvelope(
            messageID: nil, thread: [], fromAddress: held.sender, recipients: [], subject: held.subject, authenticationResults: nil)
        var facts = MailFacts(raw: held.raw, envelope: envelope, reading: reading)
        facts.identity = held.identity
        self.caseID = caseID
        newCase = MailRouter.fields(facts, account: facts.greeted ?? "")
        var reread = reading
        if reread.received == nil { reread.received = held.received }
        self.reading = reread
        self.facts = facts
        attachments = MailAttachments.read(held.raw)
    }
}
