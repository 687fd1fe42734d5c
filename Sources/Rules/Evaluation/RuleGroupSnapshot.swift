/// A rule group's state after its last evaluation, for `/api/v1/rules`.
public struct RuleGroupSnapshot: Sendable {
    /// The group name.
    public var name: String
    /// The file the group was loaded from.
    public var file: String
    /// The evaluation interval in effect, ms.
    public var interval: Int64
    /// The per-rule limit on alerts or series (0: none).
    public var limit: Int
    /// The query offset in effect, ms.
    public var queryOffset: Int64
    /// The rules in order.
    public var rules: [RuleSnapshot]
    /// How long the last evaluation of the whole group took, in seconds.
    public var evaluationDuration: Double
    /// Wall-clock time (ms since the epoch) at which the last evaluation started; nil before the first.
    public var lastEvaluation: Int64?
    /// The scheduled slot time (ms) of the last evaluation; nil before the first.
    public var lastEvaluationTimestamp: Int64?

    /// Creates a snapshot.
    public init(
        name: String, file: String, interval: Int64, limit: Int, queryOffset: Int64, rules: [RuleSnapshot],
        evaluationDuration: Double = 0, lastEvaluation: Int64? = nil, lastEvaluationTimestamp: Int64? = nil
    ) {
        self.name = name
        self.file = file
        self.interval = interval
        self.limit = limit
        self.queryOffset = queryOffset
        self.rules = rules
        self.evaluationDuration = evaluationDuration
        self.lastEvaluation = lastEvaluation
        self.lastEvaluationTimestamp = lastEvaluationTimestamp
    }

    /// Prometheus's group key, `<file>;<name>` (the `rule_group` label of its metrics).
    public var key: String { RuleGroupSnapshot.key(file: file, name: name) }

    /// The group key of a file and group name.
    public static func key(file: String, name: String) -> String { file + ";" + name }
}
