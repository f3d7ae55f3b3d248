import Foundation

/// libFuzzer entry point: every input must be read without a trap, a hang or a sanitizer report.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let reading = MessageReader().read(data)
    // Touch the results so nothing is optimised away, and check the few invariants that always hold.
    if reading.requested.contains(where: { $0.text.isEmpty }) { fatalError("empty request text") }
    if let d = reading.deadline, d.amount <= 0 { fatalError("non-positive deadline") }
    return 0
}
