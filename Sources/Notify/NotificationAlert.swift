/// An alert as it leaves leakwatch: what the rule engine hands to the notifier after each evaluation (alerts due to
/// be sent, Prometheus's `needsSending`), converted by the composition root.
public struct NotificationAlert: Sendable, Hashable {
    /// Labels (with `alertname`, external labels added).
    public var labels: [String: String]
    /// Annotations.
    public var annotations: [String: String]
    /// When it started firing, ms.
    public var startsAt: Int64
    /// When it resolved (resolved alerts), or Prometheus's `validUntil` for firing alerts, ms.
    public var endsAt: Int64
    /// Whether it is resolved.
    public var isResolved: Bool
    /// A link back to the rule's expression.
    public var generatorURL: String

    /// Creates an alert.
    public init(
        labels: [String: String], annotations: [String: String], startsAt: Int64, endsAt: Int64, isResolved: Bool,
        generatorURL: String
    ) {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.isResolved = isResolved
        self.generatorURL = generatorURL
    }
}
