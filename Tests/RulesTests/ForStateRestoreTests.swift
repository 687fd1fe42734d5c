import Testing
import TimeSeries

@testable import Rules

private let minute: Int64 = 60_000

@Suite("for state restore")
struct ForStateRestoreTests {
    /// A whole-second base time.
    private let base: Int64 = 1_700_000_000_000

    /// Runs a first "process" evaluating every minute from `base` through `base + until`, then a restarted one
    /// evaluating at `restart` and a minute later, restoring at `restart + minute`. Returns the restarted evaluator.
    private func restart(
        _ harness: RuleHarness, for hold: Int64, until: Int64, restart: Int64, labels: [String: String] = [:]
    ) throws -> RuleGroupEvaluator {
        harness.load(
            ["__name__": "heap", "pod": "p"], constant: 1e9, from: base - 10 * minute, through: base + 3 * 3_600_000)
        let rule = try RuleHarness.alerting("HeapGrowing", "heap > 0", for: hold, labels: labels)
        let before = harness.evaluator([rule])
        var ts = base
        while ts <= base + until {
            _ = before.evaluate(at: ts)
            ts += minute
        }
        let after = harness.evaluator([rule], restored: false)
        _ = after.evaluate(at: base + restart)
        _ = after.evaluate(at: base + restart + minute)
        after.restoreForState(now: base + restart + minute, querier: harness.store)
        return after
    }

    /// The first time from `start` on (every minute) at which the alert fires.
    private func firingTime(_ evaluator: RuleGroupEvaluator, from start: Int64) -> Int64? {
        var ts = start
        while ts < start + 3_600_000 {
            _ = evaluator.evaluate(at: ts)
            if evaluator.alerts().first?.state == .firing { return ts }
            ts += minute
        }
        return nil
    }

    @Test("a pending alert 20 minutes into for: 30m fires about 10 minutes after a restart, not 30")
    func twentyIntoThirty() throws {
        let harness = RuleHarness()
        // Last ALERTS_FOR_STATE sample at base+20m, restarted 5 minutes later, restored at base+26m.
        let evaluator = try restart(harness, for: 30 * minute, until: 20 * minute, restart: 25 * minute)
        let now = base + 26 * minute
        // remaining = 30m - 20m = 10m, not below the 10m grace period: downtime is not counted.
        #expect(evaluator.alerts().first?.activeAt == base + (now - (base + 20 * minute)))
        #expect(evaluator.snapshot.rules[0].restored)
        #expect(firingTime(evaluator, from: now + minute) == now + 10 * minute)
    }

    @Test("remaining time under the grace period: the alert fires one grace period after the restore")
    func graceBranch() throws {
        let harness = RuleHarness()
        let evaluator = try restart(harness, for: 30 * minute, until: 25 * minute, restart: 29 * minute)
        let now = base + 30 * minute
        // remaining = 30m - 25m = 5m < 10m.
        #expect(evaluator.alerts().first?.activeAt == now + 10 * minute - 30 * minute)
        #expect(firingTime(evaluator, from: now + minute) == now + 10 * minute)
    }

    @Test("an alert that was firing keeps its original active time and fires at the next evaluation")
    func wasFiring() throws {
        let harness = RuleHarness()
        let evaluator = try restart(harness, for: 30 * minute, until: 40 * minute, restart: 44 * minute)
        #expect(evaluator.alerts().first?.activeAt == base)
        #expect(evaluator.alerts().first?.state == .pending)
        #expect(firingTime(evaluator, from: base + 46 * minute) == base + 46 * minute)
        // ALERTS_FOR_STATE carries the restored active time again.
        let forState = harness.series("ALERTS_FOR_STATE").first?.samples.last
        #expect(forState == Sample(timestamp: base + 46 * minute, value: Double(base / 1000)))
    }

    @Test("restored alerts start writing ALERTS only after the restore")
    func seriesAfterRestore() throws {
        let harness = RuleHarness()
        _ = try restart(harness, for: 30 * minute, until: 20 * minute, restart: 25 * minute)
        let pending = harness.series("ALERTS").first?.samples.map(\.timestamp) ?? []
        #expect(pending.last == base + 20 * minute)
    }

    @Test("rules whose for is under the grace period are not restored from storage")
    func shortHold() throws {
        let harness = RuleHarness()
        let evaluator = try restart(harness, for: 5 * minute, until: 3 * minute, restart: 10 * minute)
        #expect(evaluator.alerts().first?.activeAt == base + 10 * minute)
        #expect(evaluator.snapshot.rules[0].restored)
    }

    @Test("state older than the outage tolerance is ignored")
    func outageTooLong() throws {
        let harness = RuleHarness()
        let evaluator = try restart(harness, for: 30 * minute, until: 20 * minute, restart: 90 * minute)
        #expect(evaluator.alerts().first?.activeAt == base + 90 * minute)
        #expect(evaluator.snapshot.rules[0].restored)
    }

    @Test("a series ending in a staleness marker (resolved before the restart) is not restored")
    func staleLastSample() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "heap", "pod": "p"], [nil])
        let stale: Labels = ["__name__": "ALERTS_FOR_STATE", "alertname": "HeapGrowing", "pod": "p"]
        _ = try harness.store.append([
            Series(
                labels: stale,
                samples: [Sample(timestamp: base, value: Double(base / 1000)), .stale(at: base + minute)])
        ])
        let evaluator = try restart(harness, for: 30 * minute, until: -minute, restart: 5 * minute)
        #expect(evaluator.alerts().first?.activeAt == base + 5 * minute)
    }

    @Test("rule labels select the series; templated label values are not used as matchers")
    func matchersFromLabels() throws {
        let harness = RuleHarness()
        let evaluator = try restart(
            harness, for: 30 * minute, until: 20 * minute, restart: 25 * minute,
            labels: ["severity": "page", "pod": "{{ $labels.pod }}"])
        #expect(evaluator.alerts().first?.activeAt == base + 6 * minute)
        // A series of another rule with the same name but other labels is not taken.
        let other = harness.evaluator(
            [try RuleHarness.alerting("HeapGrowing", "heap > 0", for: 30 * minute, labels: ["severity": "ticket"])],
            restored: false)
        _ = other.evaluate(at: base + 26 * minute)
        other.restoreForState(now: base + 26 * minute, querier: harness.store)
        #expect(other.alerts().first?.activeAt == base + 26 * minute)
    }

    @Test("down and active times are taken in whole seconds")
    func wholeSeconds() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "heap", "pod": "p"], constant: 1, from: 0, through: 3_600_000)
        _ = try harness.store.append([
            Series(
                labels: ["__name__": "ALERTS_FOR_STATE", "alertname": "H", "pod": "p"],
                samples: [Sample(timestamp: 20 * minute + 999, value: 60.9)])
        ])
        let evaluator = harness.evaluator(
            [try RuleHarness.alerting("H", "heap > 0", for: 30 * minute)], restored: false)
        _ = evaluator.evaluate(at: 25 * minute)
        evaluator.restoreForState(now: 25 * minute + 500, querier: harness.store)
        // down = 1200s, active = 60s: remaining = 30m - 19m = 11m ≥ grace → 60s + (now - 1200s).
        #expect(evaluator.alerts().first?.activeAt == 60_000 + (25 * minute + 500 - 20 * minute))
    }
}
