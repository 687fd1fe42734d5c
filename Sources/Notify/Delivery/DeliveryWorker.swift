import Dispatch
import Foundation
public import Logging

/// Delivers one receiver's notifications from the outbox on its own thread, strictly in outbox order: a failed
/// head entry holds back the entries behind it until it is delivered or dead-lettered. Each receiver has its own
/// worker (and sender), so a slow or dead receiver never delays another. The worker wakes when a notification is
/// submitted, when the head entry's next attempt is due, and at least every `maxIdleWait` ms to look at the outbox.
public final class DeliveryWorker: @unchecked Sendable {
    // @unchecked: the mutable state below is only touched with `condition` locked; the rest is immutable.
    /// The receiver this worker delivers to.
    public let receiver: String
    private let outbox: any NotificationOutbox
    private let sender: any NotificationSender
    private let policy: RetryPolicy
    private let timeout: Int64
    private let now: @Sendable () -> Int64
    private let maxIdleWait: Int64
    private let batchSize: Int
    private let logger: Logger
    private let finished = DispatchSemaphore(value: 0)

    private let condition = NSCondition()
    private var wakeRequested = false
    private var stopping = false
    private var started = false
    private var joined = false
    private var counters: DeliveryMetrics

    /// Creates a stopped worker for `receiver`.
    /// - Parameters:
    ///   - timeout: the per-request timeout, ms.
    ///   - now: the clock, ms since the epoch (injectable for tests).
    ///   - maxIdleWait: the longest real wait between looks at the outbox, ms.
    ///   - batchSize: how many due entries are read from the outbox at once.
    public init(
        receiver: String, outbox: any NotificationOutbox, sender: any NotificationSender = URLSessionSender(),
        policy: RetryPolicy = RetryPolicy(), timeout: Int64 = 10_000, logger: Logger,
        now: @escaping @Sendable () -> Int64 = DeliveryWorker.wallClock, maxIdleWait: Int64 = 60_000,
        batchSize: Int = 64
    ) {
        self.receiver = receiver
        self.outbox = outbox
        self.sender = sender
        self.policy = policy
        self.timeout = timeout
        self.now = now
        self.maxIdleWait = max(1, maxIdleWait)
        self.batchSize = max(1, batchSize)
        self.logger = logger
        counters = DeliveryMetrics(receiver: receiver)
    }

    /// Creates a stopped worker for a configured receiver: its timeout and retry duration, the default backoff.
    public convenience init(
        config: ReceiverConfig, outbox: any NotificationOutbox, sender: any NotificationSender = URLSessionSender(),
        logger: Logger
    ) {
        self.init(
            receiver: config.name, outbox: outbox, sender: sender,
            policy: RetryPolicy(maxRetryDuration: config.maxRetryDuration), timeout: config.timeout, logger: logger)
    }

    /// The system clock, ms since the epoch.
    public static let wallClock: @Sendable () -> Int64 = {
        Int64((Date().timeIntervalSince1970 * 1_000).rounded(.down))
    }

    /// Starts the delivery thread (once; later calls do nothing).
    public func start() {
        let shouldStart = condition.withLock {
            guard !started, !stopping else { return false }
            started = true
            return true
        }
        guard shouldStart else { return }
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "notify-\(receiver)"
        thread.start()
    }

    /// Stores `notification` in the outbox and wakes the worker; returns its outbox id.
    public func submit(_ notification: PreparedNotification) throws -> Int64 {
        let id = try outbox.enqueue(notification)
        wake()
        return id
    }

    /// Makes the worker look at the outbox now (after entries were enqueued elsewhere, or the clock moved).
    public func wake() {
        condition.withLock {
            wakeRequested = true
            condition.signal()
        }
    }

    /// Stops the worker and waits for its thread to end (after the request in flight, if any, completes or times
    /// out). Undelivered entries stay in the outbox.
    public func stop() {
        let mustJoin = condition.withLock {
            stopping = true
            condition.signal()
            let mustJoin = started && !joined
            joined = true
            return mustJoin
        }
        if mustJoin { finished.wait() }
    }

    /// The receiver's delivery figures now.
    public func metrics() -> DeliveryMetrics {
        var result = condition.withLock { counters }
        if let counts = try? outbox.counts()[receiver] {
            result.queueLength = counts.queued
            result.dropped = counts.dropped
            result.oldestAge = counts.oldestCreatedAt.map { max(0, now() - $0) } ?? 0
        }
        return result
    }

    /// The delivery loop.
    private func run() {
        while !isStopping {
            let entries: [OutboxEntry]
            let next: Int64?
            do {
                entries = try outbox.due(receiver: receiver, now: now(), limit: batchSize)
                next = entries.isEmpty ? try outbox.nextAttemptAt(receiver: receiver) : nil
            } catch {
                logger.error(
                    "notification outbox read failed", metadata: ["receiver": "\(receiver)", "error": "\(error)"])
                idle(until: now() + min(maxIdleWait, 1_000))
                continue
            }
            if entries.isEmpty {
                idle(until: next)
                continue
            }
            for entry in entries {
                if isStopping || !deliver(entry) { break }
            }
        }
    }

    /// Whether `stop()` was called.
    private var isStopping: Bool {
        condition.withLock { stopping }
    }

    /// Waits until `deadline` on the injected clock (nil: no deadline), a wake-up or a stop, at most `maxIdleWait`
    /// ms of real time.
    private func idle(until deadline: Int64?) {
        let wait = min(maxIdleWait, deadline.map { $0 - now() } ?? maxIdleWait)
        condition.withLock {
            guard wait > 0, !wakeRequested, !stopping else {
                wakeRequested = false
                return
            }
            _ = condition.wait(until: Date(timeIntervalSinceNow: Double(wait) / 1_000))
            wakeRequested = false
        }
    }

    /// Sends `entry` once and records the outcome; returns whether the next entry may be sent (false when this one
    /// is to be retried, which holds back the rest of the queue).
    private func deliver(_ entry: OutboxEntry) -> Bool {
        let notification = entry.notification
        let result = sender.send(notification, timeout: timeout)
        let attempts = entry.attempts + 1
        let decision = policy.decide(result, attempts: attempts, createdAt: notification.createdAt, now: now())
        let failure = result.failureReason
        var metadata: Logger.Metadata = [
            "receiver": "\(receiver)", "id": "\(entry.id)", "idempotency_key": "\(notification.idempotencyKey)",
            "attempts": "\(attempts)",
        ]
        do {
            switch decision {
            case .delivered:
                try outbox.markDelivered(entry.id)
                record { $0.sent += 1 }
                return true
            case .retry(let at, _, let error):
                try outbox.reschedule(entry.id, attempts: attempts, nextAttemptAt: at, lastError: error)
                record {
                    if let failure { $0.failed[failure, default: 0] += 1 }
                    $0.retried += 1
                }
                metadata["error"] = "\(error)"
                metadata["next_attempt_in_ms"] = "\(max(0, at - now()))"
                logger.warning("notification delivery failed, will retry", metadata: metadata)
                return false
            case .deadLetter(let reason, let error):
                try outbox.deadLetter(entry.id, reason: error)
                record {
                    if let failure { $0.failed[failure, default: 0] += 1 }
                    $0.deadLettered += 1
                }
                metadata["error"] = "\(error)"
                metadata["reason"] = "\(reason)"
                logger.error("notification dead-lettered", metadata: metadata)
                return true
            }
        } catch {
            metadata["error"] = "\(error)"
            logger.error("notification outbox update failed", metadata: metadata)
            idle(until: now() + min(maxIdleWait, 1_000))
            return false
        }
    }

    /// Updates the counters.
    private func record(_ update: (inout DeliveryMetrics) -> Void) {
        condition.withLock { update(&counters) }
    }
}
