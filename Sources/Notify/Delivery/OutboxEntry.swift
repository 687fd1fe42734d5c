/// A notification waiting in the outbox, with its delivery state.
public struct OutboxEntry: Sendable, Hashable {
    /// The outbox id: increasing in enqueue order, which is the delivery order within a receiver.
    public var id: Int64
    /// The request to send.
    public var notification: PreparedNotification
    /// Failed attempts so far.
    public var attempts: Int
    /// When the next attempt is due, ms.
    public var nextAttemptAt: Int64
    /// Why the last attempt failed, if one did.
    public var lastError: String?

    /// Creates an entry.
    public init(
        id: Int64, notification: PreparedNotification, attempts: Int = 0, nextAttemptAt: Int64, lastError: String? = nil
    ) {
        self.id = id
        self.notification = notification
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
    }
}
