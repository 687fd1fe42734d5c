import Testing

@testable import Notify

@Suite("Notification grouper")
struct NotificationGrouperTests {
    private static func receiver(_ configure: (inout ReceiverConfig) -> Void = { _ in }) -> ReceiverConfig {
        var receiver = ReceiverConfig(name: "oncall", kind: .webhook, url: "http://127.0.0.1:9/hook")
        configure(&receiver)
        return receiver
    }

    private static func alert(
        _ name: String, _ extra: [String: String] = [:], startsAt: Int64 = 0, resolvedAt: Int64? = nil
    ) -> NotificationAlert {
        NotificationAlert(
            labels: extra.merging(["alertname": name]) { $1 }, annotations: ["summary": name],
            startsAt: startsAt, endsAt: resolvedAt ?? startsAt + 3_600_000_000, isResolved: resolvedAt != nil,
            generatorURL: "http://lw/graph")
    }

    private static func text(_ notification: PreparedNotification) -> String {
        String(decoding: notification.body, as: UTF8.self)
    }

    private static func reason(_ notification: PreparedNotification) -> String? {
        let body = text(notification)
        guard let range = body.firstRange(of: #""notification_reason":""#) else {
            return nil
        }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Calls `due` at every time the grouper asks for, up to `end`; returns (time, notification) pairs.
    private static func run(
        _ grouper: inout NotificationGrouper, until end: Int64
    ) -> [(Int64, PreparedNotification)] {
        var sent: [(Int64, PreparedNotification)] = []
        while let next = grouper.nextDue, next <= end {
            sent += grouper.due(now: next).map { (next, $0) }
        }
        return sent
    }

    @Test("first flush after group_wait, changes at group_interval ticks, unchanged groups after repeat_interval")
    func timing() {
        var grouper = NotificationGrouper(
            receiver: Self.receiver(), externalURL: "http://lw:9090", version: "1.2.3")
        grouper.receive([Self.alert("Leak", ["pod": "a"])], now: 0)
        #expect(grouper.due(now: 29_999).isEmpty)
        let first = grouper.due(now: 30_000)
        #expect(first.count == 1)
        #expect(first.first.map(Self.reason) == "first notification")
        #expect(first.first.map(Self.text)?.contains(#""groupKey":"{}:{alertname=\"Leak\"}""#) == true)
        #expect(grouper.nextDue == 330_000)

        grouper.receive(
            [Self.alert("Leak", ["pod": "a"]), Self.alert("Leak", ["pod": "b"], startsAt: 60_000)],
            now: 60_000)
        #expect(grouper.due(now: 329_999).isEmpty)
        let second = grouper.due(now: 330_000)
        #expect(second.count == 1)
        #expect(second.first.map(Self.reason) == "new alerts added")
        #expect(second.first.map { Self.text($0).ranges(of: #""status":"firing""#).count } == 3)

        // Unchanged from here: ticks every 5m, repeat after 4h from the last message (330s).
        let repeated = Self.run(&grouper, until: 14_730_000 + 300_000)
        #expect(repeated.map(\.0) == [14_730_000])
        #expect(repeated.first.map { Self.reason($0.1) } == "repeat interval elapsed")
    }

    @Test("resolved alerts are notified at the next tick, the all-resolved message ends the group")
    func resolved() {
        var grouper = NotificationGrouper(receiver: Self.receiver(), externalURL: "", version: "v")
        grouper.receive([Self.alert("Leak", ["pod": "a"]), Self.alert("Leak", ["pod": "b"])], now: 0)
        #expect(grouper.due(now: 30_000).count == 1)
        grouper.receive([Self.alert("Leak", ["pod": "a"], resolvedAt: 100_000)], now: 100_000)
        let some = grouper.due(now: 330_000)
        #expect(some.count == 1)
        #expect(some.first.map(Self.reason) == "some alerts resolved")
        #expect(some.first.map(Self.text)?.contains(#""endsAt":"1970-01-01T00:01:40Z""#) == true)
        #expect(some.first.map(Self.text)?.hasPrefix(#"{"receiver":"oncall","status":"firing""#) == true)
        // The resolved alert left the group: the next message only has b.
        grouper.receive([Self.alert("Leak", ["pod": "b"], resolvedAt: 400_000)], now: 400_000)
        let all = grouper.due(now: 630_000)
        #expect(all.count == 1)
        #expect(all.first.map(Self.reason) == "all alerts resolved")
        #expect(all.first.map(Self.text)?.hasPrefix(#"{"receiver":"oncall","status":"resolved""#) == true)
        #expect(all.first.map(Self.text)?.contains(#""pod":"a""#) == false)
        #expect(grouper.groupCount == 0)
        #expect(grouper.nextDue == nil)
    }

    @Test("send_resolved=false leaves resolved alerts out and sends no all-resolved message")
    func sendResolvedFalse() {
        var grouper = NotificationGrouper(
            receiver: Self.receiver { $0.sendResolved = false }, externalURL: "", version: "v")
        grouper.receive([Self.alert("Leak", ["pod": "a"]), Self.alert("Leak", ["pod": "b"])], now: 0)
        #expect(grouper.due(now: 30_000).count == 1)
        grouper.receive([Self.alert("Leak", ["pod": "a"], resolvedAt: 100_000)], now: 100_000)
        #expect(grouper.due(now: 330_000).isEmpty)
        grouper.receive([Self.alert("Leak", ["pod": "c"])], now: 400_000)
        let added = grouper.due(now: 630_000)
        #expect(added.count == 1)
        #expect(added.first.map(Self.text)?.contains(#""status":"resolved""#) == false)
        #expect(added.first.map(Self.text)?.contains(#""pod":"c""#) == true)
        grouper.receive(
            [
                Self.alert("Leak", ["pod": "b"], resolvedAt: 700_000),
                Self.alert("Leak", ["pod": "c"], resolvedAt: 700_000),
            ],
            now: 700_000)
        #expect(grouper.due(now: 930_000).isEmpty)
        #expect(grouper.groupCount == 0)
    }

    @Test("an alert that resolves within group_wait is never notified")
    func flapWithinGroupWait() {
        var grouper = NotificationGrouper(receiver: Self.receiver(), externalURL: "", version: "v")
        grouper.receive([Self.alert("Leak")], now: 0)
        grouper.receive([Self.alert("Leak", resolvedAt: 10_000)], now: 10_000)
        #expect(grouper.due(now: 30_000).isEmpty)
        #expect(grouper.groupCount == 0)
        grouper.receive([Self.alert("Other", resolvedAt: 40_000)], now: 40_000)
        #expect(grouper.groupCount == 0)
    }

    @Test("an alert older than group_wait in a new group is flushed at once")
    func oldAlertFlushesImmediately() {
        var grouper = NotificationGrouper(receiver: Self.receiver(), externalURL: "", version: "v")
        grouper.receive([Self.alert("Leak", startsAt: 1_000_000)], now: 1_060_000)
        #expect(grouper.due(now: 1_060_000).count == 1)
    }

    @Test("match filters alerts and puts the matchers in the route key; group_by splits groups")
    func matchAndGroupBy() {
        var grouper = NotificationGrouper(
            receiver: Self.receiver {
                $0.match = ["severity": "page"]
                $0.groupBy = ["alertname", "service"]
            }, externalURL: "", version: "v")
        grouper.receive(
            [
                Self.alert("Leak", ["severity": "page", "service": "checkout"]),
                Self.alert("Leak", ["severity": "page", "service": "cart"]),
                Self.alert("Leak", ["severity": "ticket", "service": "cart"]),
                Self.alert("Leak", ["service": "cart", "pod": "x"]),
            ], now: 0)
        #expect(
            grouper.groupKeys == [
                #"{}/{severity="page"}:{alertname="Leak", service="cart"}"#,
                #"{}/{severity="page"}:{alertname="Leak", service="checkout"}"#,
            ])
        let sent = grouper.due(now: 30_000)
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { !Self.text($0).contains("ticket") && !Self.text($0).contains(#""pod""#) })
        #expect(sent.allSatisfy { Self.text($0).contains(#""groupLabels":{"alertname":"Leak","service":"c"#) })
    }

    @Test("max_alerts truncates the message and reports truncatedAlerts")
    func maxAlerts() {
        var grouper = NotificationGrouper(receiver: Self.receiver { $0.maxAlerts = 2 }, externalURL: "", version: "v")
        grouper.receive((1...5).map { Self.alert("Leak", ["instance": "i\($0)"]) }, now: 0)
        let sent = grouper.due(now: 30_000)
        #expect(sent.count == 1)
        let body = sent.first.map(Self.text) ?? ""
        #expect(body.contains(#""truncatedAlerts":3"#))
        #expect(body.contains(#""instance":"i1""#) && body.contains(#""instance":"i2""#))
        #expect(!body.contains(#""instance":"i3""#))
    }

    @Test("groups and alerts are bounded: the oldest is dropped and counted")
    func bounds() {
        var grouper = NotificationGrouper(
            receiver: Self.receiver(), externalURL: "", version: "v", maxGroups: 2, maxAlertsPerGroup: 2)
        grouper.receive([Self.alert("A"), Self.alert("B")], now: 0)
        grouper.receive([Self.alert("C")], now: 1)
        #expect(grouper.groupKeys == [#"{}:{alertname="B"}"#, #"{}:{alertname="C"}"#])
        #expect(grouper.droppedGroups == 1)
        #expect(grouper.droppedAlerts == 1)
        grouper.receive([Self.alert("B", ["pod": "1"]), Self.alert("B", ["pod": "2"])], now: 2)
        #expect(grouper.droppedAlerts == 2)
        let sent = grouper.due(now: 30_000)
        let bodyB = sent.map(Self.text).first { $0.contains(#""groupLabels":{"alertname":"B"}"#) } ?? ""
        #expect(bodyB.contains(#""pod":"1""#) && bodyB.contains(#""pod":"2""#))
        #expect(!bodyB.contains(#""labels":{"alertname":"B"}"#))
    }

    @Test("headers: content type, user agent, custom, auth, HMAC over the body, idempotency key")
    func headers() throws {
        var grouper = NotificationGrouper(
            receiver: Self.receiver {
                $0.headers = ["X-Team": "mem", "X-A": "1"]
                $0.authentication = .bearer("tok")
                $0.hmacSecret = "s3cret"
            }, externalURL: "", version: "0.6.0")
        grouper.receive([Self.alert("Leak")], now: 1_000)
        let notification = try #require(grouper.due(now: 31_000).first)
        let signer = WebhookSigner(secret: "s3cret")
        #expect(notification.url == "http://127.0.0.1:9/hook")
        #expect(notification.receiver == "oncall")
        #expect(notification.createdAt == 31_000)
        #expect(notification.idempotencyKey.count == 64)
        #expect(
            notification.headers == [
                HTTPHeaderField("Content-Type", "application/json"),
                HTTPHeaderField("User-Agent", "leakwatch/0.6.0"),
                HTTPHeaderField("X-A", "1"),
                HTTPHeaderField("X-Team", "mem"),
                HTTPHeaderField("Authorization", "Bearer tok"),
                HTTPHeaderField("X-Leakwatch-Timestamp", "31"),
                HTTPHeaderField("X-Leakwatch-Signature", signer.signature(for: notification.body)),
                HTTPHeaderField("Idempotency-Key", notification.idempotencyKey),
            ])
        #expect(signer.verify(signatureHeader: notification.headers[6].value, body: notification.body))

        let basic = NotificationHeaders.build(
            receiver: Self.receiver { $0.authentication = .basic(username: "user", password: "pa ss") }, version: "v",
            body: [], idempotencyKey: "k", createdAt: 0)
        #expect(basic.contains(HTTPHeaderField("Authorization", "Basic dXNlcjpwYSBzcw==")))
        #expect(!basic.contains { $0.name == "X-Leakwatch-Signature" })
    }

    @Test("idempotency keys are deterministic and differ per notification")
    func idempotencyKeys() {
        func keys() -> [String] {
            var grouper = NotificationGrouper(receiver: Self.receiver(), externalURL: "", version: "v")
            grouper.receive([Self.alert("Leak", ["pod": "a"])], now: 0)
            var result = grouper.due(now: 30_000).map(\.idempotencyKey)
            grouper.receive([Self.alert("Leak", ["pod": "b"])], now: 40_000)
            result += grouper.due(now: 330_000).map(\.idempotencyKey)
            return result
        }
        let first = keys()
        #expect(first.count == 2)
        #expect(Set(first).count == 2)
        #expect(keys() == first)
    }

    @Test("after a restart a group starts from its saved log: no second first notification before repeat_interval")
    func restoredLogs() {
        var before = NotificationGrouper(receiver: Self.receiver(), externalURL: "http://lw", version: "1")
        before.receive([Self.alert("Leak", ["pod": "a"])], now: 0)
        #expect(before.due(now: 30_000).count == 1)
        let saved = before.takeChangedLogs()
        #expect(saved.count == 1)
        #expect(before.takeChangedLogs().isEmpty)  // taken once

        // A new process: the same alert is still firing, a second one joins later.
        var after = NotificationGrouper(receiver: Self.receiver(), externalURL: "http://lw", version: "1")
        after.restore(saved)
        after.receive([Self.alert("Leak", ["pod": "a"])], now: 120_000)
        // Started long ago, so the group flushes at once, finds nothing new and stays quiet.
        #expect(after.due(now: 120_000).isEmpty)
        after.receive(
            [Self.alert("Leak", ["pod": "a"]), Self.alert("Leak", ["pod": "b"], startsAt: 200_000)], now: 200_000)
        let added = Self.run(&after, until: 500_000)
        #expect(added.map { Self.reason($0.1) } == ["new alerts added"])
        // repeat_interval (4h) counts from the last message, also across the restart.
        after.receive(
            [Self.alert("Leak", ["pod": "a"]), Self.alert("Leak", ["pod": "b"], startsAt: 200_000)], now: 600_000)
        let repeated = Self.run(&after, until: 420_000 + 4 * 3_600_000)
        #expect(repeated.map { Self.reason($0.1) } == ["repeat interval elapsed"])

        // Without the restored log the restart would announce the firing alert again.
        var forgetful = NotificationGrouper(receiver: Self.receiver(), externalURL: "http://lw", version: "1")
        forgetful.receive([Self.alert("Leak", ["pod": "a"])], now: 120_000)
        #expect(forgetful.due(now: 120_000).map(Self.reason) == ["first notification"])
    }
}
