import Foundation
public import Logging

/// A `NotificationOutbox` in memory (tests; not durable).
public final class InMemoryOutbox: NotificationOutbox, @unchecked Sendable {
    // @unchecked: every stored var is only touched with `lock` held.
    private let lock = NSLock()
    private let capacity: Int
    private let logger: Logger
    private var nextID: Int64 = 1
    private var queues: [String: [OutboxEntry]] = [:]
    private var receiverOf: [Int64: String] = [:]
    private var dropped: [String: Int] = [:]
    private var dead: [DeadLetter] = []

    /// Creates an empty outbox holding at most `capacity` entries per receiver.
    public init(capacity: Int = 10_000, logger: Logger = Logger(label: "leakwatch.notify.outbox")) {
        self.capacity = max(1, capacity)
        self.logger = logger
    }

    /// Everything dead-lettered so far, oldest first.
    public var deadLetters: [DeadLetter] {
        lock.withLock { dead }
    }

    /// Every waiting entry of `receiver`, in id order.
    public func entries(receiver: String) -> [OutboxEntry] {
        lock.withLock { queues[receiver] ?? [] }
    }

    /// See `NotificationOutbox.enqueue(_:)`.
    public func enqueue(_ notification: PreparedNotification) -> Int64 {
        let (id, victim) = lock.withLock { () -> (Int64, OutboxEntry?) in
            let id = nextID
            nextID += 1
            let receiver = notification.receiver
            var queue = queues[receiver] ?? []
            queue.append(OutboxEntry(id: id, notification: notification, nextAttemptAt: notification.createdAt))
            receiverOf[id] = receiver
            var victim: OutboxEntry?
            if queue.count > capacity {
                let oldest = queue.removeFirst()
                receiverOf[oldest.id] = nil
                victim = oldest
                dropped[receiver, default: 0] += 1
            }
            queues[receiver] = queue
            return (id, victim)
        }
        if let victim {
            logger.warning(
                "notification outbox full, dropped the oldest notification",
                metadata: [
                    "receiver": "\(victim.notification.receiver)", "id": "\(victim.id)",
                    "idempotency_key": "\(victim.notification.idempotencyKey)", "capacity": "\(capacity)",
                ])
        }
        return id
    }

    /// See `NotificationOutbox.due(receiver:now:limit:)`.
    public func due(receiver: String, now: Int64, limit: Int) -> [OutboxEntry] {
        lock.withLock {
            Array((queues[receiver] ?? []).prefix { $0.nextAttemptAt <= now }.prefix(max(0, limit)))
        }
    }

    /// See `NotificationOutbox.nextAttemptAt(receiver:)`.
    public func nextAttemptAt(receiver: String) -> Int64? {
        lock.withLock { queues[receiver]?.first?.nextAttemptAt }
    }

    /// See `NotificationOutbox.markDelivered(_:)`.
    public func markDelivered(_ id: Int64) {
        lock.withLock { _ = remove(id) }
    }

    /// See `NotificationOutbox.reschedule(_:attempts:nextAttemptAt:lastError:)`.
    public func reschedule(_ id: Int64, attempts: Int, nextAttemptAt: Int64, lastError: String) {
        lock.withLock {
            guard let receiver = receiverOf[id], let index = queues[receiver]?.firstIndex(where: { $0.id == id })
            else { return }
            queues[receiver]?[index].attempts = attempts
            queues[receiver]?[index].nextAttemptAt = nextAttemptAt
            queues[receiver]?[index].lastError = lastError
        }
    }

    /// See `NotificationOutbox.deadLetter(_:reason:)`.
    public func deadLetter(_ id: Int64, reason: String) {
        lock.withLock {
            guard let entry = remove(id) else { return }
            dead.append(DeadLetter(id: id, notification: entry.notification, reason: reason, attempts: entry.attempts))
        }
    }

    /// See `NotificationOutbox.counts()`.
    public func counts() -> [String: OutboxCounts] {
        lock.withLock {
            var result: [String: OutboxCounts] = [:]
            for receiver in Set(queues.keys).union(dropped.keys) {
                let queue = queues[receiver] ?? []
                result[receiver] = OutboxCounts(
                    queued: queue.count, oldestCreatedAt: queue.map(\.notification.createdAt).min(),
                    dropped: dropped[receiver] ?? 0)
            }
            return result
        }
    }

    /// Removes entry `id`; call with `lock` held.
    private func remove(_ id: Int64) -> OutboxEntry? {
        guard let receiver = receiverOf.removeValue(forKey: id),
            let index = queues[receiver]?.firstIndex(where: { $0.id == id })
        else { return nil }
        return queues[receiver]?.remove(at: index)
    }
}
