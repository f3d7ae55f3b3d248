import Foundation
import ReinstateCore

/// What every case store offers, whichever database holds it: the seam between the commands (and, in
/// time, the tracker's `CaseBook`) and the two stores, as TaskChampion's storage trait is for
/// Taskwarrior. `CaseStore` (SQLite) and `PostgresStore` implement it, and one shared test suite
/// (`StoreContractTests`) runs against each.
///
/// It holds what both stores implement: whole-store copies in and out, one case as a document or a
/// history, the case list and `due`. The commands that use only these work on either store; the
/// others refuse a PostgreSQL store until the writes they need join. Requirements are `async` because
/// a server is awaited; the SQLite store's synchronous methods satisfy them as they are.
public protocol StoreContract: Sendable {
    /// Where the store is, for messages: a path, or a URL without its password.
    var location: String { get }
    /// How many cases the store holds.
    func caseTotal() async throws -> Int
    /// One case with everything about it, as `case show --json` prints it. `StoreError.notFound` when
    /// there is no such case.
    func caseDocument(_ caseID: Int64) async throws -> CaseDocument
    /// Every case, oldest id first, as one document (`export --all --format json`).
    func exportDocument() async throws -> StoreDocument
    /// Loads a whole-store document into this store, which must be empty: all of it, or nothing.
    func importDocument(_ document: StoreDocument) async throws

    // MARK: - Reads of the commands

    /// How many cases pass the filter.
    func caseCount(_ filter: CaseFilter) async throws -> Int
    /// A window of the case list (`case list`): `limit` rows from `offset`, in the order of `sort`.
    func caseSummaries(_ filter: CaseFilter, sort: CaseSort, offset: Int, limit: Int) async throws -> [CaseSummary]
    /// One case as the list shows it. `StoreError.notFound` when there is no such case.
    func caseSummary(_ id: Int64) async throws -> CaseSummary
    /// One case read whole, with its messages' attachments (`case show`, `export --case`).
    func history(_ caseID: Int64) async throws -> CaseHistory
    /// Every open deadline that has passed or falls due before `now + window`, most urgent first (`due`).
    func due(now: Date, within window: TimeInterval) async throws -> [DueDeadline]
}

extension CaseStore: StoreContract {
    public var location: String { path }
    public func caseTotal() async throws -> Int { try caseCount() }
}
