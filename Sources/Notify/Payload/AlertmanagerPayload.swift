import TimeSeries
/// Prometheus's `POST /api/v2/alerts` body (Alertmanager `postableAlerts`): a JSON array, each item written in the
/// order go-swagger's encoder uses (`annotations` when not empty, `endsAt`, `startsAt`, `generatorURL` when not
/// empty, `labels`), times as RFC 3339 with milliseconds in UTC.
public enum AlertmanagerPayload {
    /// Prometheus's default notification batch size.
    public static let batchSize = 256

    /// The alert's labels with each external label added where the alert lacks it; empty values are dropped.
    public static func labels(of alert: NotificationAlert, externalLabels: [String: String]) -> [String: String] {
        var labels = alert.labels
        for (name, value) in externalLabels where labels[name] == nil {
            labels[name] = value
        }
        return labels.filter { !$0.value.isEmpty }
    }

    /// The body for `alerts` (one batch; see `batches`).
    public static func body(_ alerts: [NotificationAlert], externalLabels: [String: String] = [:]) -> [UInt8] {
        var json = JSONWriter()
        json.raw("[")
        for (index, alert) in alerts.enumerated() {
            if index > 0 {
                json.raw(",")
            }
            json.raw("{")
            if !alert.annotations.isEmpty {
                json.key("annotations")
                json.object(alert.annotations)
                json.raw(",")
            }
            json.key("endsAt")
            json.string(GoTime.rfc3339Millis(milliseconds: alert.endsAt))
            json.raw(",")
            json.key("startsAt")
            json.string(GoTime.rfc3339Millis(milliseconds: alert.startsAt))
            json.raw(",")
            if !alert.generatorURL.isEmpty {
                json.key("generatorURL")
                json.string(alert.generatorURL)
                json.raw(",")
            }
            json.key("labels")
            json.object(labels(of: alert, externalLabels: externalLabels))
            json.raw("}")
        }
        json.raw("]")
        return json.bytes
    }

    /// `alerts` split into consecutive batches of at most `size` (order kept).
    public static func batches(_ alerts: [NotificationAlert], size: Int = batchSize) -> [[NotificationAlert]] {
        let size = max(1, size)
        return stride(from: 0, to: alerts.count, by: size).map { Array(alerts[$0..<min($0 + size, alerts.count)]) }
    }
}
