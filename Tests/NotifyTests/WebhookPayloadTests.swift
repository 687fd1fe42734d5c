import Testing

@testable import Notify

@Suite("Webhook v4 payload")
struct WebhookPayloadTests {
    private static let start: Int64 = 1_777_889_700_000  // 2026-05-04T10:15:00Z

    @Test("the fingerprint is FNV-1a 64 over sorted name/value pairs, matching the reference check value")
    func fingerprint() {
        let labels = ["alertname": "MemoryLeak", "service_instance_id": "pod-7f9c", "service_name": "checkout"]
        #expect(AlertFingerprint.text(AlertFingerprint.of(labels)) == "b7c3f340411a3cc7")
        #expect(AlertFingerprint.text(AlertFingerprint.of([:])) == "cbf29ce484222325")
    }

    @Test("a single firing alert encodes byte for byte like Alertmanager, endsAt zeroed, final newline")
    func goldenFiring() {
        let alert = NotificationAlert(
            labels: ["alertname": "MemoryLeak", "service_instance_id": "pod-7f9c", "service_name": "checkout"],
            annotations: ["summary": "RSS floor rising 42 MiB/h; OOM in ~3h10m"], startsAt: Self.start,
            endsAt: Self.start + 240_000, isResolved: false, generatorURL: "http://eval:8080/rules/memleak")
        let payload = WebhookPayload(
            receiver: "oncall", groupKey: #"{}:{alertname="MemoryLeak"}"#, groupLabels: ["alertname": "MemoryLeak"],
            alerts: [alert], now: Self.start + 30_000, externalURL: "http://alertmanager:9093",
            reason: .firstNotification)
        let expected =
            #"{"receiver":"oncall","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"MemoryLeak","#
            + #""service_instance_id":"pod-7f9c","service_name":"checkout"},"annotations":{"summary":"RSS floor "#
            + #"rising 42 MiB/h; OOM in ~3h10m"},"startsAt":"2026-05-04T10:15:00Z","endsAt":"0001-01-01T00:00:00Z","#
            + #""generatorURL":"http://eval:8080/rules/memleak","fingerprint":"b7c3f340411a3cc7"}],"groupLabels":"#
            + #"{"alertname":"MemoryLeak"},"commonLabels":{"alertname":"MemoryLeak","service_instance_id":"pod-7f9c","#
            + #""service_name":"checkout"},"commonAnnotations":{"summary":"RSS floor rising 42 MiB/h; OOM in ~3h10m"},"#
            + #""externalURL":"http://alertmanager:9093","version":"4","groupKey":"{}:{alertname=\"MemoryLeak\"}","#
            + #""truncatedAlerts":0,"notification_reason":"first notification"}"# + "\n"
        #expect(String(decoding: payload.body(), as: UTF8.self) == expected)
    }

    private static func mixedAlerts() -> [NotificationAlert] {
        [
            NotificationAlert(
                labels: ["alertname": "Leak", "job": "api", "instance": "b:1", "severity": "page"],
                annotations: ["summary": "<b>heap</b> & \"rss\"\n"], startsAt: start - 1, endsAt: start + 600_000,
                isResolved: false, generatorURL: "http://lw/graph?g0.expr=x&g0.tab=1"),
            NotificationAlert(
                labels: ["alertname": "Leak", "severity": "page", "empty": ""], annotations: [:], startsAt: start,
                endsAt: start + 600_000, isResolved: false, generatorURL: ""),
            NotificationAlert(
                labels: ["alertname": "Leak", "job": "api", "instance": "a:1", "severity": "page"],
                annotations: ["summary": "ok"], startsAt: start, endsAt: start + 300_120, isResolved: true,
                generatorURL: ""),
        ]
    }

    @Test("alerts sort by job, instance, labels; resolved keeps endsAt; HTML escaping; receiver is QuoteMeta'd")
    func goldenMixed() {
        let payload = WebhookPayload(
            receiver: "team.x", groupKey: #"{}/{severity="page"}:{alertname="Leak"}"#,
            groupLabels: ["alertname": "Leak"], alerts: Self.mixedAlerts(), now: Self.start + 360_000,
            externalURL: "http://lw:9090")
        let expected =
            #"{"receiver":"team\\.x","status":"firing","alerts":["#
            + #"{"status":"resolved","labels":{"alertname":"Leak","instance":"a:1","job":"api","severity":"page"},"#
            + #""annotations":{"summary":"ok"},"startsAt":"2026-05-04T10:15:00Z","endsAt":"2026-05-04T10:20:00.12Z","#
            + #""generatorURL":"","fingerprint":"b57f17a358a3c90d"},"#
            + #"{"status":"firing","labels":{"alertname":"Leak","instance":"b:1","job":"api","severity":"page"},"#
            + #""annotations":{"summary":"\u003cb\u003eheap\u003c/b\u003e \u0026 \"rss\"\n"},"#
            + #""startsAt":"2026-05-04T10:14:59.999Z","endsAt":"0001-01-01T00:00:00Z","#
            + #""generatorURL":"http://lw/graph?g0.expr=x\u0026g0.tab=1","fingerprint":"183a5e758e24c6b2"},"#
            + #"{"status":"firing","labels":{"alertname":"Leak","severity":"page"},"annotations":{},"#
            + #""startsAt":"2026-05-04T10:15:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"","#
            + #""fingerprint":"3f9f8c8924f72685"}],"#
            + #""groupLabels":{"alertname":"Leak"},"commonLabels":{"alertname":"Leak","severity":"page"},"#
            + #""commonAnnotations":{},"externalURL":"http://lw:9090","version":"4","#
            + #""groupKey":"{}/{severity=\"page\"}:{alertname=\"Leak\"}","truncatedAlerts":0}"# + "\n"
        #expect(String(decoding: payload.body(), as: UTF8.self) == expected)
    }

    @Test("max_alerts keeps the first alerts in order, counts the rest, and common labels cover only those kept")
    func truncation() {
        let payload = WebhookPayload(
            receiver: "r", groupKey: "{}:{}", groupLabels: [:], alerts: Self.mixedAlerts(), now: Self.start + 360_000,
            externalURL: "", maxAlerts: 2)
        #expect(payload.truncatedAlerts == 1)
        #expect(payload.alerts.map { $0.labels["instance"] } == ["a:1", "b:1"])
        #expect(payload.commonLabels == ["alertname": "Leak", "job": "api", "severity": "page"])
        #expect(String(decoding: payload.body(), as: UTF8.self).contains(#""truncatedAlerts":1}"#))
    }

    @Test("status is resolved when every alert is resolved, also by endsAt passing")
    func resolvedStatus() {
        let alert = NotificationAlert(
            labels: ["alertname": "Leak"], annotations: [:], startsAt: Self.start, endsAt: Self.start + 60_000,
            isResolved: false, generatorURL: "")
        let before = WebhookPayload(
            receiver: "r", groupKey: "k", groupLabels: [:], alerts: [alert], now: Self.start + 59_999, externalURL: "")
        let after = WebhookPayload(
            receiver: "r", groupKey: "k", groupLabels: [:], alerts: [alert], now: Self.start + 60_000, externalURL: "")
        #expect(before.status == "firing")
        #expect(after.status == "resolved")
        #expect(String(decoding: after.body(), as: UTF8.self).contains(#""endsAt":"2026-05-04T10:16:00Z""#))
    }
}
