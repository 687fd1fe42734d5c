import Foundation
import Notify

/// A value behind an `NSLock`, for what server and worker threads saw.
final class Locked<Value: Sendable>: @unchecked Sendable {
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

    var current: Value {
        withLock { $0 }
    }
}

/// A notification for `receiver` numbered `index` (idempotency key `<receiver>-<index>`), posted to `url`.
func notification(_ receiver: String, _ index: Int, url: String, createdAt: Int64 = 0) -> PreparedNotification {
    PreparedNotification(
        receiver: receiver, idempotencyKey: "\(receiver)-\(index)", createdAt: createdAt, url: url,
        headers: [
            HTTPHeaderField("Content-Type", "application/json"),
            HTTPHeaderField("Idempotency-Key", "\(receiver)-\(index)"),
        ],
        body: Array("{\"n\":\(index)}".utf8))
}
