/// Turns the alerts the rule engine wants sent to an `alertmanager` receiver (the engine already applies
/// Prometheus's resend timing) into `POST <url>/api/v2/alerts` requests of at most `batchSize` alerts each.
public struct AlertmanagerBatcher: Sendable {
    /// The receiver.
    public let receiver: ReceiverConfig
    /// leakwatch's version, for `User-Agent`.
    public let version: String
    /// Labels added to each alert that lacks them.
    public let externalLabels: [String: String]
    /// The most alerts per request.
    public let batchSize: Int

    /// A batcher for an `alertmanager` receiver.
    public init(
        receiver: ReceiverConfig, version: String, externalLabels: [String: String] = [:],
        batchSize: Int = AlertmanagerPayload.batchSize
    ) {
        self.receiver = receiver
        self.version = version
        self.externalLabels = externalLabels
        self.batchSize = max(1, batchSize)
    }

    /// The endpoint: the receiver URL without trailing slashes, plus `/api/v2/alerts`.
    public var endpoint: String {
        var base = receiver.url
        while base.hasSuffix("/") {
            base.removeLast()
        }
        return base + "/api/v2/alerts"
    }

    /// The requests for `alerts` (those matching the receiver's `match`), created at `now` (ms).
    public func prepare(_ alerts: [NotificationAlert], now: Int64) -> [PreparedNotification] {
        let matching = alerts.filter { receiver.matches($0.labels) }
        return AlertmanagerPayload.batches(matching, size: batchSize).enumerated().map { index, batch in
            let body = AlertmanagerPayload.body(batch, externalLabels: externalLabels)
            let key = Digest.hex(
                Digest.sha256(
                    Array(
                        [receiver.name, String(now), String(index), Digest.hex(Digest.sha256(body))]
                            .joined(separator: "\u{0}").utf8)))
            return PreparedNotification(
                receiver: receiver.name, idempotencyKey: key, createdAt: now, url: endpoint,
                headers: NotificationHeaders.build(
                    receiver: receiver, version: version, body: body, idempotencyKey: key, createdAt: now),
                body: body)
        }
    }
}
