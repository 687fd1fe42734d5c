/// A value guarded by a pthread mutex (swift-log's `Lock` pattern).
///
/// Used instead of `Synchronization.Mutex`, whose futex-based Linux implementation ThreadSanitizer cannot see
/// (every access inside `withLock` is reported as a race), so `swift test --sanitize=thread` stays meaningful.
final class Locked<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only read or written between lockMutex and unlockMutex.
    private let mutex = Syscall.makeMutex()
    private var value: Value

    /// Creates the lock around `value`.
    init(_ value: Value) {
        self.value = value
    }

    deinit {
        Syscall.destroyMutex(mutex)
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        Syscall.lockMutex(mutex)
        defer { Syscall.unlockMutex(mutex) }
        return try body(&value)
    }
}
