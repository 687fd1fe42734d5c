/// A rule's state after its last evaluation, for `/api/v1/rules`, `/api/v1/alerts` and `test rules`.
public struct RuleSnapshot: Sendable {
    /// The rule as loaded.
    public var rule: Rule
    /// The group's labels merged with the rule's (the rule's win); alert label values are still templates.
    public var labels: [String: String]
    /// How the last evaluation went.
    public var health: RuleHealth
    /// Why the last evaluation failed, nil when it did not.
    public var lastError: String?
    /// Wall-clock time (ms since the epoch) at which the last evaluation started; nil before the first.
    public var lastEvaluation: Int64?
    /// How long the last evaluation took, in seconds.
    public var evaluationDuration: Double
    /// Whether `for` state has been restored, so `ALERTS` / `ALERTS_FOR_STATE` are written (always true for
    /// recording rules).
    public var restored: Bool
    /// Every alert the rule keeps, resolved ones included, sorted by labels (empty for recording rules).
    public var alerts: [Alert]
    /// For an alerting rule, the highest state of its alerts (`inactive` without alerts, `unknown` before the first
    /// evaluation); `unknown` for a recording rule.
    public var state: AlertState

    /// Creates a snapshot.
    public init(
        rule: Rule, labels: [String: String], health: RuleHealth = .unknown, lastError: String? = nil,
        lastEvaluation: Int64? = nil, evaluationDuration: Double = 0, restored: Bool = true, alerts: [Alert] = [],
        state: AlertState = .unknown
    ) {
        self.rule = rule
        self.labels = labels
        self.health = health
        self.lastError = lastError
        self.lastEvaluation = lastEvaluation
        self.evaluationDuration = evaluationDuration
        self.restored = restored
        self.alerts = alerts
        self.state = state
    }

    /// The alerts that are not resolved (pending or firing), as Prometheus's `ActiveAlerts` lists them.
    public var activeAlerts: [Alert] { alerts.filter { $0.resolvedAt == nil } }

    /// The firing alerts (what `test rules` compares against `exp_alerts`).
    public var firingAlerts: [Alert] { alerts.filter { $0.state == .firing } }
}
