/// Why a group was notified (Alertmanager's `notification_reason`, from v0.32).
public enum NotificationReason: String, Sendable, Hashable {
    /// The group was never notified, or its last message had no firing alerts.
    case firstNotification = "first notification"
    /// Alerts fired that were not in the last message.
    case newAlertsAdded = "new alerts added"
    /// Alerts resolved since the last message.
    case someAlertsResolved = "some alerts resolved"
    /// No alert fires any more.
    case allAlertsResolved = "all alerts resolved"
    /// Nothing changed, but `repeat_interval` passed.
    case repeatIntervalElapsed = "repeat interval elapsed"
}
