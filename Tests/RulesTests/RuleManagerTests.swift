import Dispatch
import Foundation
import PromQL
import Synchronization
import Testing
import TimeSeries

@testable import Rules

private let minute: Int64 = 60_000

@Suite("Rule manager and scheduling")
struct RuleManagerTests {
    private let base: Int64 = 1_700_000_012_345

    private func group(
        _ name: String, interval: Int64 = minute, labels: [String: String] = [:], _ rules: [Rule]
    ) -> RuleGroup {
        RuleGroup(name: name, interval: interval, labels: labels, rules: rules)
    }

    /// The first slot a group started at `now` is evaluated at.
    private func firstSlot(file: String, group: String, interval: Int64 = minute, now: Int64) -> Int64 {
        let offset = RuleGroupSlot.offset(file: file, name: group, interval: interval)
        return RuleGroupSlot.timestamp(before: now, offset: offset, interval: interval) + interval
    }

    /// Moves the clock and waits until `sleepers` group threads are asleep again.
    private func step(_ clock: ManualRuleClock, to time: Int64, sleepers: Int = 1) {
        clock.advance(to: time)
        #expect(clock.waitForSleepers(sleepers))
    }

    @Test("slot arithmetic: the latest slot at or before now, shifted by the group's offset")
    func slotArithmetic() {
        #expect(RuleGroupSlot.timestamp(before: 100_000, offset: 15_000, interval: minute) == 75_000)
        #expect(RuleGroupSlot.timestamp(before: 75_000, offset: 15_000, interval: minute) == 75_000)
        #expect(RuleGroupSlot.timestamp(before: 74_999, offset: 15_000, interval: minute) == 15_000)
        let offset = RuleGroupSlot.offset(file: "rules/a.yml", name: "memory", interval: minute)
        #expect((0..<minute).contains(offset))
        #expect(offset == RuleGroupSlot.offset(file: "rules/a.yml", name: "memory", interval: minute))
        let offsets = Set((0..<20).map { RuleGroupSlot.offset(file: "f.yml", name: "g\($0)", interval: minute) })
        #expect(offsets.count > 15)
    }

    @Test("the first evaluation is at the next slot, then every interval; missed slots are counted and skipped")
    func scheduling() throws {
        let harness = RuleHarness()
        let clock = ManualRuleClock(now: base)
        let manager = RuleManager(environment: harness.environment(), clock: clock)
        defer { manager.stop() }
        manager.update([RuleFile(path: "a.yml", groups: [group("g", [try RuleHarness.recording("one", "vector(1)")])])])
        let first = firstSlot(file: "a.yml", group: "g", now: base)
        #expect(clock.waitForSleepers(1))
        #expect(clock.sleepingUntil == [first])
        #expect(first > base && first <= base + minute)
        #expect(manager.groups.first?.rules.first?.health == .unknown)

        step(clock, to: first)
        #expect(clock.sleepingUntil == [first + minute])
        #expect(harness.series("one").first?.samples.map(\.timestamp) == [first])
        var metrics = try #require(manager.metrics.first)
        #expect(metrics.key == "a.yml;g")
        #expect(metrics.iterations == 1)
        #expect(metrics.missedIterations == 0)
        #expect(metrics.ruleEvaluations == 1)
        #expect(metrics.lastEvaluation == first)
        #expect(manager.groups.first?.lastEvaluationTimestamp == first)
        #expect(manager.groups.first?.rules.first?.health == .ok)

        // The clock jumps 4.5 intervals past the last slot: slots +1m, +2m and +3m are missed, +4m is evaluated.
        step(clock, to: first + 4 * minute + 30_000)
        #expect(clock.sleepingUntil == [first + 5 * minute])
        #expect(harness.series("one").first?.samples.map(\.timestamp) == [first, first + 4 * minute])
        metrics = try #require(manager.metrics.first)
        #expect(metrics.iterations == 5)
        #expect(metrics.missedIterations == 3)
        #expect(metrics.ruleEvaluations == 2)
        #expect(metrics.ruleEvaluationFailures == 0)
    }

    @Test("groups run concurrently: a slow group does not hold up another")
    func concurrentGroups() throws {
        let harness = RuleHarness()
        let gate = DispatchSemaphore(value: 0)
        var environment = harness.environment()
        let query = environment.query
        environment.query = { expr, time in
            if expr.description.contains("slow") { gate.wait() }
            return try query(expr, time)
        }
        let clock = ManualRuleClock(now: base)
        let manager = RuleManager(environment: environment, clock: clock)
        defer { manager.stop() }
        manager.update([
            RuleFile(
                path: "a.yml",
                groups: [group("slow", [try RuleHarness.recording("slow_out", "vector(1) * 1 + 0 * absent(slow)")])]),
            RuleFile(path: "b.yml", groups: [group("fast", [try RuleHarness.recording("fast_out", "vector(2)")])]),
        ])
        #expect(clock.waitForSleepers(2))
        let slow = firstSlot(file: "a.yml", group: "slow", now: base)
        let fast = firstSlot(file: "b.yml", group: "fast", now: base)
        clock.advance(to: max(slow, fast))
        // The fast group finishes and sleeps toward its next slot while the slow one is stuck in its query.
        #expect(clock.waitForSleepers(1))
        #expect(clock.sleepingUntil.contains(fast + minute))
        #expect(harness.series("fast_out").count == 1)
        #expect(harness.series("slow_out").isEmpty)
        gate.signal()
        #expect(clock.waitForSleepers(2))
        #expect(harness.series("slow_out").count == 1)
        #expect(manager.groups.map(\.name) == ["slow", "fast"])
    }

    @Test("stop waits for the rule in progress and skips the group's remaining rules")
    func stopWaits() throws {
        let harness = RuleHarness()
        let entered = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        var environment = harness.environment()
        let query = environment.query
        environment.query = { expr, time in
            entered.signal()
            gate.wait()
            return try query(expr, time)
        }
        let clock = ManualRuleClock(now: base)
        let manager = RuleManager(environment: environment, clock: clock)
        manager.update([
            RuleFile(
                path: "a.yml",
                groups: [
                    group(
                        "g",
                        [try RuleHarness.recording("one", "vector(1)"), try RuleHarness.recording("two", "vector(2)")])
                ])
        ])
        #expect(clock.waitForSleepers(1))
        clock.advance(to: base + minute)
        entered.wait()
        let stopped = Mutex(false)
        let thread = Thread {
            manager.stop()
            stopped.withLock { $0 = true }
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.05)
        #expect(stopped.withLock { $0 } == false)
        gate.signal()
        var waited = 0
        while !stopped.withLock({ $0 }) && waited < 1000 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 1
        }
        #expect(stopped.withLock { $0 })
        #expect(harness.series("one").count == 1)
        #expect(harness.series("two").isEmpty)
        #expect(clock.sleepingUntil.isEmpty)
        #expect(manager.groups.first?.rules.map(\.health) == [.ok, .unknown])
    }

    @Test("at startup ALERTS are written only after the second evaluation; notifications reach the hook")
    func startupRestoreAndNotify() throws {
        let harness = RuleHarness()
        let received = Mutex<[String]>([])
        let calls = Mutex(0)
        let clock = ManualRuleClock(now: base)
        let manager = RuleManager(
            environment: harness.environment(), clock: clock, restoreQuerier: harness.store,
            notify: { notifications in
                calls.withLock { $0 += 1 }
                received.withLock { $0 += notifications.flatMap { n in n.alerts.map { "\(n.rule.name) \($0.state)" } } }
            })
        defer { manager.stop() }
        manager.update([
            RuleFile(path: "a.yml", groups: [group("g", [try RuleHarness.alerting("Always", "vector(1)")])])
        ])
        let first = firstSlot(file: "a.yml", group: "g", now: base)
        #expect(clock.waitForSleepers(1))
        step(clock, to: first)
        step(clock, to: first + minute)
        #expect(harness.series("ALERTS").isEmpty)
        #expect(manager.groups.first?.rules.first?.restored == true)
        step(clock, to: first + 2 * minute)
        #expect(harness.series("ALERTS").first?.samples.map(\.timestamp) == [first + 2 * minute])
        #expect(received.withLock { $0 } == ["Always firing", "Always firing"])
        // Called after every evaluation, including the first one with nothing to send yet.
        #expect(calls.withLock { $0 } == 3)
        #expect(manager.groups.first?.rules.first?.firingAlerts.count == 1)

        // Groups added by a later update start restored.
        manager.update([
            RuleFile(path: "a.yml", groups: [group("g", [try RuleHarness.alerting("Always", "vector(1)")])]),
            RuleFile(path: "b.yml", groups: [group("h", [try RuleHarness.alerting("Later", "vector(1)")])]),
        ])
        #expect(clock.waitForSleepers(2))
        let later = firstSlot(file: "b.yml", group: "h", now: clock.now())
        step(clock, to: later, sleepers: 2)
        #expect(harness.series("ALERTS").contains { $0.labels["alertname"] == "Later" })
    }

    @Test("a pending alert 20 minutes into for: 30m fires 10 minutes after a restart, not 30")
    func restartRestoresForState() throws {
        let harness = RuleHarness()
        harness.load(
            ["__name__": "heap", "pod": "p"], constant: 1, from: base - 10 * minute, through: base + 3_600_000)
        let files = [
            RuleFile(
                path: "leaks.yml",
                groups: [group("leaks", [try RuleHarness.alerting("HeapGrowing", "heap > 0", for: 30 * minute)])])
        ]
        let clock = ManualRuleClock(now: base)
        let before = RuleManager(environment: harness.environment(), clock: clock, restoreQuerier: harness.store)
        before.update(files)
        let first = firstSlot(file: "leaks.yml", group: "leaks", now: base)
        #expect(clock.waitForSleepers(1))
        for slot: Int64 in 0...20 { step(clock, to: first + slot * minute) }
        #expect(before.groups.first?.rules.first?.alerts.first?.activeAt == first)
        before.stop()

        // Down for 5 minutes; restored after the restarted group's second evaluation.
        let restartClock = ManualRuleClock(now: first + 25 * minute)
        let after = RuleManager(environment: harness.environment(), clock: restartClock, restoreQuerier: harness.store)
        defer { after.stop() }
        after.update(files)
        #expect(restartClock.waitForSleepers(1))
        #expect(restartClock.sleepingUntil == [first + 26 * minute])
        step(restartClock, to: first + 26 * minute)
        step(restartClock, to: first + 27 * minute)
        let restoredAt = first + 27 * minute
        var states: [Int64: AlertState] = [:]
        for slot: Int64 in 28...38 {
            step(restartClock, to: first + slot * minute)
            states[slot] = after.groups.first?.rules.first?.alerts.first?.state
        }
        #expect(states[36] == .pending)
        #expect(states[37] == .firing)
        let firedAt = after.groups.first?.rules.first?.alerts.first?.firedAt
        #expect(firedAt == first + 37 * minute)
        #expect(firedAt.map { $0 - restoredAt } == 10 * minute)
    }

    @Test("reload keeps the alerts and series of unchanged rules and marks removed rules and groups stale")
    func reloadKeepsState() throws {
        let harness = RuleHarness()
        harness.load(["__name__": "m", "i": "1"], constant: 1, from: base - 10 * minute, through: base + 3_600_000)
        let clock = ManualRuleClock(now: base)
        let manager = RuleManager(environment: harness.environment(), clock: clock)
        defer { manager.stop() }
        let alert = try RuleHarness.alerting("A", "m > 0", for: 10 * minute, labels: ["severity": "page"])
        manager.update([
            RuleFile(
                path: "a.yml",
                groups: [
                    group(
                        "g", labels: ["team": "x"],
                        [alert, try RuleHarness.recording("r1", "m"), try RuleHarness.recording("r2", "m * 2")]),
                    group("gone", [try RuleHarness.recording("gone_out", "m")]),
                ])
        ])
        let g = firstSlot(file: "a.yml", group: "g", now: base)
        let gone = firstSlot(file: "a.yml", group: "gone", now: base)
        #expect(clock.waitForSleepers(2))
        // Run both groups for three slots (restored after the second).
        for slot: Int64 in 0...2 {
            clock.advance(to: max(g, gone) + slot * minute)
            #expect(clock.waitForSleepers(2))
        }
        // Both first slots lie within one interval, so `g` ran at g, g+1m and g+2m.
        let lastG = g + 2 * minute
        #expect(manager.groups.first { $0.name == "g" }?.rules.first?.alerts.first?.activeAt == g)

        // Reload: r2 removed, r3 added, `gone` removed; A unchanged (same name and labels).
        manager.update([
            RuleFile(
                path: "a.yml",
                groups: [
                    group(
                        "g", labels: ["team": "x"],
                        [alert, try RuleHarness.recording("r1", "m"), try RuleHarness.recording("r3", "m * 3")])
                ])
        ])
        let reloadedAt = clock.now()
        // The new `g` and the removed group's marker writer sleep.
        #expect(clock.waitForSleepers(2))
        let next = clock.sleepingUntil[0]
        #expect(next == g + 3 * minute)
        #expect(clock.sleepingUntil[1] == reloadedAt + 2 * minute)
        step(clock, to: next, sleepers: 2)
        let snapshot = try #require(manager.groups.first)
        #expect(manager.groups.count == 1)
        #expect(snapshot.rules.map(\.rule.name) == ["A", "r1", "r3"])
        #expect(snapshot.rules[0].alerts.first?.activeAt == g)
        #expect(snapshot.rules[0].alerts.first?.state == .pending)
        #expect(snapshot.lastEvaluation == next)
        // The removed rule's series gets a marker at the next evaluation of the new group.
        let r2 = harness.samples(["__name__": "r2", "i": "1", "team": "x"])
        #expect(r2.last == Sample.stale(at: next))
        #expect(r2.dropLast().last?.timestamp == lastG)
        #expect(harness.series("r3").first?.samples.map(\.timestamp) == [next])
        // Metrics of a replaced group continue.
        #expect(manager.metrics.first?.iterations == 4)

        // The removed group's series are marked two intervals after the removal, timestamped at the removal.
        #expect(harness.samples(["__name__": "gone_out", "i": "1"]).allSatisfy { !$0.isStale })
        clock.advance(to: reloadedAt + 2 * minute)
        var waited = 0
        while harness.samples(["__name__": "gone_out", "i": "1"]).last?.isStale != true && waited < 500 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 1
        }
        #expect(harness.samples(["__name__": "gone_out", "i": "1"]).last == Sample.stale(at: reloadedAt))
    }

    @Test("an unchanged group keeps running untouched on reload")
    func unchangedGroup() throws {
        let harness = RuleHarness()
        let clock = ManualRuleClock(now: base)
        let manager = RuleManager(environment: harness.environment(), clock: clock)
        defer { manager.stop() }
        let files = [RuleFile(path: "a.yml", groups: [group("g", [try RuleHarness.recording("one", "vector(1)")])])]
        manager.update(files)
        #expect(clock.waitForSleepers(1))
        let first = firstSlot(file: "a.yml", group: "g", now: base)
        step(clock, to: first)
        manager.update(files)
        #expect(clock.waitForSleepers(1))
        #expect(clock.sleepingUntil == [first + minute])
        step(clock, to: first + minute)
        #expect(harness.series("one").first?.samples.map(\.timestamp) == [first, first + minute])
        #expect(manager.metrics.first?.iterations == 2)
    }
}
