import Testing
import TimeSeries

@testable import Rules

private let minute: Int64 = 60_000

@Suite("ALERTS and ALERTS_FOR_STATE")
struct AlertSeriesTests {
    private static let pending: Labels = [
        "__name__": "ALERTS", "alertname": "HighMemory", "alertstate": "pending", "instance": "a", "job": "j",
        "severity": "page", "team": "infra",
    ]
    private static let firing = pending.setting("alertstate", to: "firing")
    private static let forState = pending.removing(["alertstate"]).setting("__name__", to: "ALERTS_FOR_STATE")

    private func highMemory(_ harness: RuleHarness, restored: Bool = true) throws -> RuleGroupEvaluator {
        harness.evaluator(
            [
                try RuleHarness.alerting(
                    "HighMemory", "mem > 10", for: 2 * minute, labels: ["severity": "page"],
                    annotations: [("summary", "{{ $labels.instance }} uses {{ $value }}")])
            ], labels: ["team": "infra"], restored: restored)
    }

    @Test("pending, then firing, then resolved: series contents and staleness markers")
    func lifecycle() throws {
        let harness = RuleHarness()
        let base: Int64 = 1_700_000_040_000
        harness.load(["__name__": "mem", "instance": "a", "job": "j"], start: base, [20, 20, 20, 20, 5])
        let evaluator = try highMemory(harness)
        for step: Int64 in 0...4 { _ = evaluator.evaluate(at: base + step * minute) }

        let activeSeconds = Double(base / 1000)
        #expect(
            harness.samples(Self.pending) == [
                Sample(timestamp: base, value: 1), Sample(timestamp: base + minute, value: 1),
                Sample.stale(at: base + 2 * minute),
            ])
        #expect(
            harness.samples(Self.firing) == [
                Sample(timestamp: base + 2 * minute, value: 1), Sample(timestamp: base + 3 * minute, value: 1),
                Sample.stale(at: base + 4 * minute),
            ])
        #expect(
            harness.samples(Self.forState) == [
                Sample(timestamp: base, value: activeSeconds), Sample(timestamp: base + minute, value: activeSeconds),
                Sample(timestamp: base + 2 * minute, value: activeSeconds),
                Sample(timestamp: base + 3 * minute, value: activeSeconds), Sample.stale(at: base + 4 * minute),
            ])
        #expect(harness.series("ALERTS").count == 2)
        #expect(harness.series("ALERTS_FOR_STATE").count == 1)
        #expect(evaluator.alerts().first?.annotations == ["summary": "a uses 20"])
    }

    @Test("ALERTS_FOR_STATE holds the active time in whole seconds")
    func forStateSeconds() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "mem", "instance": "a", "job": "j"], start: 1_500, [20])
        let evaluator = try highMemory(harness)
        _ = evaluator.evaluate(at: 61_999)
        #expect(harness.samples(Self.forState) == [Sample(timestamp: 61_999, value: 61)])
    }

    @Test("a series vanishing from the result marks its alert series stale")
    func vanishingSeries() throws {
        let harness = RuleHarness()
        harness.load(
            ["__name__": "mem", "instance": "a", "job": "j"], [20, 20, Double(bitPattern: Sample.staleNaNBits)])
        let evaluator = try highMemory(harness)
        for step: Int64 in 0...2 { _ = evaluator.evaluate(at: step * minute) }
        #expect(evaluator.alerts().isEmpty)
        #expect(harness.samples(Self.pending).map(\.isStale) == [false, false, true])
        #expect(harness.samples(Self.forState).last == Sample.stale(at: 2 * minute))
        // Nothing more is written once the series are gone.
        _ = evaluator.evaluate(at: 3 * minute)
        #expect(harness.samples(Self.pending).count == 3)
    }

    @Test("without restored state no alert series are written, but the state machine runs")
    func notRestored() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "mem", "instance": "a", "job": "j"], constant: 20, from: 0, through: 5 * minute)
        let evaluator = try highMemory(harness, restored: false)
        for step: Int64 in 0...2 { _ = evaluator.evaluate(at: step * minute) }
        #expect(harness.series("ALERTS").isEmpty)
        #expect(harness.series("ALERTS_FOR_STATE").isEmpty)
        #expect(evaluator.alerts().first?.state == .firing)
        #expect(evaluator.snapshot.rules[0].restored == false)
        evaluator.markRestored()
        _ = evaluator.evaluate(at: 3 * minute)
        #expect(harness.samples(Self.firing) == [Sample(timestamp: 3 * minute, value: 1)])
        #expect(harness.samples(Self.forState) == [Sample(timestamp: 3 * minute, value: 0)])
    }

    @Test("query_offset: queries and written samples use ts - offset, alert times use ts")
    func queryOffset() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "mem", "instance": "a", "job": "j"], [20, 20, 20, 5, 5, 5])
        let evaluator = harness.evaluator(
            [
                try RuleHarness.alerting("HighMemory", "mem > 10", labels: ["severity": "page"]),
                try RuleHarness.recording("copy", "mem"),
            ],
            queryOffset: 2 * minute, labels: ["team": "infra"])
        #expect(evaluator.queryOffset == 2 * minute)
        _ = evaluator.evaluate(at: 4 * minute)  // sees the value at 2m: 20
        #expect(harness.queryTimes == [2 * minute, 2 * minute])
        #expect(evaluator.alerts().first?.activeAt == 4 * minute)
        #expect(evaluator.alerts().first?.firedAt == 4 * minute)
        #expect(harness.samples(Self.firing) == [Sample(timestamp: 2 * minute, value: 1)])
        #expect(harness.samples(Self.forState) == [Sample(timestamp: 2 * minute, value: 240)])
        #expect(harness.series("copy").first?.samples == [Sample(timestamp: 2 * minute, value: 20)])

        _ = evaluator.evaluate(at: 5 * minute)  // value at 3m: 5 → resolved; markers at 3m
        #expect(evaluator.alerts().first?.resolvedAt == 5 * minute)
        #expect(harness.samples(Self.firing).last == Sample.stale(at: 3 * minute))
    }

    @Test("the environment's default query offset applies when the group sets none")
    func defaultQueryOffset() throws {
        let harness = RuleHarness()
        let evaluator = harness.evaluator(
            [try RuleHarness.recording("one", "vector(1)")], environment: harness.environment(queryOffset: minute))
        _ = evaluator.evaluate(at: 10 * minute)
        #expect(harness.series("one").first?.samples == [Sample(timestamp: 9 * minute, value: 1)])
    }

    @Test("templates see external labels and URL, and query runs at the slot time")
    func templateContext() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "mem", "instance": "a"], [20, 20, 20, 20])
        harness.load(["__name__": "mem", "instance": "b"], [20, 20])
        let evaluator = harness.evaluator(
            [
                try RuleHarness.alerting(
                    "A", "mem{instance=\"a\"}",
                    annotations: [
                        ("where", "{{ $externalLabels.cluster }} {{ $externalURL }}"),
                        ("count", "{{ query \"mem\" }}"), ("bad", "{{ query \"mem(\" }}"), ("now", "{{ now }}"),
                    ])
            ], queryOffset: 2 * minute,
            environment: harness.environment(externalLabels: ["cluster": "eu"], externalURL: "http://lw:9090"))
        _ = evaluator.evaluate(at: 3 * minute)
        let alert = try #require(evaluator.alerts().first)
        #expect(alert.annotations["where"] == "eu http://lw:9090")
        // At 3m both series are within the lookback; the rule itself queried at 1m.
        #expect(alert.annotations["count"] == "2")
        #expect(alert.annotations["now"] == "180")
        #expect(alert.annotations["bad"]?.hasPrefix("<error expanding template: error calling query: ") == true)
        #expect(harness.queryTimes == [minute, 3 * minute])
        #expect(evaluator.snapshot.rules[0].health == .ok)
    }

    @Test("alerts are handed out for sending: firing every resend delay, resolved once, pending never")
    func sending() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "i": "1"], [1, 1, 1, 0, 0, 0, 0])
        harness.load(["__name__": "m", "i": "2"], constant: 1, from: 0, through: 10 * minute)
        let evaluator = harness.evaluator([
            try RuleHarness.alerting("A", "m{i=\"1\"} > 0"),
            try RuleHarness.alerting("P", "m{i=\"2\"} > 0", for: 30 * minute),
        ])
        var sentAt: [Int64] = []
        var sent: [Alert] = []
        for step: Int64 in 0...6 {
            let result = evaluator.evaluate(at: step * minute)
            #expect(result.notifications.allSatisfy { $0.rule.name == "A" })
            if let notification = result.notifications.first {
                sentAt.append(step * minute)
                sent.append(contentsOf: notification.alerts)
            }
        }
        // Firing at 0 (sent), 1m (1m after: not yet), 2m (sent); resolved at 3m (sent), then every resend delay.
        #expect(sentAt == [0, 2 * minute, 3 * minute, 5 * minute])
        #expect(sent.map(\.state) == [.firing, .firing, .inactive, .inactive])
        #expect(sent.map(\.validUntil) == [4 * minute, 6 * minute, 7 * minute, 9 * minute])
        #expect(sent.map(\.lastSentAt) == [0, 2 * minute, 3 * minute, 5 * minute])
        #expect(sent.last?.resolvedAt == 3 * minute)
        #expect(sent.first?.firedAt == 0)
        #expect(evaluator.alerts(0).first?.lastSentAt == 5 * minute)
    }

    @Test("validUntil uses the longer of interval and resend delay")
    func validUntilUsesInterval() throws {
        let harness = RuleHarness()
        let evaluator = harness.evaluator([try RuleHarness.alerting("A", "vector(1)")], interval: 5 * minute)
        let result = evaluator.evaluate(at: 0)
        #expect(result.notifications.first?.alerts.first?.validUntil == 20 * minute)
    }

    @Test("needsSending follows Prometheus's rules")
    func needsSending() {
        var alert = Alert(state: .pending, labels: ["alertname": "A"], annotations: [:], value: 1, activeAt: 0)
        #expect(!alert.needsSending(at: 10 * minute, resendDelay: minute))
        alert.state = .firing
        #expect(alert.needsSending(at: 0, resendDelay: minute))
        alert.lastSentAt = 0
        #expect(!alert.needsSending(at: minute, resendDelay: minute))
        #expect(alert.needsSending(at: minute + 1, resendDelay: minute))
        alert.state = .inactive
        alert.resolvedAt = minute / 2
        #expect(alert.needsSending(at: minute / 2, resendDelay: minute))
        alert.lastSentAt = minute / 2
        #expect(!alert.needsSending(at: minute, resendDelay: minute))
    }
}
