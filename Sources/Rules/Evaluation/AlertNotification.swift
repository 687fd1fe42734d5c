/// Alerts of one alerting rule that are due to be sent to Alertmanager after an evaluation (Prometheus's
/// `sendAlerts`): firing alerts whose last send is older than the resend delay, and alerts resolved since they were
/// last sent. They are already marked sent (`lastSentAt`, `validUntil`).
public struct AlertNotification: Sendable {
    /// The rule (its expression makes the alert's generator URL).
    public var rule: AlertingRule
    /// Copies of the alerts to send.
    public var alerts: [Alert]

    /// Creates a notification.
    public init(rule: AlertingRule, alerts: [Alert]) {
        self.rule = rule
        self.alerts = alerts
    }
}
