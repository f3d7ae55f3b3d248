import Foundation
import PostgresTestSupport
import ReinstateCore
import ReinstatePostgres

/// A team store on the shared test server's `database`, logged in as `user` with `password`: the URL
/// holds no password, as a staff member's would not; changes are recorded as made by `author` (nil: the
/// role).
func loggedIn(
    _ database: String, user: String = TestPostgresServer.superuser, password: String = TestPostgresServer.password,
    author: String? = nil
) async throws -> PostgresStore {
    let server = try TestPostgresServer.shared()
    let address = try PostgresAddress(url: server.url(database: database, user: user, password: nil), loginName: "nobody")
    return try await PostgresStore.connect(to: address, password: password, author: author)
}
