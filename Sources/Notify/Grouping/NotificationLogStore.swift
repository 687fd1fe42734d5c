/// Where webhook groups' notification logs are kept between runs, by receiver and group key.
public protocol NotificationLogStore: Sendable {
    /// The receiver's stored entries by group key (entries too old to matter may be left out).
    func notificationLogs(receiver: String) throws -> [String: NotificationLogEntry]
    /// Stores (replacing) entries of the receiver by group key.
    func saveNotificationLogs(receiver: String, _ logs: [String: NotificationLogEntry]) throws
}
