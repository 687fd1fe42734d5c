import Testing

@testable import Notify

@Suite("Alertmanager batcher")
struct AlertmanagerBatcherTests {
    @Test("postableAlerts body: external labels added where absent, RFC 3339 millis, go-swagger field order")
    func golden() {
        let alert = NotificationAlert(
            labels: ["alertname": "Leak", "env": "prod"], annotations: ["summary": "a<b"],
            startsAt: 1_777_889_700_000, endsAt: 1_777_889_940_000, isResolved: false,
            generatorURL: "http://lw:9090/graph?g0.expr=up&g0.tab=1")
        let body = AlertmanagerPayload.body([alert], externalLabels: ["env": "staging", "cluster": "c1"])
        let expected =
            #"[{"annotations":{"summary":"a\u003cb"},"endsAt":"2026-05-04T10:19:00.000Z","#
            + #""startsAt":"2026-05-04T10:15:00.000Z","generatorURL":"http://lw:9090/graph?g0.expr=up\u0026g0.tab=1","#
            + #""labels":{"alertname":"Leak","cluster":"c1","env":"prod"}}]"#
        #expect(String(decoding: body, as: UTF8.self) == expected)
        let bare = NotificationAlert(
            labels: ["alertname": "X"], annotations: [:], startsAt: 0, endsAt: 1, isResolved: true, generatorURL: "")
        #expect(
            String(decoding: AlertmanagerPayload.body([bare]), as: UTF8.self)
                == #"[{"endsAt":"1970-01-01T00:00:00.001Z","startsAt":"1970-01-01T00:00:00.000Z","#
                + #""labels":{"alertname":"X"}}]"#)
    }

    @Test("600 matching alerts become requests of 256, 256 and 88 to <url>/api/v2/alerts")
    func batches() {
        var receiver = ReceiverConfig(name: "am", kind: .alertmanager, url: "http://127.0.0.1:9093/")
        receiver.match = ["team": "mem"]
        let batcher = AlertmanagerBatcher(receiver: receiver, version: "1.0")
        let alerts = (0..<700).map { index in
            NotificationAlert(
                labels: ["alertname": "Leak", "pod": "p\(index)", "team": index < 600 ? "mem" : "other"],
                annotations: [:], startsAt: 0, endsAt: 240_000, isResolved: false, generatorURL: "")
        }
        let requests = batcher.prepare(alerts, now: 5_000)
        #expect(
            requests.map { String(decoding: $0.body, as: UTF8.self).ranges(of: #""labels""#).count }
                == [256, 256, 88])
        #expect(requests.allSatisfy { $0.url == "http://127.0.0.1:9093/api/v2/alerts" })
        #expect(Set(requests.map(\.idempotencyKey)).count == 3)
        #expect(batcher.prepare(alerts, now: 5_000).map(\.idempotencyKey) == requests.map(\.idempotencyKey))
        #expect(
            requests.first?.headers.prefix(2) == [
                HTTPHeaderField("Content-Type", "application/json"), HTTPHeaderField("User-Agent", "leakwatch/1.0"),
            ])
        #expect(batcher.prepare([], now: 0).isEmpty)
    }
}
