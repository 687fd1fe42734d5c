/// What one evaluation of a rule group did.
public struct GroupEvaluationResult: Sendable {
    /// A rule whose evaluation, or the storing of whose results, failed.
    public struct Failure: Sendable, Hashable {
        /// The rule's position in the group.
        public var ruleIndex: Int
        /// The alert or record name.
        public var ruleName: String
        /// The error message (also the rule's `lastError`).
        public var message: String

        /// Creates a failure.
        public init(ruleIndex: Int, ruleName: String, message: String) {
            self.ruleIndex = ruleIndex
            self.ruleName = ruleName
            self.message = message
        }
    }

    /// The scheduled slot time evaluated, ms.
    public var timestamp: Int64
    /// How long the evaluation took, in seconds.
    public var duration: Double
    /// The number of rules evaluated.
    public var ruleEvaluations: Int
    /// The rules that failed, in order.
    public var failures: [Failure]
    /// The result samples successful rules produced (`ALERTS` and `ALERTS_FOR_STATE` included; markers excluded).
    public var samples: Int
    /// Alerts due to be sent, per alerting rule, in rule order; rules with nothing to send are left out.
    public var notifications: [AlertNotification]

    /// Creates a result.
    public init(
        timestamp: Int64, duration: Double = 0, ruleEvaluations: Int = 0, failures: [Failure] = [], samples: Int = 0,
        notifications: [AlertNotification] = []
    ) {
        self.timestamp = timestamp
        self.duration = duration
        self.ruleEvaluations = ruleEvaluations
        self.failures = failures
        self.samples = samples
        self.notifications = notifications
    }
}
