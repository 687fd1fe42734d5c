/// Counters and gauges of one rule group, for `/metrics` (Prometheus's `prometheus_rule_*` families, labelled
/// `rule_group="<file>;<name>"`).
public struct RuleGroupMetrics: Sendable, Hashable {
    /// The file the group came from.
    public var file: String
    /// The group name.
    public var group: String
    /// The evaluation interval, ms (`rule_group_interval_seconds`).
    public var interval: Int64
    /// The number of rules (`rule_group_rules`).
    public var rules: Int
    /// Scheduled evaluations, run or missed (`rule_group_iterations_total`).
    public var iterations: Int = 0
    /// Evaluations skipped because the previous one ran past its slot (`rule_group_iterations_missed_total`).
    public var missedIterations: Int = 0
    /// Rule evaluations (`rule_evaluations_total`).
    public var ruleEvaluations: Int = 0
    /// Failed rule evaluations (`rule_evaluation_failures_total`).
    public var ruleEvaluationFailures: Int = 0
    /// Seconds the last group evaluation took (`rule_group_last_duration_seconds`).
    public var lastDuration: Double = 0
    /// Wall-clock start of the last evaluation, ms (`rule_group_last_evaluation_timestamp_seconds`).
    public var lastEvaluation: Int64?
    /// Samples the last evaluation produced (`rule_group_last_evaluation_samples`).
    public var lastSamples: Int = 0

    /// Creates metrics with zero counts.
    public init(file: String, group: String, interval: Int64, rules: Int) {
        self.file = file
        self.group = group
        self.interval = interval
        self.rules = rules
    }

    /// Prometheus's `rule_group` label value, `<file>;<name>`.
    public var key: String { RuleGroupSnapshot.key(file: file, name: group) }
}
