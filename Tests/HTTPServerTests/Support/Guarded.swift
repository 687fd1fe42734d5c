import Foundation

/// A value behind an `NSLock`, for collecting what server threads saw. Not `Synchronization.Mutex`: ThreadSanitizer
/// cannot see its Linux implementation and would report every access.
final class Guarded<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only touched with `lock` held.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
