import Foundation
import TimeSeries

/// The knobs of `leakwatch demo`: how fast the synthetic service leaks and how compressed the rule's windows are.
///
/// The defaults make the walk-through take about a minute: a 30 s `deriv` window, `for: 10s`, evaluation every
/// second, a sample every 500 ms and a leak of 100 kB/s against a threshold of 10 kB/s.
public struct LeakDemoSettings: Sendable, Hashable {
    /// Milliseconds between two OTLP exports of the synthetic service.
    public var sendIntervalMilliseconds: Int64 = 500
    /// How fast the synthetic RSS grows while leaking, bytes per second.
    public var leakBytesPerSecond: Double = 100_000
    /// The alert threshold on `deriv(...)`, bytes per second.
    public var thresholdBytesPerSecond: Double = 10_000
    /// The range of the `deriv` window, ms.
    public var windowMilliseconds: Int64 = 30_000
    /// The rule's `for` duration, ms.
    public var forMilliseconds: Int64 = 10_000
    /// The rule group's evaluation interval, ms.
    public var evaluationIntervalMilliseconds: Int64 = 1_000
    /// The webhook receiver's `group_wait` and `group_interval`, ms.
    public var groupWaitMilliseconds: Int64 = 500
    /// The whole walk-through must finish within this many ms, or the demo fails.
    public var timeoutMilliseconds: Int64 = 120_000
    /// The leak starts at this RSS, bytes.
    public var baseRSSBytes: Double = 50_000_000

    /// The defaults.
    public init() {}

    /// The time-compressed alerting rule the demo loads, in rule-file YAML.
    public var ruleFile: String {
        """
        groups:
          - name: leaky-service-demo
            interval: \(LeakDemoSettings.duration(evaluationIntervalMilliseconds))
            rules:
              - alert: PythonMemoryLeak
                expr: \(ruleExpression)
                for: \(LeakDemoSettings.duration(forMilliseconds))
                labels:
                  severity: warning
                annotations:
                  summary: "{{ $labels.job }} RSS is growing at {{ $value | humanize }}B/s"

        """
    }

    /// The rule's PromQL expression.
    public var ruleExpression: String {
        "deriv(\(LeakDemo.metricName)[\(LeakDemoSettings.duration(windowMilliseconds))]) > "
            + LeakDemoSettings.number(thresholdBytesPerSecond)
    }

    /// Milliseconds of a Prometheus duration (`500ms`, `30s`, `1m30s`), nil when `text` is not one.
    public static func parseDuration(_ text: String) -> Int64? {
        try? PrometheusDuration.parse(text)
    }

    /// A Prometheus duration for `milliseconds` (`1500ms`, `30s`).
    static func duration(_ milliseconds: Int64) -> String {
        milliseconds % 1_000 == 0 ? "\(milliseconds / 1_000)s" : "\(milliseconds)ms"
    }

    /// A PromQL number literal without a needless fraction.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
