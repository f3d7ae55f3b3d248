import Foundation
import PostgresNIO
import ReinstateCore
import ReinstateStore

/// `reinstate restore` on a team store: every client's cases replaced by a backup's, which only the
/// store's owner may do, all or nothing, after the current contents were kept elsewhere.
extension PostgresStore {
    /// Refuses, in one line, a role that is not the store's owner (`what`: "restore a backup over the
    /// team store"). Whole-store loads (`import`, `demo`, `restore`) are the owner's: a staff role sees
    /// only its accounts, so a store that looks empty to it may hold other clients' cases.
    public func requireStoreOwner(to what: String) async throws {
        try await requireCurrent()
        try await requireOwner(to: what)
    }

    /// Replaces every case and held message with those of `document`, in one transaction. The case
    /// table is locked first (every writer of a case waits, and then sees the new contents); the
    /// contents as they are then are handed to `saving`, which must have kept them (a local file)
    /// when it returns; only then is anything replaced. When `saving` throws, the connection is lost or
    /// the process is killed, nothing is: the old contents stay whole. Grants (`team_grant`) are kept.
    /// Only the owner may.
    public func replaceContents(with document: StoreDocument, savingFirst saving: (StoreDocument) async throws -> Void)
        async throws
    {
        try await requireStoreOwner(to: "restore a backup over the team store")
        try await transaction { connection in
            try await connection.query("LOCK TABLE suspension_case IN EXCLUSIVE MODE", logger: logger)
            let current = StoreDocument(cases: try await readCases(connection), held: try await readHeld(connection))
            do {
                try await saving(current)
            } catch let refusal as StoreError {
                throw refusal
            } catch {
                throw StoreError.invalid("\(error)")
            }
            // Every table of case data goes with its case.
            try await connection.query("DELETE FROM suspension_case", logger: logger)
            try await connection.query("DELETE FROM held_message", logger: logger)
            try await fill(with: document, connection)
        }
    }
}
