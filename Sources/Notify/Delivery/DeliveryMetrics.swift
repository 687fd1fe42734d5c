/// One receiver's delivery figures for `/metrics`: counters since the worker started, gauges at the time of reading.
public struct DeliveryMetrics: Sendable, Hashable {
    /// The receiver's name.
    public var receiver: String
    /// Notifications delivered (a 2xx).
    public var sent = 0
    /// Failed attempts by reason: `5xx`, `429`, `4xx`, `status` (other non-2xx), `timeout`, `connection`.
    public var failed: [String: Int] = [:]
    /// Retries scheduled.
    public var retried = 0
    /// Notifications moved to the dead letters.
    public var deadLettered = 0
    /// Notifications dropped because the receiver's queue was full.
    public var dropped = 0
    /// Notifications waiting.
    public var queueLength = 0
    /// Age of the oldest waiting notification, ms (0 when none waits).
    public var oldestAge: Int64 = 0

    /// Creates empty figures for `receiver`.
    public init(receiver: String) {
        self.receiver = receiver
    }
}
