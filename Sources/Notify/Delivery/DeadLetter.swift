/// A notification given up on: a permanent error, or retried for longer than allowed.
public struct DeadLetter: Sendable, Hashable {
    /// The id it had in the outbox.
    public var id: Int64
    /// The request that was not delivered.
    public var notification: PreparedNotification
    /// Why it was given up on.
    public var reason: String
    /// Attempts made.
    public var attempts: Int

    /// Creates a dead letter.
    public init(id: Int64, notification: PreparedNotification, reason: String, attempts: Int) {
        self.id = id
        self.notification = notification
        self.reason = reason
        self.attempts = attempts
    }
}
