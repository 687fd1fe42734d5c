/// One receiver's outbox figures, for `/metrics`.
public struct OutboxCounts: Sendable, Hashable {
    /// Entries waiting to be delivered.
    public var queued: Int
    /// `createdAt` of the oldest waiting entry, ms, if any.
    public var oldestCreatedAt: Int64?
    /// Entries dropped because the receiver's queue was full (since the outbox was opened).
    public var dropped: Int

    /// Creates counts.
    public init(queued: Int = 0, oldestCreatedAt: Int64? = nil, dropped: Int = 0) {
        self.queued = queued
        self.oldestCreatedAt = oldestCreatedAt
        self.dropped = dropped
    }
}
