import Notify

extension NotifierService {
    /// Notification delivery in `/metrics`, per receiver: sent, failed by reason, retried, dead-lettered, dropped
    /// from a full outbox, queue length and the age of the oldest queued notification.
    func renderMetrics(into out: inout MetricsText) {
        let all = metrics()
        func family(_ name: String, _ type: String, _ help: String, _ value: (DeliveryMetrics) -> Double) {
            out.family(name, type, help)
            for receiver in all { out.sample(name, [("receiver", receiver.receiver)], value(receiver)) }
        }
        family("leakwatch_notifications_sent_total", "counter", "Notifications delivered (2xx).") { Double($0.sent) }
        out.family(
            "leakwatch_notifications_failed_total", "counter",
            "Failed delivery attempts by reason (5xx, 429, 4xx, status, timeout, connection).")
        for receiver in all {
            for (reason, count) in receiver.failed.sorted(by: { $0.key < $1.key }) {
                out.sample(
                    "leakwatch_notifications_failed_total", [("receiver", receiver.receiver), ("reason", reason)],
                    Double(count))
            }
        }
        family("leakwatch_notifications_retried_total", "counter", "Attempts scheduled for a retry.") {
            Double($0.retried)
        }
        family(
            "leakwatch_notifications_dead_lettered_total", "counter",
            "Notifications given up on (4xx other than 429, or retried past max_retry_duration)."
        ) { Double($0.deadLettered) }
        family(
            "leakwatch_notifications_dropped_total", "counter",
            "Oldest notifications dropped because the outbox was full."
        ) { Double($0.dropped) }
        family("leakwatch_notifications_queue_length", "gauge", "Notifications waiting in the outbox.") {
            Double($0.queueLength)
        }
        family(
            "leakwatch_notifications_oldest_age_seconds", "gauge", "Age of the oldest notification in the outbox."
        ) { Double($0.oldestAge) / 1000 }
    }
}
