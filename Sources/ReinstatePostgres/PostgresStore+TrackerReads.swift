import Foundation
import ReinstateCore
import ReinstateStore

// PLACEHOLDERS (being replaced, issue #17): what the tracker reads besides the commands' reads is not
// written for PostgreSQL yet; each refuses in one line. No command reaches these.
extension PostgresStore {
    public func dueWarnings(now: Date, within window: TimeInterval, first limit: Int) async throws -> DueWarnings {
        throw notYet("the deadline warnings")
    }
    public func checkPlan(caseID: Int64, text: String, version: Int?) async throws -> PlanCheck { throw notYet("check") }
    public func attachments(of history: CaseHistory) async throws -> [Int64: [StoredAttachment]] { throw notYet("attachments") }
    public func note(_ id: Int64) async throws -> Note { throw notYet("a note") }
    public func heldMessages() async throws -> [HeldMessage] { throw notYet("held mail") }
    public func heldMessage(_ id: Int64) async throws -> HeldMessage { throw notYet("held mail") }
    public func heldCount() async throws -> Int { throw notYet("held mail") }
}
