// The floor for whole-process benchmarks: start a Swift process, open the store with GRDB, read one
// pragma, exit. Nothing Reinstate does can be faster than this.
import Foundation
import GRDB

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    print("usage: open-store-floor STORE")
    exit(2)
}
var config = Configuration()
config.readonly = true
let queue = try DatabaseQueue(path: arguments[1], configuration: config)
let id = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA application_id") }
exit(id == nil ? 1 : 0)
