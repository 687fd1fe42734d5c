/// One step of the walk-through, reported as it happens.
public enum LeakDemoStep: Sendable, Hashable, CustomStringConvertible {
    /// leakwatch and the webhook receiver are listening.
    case started(leakwatchPort: Int, webhookURL: String)
    /// The synthetic service started exporting a leaking RSS gauge.
    case sendingMetrics
    /// `/api/v1/alerts` shows the alert pending (its `for` has not passed yet).
    case pending
    /// `/api/v1/alerts` shows the alert firing.
    case firing
    /// The receiver got a firing notification; the payload's first `summary` annotation.
    case webhookFiring(summary: String)
    /// The leak was fixed: the RSS stays flat from now on.
    case leakStopped
    /// The receiver got the resolved notification.
    case resolved

    /// The line `leakwatch demo` prints.
    public var description: String {
        switch self {
        case .started(let port, let url):
            "leakwatch listening on 127.0.0.1:\(port); webhook receiver at \(url)"
        case .sendingMetrics: "sending metrics…"
        case .pending: "alert pending"
        case .firing: "alert firing"
        case .webhookFiring(let summary): "webhook received: \(summary)"
        case .leakStopped: "leak fixed: RSS is flat now"
        case .resolved: "resolved"
        }
    }
}
