/// What a webhook group's last notification held (Alertmanager's notification log entry): kept across restarts so
/// an alert still firing after one is not announced again before `repeat_interval`.
public struct NotificationLogEntry: Sendable, Hashable {
    /// Fingerprints of the firing alerts.
    public var firing: Set<UInt64>
    /// Fingerprints of the resolved alerts.
    public var resolved: Set<UInt64>
    /// When, ms since the epoch.
    public var at: Int64

    /// Creates an entry.
    public init(firing: Set<UInt64>, resolved: Set<UInt64>, at: Int64) {
        self.firing = firing
        self.resolved = resolved
        self.at = at
    }
}
