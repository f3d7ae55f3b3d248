import Dispatch
import Foundation

/// Runs one async store call from synchronous code (the tracker's main thread) and waits for its
/// result: the value, or the very error it threw.
///
/// The call runs as a task whose executor is a concurrent Dispatch queue of its own, never the Swift
/// concurrency pool, and the caller waits on a semaphore. So waiting cannot starve the call: even when
/// the caller blocks a pool thread (an `async` test calling the book) or every pool thread is blocked,
/// the call and everything it awaits (postgres-nio answers on its own event loop threads) go on, and a
/// call made from inside another bridged call gets another queue thread. What must not be done is to
/// await, inside `body`, something that only the waiting thread can run (the main actor while the main
/// thread waits): the stores do not.
public enum StoreBridge {
    /// Waits for `body` and returns what it returned, or throws what it threw.
    public static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        let job: @Sendable () async -> Void = {
            do {
                box.result = .success(try await body())
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        if #available(macOS 15, *) {
            Task(executorPreference: BridgeExecutor.shared) { await job() }
        } else {
            Task.detached { await job() }
        }
        done.wait()
        // The semaphore orders the task's write before this read.
        return try box.result!.get()
    }
}

/// The result handed from the task to the waiting thread (written once, read after the semaphore).
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// A task executor over a concurrent Dispatch queue: its threads are Dispatch's, not the cooperative pool's.
@available(macOS 15, *)
final class BridgeExecutor: TaskExecutor {
    static let shared = BridgeExecutor()
    let queue = DispatchQueue(label: "reinstate.store-bridge", qos: .userInitiated, attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
