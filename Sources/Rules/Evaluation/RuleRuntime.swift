import TimeSeries

/// The mutable state of one rule inside a `RuleGroupEvaluator`.
struct RuleRuntime {
    /// The rule as loaded.
    let rule: Rule
    /// The group's labels merged with the rule's (the rule's win), as written.
    let labels: [String: String]
    /// `labels` sorted by name, the order they are applied in.
    let sortedLabels: [(name: String, value: String)]
    var health = RuleHealth.unknown
    var lastError: String?
    /// Wall-clock start of the last evaluation (ms).
    var lastEvaluation: Int64?
    /// Seconds the last evaluation took.
    var evaluationDuration = 0.0
    /// Whether `ALERTS` / `ALERTS_FOR_STATE` are written (always true for recording rules).
    var restored: Bool
    /// The alerts of an alerting rule by their labels, resolved ones included.
    var active: [Labels: Alert] = [:]
    /// The series the rule wrote at its last successful evaluation (they get staleness markers when they vanish).
    var previousSeries: Set<Labels> = []

    init(rule: Rule, groupLabels: [String: String], restored: Bool) {
        self.rule = rule
        let own: [String: String]
        switch rule {
        case .alerting(let alerting):
            own = alerting.labels
            self.restored = restored
        case .recording(let recording):
            own = recording.labels
            self.restored = true
        }
        labels = groupLabels.merging(own) { _, rule in rule }
        sortedLabels = labels.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    /// What Prometheus matches rules by when state is copied over a reload: the name and the merged labels.
    var identity: RuleIdentity { RuleIdentity(name: rule.name, labels: labels) }

    /// The highest state of the alerts, `unknown` before the first evaluation.
    var state: AlertState {
        guard lastEvaluation != nil else { return .unknown }
        return active.values.reduce(AlertState.inactive) { max($0, $1.state) }
    }
}

/// A rule's name and merged labels.
struct RuleIdentity: Hashable, Sendable {
    let name: String
    let labels: [String: String]
}
