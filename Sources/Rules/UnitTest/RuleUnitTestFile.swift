/// A `promtool test rules` unit-test file (Prometheus's format, `docs/configuration/unit_testing_rules.md`).
public struct RuleUnitTestFile: Sendable {
    /// Rule files (paths or globs) relative to the test file's directory.
    public var ruleFiles: [String]
    /// The interval the rule groups are evaluated at, ms (default 1m).
    public var evaluationInterval: Int64
    /// Whether promql_expr_test values may differ by one unit in the last place.
    public var fuzzyCompare: Bool
    /// Group names in the order they are evaluated (unlisted groups come first, in file order).
    public var groupEvalOrder: [String]
    /// The test groups.
    public var tests: [RuleUnitTestGroup]

    /// Creates a test file.
    public init(
        ruleFiles: [String] = [], evaluationInterval: Int64 = 60_000, fuzzyCompare: Bool = false,
        groupEvalOrder: [String] = [], tests: [RuleUnitTestGroup] = []
    ) {
        self.ruleFiles = ruleFiles
        self.evaluationInterval = evaluationInterval
        self.fuzzyCompare = fuzzyCompare
        self.groupEvalOrder = groupEvalOrder
        self.tests = tests
    }
}

/// One entry of `tests:`: input series and the checks made against them.
public struct RuleUnitTestGroup: Sendable {
    /// An input series in the expanding notation.
    public struct InputSeries: Sendable, Hashable {
        /// The series, e.g. `up{job="api"}`.
        public var series: String
        /// The values, e.g. `0+1x10 _ stale`.
        public var values: String
    }

    /// An expected alert: its labels (without `alertname`) and annotations.
    public struct ExpectedAlert: Sendable, Hashable {
        /// `exp_labels`.
        public var labels: [String: String]
        /// `exp_annotations`.
        public var annotations: [String: String]
    }

    /// An `alert_rule_test` entry.
    public struct AlertTest: Sendable, Hashable {
        /// `eval_time`, ms after the start.
        public var evalTime: Int64
        /// `alertname`.
        public var alertName: String
        /// `exp_alerts`: the firing alerts expected.
        public var expectedAlerts: [ExpectedAlert]
    }

    /// An expected sample of a `promql_expr_test`.
    public struct ExpectedSample: Sendable, Hashable {
        /// The series text (`''` = no labels).
        public var labels: String
        /// The value (0 when omitted).
        public var value: Double
        /// A native histogram expectation (`histogram:`), which leakwatch reports as unsupported.
        public var histogram: String?
    }

    /// A `promql_expr_test` entry.
    public struct ExpressionTest: Sendable, Hashable {
        /// The expression.
        public var expr: String
        /// `eval_time`, ms after the start.
        public var evalTime: Int64
        /// `exp_samples`.
        public var expectedSamples: [ExpectedSample]
    }

    /// `name` ("" when not given).
    public var name: String
    /// The spacing of the input samples, ms; nil means the file's evaluation interval.
    public var interval: Int64?
    /// `start_timestamp`, ms since the epoch (default 0).
    public var startTimestamp: Int64
    /// `external_labels`.
    public var externalLabels: [String: String]
    /// `external_url`.
    public var externalURL: String
    /// `input_series`.
    public var inputSeries: [InputSeries]
    /// `alert_rule_test`.
    public var alertTests: [AlertTest]
    /// `promql_expr_test`.
    public var expressionTests: [ExpressionTest]
}
