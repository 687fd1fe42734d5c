import Foundation
import Logging
import Synchronization
public import TimeSeries

/// Runs the rule groups of a set of rule files: every group on its own thread at its own slots (Prometheus's
/// `rules.Manager`), rules within a group in order.
///
/// `update(_:)` loads or reloads: unchanged groups keep running untouched; changed groups are stopped and replaced,
/// keeping the alerts and written series of rules that still exist (same name and labels); removed groups are
/// stopped, and two intervals later their series get staleness markers. Groups of the first update restore their
/// `for` state from `ALERTS_FOR_STATE` after their second evaluation; groups added later start restored.
public final class RuleManager: Sendable {
    private struct Control {
        var environment: RuleEvaluationEnvironment
        var runners: [String: RuleGroupRunner] = [:]
        var restored = false
        var stopped = false
    }

    private let control: Mutex<Control>
    private let current = Mutex<[RuleGroupRunner]>([])
    private let clock: any RuleClock
    private let restoreQuerier: (any SeriesQuerier)?
    private let notify: (@Sendable ([AlertNotification]) -> Void)?
    private let shutdown = RuleStopSignal()
    private let staleWriters = ConditionLock(0)
    private let logger: Logger

    /// Creates a manager with no groups.
    ///
    /// - Parameters:
    ///   - environment: queries, appender, templates and settings for every group. Its `now` is replaced by
    ///     `clock.now`.
    ///   - clock: the time source and sleep of the scheduler.
    ///   - restoreQuerier: where `ALERTS_FOR_STATE` is read to restore `for` state at startup; nil skips the lookup
    ///     (the rules are then simply marked restored after their group's second evaluation).
    ///   - notify: receives the alerts due to be sent after each group evaluation (possibly none). It is called
    ///     on the group's thread, so it should hand the alerts off quickly, and must not call `update` or `stop`.
    public init(
        environment: RuleEvaluationEnvironment, clock: any RuleClock = SystemRuleClock(),
        restoreQuerier: (any SeriesQuerier)? = nil, notify: (@Sendable ([AlertNotification]) -> Void)? = nil
    ) {
        var environment = environment
        environment.now = { [clock] in clock.now() }
        control = Mutex(Control(environment: environment))
        self.clock = clock
        self.restoreQuerier = restoreQuerier
        self.notify = notify
        logger = environment.logger
    }

    /// Replaces the running groups with the groups of `files` (does nothing once stopped).
    ///
    /// - Parameter environment: a new environment (external labels or URL changed); every group is then replaced,
    ///   keeping its state.
    public func update(_ files: [RuleFile], environment: RuleEvaluationEnvironment? = nil) {
        control.withLock { control in
            guard !control.stopped else { return }
            if var environment {
                environment.now = { [clock] in clock.now() }
                control.environment = environment
            }
            let restore: RuleGroupRunner.Restore = control.restored ? .none : .afterSecondEvaluation(restoreQuerier)
            var next: [String: RuleGroupRunner] = [:]
            var started: [RuleGroupRunner] = []
            for file in files {
                for group in file.groups {
                    let key = RuleGroupSnapshot.key(file: file.path, name: group.name)
                    let evaluator = RuleGroupEvaluator(
                        group: group, file: file.path, environment: control.environment, restored: control.restored)
                    let old = control.runners.removeValue(forKey: key) ?? next.removeValue(forKey: key)
                    if let old, environment == nil, old.evaluatesLike(evaluator) {
                        next[key] = old
                        continue
                    }
                    let runner = RuleGroupRunner(evaluator: evaluator, metrics: old?.metrics)
                    if let old {
                        old.stop()
                        runner.adoptState(from: old)
                    }
                    next[key] = runner
                    started.append(runner)
                }
            }
            control.restored = true
            for removed in control.runners.values {
                removed.stop()
                markStaleLater(removed, appender: control.environment.appender)
            }
            control.runners = next
            current.withLock { current in
                current = next.values.sorted { ($0.file, $0.group.name) < ($1.file, $1.group.name) }
            }
            for runner in started {
                runner.start(clock: clock, restore: restore, notify: notify)
            }
        }
    }

    /// Stops every group, waiting for evaluations in progress. Removed groups' pending staleness markers are not
    /// written. Snapshots and metrics stay readable.
    public func stop() {
        control.withLock { control in
            control.stopped = true
            for runner in control.runners.values { runner.stop() }
        }
        shutdown.stop()
        _ = staleWriters.wait(until: { $0 == 0 })
    }

    /// Every group's state after its last evaluation, sorted by file and name (for `/api/v1/rules` and
    /// `/api/v1/alerts`).
    public var groups: [RuleGroupSnapshot] {
        current.withLock { $0 }.map(\.snapshot)
    }

    /// Every group's counters, sorted by file and name.
    public var metrics: [RuleGroupMetrics] {
        current.withLock { $0 }.map(\.metrics)
    }

    /// Two intervals after a group is removed (time for a renamed copy of its rules to take over the series), writes
    /// staleness markers, timestamped at the removal, for every series it wrote, unless the manager stops first.
    private func markStaleLater(_ runner: RuleGroupRunner, appender: any SampleAppender) {
        let series = runner.evaluator.withLock { $0.writtenSeries }
        guard !series.isEmpty else { return }
        let removedAt = clock.now()
        let time = removedAt - runner.queryOffset
        let deadline = removedAt + 2 * runner.interval
        staleWriters.update { $0 += 1 }
        let thread = Thread { [clock, shutdown, staleWriters, logger] in
            defer { staleWriters.update { $0 -= 1 } }
            guard clock.sleep(until: deadline, unlessStopped: shutdown) else { return }
            do {
                _ = try appender.append(series.map { Series(labels: $0, samples: [Sample.stale(at: time)]) })
            } catch {
                logger.warning(
                    "Stale sample appending for previous configuration failed",
                    metadata: ["group": "\(runner.group.name)", "err": "\(error)"])
            }
        }
        thread.name = "rules: stale markers"
        thread.start()
    }
}
