import Foundation

/// Waits, up to `seconds`, until `condition` holds; says whether it did. Sleeps between looks without
/// holding a thread of the concurrency pool. For what a test waits on (a colleague's change reaching the
/// tracker, a lost connection noticed), with a generous deadline: times are printed, not asserted.
public func eventually(within seconds: Double, _ condition: () throws -> Bool) async rethrows -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try condition()
}
