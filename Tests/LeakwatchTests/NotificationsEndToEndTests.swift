import Foundation
import HTTPServer
import Notify
import PromQL
import Synchronization
import TestSupport
import Testing

@testable import Leakwatch

/// A firing rule reaches a real webhook receiver on loopback: payload, grouping, signature, headers, resolution.
@Suite(.serialized)
struct NotificationsEndToEndTests {
    /// A webhook receiver on port 0 that records each request and answers 200.
    final class Receiver: Sendable {
        /// The requests so far.
        final class Log: Sendable {
            private let requests = Mutex<[HTTPRequest]>([])
            func append(_ request: HTTPRequest) { requests.withLock { $0.append(request) } }
            var all: [HTTPRequest] { requests.withLock { $0 } }
        }

        let server: Server
        let log = Log()

        init() throws {
            var configuration = ServerConfiguration()
            configuration.port = 0
            configuration.workerThreads = 2
            let log = log
            server = Server(configuration: configuration, logger: quietLogger) { request in
                log.append(request)
                return .text(200, "ok\n")
            }
            try server.start()
        }

        var url: String { "http://127.0.0.1:\(server.port)/hook" }
        var received: [HTTPRequest] { log.all }
    }

    /// A rule evaluated every second that fires while `heap_bytes` is above 100.
    static let heapRule = """
        groups:
          - name: leaks
            interval: 1s
            rules:
              - alert: HeapGrowing
                expr: heap_bytes > 100
        """

    @Test("a firing alert is posted as Alertmanager webhook v4 JSON with a valid signature, then resolved")
    func webhookDelivery() throws {
        let receiver = try Receiver()
        defer { receiver.server.shutdown(timeout: .seconds(3)) }
        let rules = TemporaryDirectory()
        defer { rules.remove() }
        try """
        groups:
          - name: leaks
            interval: 1s
            rules:
              - alert: HeapGrowing
                expr: heap_bytes > 100
                labels: {severity: page}
                annotations: {summary: "{{ $labels.pod }} at {{ $value }}"}
        """.write(toFile: rules.path + "/leaks.yml", atomically: true, encoding: .utf8)
        var webhook = ReceiverConfig(name: "oncall", kind: .webhook, url: receiver.url)
        webhook.groupWait = 200
        webhook.groupInterval = 500
        webhook.hmacSecret = "s3cr3t"
        webhook.headers = ["X-Team": "payments"]
        try APITestServer.run(
            evaluator: { store in Engine(querier: store) },
            configure: {
                $0.ruleFiles = [rules.path + "/*.yml"]
                $0.receivers = [webhook]
                $0.externalLabels = ["cluster": "test"]
            }
        ) { server in
            let now = nowMilliseconds()
            try server.ingest([("heap_bytes", [("pod", "a")], now - 500, 2048)])
            #expect(eventually { !receiver.received.isEmpty })
            let first = try #require(receiver.received.first)
            #expect(first.method == "POST")
            #expect(first.headers["Content-Type"] == "application/json")
            #expect(first.headers["X-Team"] == "payments")
            #expect(first.headers["Idempotency-Key"]?.isEmpty == false)
            let signature = try #require(first.headers["X-Leakwatch-Signature"])
            #expect(WebhookSigner(secret: "s3cr3t").verify(signatureHeader: signature, body: first.body))
            let json = try #require(JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any])
            #expect(json["version"] as? String == "4")
            #expect(json["status"] as? String == "firing")
            #expect(json["receiver"] as? String == "oncall")
            #expect(json["groupKey"] as? String == #"{}:{alertname="HeapGrowing"}"#)
            let alerts = try #require(json["alerts"] as? [[String: Any]])
            #expect(alerts.count == 1)
            let labels = try #require(alerts.first?["labels"] as? [String: String])
            #expect(labels["alertname"] == "HeapGrowing")
            #expect(labels["cluster"] == "test")
            #expect(labels["pod"] == "a")
            #expect((alerts.first?["annotations"] as? [String: String])?["summary"] == "a at 2048")
            #expect(alerts.first?["endsAt"] as? String == "0001-01-01T00:00:00Z")
            #expect((alerts.first?["fingerprint"] as? String)?.count == 16)
            #expect((alerts.first?["generatorURL"] as? String)?.contains("/graph?g0.expr=heap_bytes+%3E+100") == true)

            // The heap drops below the threshold: the alert resolves and a resolved notification follows.
            try server.ingest([("heap_bytes", [("pod", "a")], nowMilliseconds(), 10)])
            #expect(
                eventually {
                    receiver.received.contains {
                        String(decoding: $0.body, as: UTF8.self).contains(#""status":"resolved""#)
                    }
                })
            let metrics = try server.client().request("GET", "/metrics").text
            #expect(metrics.contains(#"leakwatch_notifications_sent_total{receiver="oncall"}"#))
        }
    }
}

extension NotificationsEndToEndTests {
    @Test("`leakwatch notify test` posts a sample alert once and reports the receiver's answer")
    func notifyTestCommand() throws {
        let receiver = try Receiver()
        defer { receiver.server.shutdown(timeout: .seconds(3)) }
        var config = LeakwatchConfig()
        var webhook = ReceiverConfig(name: "oncall", kind: .webhook, url: receiver.url)
        webhook.authentication = .bearer("t0k3n")
        config.receivers = [webhook, ReceiverConfig(name: "down", kind: .webhook, url: "http://127.0.0.1:9/none")]
        let outcome = NotificationCheck.send(config: config, receiverName: "oncall")
        #expect(outcome.delivered, "\(outcome.message)")
        #expect(outcome.message.hasPrefix("delivered: POST \(receiver.url) answered HTTP 200"))
        let request = try #require(receiver.received.first)
        #expect(request.headers["Authorization"] == "Bearer t0k3n")
        #expect(String(decoding: request.body, as: UTF8.self).contains(#""alertname":"LeakwatchTestAlert""#))
        let unreachable = NotificationCheck.send(config: config, receiverName: "down")
        #expect(!unreachable.delivered)
        #expect(unreachable.message.hasPrefix("could not connect"))
        let unknown = NotificationCheck.send(config: config, receiverName: "nobody")
        #expect(unknown.message == #"no receiver named "nobody" in the configuration (receivers: oncall, down)"#)
    }
}

extension NotificationsEndToEndTests {
    @Test("a notification for a receiver that is down survives a restart of leakwatch and is delivered after it")
    func deliveredAfterRestart() throws {
        let data = TemporaryDirectory()
        defer { data.remove() }
        let rules = TemporaryDirectory()
        defer { rules.remove() }
        try NotificationsEndToEndTests.heapRule.write(
            toFile: rules.path + "/leaks.yml", atomically: true, encoding: .utf8)
        // A port nobody listens on yet: the receiver starts there only after leakwatch's restart.
        let probe = try Receiver()
        let port = probe.server.port
        probe.server.shutdown(timeout: .seconds(3))
        var webhook = ReceiverConfig(name: "oncall", kind: .webhook, url: "http://127.0.0.1:\(port)/hook")
        webhook.groupWait = 100
        var config = LeakwatchConfig()
        config.port = 0
        config.dataDirectory = data.path
        config.ruleFiles = [rules.path + "/*.yml"]
        config.receivers = [webhook]

        let first = try LeakwatchServer(config: config, logger: quietLogger)
        try first.start()
        let server = APITestServer(server: first, directory: data)
        try server.ingest([("heap_bytes", [("pod", "a")], nowMilliseconds() - 500, 2048)])
        let client = try server.client()
        #expect(
            try eventually {
                try client.request("GET", "/metrics").text.contains(
                    #"leakwatch_notifications_retried_total{receiver="oncall"} "#)
                    && !client.request("GET", "/metrics").text.contains(
                        #"leakwatch_notifications_retried_total{receiver="oncall"} 0"#)
            })
        first.shutdown()

        var receiverConfiguration = ServerConfiguration()
        receiverConfiguration.port = port
        let log = Receiver.Log()
        let receiver = Server(configuration: receiverConfiguration, logger: quietLogger) { request in
            log.append(request)
            return .text(200, "ok\n")
        }
        try receiver.start()
        defer { receiver.shutdown(timeout: .seconds(3)) }
        // No rules after the restart: what arrives can only come from the outbox written before it.
        config.ruleFiles = []
        let second = try LeakwatchServer(config: config, logger: quietLogger)
        try second.start()
        defer { second.shutdown() }
        #expect(eventually(30) { !log.all.isEmpty })
        let body = String(decoding: log.all.first?.body ?? [], as: UTF8.self)
        #expect(body.contains(#""alertname":"HeapGrowing""#))
    }
}

extension NotificationsEndToEndTests {
    @Test("an alert still firing after a restart is not announced again; its resolution still is")
    func notAnnouncedAgainAfterRestart() throws {
        let receiver = try Receiver()
        defer { receiver.server.shutdown(timeout: .seconds(3)) }
        let data = TemporaryDirectory()
        defer { data.remove() }
        let rules = TemporaryDirectory()
        defer { rules.remove() }
        try NotificationsEndToEndTests.heapRule.write(
            toFile: rules.path + "/leaks.yml", atomically: true, encoding: .utf8)
        var webhook = ReceiverConfig(name: "oncall", kind: .webhook, url: receiver.url)
        webhook.groupWait = 100
        webhook.groupInterval = 300
        var config = LeakwatchConfig()
        config.port = 0
        config.dataDirectory = data.path
        config.ruleFiles = [rules.path + "/*.yml"]
        config.receivers = [webhook]

        do {
            let first = try LeakwatchServer(config: config, logger: quietLogger)
            try first.start()
            defer { first.shutdown() }
            try APITestServer(server: first, directory: data).ingest([
                ("heap_bytes", [("pod", "a")], nowMilliseconds() - 500, 2048)
            ])
            #expect(eventually { receiver.received.count == 1 })
        }

        let second = try LeakwatchServer(config: config, logger: quietLogger)
        try second.start()
        defer { second.shutdown() }
        let server = APITestServer(server: second, directory: data)
        try server.ingest([("heap_bytes", [("pod", "a")], nowMilliseconds() - 200, 4096)])
        // Several evaluations and group intervals: the group is rebuilt from its saved log and stays quiet.
        Thread.sleep(forTimeInterval: 3)
        #expect(receiver.received.count == 1)
        let groups = try server.client().request("GET", "/api/v1/alerts").text
        #expect(groups.contains(#""state":"firing""#))

        try server.ingest([("heap_bytes", [("pod", "a")], nowMilliseconds(), 10)])
        #expect(eventually { receiver.received.count == 2 })
        let last = String(decoding: receiver.received.last?.body ?? [], as: UTF8.self)
        #expect(last.contains(#""status":"resolved""#))
    }
}
