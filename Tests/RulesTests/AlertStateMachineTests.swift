import Testing
import TimeSeries

@testable import Rules

private let minute: Int64 = 60_000

@Suite("Alert state machine")
struct AlertStateMachineTests {
    /// Prometheus's TestKeepFiringFor: for 1m, keep_firing_for 1m, values 75 85 70 70 10 against `> 50`.
    @Test("keep_firing_for keeps a resolved alert firing for one more evaluation, then resolves it")
    func keepFiringFor() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "http_requests", "job": "app-server", "instance": "0"], [75, 85, 70, 70, 10])
        let evaluator = harness.evaluator([
            try RuleHarness.alerting("HTTPRequestRateHigh", "http_requests > 50", for: minute, keepFiringFor: minute)
        ])
        let identity: Labels = ["alertname": "HTTPRequestRateHigh", "instance": "0", "job": "app-server"]

        var states: [AlertState] = []
        for step in 0...5 {
            let result = evaluator.evaluate(at: Int64(step) * minute)
            #expect(result.failures.isEmpty)
            let alerts = evaluator.alerts()
            #expect(alerts.count == 1)
            #expect(alerts.first?.labels == identity)
            states.append(alerts.first?.state ?? .unknown)
            if step == 4 {
                #expect(alerts.first?.keepFiringSince == 4 * minute)
                #expect(alerts.first?.resolvedAt == nil)
            }
        }
        #expect(states == [.pending, .firing, .firing, .firing, .firing, .inactive])
        let alert = try #require(evaluator.alerts().first)
        #expect(alert.activeAt == 0)
        #expect(alert.firedAt == minute)
        #expect(alert.resolvedAt == 5 * minute)
        #expect(evaluator.snapshot.rules[0].activeAlerts.isEmpty)
        #expect(evaluator.snapshot.rules[0].state == .inactive)

        // ALERTS: pending at 0, firing 1m…4m (4m kept firing), stale at 5m.
        let firing = harness.samples(
            [
                "__name__": "ALERTS", "alertname": "HTTPRequestRateHigh", "alertstate": "firing", "instance": "0",
                "job": "app-server",
            ])
        #expect(firing.map(\.timestamp) == [1, 2, 3, 4, 5].map { $0 * minute })
        #expect(firing.dropLast().allSatisfy { $0.value == 1 })
        #expect(firing.last?.isStale == true)
    }

    @Test("an alert that reappears while kept firing stops being kept")
    func keepFiringResetsWhenPresentAgain() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m"], [100, 0, 100, 0, 0, 0, 0])
        let evaluator = harness.evaluator([try RuleHarness.alerting("A", "m > 50", keepFiringFor: 2 * minute)])
        _ = evaluator.evaluate(at: 0)
        _ = evaluator.evaluate(at: minute)
        #expect(evaluator.alerts().first?.keepFiringSince == minute)
        _ = evaluator.evaluate(at: 2 * minute)
        #expect(evaluator.alerts().first?.keepFiringSince == nil)
        #expect(evaluator.alerts().first?.state == .firing)
        _ = evaluator.evaluate(at: 3 * minute)
        _ = evaluator.evaluate(at: 4 * minute)
        #expect(evaluator.alerts().first?.state == .firing)
        // 5m - 3m = 2m is not < 2m: resolved.
        _ = evaluator.evaluate(at: 5 * minute)
        #expect(evaluator.alerts().first?.state == .inactive)
        #expect(evaluator.alerts().first?.resolvedAt == 5 * minute)
        #expect(evaluator.alerts().first?.firedAt == 0)
    }

    @Test("for: 5m at a 1m interval fires at the sixth consecutive evaluation")
    func forFiveMinutes() throws {
        let harness = RuleHarness()
        let base: Int64 = 1_700_000_000_000
        harness.load(
            ["__name__": "up", "job": "api"], constant: 0, from: base - 10 * minute, through: base + 10 * minute)
        let evaluator = harness.evaluator([try RuleHarness.alerting("Down", "up == 0", for: 5 * minute)])
        var states: [AlertState] = []
        for step in 0..<7 {
            _ = evaluator.evaluate(at: base + Int64(step) * minute)
            states.append(evaluator.alerts().first?.state ?? .unknown)
        }
        #expect(states == [.pending, .pending, .pending, .pending, .pending, .firing, .firing])
        #expect(evaluator.alerts().first?.activeAt == base)
        #expect(evaluator.alerts().first?.firedAt == base + 5 * minute)
    }

    @Test("for: 0 fires at the first evaluation and never writes a pending series")
    func forZero() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "up", "job": "api"], [0, 0])
        let evaluator = harness.evaluator([try RuleHarness.alerting("Down", "up == 0")])
        _ = evaluator.evaluate(at: 0)
        let alert = try #require(evaluator.alerts().first)
        #expect(alert.state == .firing)
        #expect(alert.firedAt == 0)
        #expect(alert.activeAt == 0)
        #expect(harness.series("ALERTS").map { $0.labels["alertstate"] } == ["firing"])
    }

    @Test("a rule's state is unknown before its first evaluation, then the highest state of its alerts")
    func ruleState() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "i": "1"], [1, 1])
        harness.load(["__name__": "m", "i": "2"], [1, 1])
        let evaluator = harness.evaluator([
            try RuleHarness.alerting("A", "m{i=\"1\"} > 0"), try RuleHarness.alerting("B", "m > 0", for: 5 * minute),
            try RuleHarness.alerting("C", "m > 5"), try RuleHarness.recording("r", "m"),
        ])
        #expect(evaluator.snapshot.rules.map(\.state) == [.unknown, .unknown, .unknown, .unknown])
        #expect(evaluator.snapshot.rules.map(\.health) == [.unknown, .unknown, .unknown, .unknown])
        _ = evaluator.evaluate(at: 0)
        #expect(evaluator.snapshot.rules.map(\.state) == [.firing, .pending, .inactive, .unknown])
        #expect(evaluator.snapshot.rules.map(\.health) == [.ok, .ok, .ok, .ok])
        #expect(evaluator.snapshot.rules[1].alerts.map { $0.labels["i"] } == ["1", "2"])
    }

    @Test("pending alerts are dropped as soon as the expression stops returning them")
    func pendingDropped() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m"], [100, 100, 0])
        let evaluator = harness.evaluator([try RuleHarness.alerting("A", "m > 50", for: 10 * minute)])
        _ = evaluator.evaluate(at: 0)
        _ = evaluator.evaluate(at: minute)
        #expect(evaluator.alerts().first?.state == .pending)
        _ = evaluator.evaluate(at: 2 * minute)
        #expect(evaluator.alerts().isEmpty)
    }

    @Test("resolved alerts are kept 15 minutes, and a new occurrence starts pending again")
    func resolvedRetention() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m"], constant: 0, from: 0, through: 40 * minute)
        harness.load(["__name__": "m"], [100, 100, 100])
        harness.load(["__name__": "m"], start: 25 * minute, [100, 100])
        let evaluator = harness.evaluator([try RuleHarness.alerting("A", "m > 50", for: minute)])
        for step: Int64 in 0...3 { _ = evaluator.evaluate(at: step * minute) }
        var alert = try #require(evaluator.alerts().first)
        #expect(alert.state == .inactive)
        #expect(alert.resolvedAt == 3 * minute)

        _ = evaluator.evaluate(at: 18 * minute)
        alert = try #require(evaluator.alerts().first)
        #expect(alert.state == .inactive)
        #expect(alert.resolvedAt == 3 * minute)
        _ = evaluator.evaluate(at: 18 * minute + 1)
        #expect(evaluator.alerts().isEmpty)

        // Reappearing while resolved (within the retention) replaces the resolved entry with a new pending alert.
        let second = harness.evaluator([try RuleHarness.alerting("A", "m > 50", for: minute)])
        for step: Int64 in 0...3 { _ = second.evaluate(at: step * minute) }
        _ = second.evaluate(at: 25 * minute)
        alert = try #require(second.alerts().first)
        #expect(alert.state == .pending)
        #expect(alert.activeAt == 25 * minute)
        #expect(alert.resolvedAt == nil)
        #expect(alert.firedAt == nil)
        _ = second.evaluate(at: 26 * minute)
        #expect(second.alerts().first?.state == .firing)
    }

    @Test("a templated label whose value changes makes a new alert, restarting the for clock")
    func templatedLabelIdentity() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "job": "j"], [1, 1, 1, 2, 2, 2])
        let evaluator = harness.evaluator([
            try RuleHarness.alerting("A", "m > 0", for: 2 * minute, labels: ["level": "{{ $value }}"])
        ])
        for step: Int64 in 0...2 { _ = evaluator.evaluate(at: step * minute) }
        #expect(evaluator.alerts().map(\.state) == [.firing])
        #expect(evaluator.alerts().first?.labels == ["alertname": "A", "job": "j", "level": "1"])

        _ = evaluator.evaluate(at: 3 * minute)
        var alerts = evaluator.alerts()
        #expect(alerts.map { $0.labels["level"] } == ["1", "2"])
        #expect(alerts.map(\.state) == [.inactive, .pending])
        #expect(alerts.last?.activeAt == 3 * minute)

        _ = evaluator.evaluate(at: 5 * minute)
        alerts = evaluator.alerts()
        #expect(alerts.map(\.state) == [.inactive, .firing])
    }

    @Test("labels: sample labels without __name__, group then rule labels, empty expansions removed, alertname last")
    func alertLabels() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "job": "j", "severity": "low", "drop": "x", "alertname": "other"], [1])
        let evaluator = harness.evaluator(
            [
                try RuleHarness.alerting(
                    "A", "m",
                    labels: ["severity": "page", "drop": "{{ $labels.missing }}", "from": "{{ $labels.job }}"],
                    annotations: [("summary", "{{ $labels.__name__ }} {{ $value }}"), ("empty", "{{ $labels.no }}")])
            ], labels: ["team": "infra", "severity": "none"])
        _ = evaluator.evaluate(at: 0)
        let alert = try #require(evaluator.alerts().first)
        #expect(alert.labels == ["alertname": "A", "job": "j", "severity": "page", "team": "infra", "from": "j"])
        #expect(alert.annotations == ["summary": "m 1", "empty": ""])
        #expect(
            evaluator.snapshot.rules[0].labels == [
                "team": "infra", "severity": "page", "drop": "{{ $labels.missing }}", "from": "{{ $labels.job }}",
            ])
    }

    @Test("any returned sample is an alert, whatever its value; a scalar result is one alert without labels")
    func valuesDoNotMatter() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m"], [0])
        let evaluator = harness.evaluator([try RuleHarness.alerting("A", "m"), try RuleHarness.alerting("S", "0 * 1")])
        _ = evaluator.evaluate(at: 0)
        #expect(evaluator.alerts(0).map(\.value) == [0])
        #expect(evaluator.alerts(1).map(\.labels) == [["alertname": "S"]])
        #expect(evaluator.alerts(1).map(\.state) == [.firing])
    }

    @Test("value and annotations follow the latest evaluation; activeAt stays")
    func valueUpdates() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m"], [1, 2, 3])
        let evaluator = harness.evaluator([
            try RuleHarness.alerting("A", "m", for: 5 * minute, annotations: [("v", "value {{ $value }}")])
        ])
        for step: Int64 in 0...2 { _ = evaluator.evaluate(at: step * minute) }
        let alert = try #require(evaluator.alerts().first)
        #expect(alert.value == 3)
        #expect(alert.annotations == ["v": "value 3"])
        #expect(alert.activeAt == 0)
    }

    @Test("a firing alert goes back to pending when a reload lengthens for")
    func longerHoldAfterReload() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m"], constant: 1, from: 0, through: 20 * minute)
        let before = harness.evaluator([try RuleHarness.alerting("A", "m > 0", for: 5 * minute)])
        for step: Int64 in 0...6 { _ = before.evaluate(at: step * minute) }
        #expect(before.alerts().first?.state == .firing)
        _ = before.evaluate(at: 7 * minute)  // sent at 5m; 7m sends again
        #expect(before.alerts().first?.lastSentAt == 7 * minute)

        let after = harness.evaluator([try RuleHarness.alerting("A", "m > 0", for: 10 * minute)])
        after.adoptState(before.carriedState)
        _ = after.evaluate(at: 8 * minute)
        var alert = try #require(after.alerts().first)
        #expect(alert.state == .pending)
        #expect(alert.firedAt == nil)
        #expect(alert.lastSentAt == nil)
        #expect(alert.activeAt == 0)
        _ = after.evaluate(at: 10 * minute)
        alert = try #require(after.alerts().first)
        #expect(alert.state == .firing)
        #expect(alert.firedAt == 10 * minute)
    }
}
