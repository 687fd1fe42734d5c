/// Sends one prepared notification and reports what happened; blocks the calling thread until then.
public protocol NotificationSender: Sendable {
    /// POSTs `notification` (its URL, headers and body as they are), giving up after `timeout` ms.
    func send(_ notification: PreparedNotification, timeout: Int64) -> SendResult
}
