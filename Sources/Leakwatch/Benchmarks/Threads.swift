import Foundation

/// Runs `body(0..<count)` on `count` threads at once and waits for all of them.
///
/// Unlike `DispatchQueue.concurrentPerform`, which runs no more iterations at a time than there are cores, every
/// iteration gets its own thread: a load generator's connections must all be open together.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let done = DispatchSemaphore(value: 0)
    for index in 0..<count {
        let thread = Thread {
            body(index)
            done.signal()
        }
        thread.start()
    }
    for _ in 0..<count { done.wait() }
}
