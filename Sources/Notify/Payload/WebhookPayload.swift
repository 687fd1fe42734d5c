import TimeSeries
/// The Alertmanager webhook message, version "4", byte for byte as Alertmanager's Go encoder writes it: fields in
/// Alertmanager's struct order, label and annotation maps with sorted keys, `<`, `>`, `&` escaped, times as Go
/// `time.Time` in UTC, a final newline.
public struct WebhookPayload: Sendable, Hashable {
    /// One entry of `alerts[]`.
    public struct Alert: Sendable, Hashable {
        /// Whether it is resolved (`status: "resolved"`).
        public var isResolved: Bool
        /// Labels (empty values removed, as Alertmanager's API does).
        public var labels: [String: String]
        /// Annotations.
        public var annotations: [String: String]
        /// Start, ms.
        public var startsAt: Int64
        /// End, ms; written as Go's zero time while firing.
        public var endsAt: Int64
        /// The generator link.
        public var generatorURL: String
        /// FNV-1a 64 of the labels.
        public var fingerprint: UInt64
    }

    /// The receiver name as sent (`regexp.QuoteMeta`'d).
    public var receiver: String
    /// The alerts, sorted by `job`, `instance`, then the label set, after `max_alerts` truncation.
    public var alerts: [Alert]
    /// The group's `group_by` label values.
    public var groupLabels: [String: String]
    /// Labels equal on every alert.
    public var commonLabels: [String: String]
    /// Annotations equal on every alert.
    public var commonAnnotations: [String: String]
    /// The backlink written as `externalURL`.
    public var externalURL: String
    /// The group key (`{}:{alertname="X"}`).
    public var groupKey: String
    /// How many alerts `max_alerts` dropped.
    public var truncatedAlerts: Int
    /// Why the group is notified (`notification_reason`); omitted when nil.
    public var reason: NotificationReason?

    /// Builds a message: an alert is resolved when `isResolved` is set or its `endsAt` (when positive) is not later
    /// than `now`; alerts are sorted as Alertmanager sorts them and truncated to `maxAlerts` (0 = no limit).
    public init(
        receiver: String, groupKey: String, groupLabels: [String: String], alerts: [NotificationAlert], now: Int64,
        externalURL: String, maxAlerts: Int = 0, reason: NotificationReason? = nil
    ) {
        var converted = alerts.map { alert in
            let labels = alert.labels.filter { !$0.value.isEmpty }
            let resolved = alert.isResolved || (alert.endsAt > 0 && alert.endsAt <= now)
            return Alert(
                isResolved: resolved, labels: labels, annotations: alert.annotations, startsAt: alert.startsAt,
                endsAt: resolved && alert.endsAt <= 0 ? now : alert.endsAt, generatorURL: alert.generatorURL,
                fingerprint: AlertFingerprint.of(labels))
        }
        converted.sort { AlertOrder.less($0.labels, $1.labels) }
        var truncated = 0
        if maxAlerts > 0 && converted.count > maxAlerts {
            truncated = converted.count - maxAlerts
            converted.removeLast(truncated)
        }
        self.receiver = GoText.quoteMeta(receiver)
        self.alerts = converted
        self.groupLabels = groupLabels
        self.commonLabels = Self.common(converted.map(\.labels))
        self.commonAnnotations = Self.common(converted.map(\.annotations))
        self.externalURL = externalURL
        self.groupKey = groupKey
        self.truncatedAlerts = truncated
        self.reason = reason
    }

    /// `firing` when at least one alert fires, otherwise `resolved`.
    public var status: String {
        alerts.contains { !$0.isResolved } ? "firing" : "resolved"
    }

    /// The request body.
    public func body() -> [UInt8] {
        var json = JSONWriter()
        json.raw("{")
        json.key("receiver")
        json.string(receiver)
        json.raw(",")
        json.key("status")
        json.string(status)
        json.raw(",")
        json.key("alerts")
        json.raw("[")
        for (index, alert) in alerts.enumerated() {
            if index > 0 {
                json.raw(",")
            }
            Self.write(alert, to: &json)
        }
        json.raw("],")
        json.key("groupLabels")
        json.object(groupLabels)
        json.raw(",")
        json.key("commonLabels")
        json.object(commonLabels)
        json.raw(",")
        json.key("commonAnnotations")
        json.object(commonAnnotations)
        json.raw(",")
        json.key("externalURL")
        json.string(externalURL)
        json.raw(",")
        json.key("version")
        json.string("4")
        json.raw(",")
        json.key("groupKey")
        json.string(groupKey)
        json.raw(",")
        json.key("truncatedAlerts")
        json.number(truncatedAlerts)
        if let reason {
            json.raw(",")
            json.key("notification_reason")
            json.string(reason.rawValue)
        }
        json.raw("}\n")
        return json.bytes
    }

    private static func write(_ alert: Alert, to json: inout JSONWriter) {
        json.raw("{")
        json.key("status")
        json.string(alert.isResolved ? "resolved" : "firing")
        json.raw(",")
        json.key("labels")
        json.object(alert.labels)
        json.raw(",")
        json.key("annotations")
        json.object(alert.annotations)
        json.raw(",")
        json.key("startsAt")
        json.string(GoTime.rfc3339Nano(milliseconds: alert.startsAt))
        json.raw(",")
        json.key("endsAt")
        json.string(alert.isResolved ? GoTime.rfc3339Nano(milliseconds: alert.endsAt) : GoTime.zeroTime)
        json.raw(",")
        json.key("generatorURL")
        json.string(alert.generatorURL)
        json.raw(",")
        json.key("fingerprint")
        json.string(AlertFingerprint.text(alert.fingerprint))
        json.raw("}")
    }

    /// The name/value pairs present with the same value in every map.
    private static func common(_ maps: [[String: String]]) -> [String: String] {
        guard var result = maps.first else {
            return [:]
        }
        for map in maps.dropFirst() {
            result = result.filter { map[$0.key] == $0.value }
        }
        return result
    }
}
