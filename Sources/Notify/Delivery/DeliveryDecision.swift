/// What to do with an outbox entry after an attempt, decided by `RetryPolicy.decide`.
public enum DeliveryDecision: Sendable, Hashable {
    /// A 2xx: remove it from the outbox.
    case delivered
    /// Recoverable: try again at `at` (ms); `reason` is the failure's metric label, `error` the log text.
    case retry(at: Int64, reason: String, error: String)
    /// Permanent (a 4xx other than 429, or retried for longer than `maxRetryDuration`): move it to the dead letters.
    case deadLetter(reason: String, error: String)
}
