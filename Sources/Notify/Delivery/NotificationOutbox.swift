/// Where notifications wait until they are delivered: written before the first attempt, removed only after a 2xx
/// or when dead-lettered. Bounded per receiver: enqueueing into a full receiver queue drops that receiver's oldest
/// entry (counted in `OutboxCounts.dropped` and logged). Implementations are safe to call from any thread.
public protocol NotificationOutbox: Sendable {
    /// Stores `notification`, due at its `createdAt`, and returns its id (greater than every earlier id).
    func enqueue(_ notification: PreparedNotification) throws -> Int64
    /// The receiver's entries in id order, from its oldest entry up to (not including) the first one not yet due at
    /// `now`, at most `limit`. Delivery within a receiver is strictly ordered, so a head entry waiting for a retry
    /// holds back the ones behind it.
    func due(receiver: String, now: Int64, limit: Int) throws -> [OutboxEntry]
    /// When the receiver's oldest entry is due, ms, or nil when its queue is empty.
    func nextAttemptAt(receiver: String) throws -> Int64?
    /// Removes a delivered entry (no-op when it is gone, e.g. dropped meanwhile).
    func markDelivered(_ id: Int64) throws
    /// Records a failed attempt: `attempts` so far, when to try next, and why it failed.
    func reschedule(_ id: Int64, attempts: Int, nextAttemptAt: Int64, lastError: String) throws
    /// Moves the entry to the dead letters with `reason`.
    func deadLetter(_ id: Int64, reason: String) throws
    /// Queue figures per receiver that has, or had, entries.
    func counts() throws -> [String: OutboxCounts]
}
