import Foundation
public import Logging
import Notify

/// The leak walk-through, unattended: leakwatch with a time-compressed leak rule and a webhook receiver, a
/// synthetic service exporting a leaking RSS gauge, then the fix; every step is reported as it happens.
///
/// Everything runs in this process on loopback with port 0 and a temporary data directory that is removed at the
/// end, so the demo needs no configuration and leaves nothing behind.
public enum LeakDemo {
    /// The OTel metric the synthetic service exports (the classic Python leak guide's RSS gauge).
    static let otlpMetricName = "process.runtime.python.memory.rss"
    /// The same metric as leakwatch stores it (`underscores` naming).
    static let metricName = "process_runtime_python_memory_rss"
    /// The alert the demo's rule raises.
    static let alertName = "PythonMemoryLeak"

    /// Where the walk-through is.
    enum Phase: String {
        case waitingForPending = "the alert to go pending"
        case waitingForFiring = "the alert to fire"
        case waitingForWebhook = "the firing webhook"
        case waitingForResolved = "the resolved webhook"
    }

    /// Runs the walk-through, calling `report` for each step in order.
    ///
    /// - Throws: `LeakDemoError` when leakwatch or the receiver cannot start, or a step does not happen before
    ///   `settings.timeoutMilliseconds` has passed since the start.
    public static func run(
        settings: LeakDemoSettings, logger: Logger, report: (LeakDemoStep) -> Void
    ) throws(LeakDemoError) {
        let deadline = Date().addingTimeInterval(Double(settings.timeoutMilliseconds) / 1_000)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("leakwatch-demo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rulePath = directory + "/leak-demo.yml"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try settings.ruleFile.write(toFile: rulePath, atomically: true, encoding: .utf8)
        } catch {
            throw LeakDemoError("cannot write the demo's rule file in \(directory): \(error)")
        }

        let receiver: DemoWebhookReceiver
        do {
            receiver = try DemoWebhookReceiver(logger: logger)
        } catch {
            throw LeakDemoError("cannot start the webhook receiver on loopback: \(error)")
        }
        defer { receiver.shutdown() }

        var webhook = ReceiverConfig(name: "demo-webhook", kind: .webhook, url: receiver.url)
        webhook.groupWait = settings.groupWaitMilliseconds
        webhook.groupInterval = settings.groupWaitMilliseconds
        var config = LeakwatchConfig()
        config.port = 0
        config.dataDirectory = directory + "/data"
        config.ruleFiles = [rulePath]
        config.evaluationIntervalMilliseconds = settings.evaluationIntervalMilliseconds
        config.receivers = [webhook]
        let server: LeakwatchServer
        do {
            server = try LeakwatchServer(config: config, logger: logger)
            try server.start()
        } catch {
            throw LeakDemoError("cannot start leakwatch: \(error)")
        }
        defer { server.shutdown() }
        report(.started(leakwatchPort: server.port, webhookURL: receiver.url))

        let sender = SyntheticLeakSender(port: server.port, settings: settings)
        sender.start()
        defer { sender.stop() }
        report(.sendingMetrics)

        var phase = Phase.waitingForPending
        var alertsClient: LoopbackHTTPClient?
        while true {
            let received = receiver.received
            let state = alertState(&alertsClient, port: server.port)
            switch phase {
            case .waitingForPending:
                if state == "pending" {
                    report(.pending)
                    phase = .waitingForFiring
                } else if state == "firing" || received.contains(where: { $0.status == "firing" }) {
                    // The whole `for` passed between two polls: nothing was seen pending.
                    report(.firing)
                    phase = .waitingForWebhook
                }
            case .waitingForFiring:
                if state == "firing" || received.contains(where: { $0.status == "firing" }) {
                    report(.firing)
                    phase = .waitingForWebhook
                }
            case .waitingForWebhook:
                if let firing = received.first(where: { $0.status == "firing" }) {
                    report(.webhookFiring(summary: firing.summary))
                    sender.stopLeaking()
                    report(.leakStopped)
                    phase = .waitingForResolved
                }
            case .waitingForResolved:
                if received.contains(where: { $0.status == "resolved" }) {
                    report(.resolved)
                    return
                }
            }
            if Date() >= deadline {
                var message =
                    "timed out after \(LeakDemoSettings.duration(settings.timeoutMilliseconds)) waiting for "
                    + "\(phase.rawValue) (\(sender.sent) exports accepted"
                if let error = sender.lastError { message += "; last export error: \(error)" }
                throw LeakDemoError(message + ")")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// The state (`pending`, `firing`) of the demo's alert in `/api/v1/alerts`, nil when it is not active.
    static func alertState(_ client: inout LoopbackHTTPClient?, port: Int) -> String? {
        do {
            if client == nil { client = try LoopbackHTTPClient(port: port) }
            let response = try client!.request("GET", "/api/v1/alerts")
            guard response.status == 200,
                let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                let data = json["data"] as? [String: Any],
                let alerts = data["alerts"] as? [[String: Any]]
            else { return nil }
            let ours = alerts.first { ($0["labels"] as? [String: String])?["alertname"] == alertName }
            return ours?["state"] as? String
        } catch {
            client = nil
            return nil
        }
    }
}
