import Foundation

/// How an import of a demo mailbox did against its known answers.
public struct RoutingFigures: Sendable, Equatable {
    /// Messages of demo cases filed into their case (the one case all messages of that demo case went to).
    public var rightCase = 0
    /// Messages of demo cases that were held instead.
    public var held = 0
    /// Messages filed into a case that is not theirs (another demo case's, or a second case for the same
    /// demo case), and noise filed into any case. Must be 0.
    public var wrongCase = 0
    /// Messages of demo cases skipped (as not from Amazon, or as duplicates) instead of filed.
    public var missed = 0
    /// Noise (forwarded copies, forgeries, look-alikes, newsletters, duplicates) given its right answer.
    public var noiseRight = 0
    /// Noise held although the answer was to skip it (cautious, not wrong).
    public var noiseHeld = 0
    public var messages = 0

    /// What routing did with one message: the result and the case it went to.
    public struct Outcome: Sendable {
        public var messageID: String
        /// "added", "new-case", "held", "duplicate", "not-from-amazon", "failed" (as `MailOutcome` names them).
        public var result: String
        public var caseID: Int64?
        public init(messageID: String, result: String, caseID: Int64?) {
            self.messageID = messageID
            self.result = result
            self.caseID = caseID
        }
    }

    /// Scores `outcomes` (in import order) against the mailbox's answers.
    public init(mailbox: DemoMailbox, outcomes: [Outcome]) {
        var expected: [String: [DemoExpectation]] = [:]
        for mail in mailbox.mails { expected[mail.messageID, default: []].append(mail.expected) }
        var caseOf: [Int: Int64] = [:]
        var demoOf: [Int64: Int] = [:]
        for o in outcomes {
            messages += 1
            // A duplicate's first copy comes first: take the expectations of a Message-ID in order.
            guard var list = expected[o.messageID], !list.isEmpty else { wrongCase += 1; continue }
            let answer = list.removeFirst()
            expected[o.messageID] = list
            let filed = o.result == "added" || o.result == "new-case"
            switch answer {
            case .demoCase(let n):
                if filed, let id = o.caseID {
                    if let known = caseOf[n] {
                        if known == id { rightCase += 1 } else { wrongCase += 1 }
                    } else if demoOf[id] != nil {
                        wrongCase += 1
                    } else {
                        caseOf[n] = id
                        demoOf[id] = n
                        rightCase += 1
                    }
                } else if o.result == "held" {
                    held += 1
                } else {
                    missed += 1
                }
            case .held, .notFromAmazon, .duplicate:
                if filed {
                    wrongCase += 1
                } else if (answer == .held && o.result == "held") || (answer == .notFromAmazon && o.result == "not-from-amazon")
                    || (answer == .duplicate && o.result == "duplicate")
                {
                    noiseRight += 1
                } else {
                    noiseHeld += 1
                }
            }
        }
    }

    /// One line of key=value pairs for the benchmarks.
    public var line: String {
        let caseMessages = rightCase + held + missed
        let rate = caseMessages > 0 ? Double(rightCase) / Double(caseMessages) * 100 : 0
        return "messages=\(messages) right_case=\(rightCase) held=\(held) wrong_case=\(wrongCase) missed=\(missed) "
            + "noise_right=\(noiseRight) noise_held=\(noiseHeld) right_case_pct=\(String(format: "%.1f", rate))"
    }
}
