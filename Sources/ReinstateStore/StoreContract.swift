import Foundation
import ReinstateCore

/// What every case store offers, whichever database holds it: the seam between the commands (and, in
/// time, the tracker's `CaseBook`) and the two stores, as TaskChampion's storage trait is for
/// Taskwarrior. `CaseStore` (SQLite) and `PostgresStore` implement it, and one shared test suite
/// (`StoreContractTests`) runs against each.
///
/// It holds what both stores implement today: whole-store copies in and out, one case as a document,
/// the number of cases. The reads and writes the commands use (case list, due, adding messages and
/// plans) join it as the PostgreSQL store gains them; until then those commands refuse a PostgreSQL
/// store. Requirements are `async` because a server is awaited; the SQLite store's synchronous methods
/// satisfy them as they are.
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
}

extension CaseStore: StoreContract {
    public var location: String { path }
    public func caseTotal() async throws -> Int { try caseCount() }
}
