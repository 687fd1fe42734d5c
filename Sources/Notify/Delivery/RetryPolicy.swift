/// When failed notifications are retried: exponential backoff with full jitter (a uniformly random wait between 0
/// and `min(maxBackoff, initialBackoff * 2^(attempts-1))`), `Retry-After` honoured, no retries once
/// `maxRetryDuration` has passed since the notification was created.
public struct RetryPolicy: Sendable {
    /// The backoff ceiling of the first retry, ms (default 1s).
    public var initialBackoff: Int64
    /// The largest backoff, ms (default 5m).
    public var maxBackoff: Int64
    /// How long after `createdAt` a notification is retried before it is dead-lettered, ms.
    public var maxRetryDuration: Int64
    /// Returns a uniformly random value in the range; injectable so tests are deterministic.
    public var random: @Sendable (ClosedRange<Int64>) -> Int64

    /// Creates a policy; the defaults are 1s initial backoff, 5m cap, 24h of retries and the system random source.
    public init(
        initialBackoff: Int64 = 1_000, maxBackoff: Int64 = 300_000, maxRetryDuration: Int64 = 86_400_000,
        random: @escaping @Sendable (ClosedRange<Int64>) -> Int64 = { Int64.random(in: $0) }
    ) {
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryDuration = maxRetryDuration
        self.random = random
    }

    /// The backoff ceiling after `attempts` failed attempts (1 for the first failure): `initialBackoff` doubled
    /// `attempts - 1` times, at most `maxBackoff`.
    public func backoffCeiling(attempts: Int) -> Int64 {
        var ceiling = max(0, initialBackoff)
        var doublings = max(0, attempts - 1)
        while doublings > 0 && ceiling < maxBackoff {
            ceiling = ceiling > Int64.max / 2 ? Int64.max : ceiling * 2
            doublings -= 1
        }
        return min(ceiling, max(0, maxBackoff))
    }

    /// The wait before the next attempt after `attempts` failed attempts: full jitter over the ceiling.
    public func backoff(attempts: Int) -> Int64 {
        random(0...backoffCeiling(attempts: attempts))
    }

    /// Classifies `result` of attempt number `attempts` (1 for the first) of a notification created at `createdAt`,
    /// at `now` (ms): 2xx delivered; 5xx, 429, timeouts and connection errors retried; other statuses dead-lettered.
    /// A retry is scheduled after the jittered backoff, or after `Retry-After` when the receiver sent one; it is
    /// never later than the retry deadline (`createdAt + maxRetryDuration`), and a failure at or after the deadline
    /// is dead-lettered.
    public func decide(_ result: SendResult, attempts: Int, createdAt: Int64, now: Int64) -> DeliveryDecision {
        let reason: String
        let error: String
        var retryAfter: Int64?
        switch result {
        case .response(let status, let header):
            switch status {
            case 200...299:
                return .delivered
            case 429, 500...599:
                reason = status == 429 ? "429" : "5xx"
                error = "HTTP \(status)"
                retryAfter = header.flatMap { RetryAfter.delay($0, now: now) }
            default:
                return .deadLetter(reason: status >= 400 && status < 500 ? "4xx" : "status", error: "HTTP \(status)")
            }
        case .timeout:
            reason = "timeout"
            error = "timed out"
        case .connectionError(let description):
            reason = "connection"
            error = description
        }
        let deadline = createdAt.addingReportingOverflow(maxRetryDuration)
        let retryDeadline = deadline.overflow ? Int64.max : deadline.partialValue
        if now >= retryDeadline {
            return .deadLetter(reason: "expired", error: "\(error); gave up after \(attempts) attempts")
        }
        let wait = retryAfter ?? backoff(attempts: attempts)
        let next = now.addingReportingOverflow(max(0, wait))
        return .retry(
            at: min(next.overflow ? Int64.max : next.partialValue, retryDeadline), reason: reason, error: error)
    }
}
