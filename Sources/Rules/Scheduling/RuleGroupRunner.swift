import Foundation
import Synchronization
import TimeSeries

/// Runs one group's evaluations on its own thread at the group's slots, publishing a snapshot and metrics after each.
final class RuleGroupRunner: Sendable {
    /// What happens after the first evaluations of a group loaded at startup.
    enum Restore {
        /// Nothing: the rules were created restored (groups added by a reload).
        case none
        /// Evaluate twice, then restore `for` state from this querier (nil: just mark the rules restored).
        case afterSecondEvaluation((any SeriesQuerier)?)
    }

    private struct Published {
        var snapshot: RuleGroupSnapshot
        var metrics: RuleGroupMetrics
    }

    let file: String
    let group: RuleGroup
    let interval: Int64
    let queryOffset: Int64
    /// Locked by the group's thread for each evaluation, and by reloads once the thread has ended.
    let evaluator: Mutex<RuleGroupEvaluator>
    private let stopSignal = RuleStopSignal()
    private let published: Mutex<Published>
    /// `nil`: not started; false: running; true: the thread has ended.
    private let finished = ConditionLock<Bool?>(nil)

    init(evaluator: sending RuleGroupEvaluator, metrics: RuleGroupMetrics?) {
        file = evaluator.file
        group = evaluator.group
        interval = evaluator.interval
        queryOffset = evaluator.queryOffset
        var counters = RuleGroupMetrics(
            file: evaluator.file, group: evaluator.group.name, interval: evaluator.interval,
            rules: evaluator.group.rules.count)
        if let metrics {
            counters.iterations = metrics.iterations
            counters.missedIterations = metrics.missedIterations
            counters.ruleEvaluations = metrics.ruleEvaluations
            counters.ruleEvaluationFailures = metrics.ruleEvaluationFailures
            counters.lastDuration = metrics.lastDuration
            counters.lastEvaluation = metrics.lastEvaluation
            counters.lastSamples = metrics.lastSamples
        }
        published = Mutex(Published(snapshot: evaluator.snapshot, metrics: counters))
        self.evaluator = Mutex(evaluator)
    }

    /// The state after the last evaluation.
    var snapshot: RuleGroupSnapshot { published.withLock { $0.snapshot } }

    /// The group's counters.
    var metrics: RuleGroupMetrics { published.withLock { $0.metrics } }

    /// Starts the group's thread.
    func start(
        clock: any RuleClock, restore: Restore, notify: (@Sendable ([AlertNotification]) -> Void)?
    ) {
        finished.update { $0 = false }
        let thread = Thread { [self] in
            run(clock: clock, restore: restore, notify: notify)
            finished.update { $0 = true }
        }
        thread.name = "rules: \(group.name)"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Stops the thread and waits until its evaluation in progress, if any, has finished.
    func stop() {
        stopSignal.stop()
        _ = finished.wait(until: { $0 != false })
    }

    private func run(
        clock: any RuleClock, restore: Restore, notify: (@Sendable ([AlertNotification]) -> Void)?
    ) {
        let offset = RuleGroupSlot.offset(file: file, name: group.name, interval: interval)
        var ts = RuleGroupSlot.timestamp(before: clock.now(), offset: offset, interval: interval) + interval
        guard clock.sleep(until: ts, unlessStopped: stopSignal) else { return }
        iterate(at: ts, notify: notify)

        if case .afterSecondEvaluation(let querier) = restore {
            // The first evaluation may lack data (recording rules have not run yet), so state is restored only after
            // the second, as Prometheus does.
            guard advance(&ts, clock: clock) else { return }
            iterate(at: ts, notify: notify)
            let now = clock.now()
            let snapshot = evaluator.withLock { evaluator in
                if let querier {
                    evaluator.restoreForState(now: now, querier: querier)
                } else {
                    evaluator.markRestored()
                }
                return evaluator.snapshot
            }
            published.withLock { $0.snapshot = snapshot }
        }

        while advance(&ts, clock: clock) {
            iterate(at: ts, notify: notify)
        }
    }

    /// Sleeps until the slot after `ts` and moves `ts` to the latest slot that has come, counting the ones skipped.
    private func advance(_ ts: inout Int64, clock: any RuleClock) -> Bool {
        guard clock.sleep(until: ts + interval, unlessStopped: stopSignal) else { return false }
        let missed = max(0, (clock.now() - ts) / interval - 1)
        if missed > 0 {
            published.withLock { published in
                published.metrics.missedIterations += Int(missed)
                published.metrics.iterations += Int(missed)
            }
        }
        ts += (missed + 1) * interval
        return true
    }

    private func iterate(at ts: Int64, notify: (@Sendable ([AlertNotification]) -> Void)?) {
        let stopSignal = stopSignal
        let (result, snapshot) = evaluator.withLock { evaluator in
            let result = evaluator.evaluate(at: ts, stopping: { stopSignal.isStopped })
            return (result, evaluator.snapshot)
        }
        published.withLock { published in
            published.snapshot = snapshot
            published.metrics.iterations += 1
            published.metrics.ruleEvaluations += result.ruleEvaluations
            published.metrics.ruleEvaluationFailures += result.failures.count
            published.metrics.lastDuration = result.duration
            published.metrics.lastEvaluation = snapshot.lastEvaluation
            published.metrics.lastSamples = result.samples
        }
        // Called after every evaluation, with nothing due too: the caller may do per-evaluation work (memory).
        notify?(result.notifications)
    }
}

extension RuleGroupRunner {
    /// Takes over the alert and staleness state of the stopped runner this one replaces, before it starts.
    func adoptState(from old: RuleGroupRunner) {
        let carried = old.evaluator.withLock { $0.carriedState }
        let snapshot = evaluator.withLock { evaluator in
            evaluator.adoptState(carried)
            return evaluator.snapshot
        }
        published.withLock { $0.snapshot = snapshot }
    }

    /// Whether `group` from `file` would evaluate exactly like this runner's group (Prometheus's `Group.Equals`),
    /// so a reload can leave the runner alone.
    func evaluatesLike(_ other: RuleGroupEvaluator) -> Bool {
        guard group.name == other.group.name, file == other.file, interval == other.interval,
            queryOffset == other.queryOffset, group.limit == other.group.limit, group.labels == other.group.labels,
            group.rules.count == other.group.rules.count
        else { return false }
        return zip(group.rules, other.group.rules).allSatisfy { RuleGroupRunner.sameRule($0, $1) }
    }

    private static func sameRule(_ lhs: Rule, _ rhs: Rule) -> Bool {
        switch (lhs, rhs) {
        case (.alerting(let left), .alerting(let right)):
            return left.name == right.name && left.expression == right.expression
                && left.holdDuration == right.holdDuration && left.keepFiringFor == right.keepFiringFor
                && left.labels == right.labels
                && left.annotations.elementsEqual(right.annotations) { $0 == $1 }
        case (.recording(let left), .recording(let right)):
            return left.name == right.name && left.expression == right.expression && left.labels == right.labels
        default:
            return false
        }
    }
}
