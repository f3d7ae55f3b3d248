// The floor of the team store's benchmarks: start a Swift process, connect to the PostgreSQL store with
// the code the CLI uses (the address read as the CLI reads it, the password from the URL, PGPASSWORD or
// ~/.pgpass), run SELECT 1, close, exit. No command on a team store can be faster than this.
import Foundation
import ReinstatePostgres
import ReinstateCore

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    print("usage: postgres-floor postgresql://USER@/DATABASE?host=SOCKET_FOLDER")
    exit(2)
}
let environment = ProcessInfo.processInfo.environment
do {
    let address = try PostgresAddress(url: arguments[1], environment: environment, loginName: NSUserName())
    let (password, _) = address.password(environment: environment, home: NSHomeDirectory())
    let store = try await PostgresStore.connect(to: address, password: password)
    try await store.ping()
    await store.close()
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
