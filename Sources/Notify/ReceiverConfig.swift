/// One configured notification receiver (`receivers:` in the config).
public struct ReceiverConfig: Sendable, Hashable {
    /// What the receiver speaks.
    public enum Kind: String, Sendable, Hashable {
        /// Alertmanager's webhook v4 JSON, grouped like Alertmanager does.
        case webhook
        /// Prometheus's `POST /api/v2/alerts` to an Alertmanager.
        case alertmanager
    }

    /// How requests authenticate.
    public enum Authentication: Sendable, Hashable {
        /// `Authorization: Bearer <token>`.
        case bearer(String)
        /// `Authorization: Basic base64(user:password)`.
        case basic(username: String, password: String)
    }

    /// The unique receiver name.
    public var name: String
    /// webhook or alertmanager.
    public var kind: Kind
    /// The URL posted to (for `alertmanager`, the Alertmanager base URL; `/api/v2/alerts` is appended).
    public var url: String
    /// Only alerts with all these label values go to this receiver (empty: every alert).
    public var match: [String: String] = [:]
    /// Labels that split alerts into notification groups (webhook; default `[alertname]`).
    public var groupBy: [String] = ["alertname"]
    /// How long a new group waits before its first notification, ms (default 30s).
    public var groupWait: Int64 = 30_000
    /// How long to wait before notifying about changes to a group already notified, ms (default 5m).
    public var groupInterval: Int64 = 300_000
    /// How long before an unchanged firing group is notified again, ms (default 4h).
    public var repeatInterval: Int64 = 14_400_000
    /// Whether resolved alerts are notified (default true).
    public var sendResolved = true
    /// The most alerts in one notification; 0 = no limit (the rest are counted in `truncatedAlerts`).
    public var maxAlerts = 0
    /// Extra HTTP headers.
    public var headers: [String: String] = [:]
    /// Authentication, if any.
    public var authentication: Authentication?
    /// When set, each request carries `X-Leakwatch-Signature: sha256=<hex HMAC-SHA256 over the exact body>` and
    /// `X-Leakwatch-Timestamp`.
    public var hmacSecret: String?
    /// Per-request timeout, ms (default 10s).
    public var timeout: Int64 = 10_000
    /// How long a notification is retried before it is dead-lettered, ms (default 24h).
    public var maxRetryDuration: Int64 = 86_400_000

    /// Creates a receiver with the defaults.
    public init(name: String, kind: Kind, url: String) {
        self.name = name
        self.kind = kind
        self.url = url
    }
}
