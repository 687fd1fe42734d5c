import Notify

/// A `NotificationSender` that answers from a script (the last result repeats) and records what it was asked.
final class FakeSender: NotificationSender {
    private let script: Locked<[SendResult]>
    /// Idempotency keys in the order they were sent.
    let sent = Locked<[String]>([])

    init(_ script: [SendResult]) {
        self.script = Locked(script)
    }

    func send(_ notification: PreparedNotification, timeout: Int64) -> SendResult {
        sent.withLock { $0.append(notification.idempotencyKey) }
        return script.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] }
    }
}

/// A test clock, ms.
final class ManualClock: Sendable {
    private let value = Locked<Int64>(0)

    init(_ start: Int64) {
        value.withLock { $0 = start }
    }

    var now: Int64 { value.current }

    func advance(by milliseconds: Int64) {
        value.withLock { $0 += milliseconds }
    }
}
