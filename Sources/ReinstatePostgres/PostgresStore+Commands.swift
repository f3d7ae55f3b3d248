import Foundation
import PostgresNIO
import ReinstateCore
import ReinstateStore

/// The writes of the remaining commands (`evidence add`, …), in the style of the everyday writes: one
/// transaction that first locks the case.
extension PostgresStore {
    @discardableResult
    public func addEvidence(caseID: Int64, path: String, size: Int64, sha256: String, at now: Date) async throws -> Int64 {
        try await requireCurrent()
        return try await transaction { connection in
            try await lockCase(caseID, connection)
            var id: Int64 = 0
            let rows = try await connection.query(
                """
                INSERT INTO evidence (case_id, path, size, sha256, added_at)
                VALUES (\(caseID), \(path), \(size), \(sha256), \(Timestamp.wholeSeconds(now)))
                RETURNING id
                """, logger: logger)
            for try await value in rows.decode(Int64.self) { id = value }
            return id
        }
    }
}
