import Dispatch
import Foundation
import Logging
import Notify
import PromQL
import Rules
import Synchronization
import TimeSeries

/// Turns the alerts the rule engine hands over into notifications for every configured receiver: grouped for webhook
/// receivers (Alertmanager's group_wait / group_interval / repeat_interval), batched for Alertmanager receivers, written
/// to the durable outbox, and delivered by one `DeliveryWorker` per receiver with retries.
///
/// `handle(_:)` is called on rule-group threads and only takes a short lock: a slow or dead receiver never blocks rule
/// evaluation or other receivers.
final class NotifierService: Sendable {
    private struct State {
        var groupers: [String: NotificationGrouper] = [:]
        var started = false
        var stopped = false
    }

    private let receivers: [ReceiverConfig]
    private let externalURL: String
    private let externalLabels: [String: String]
    private let logger: Logger
    private let workers: [String: DeliveryWorker]
    private let batchers: [String: AlertmanagerBatcher]
    private let state: Mutex<State>
    private let wakeup = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let now: @Sendable () -> Int64
    private let logStore: (any NotificationLogStore)?

    /// Creates the service; nothing runs until `start()`.
    ///
    /// - Parameter logStore: where webhook groups' notification logs are saved after each flush and read back here,
    ///   so a restart does not announce alerts that are still firing again (nil: kept in memory only).
    init(
        receivers: [ReceiverConfig], outbox: any NotificationOutbox, externalURL: String,
        externalLabels: [String: String], logger: Logger, sender: any NotificationSender = URLSessionSender(),
        logStore: (any NotificationLogStore)? = nil, now: @escaping @Sendable () -> Int64 = DeliveryWorker.wallClock
    ) {
        self.receivers = receivers
        self.externalURL = externalURL
        self.externalLabels = externalLabels
        self.logger = logger
        self.now = now
        self.logStore = logStore
        var workers: [String: DeliveryWorker] = [:]
        var batchers: [String: AlertmanagerBatcher] = [:]
        var groupers: [String: NotificationGrouper] = [:]
        for receiver in receivers {
            workers[receiver.name] = DeliveryWorker(config: receiver, outbox: outbox, sender: sender, logger: logger)
            switch receiver.kind {
            case .webhook:
                var grouper = NotificationGrouper(
                    receiver: receiver, externalURL: externalURL, version: LeakwatchVersion.current)
                do {
                    if let logs = try logStore?.notificationLogs(receiver: receiver.name), !logs.isEmpty {
                        grouper.restore(logs)
                        logger.info(
                            "notification log restored",
                            metadata: ["receiver": "\(receiver.name)", "groups": "\(logs.count)"])
                    }
                } catch {
                    logger.error(
                        "notification log not read; firing alerts may be announced again",
                        metadata: ["receiver": "\(receiver.name)", "error": "\(error)"])
                }
                groupers[receiver.name] = grouper
            case .alertmanager:
                batchers[receiver.name] = AlertmanagerBatcher(
                    receiver: receiver, version: LeakwatchVersion.current, externalLabels: externalLabels)
            }
        }
        self.workers = workers
        self.batchers = batchers
        state = Mutex(State(groupers: groupers))
    }

    /// Starts the delivery workers (they first send what the outbox still holds from before a restart) and the
    /// grouping timer.
    func start() {
        let first = state.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started && !state.stopped
        }
        guard first else { return }
        for worker in workers.values { worker.start() }
        guard !receivers.isEmpty else { return }
        logger.info(
            "notifications enabled",
            metadata: ["receivers": "\(receivers.map { "\($0.name) (\($0.kind.rawValue))" }.joined(separator: ", "))"])
        let thread = Thread { [self] in
            runGrouping()
            finished.signal()
        }
        thread.name = "leakwatch-notify-groups"
        thread.start()
    }

    /// Stops grouping and delivery; undelivered notifications stay in the outbox for the next start.
    func stop() {
        let wasRunning = state.withLock { state -> Bool in
            defer { state.stopped = true }
            return state.started && !state.stopped
        }
        guard wasRunning else { return }
        if !receivers.isEmpty {
            wakeup.signal()
            finished.wait()
        }
        for worker in workers.values { worker.stop() }
    }

    /// Takes the alerts due to be sent after a rule group's evaluation.
    func handle(_ notifications: [AlertNotification]) {
        let alerts = notifications.flatMap { notification in
            notification.alerts.map { convert($0, rule: notification.rule) }
        }
        guard !alerts.isEmpty else { return }
        let time = now()
        for receiver in receivers where receiver.kind == .alertmanager {
            let matching = alerts.filter { receiver.matches($0.labels) }
            guard !matching.isEmpty, let batcher = batchers[receiver.name] else { continue }
            submit(batcher.prepare(matching, now: time), to: receiver.name)
        }
        state.withLock { state in
            for receiver in receivers where receiver.kind == .webhook {
                state.groupers[receiver.name]?.receive(alerts, now: time)
            }
        }
        wakeup.signal()
    }

    /// Per receiver delivery counters, for `/metrics`.
    func metrics() -> [DeliveryMetrics] {
        receivers.compactMap { workers[$0.name]?.metrics() }
    }

    /// Groups and alerts dropped because a receiver's grouping bounds were reached, per receiver.
    func groupingDrops() -> [(receiver: String, groups: Int, alerts: Int)] {
        state.withLock { state in
            receivers.compactMap { receiver in
                state.groupers[receiver.name].map { (receiver.name, $0.droppedGroups, $0.droppedAlerts) }
            }
        }
    }

    // MARK: - Internals

    private func runGrouping() {
        while true {
            let (due, logs, next, stopped) = state.withLock { state in
                let time = now()
                var due: [(String, [PreparedNotification])] = []
                var logs: [(String, [String: NotificationLogEntry])] = []
                var next: Int64?
                for (name, var grouper) in state.groupers {
                    let ready = grouper.due(now: time)
                    if !ready.isEmpty { due.append((name, ready)) }
                    let changed = grouper.takeChangedLogs()
                    if !changed.isEmpty { logs.append((name, changed)) }
                    if let at = grouper.nextDue { next = min(next ?? at, at) }
                    state.groupers[name] = grouper
                }
                return (due, logs, next, state.stopped)
            }
            for (receiver, notifications) in due { submit(notifications, to: receiver) }
            // After the notifications are in the outbox: a crash in between sends one again, never loses one.
            for (receiver, changed) in logs { saveLogs(changed, receiver: receiver) }
            if stopped { return }
            let wait = max(1, min(1_000, (next ?? Int64.max) - now()))
            _ = wakeup.wait(timeout: .now() + .milliseconds(Int(wait)))
        }
    }

    private func saveLogs(_ logs: [String: NotificationLogEntry], receiver: String) {
        do {
            try logStore?.saveNotificationLogs(receiver: receiver, logs)
        } catch {
            logger.error(
                "notification log not saved; after a restart firing alerts may be announced again",
                metadata: ["receiver": "\(receiver)", "error": "\(error)"])
        }
    }

    private func submit(_ notifications: [PreparedNotification], to receiver: String) {
        guard let worker = workers[receiver] else { return }
        for notification in notifications {
            do {
                _ = try worker.submit(notification)
            } catch {
                logger.error(
                    "notification not written to the outbox",
                    metadata: ["receiver": "\(receiver)", "error": "\(error)"])
            }
        }
    }

    /// The alert as it leaves leakwatch: external labels added where absent, Prometheus's start/end times and
    /// generator URL.
    private func convert(_ alert: Alert, rule: AlertingRule) -> NotificationAlert {
        var labels: [String: String] = [:]
        for label in alert.labels { labels[label.name] = label.value }
        for (name, value) in externalLabels where labels[name] == nil { labels[name] = value }
        let endsAt = alert.resolvedAt ?? alert.validUntil ?? alert.activeAt
        return NotificationAlert(
            labels: labels, annotations: alert.annotations, startsAt: alert.firedAt ?? alert.activeAt,
            endsAt: endsAt, isResolved: alert.resolvedAt != nil,
            generatorURL: NotifierService.generatorURL(externalURL: externalURL, expression: rule.expr.description))
    }

    /// Prometheus's link back to the expression: `<external URL>/graph?g0.expr=<query-escaped>&g0.tab=1`.
    static func generatorURL(externalURL: String, expression: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        let escaped = (expression.addingPercentEncoding(withAllowedCharacters: allowed) ?? expression)
            .replacingOccurrences(of: "%20", with: "+")
        return externalURL + "/graph?g0.expr=" + escaped + "&g0.tab=1"
    }
}
