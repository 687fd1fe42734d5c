import Notify
import TimeSeries

/// `leakwatch notify test`: sends one sample alert to a configured receiver, directly (no outbox, no retries), so
/// users can check URL, authentication, signature handling and the receiver's parsing.
public enum NotificationCheck {
    /// The outcome for the user.
    public struct Outcome: Sendable {
        /// Whether the receiver answered 2xx.
        public var delivered: Bool
        /// What happened, one line.
        public var message: String
    }

    /// Sends a firing `LeakwatchTestAlert` to `receiverName`; an unknown name is an outcome that names the receivers.
    public static func send(config: LeakwatchConfig, receiverName: String) -> Outcome {
        guard var receiver = config.receivers.first(where: { $0.name == receiverName }) else {
            let names = config.receivers.map(\.name)
            return Outcome(
                delivered: false,
                message: "no receiver named \(GoQuote.quote(receiverName)) in the configuration"
                    + (names.isEmpty ? " (it has none)" : " (receivers: \(names.joined(separator: ", ")))"))
        }
        let now = DeliveryWorker.wallClock()
        let alert = NotificationAlert(
            labels: config.externalLabels.merging(
                ["alertname": "LeakwatchTestAlert", "severity": "none", "service_name": "leakwatch"]
            ) { _, new in new },
            annotations: [
                "summary": "Test notification from leakwatch",
                "description": "Sent by `leakwatch notify test --receiver \(receiver.name)`; nothing is wrong.",
            ],
            startsAt: now, endsAt: now + 300_000, isResolved: false,
            generatorURL: config.effectiveExternalURL)
        let notifications: [PreparedNotification]
        switch receiver.kind {
        case .webhook:
            receiver.groupWait = 0
            var grouper = NotificationGrouper(
                receiver: receiver, externalURL: config.effectiveExternalURL, version: LeakwatchVersion.current)
            grouper.receive([alert], now: now)
            notifications = grouper.due(now: now)
        case .alertmanager:
            notifications = AlertmanagerBatcher(
                receiver: receiver, version: LeakwatchVersion.current, externalLabels: config.externalLabels
            ).prepare([alert], now: now)
        }
        guard let notification = notifications.first else {
            return Outcome(delivered: false, message: "the receiver's match labels exclude the test alert")
        }
        switch URLSessionSender().send(notification, timeout: receiver.timeout) {
        case .response(let status, _):
            let delivered = (200...299).contains(status)
            return Outcome(
                delivered: delivered,
                message: "\(delivered ? "delivered" : "refused"): POST \(notification.url) answered HTTP \(status)")
        case .timeout:
            return Outcome(
                delivered: false, message: "timed out after \(receiver.timeout) ms: POST \(notification.url)")
        case .connectionError(let error):
            return Outcome(delivered: false, message: "could not connect: POST \(notification.url): \(error)")
        }
    }
}
