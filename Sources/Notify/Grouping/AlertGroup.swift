/// One aggregation group of a `NotificationGrouper`.
struct AlertGroup: Sendable {
    /// An alert in the group.
    struct Member: Sendable {
        /// The latest version of the alert.
        var alert: NotificationAlert
        /// When it joined (insertion order, for dropping the oldest).
        var sequence: UInt64
    }

    /// What the last message held (Alertmanager's notification log entry).
    struct Log: Sendable {
        /// Fingerprints of the firing alerts.
        var firing: Set<UInt64>
        /// Fingerprints of the resolved alerts.
        var resolved: Set<UInt64>
        /// When, ms.
        var at: Int64
    }

    /// The group key.
    let key: String
    /// The group labels.
    let labels: [String: String]
    /// When the group was created, ms.
    let createdAt: Int64
    /// Creation order.
    let sequence: UInt64
    /// When it is flushed next, ms.
    var nextFlush: Int64
    /// Whether it was flushed once.
    var hasFlushed = false
    /// Its alerts by fingerprint.
    var alerts: [UInt64: Member] = [:]
    /// The last message, if any.
    var log: Log?
    /// How many messages it produced.
    var notifications = 0

    init(key: String, labels: [String: String], createdAt: Int64, sequence: UInt64, nextFlush: Int64) {
        self.key = key
        self.labels = labels
        self.createdAt = createdAt
        self.sequence = sequence
        self.nextFlush = nextFlush
    }
}
