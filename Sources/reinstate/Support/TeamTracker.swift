import Foundation
import ReinstateApp
import ReinstateCore
import ReinstatePostgres

/// Opening the case tracker on a PostgreSQL team store.
enum TeamTracker {
    /// Connects to the team store at `url` (the password from the URL, PGPASSWORD or ~/.pgpass, looked up
    /// once: what was noticed about the password file is said before the screen opens, not at every
    /// reconnection), checks it, and starts listening for changes. Throws one line when it cannot.
    static func open(_ url: String, readOnly: Bool) throws -> TeamStoreLink {
        let address = try PostgresOpening.address(url)
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
        let (password, warnings) = address.password(environment: environment, home: home)
        for warning in warnings { printError("warning: " + warning) }
        return try StoreBridge.wait {
            try await TeamStoreLink.open(readOnly: readOnly) {
                try await PostgresStore.connect(to: address, password: password)
            }
        }
    }

    /// Closes the link's connections (however the tracker ended).
    static func close(_ link: TeamStoreLink) {
        _ = try? StoreBridge.wait { await link.close() }
    }
}
