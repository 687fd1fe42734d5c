/// Groups one webhook receiver's alerts and decides when to notify, like Alertmanager's dispatcher and dedup stage,
/// without threads or timers: feed it alerts with `receive(_:now:)` after each rule evaluation and ask `due(now:)`
/// for the notifications to store and send (call it again at `nextDue` or on a regular tick).
///
/// - Alerts not matching the receiver's `match` labels are ignored.
/// - Alerts are grouped by the values of the `group_by` labels (`...` groups by all labels).
/// - A new group is flushed `group_wait` after it was created (at once when an alert in a group not yet flushed
///   started more than `group_wait` ago), then every `group_interval`.
/// - A flush notifies when it is the first notification with firing alerts, when alerts fire that were not in the
///   last message, when every alert resolved after a message with firing alerts, when (with `send_resolved`) alerts
///   resolved since the last message, or when `repeat_interval` passed since the last message. With
///   `send_resolved: false` resolved alerts are left out of messages, and a message with only resolved alerts is not
///   sent (the group's state still records it).
/// - Resolved alerts leave the group after the flush that saw them; an empty group is removed.
/// - At most `maxGroups` groups and `maxAlertsPerGroup` alerts per group are kept: the oldest group or alert is
///   dropped and counted in `droppedGroups` / `droppedAlerts`.
public struct NotificationGrouper: Sendable {
    /// The receiver.
    public let receiver: ReceiverConfig
    /// Written as `externalURL`.
    public let externalURL: String
    /// leakwatch's version, for `User-Agent`.
    public let version: String
    /// The most groups kept.
    public let maxGroups: Int
    /// The most alerts kept per group.
    public let maxAlertsPerGroup: Int
    /// Groups dropped because there were more than `maxGroups`.
    public private(set) var droppedGroups = 0
    /// Alerts dropped because a group was full or dropped.
    public private(set) var droppedAlerts = 0

    private var groups: [String: AlertGroup] = [:]
    private var sequence: UInt64 = 0
    /// Notification logs from before a restart, by group key, taken by the group when it is created again.
    private var restoredLogs: [String: NotificationLogEntry] = [:]
    /// Logs written by flushes since `takeChangedLogs()`.
    private var changedLogs: [String: NotificationLogEntry] = [:]

    /// A grouper for a `webhook` receiver.
    public init(
        receiver: ReceiverConfig, externalURL: String, version: String, maxGroups: Int = 10_000,
        maxAlertsPerGroup: Int = 10_000
    ) {
        self.receiver = receiver
        self.externalURL = externalURL
        self.version = version
        self.maxGroups = max(1, maxGroups)
        self.maxAlertsPerGroup = max(1, maxAlertsPerGroup)
    }

    /// How many groups exist.
    public var groupCount: Int {
        groups.count
    }

    /// The group keys, sorted.
    public var groupKeys: [String] {
        groups.keys.sorted(by: GoText.bytewiseLess)
    }

    /// The earliest time a group is due, or nil when there are no groups.
    public var nextDue: Int64? {
        groups.values.map(\.nextFlush).min()
    }

    /// The route key: `{}` for a receiver without `match`, `{}/{name="value",…}` with one.
    public var routeKey: String {
        receiver.match.isEmpty ? "{}" : "{}/" + GoText.equalityMatchers(receiver.match)
    }

    /// Takes notification logs saved before a restart: a group created again with the same key starts from its log,
    /// so alerts it already announced are not announced again before `repeat_interval` (as Alertmanager does with
    /// its notification log). At most `maxGroups` are kept.
    public mutating func restore(_ logs: [String: NotificationLogEntry]) {
        restoredLogs = Dictionary(
            uniqueKeysWithValues: logs.sorted { $0.value.at > $1.value.at }.prefix(maxGroups).map { ($0.key, $0.value) }
        )
    }

    /// The notification logs flushes wrote since the last call, by group key, to be saved.
    public mutating func takeChangedLogs() -> [String: NotificationLogEntry] {
        defer { changedLogs = [:] }
        return changedLogs
    }

    /// Adds or updates alerts (firing and resolved) at `now`, ms.
    public mutating func receive(_ alerts: [NotificationAlert], now: Int64) {
        for alert in alerts where receiver.matches(alert.labels) {
            insert(alert, now: now)
        }
    }

    private mutating func insert(_ incoming: NotificationAlert, now: Int64) {
        var alert = incoming
        alert.labels = alert.labels.filter { !$0.value.isEmpty }
        let fingerprint = AlertFingerprint.of(alert.labels)
        let labels = groupLabels(of: alert.labels)
        let key = routeKey + ":" + GoText.labelSet(labels)
        let resolved = alert.isResolved || (alert.endsAt > 0 && alert.endsAt <= now)
        sequence += 1
        if groups[key] == nil {
            if resolved {
                return  // Nothing was notified about it: Alertmanager would never send such a group.
            }
            if groups.count >= maxGroups, let oldest = groups.values.min(by: { $0.sequence < $1.sequence }) {
                groups[oldest.key] = nil
                droppedGroups += 1
                droppedAlerts += oldest.alerts.count
            }
            var group = AlertGroup(
                key: key, labels: labels, createdAt: now, sequence: sequence, nextFlush: now + receiver.groupWait)
            if let log = restoredLogs.removeValue(forKey: key) {
                group.log = AlertGroup.Log(firing: log.firing, resolved: log.resolved, at: log.at)
            }
            groups[key] = group
        }
        guard var group = groups[key] else {
            return
        }
        if var existing = group.alerts[fingerprint] {
            existing.alert.startsAt = min(existing.alert.startsAt, alert.startsAt)
            alert.startsAt = existing.alert.startsAt
            existing.alert = alert
            group.alerts[fingerprint] = existing
        } else {
            if group.alerts.count >= maxAlertsPerGroup,
                let oldest = group.alerts.min(by: { $0.value.sequence < $1.value.sequence })
            {
                group.alerts[oldest.key] = nil
                droppedAlerts += 1
            }
            group.alerts[fingerprint] = AlertGroup.Member(alert: alert, sequence: sequence)
        }
        if !group.hasFlushed && alert.startsAt + receiver.groupWait < now {
            group.nextFlush = min(group.nextFlush, now)
        }
        groups[key] = group
    }

    /// The group labels: the `group_by` labels the alert has, or all labels for `...`.
    private func groupLabels(of labels: [String: String]) -> [String: String] {
        if receiver.groupBy.contains("...") {
            return labels
        }
        var result: [String: String] = [:]
        for name in receiver.groupBy {
            if let value = labels[name] {
                result[name] = value
            }
        }
        return result
    }

    /// Flushes every group due at `now` (ms) and returns the notifications to send, in due order.
    public mutating func due(now: Int64) -> [PreparedNotification] {
        let dueGroups = groups.values.filter { $0.nextFlush <= now }.sorted {
            ($0.nextFlush, $0.sequence) < ($1.nextFlush, $1.sequence)
        }
        var notifications: [PreparedNotification] = []
        for var group in dueGroups {
            if let notification = flush(&group, now: now) {
                notifications.append(notification)
            }
            groups[group.key] = group.alerts.isEmpty ? nil : group
        }
        return notifications
    }

    private mutating func flush(_ group: inout AlertGroup, now: Int64) -> PreparedNotification? {
        group.hasFlushed = true
        group.nextFlush = now + max(1, receiver.groupInterval)
        var firing = Set<UInt64>()
        var resolved = Set<UInt64>()
        for (fingerprint, member) in group.alerts {
            let alert = member.alert
            if alert.isResolved || (alert.endsAt > 0 && alert.endsAt <= now) {
                resolved.insert(fingerprint)
            } else {
                firing.insert(fingerprint)
            }
        }
        let reason = notificationReason(group.log, firing: firing, resolved: resolved, now: now)
        let members = group.alerts
        group.alerts = group.alerts.filter { !resolved.contains($0.key) }
        guard let reason else {
            return nil
        }
        group.log = AlertGroup.Log(firing: firing, resolved: resolved, at: now)
        changedLogs[group.key] = NotificationLogEntry(firing: firing, resolved: resolved, at: now)
        let sent = members.filter { receiver.sendResolved || firing.contains($0.key) }
        guard !sent.isEmpty else {
            return nil
        }
        group.notifications += 1
        let payload = WebhookPayload(
            receiver: receiver.name, groupKey: group.key, groupLabels: group.labels, alerts: sent.values.map(\.alert),
            now: now, externalURL: externalURL, maxAlerts: receiver.maxAlerts, reason: reason)
        let body = payload.body()
        let key = Digest.hex(
            Digest.sha256(
                Array(
                    [receiver.name, group.key, String(group.createdAt), String(group.notifications), String(now)]
                        .joined(separator: "\u{0}").utf8)))
        return PreparedNotification(
            receiver: receiver.name, idempotencyKey: key, createdAt: now, url: receiver.url,
            headers: NotificationHeaders.build(
                receiver: receiver, version: version, body: body, idempotencyKey: key, createdAt: now),
            body: body)
    }

    /// Alertmanager's `needsUpdate`, with the reason; nil when nothing needs sending.
    private func notificationReason(
        _ log: AlertGroup.Log?, firing: Set<UInt64>, resolved: Set<UInt64>, now: Int64
    ) -> NotificationReason? {
        guard let log else {
            return firing.isEmpty ? nil : .firstNotification
        }
        if !firing.isSubset(of: log.firing) {
            return log.firing.isEmpty ? .firstNotification : .newAlertsAdded
        }
        if firing.isEmpty {
            return log.firing.isEmpty ? nil : .allAlertsResolved
        }
        if receiver.sendResolved && !resolved.isSubset(of: log.resolved) {
            return .someAlertsResolved
        }
        return log.at + receiver.repeatInterval <= now ? .repeatIntervalElapsed : nil
    }
}
