import Foundation
public import GoTemplate
public import Logging
public import PromQL
public import TimeSeries

/// Everything rule evaluation needs from outside: how to query, where results go, how templates expand, and the
/// server-wide settings (Prometheus's `ManagerOptions` and flags).
///
/// Durations and times are milliseconds.
public struct RuleEvaluationEnvironment: Sendable {
    /// Runs an instant query of a parsed expression at a time (ms). `serve` and `test rules` pass
    /// `Engine.instantQuery(_:at:)`.
    public var query: @Sendable (_ expr: Expr, _ time: Int64) throws -> QueryValue
    /// Receives recording-rule results, `ALERTS` / `ALERTS_FOR_STATE` samples and staleness markers.
    public var appender: any SampleAppender
    /// Expands one alert label or annotation template.
    ///
    /// `text` is the template as written in the rule file (without Prometheus's `$labels`/`$value`/… prelude, which
    /// the expander adds); `name` is the alerting rule's name (Prometheus names the template `__alert_<name>`). A
    /// failure must come back as `<error expanding template: …>` (the evaluator logs such results).
    public var expandTemplate: @Sendable (_ text: String, _ name: String, _ context: AlertTemplateContext) -> String
    /// The server's external labels (`$externalLabels` in templates).
    public var externalLabels: [String: String]
    /// The server's external URL (`$externalURL` in templates).
    public var externalURL: String
    /// Where evaluation failures and template errors are logged.
    public var logger: Logger
    /// The interval of groups that set none (the global `evaluation_interval`, 1m).
    public var defaultInterval: Int64
    /// The query offset of groups that set none (the global `rule_query_offset`, 0).
    public var defaultQueryOffset: Int64
    /// How far back `for` state is restored from `ALERTS_FOR_STATE` (`--rules.alert.for-outage-tolerance`, 1h).
    public var outageTolerance: Int64
    /// The least time a restored alert still waits before firing (`--rules.alert.for-grace-period`, 10m).
    public var forGracePeriod: Int64
    /// How long a firing alert is not handed out again after being sent (`--rules.alert.resend-delay`, 1m).
    public var resendDelay: Int64
    /// The wall clock (ms since the epoch) recorded as the last evaluation time of rules and groups.
    public var now: @Sendable () -> Int64

    /// Creates an environment with Prometheus's defaults for the settings.
    public init(
        query: @escaping @Sendable (_ expr: Expr, _ time: Int64) throws -> QueryValue,
        appender: any SampleAppender,
        expandTemplate: @escaping @Sendable (_ text: String, _ name: String, _ context: AlertTemplateContext) -> String,
        externalLabels: [String: String] = [:],
        externalURL: String = "",
        logger: Logger = Logger(label: "leakwatch.rules"),
        defaultInterval: Int64 = 60_000,
        defaultQueryOffset: Int64 = 0,
        outageTolerance: Int64 = 3_600_000,
        forGracePeriod: Int64 = 600_000,
        resendDelay: Int64 = 60_000,
        now: @escaping @Sendable () -> Int64 = RuleEvaluationEnvironment.systemTime
    ) {
        self.query = query
        self.appender = appender
        self.expandTemplate = expandTemplate
        self.externalLabels = externalLabels
        self.externalURL = externalURL
        self.logger = logger
        self.defaultInterval = defaultInterval
        self.defaultQueryOffset = defaultQueryOffset
        self.outageTolerance = outageTolerance
        self.forGracePeriod = forGracePeriod
        self.resendDelay = resendDelay
        self.now = now
    }

    /// The system's wall clock in milliseconds since the Unix epoch.
    @Sendable public static func systemTime() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
