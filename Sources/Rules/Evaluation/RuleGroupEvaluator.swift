import Logging
import PromQL
import TimeSeries

/// Evaluates the rules of one group at given slot times, with Prometheus's semantics: rules run in order at the same
/// timestamp, alerting rules run the pending/firing/resolved state machine, results, `ALERTS` and `ALERTS_FOR_STATE`
/// samples go to the appender, and series a rule stops producing get staleness markers.
///
/// Not thread-safe: one thread owns an evaluator at a time (`RuleManager` gives each group its own thread;
/// `test rules` drives evaluators directly). Read its state through `snapshot`.
public final class RuleGroupEvaluator {
    /// Resolved alerts are kept (and re-sent) this long, ms (Prometheus's `resolvedRetention`).
    public static let resolvedRetention: Int64 = 15 * 60_000

    /// The group as loaded.
    public let group: RuleGroup
    /// The file the group came from.
    public let file: String
    /// Queries, appender, templates and settings.
    public let environment: RuleEvaluationEnvironment
    /// The evaluation interval in effect, ms (the group's, else the environment's default).
    public let interval: Int64
    /// The query offset in effect, ms (the group's, else the environment's default).
    public let queryOffset: Int64

    var rules: [RuleRuntime]
    /// Series of rules that a reload removed; they get staleness markers at the next evaluation.
    var staleSeries: [Labels] = []
    var lastEvaluation: Int64?
    var lastEvaluationTimestamp: Int64?
    var evaluationDuration = 0.0
    let logger: Logger

    /// Creates an evaluator.
    ///
    /// - Parameters:
    ///   - group: the group to evaluate.
    ///   - file: the file it was loaded from (for snapshots, logs and the slot offset).
    ///   - environment: queries, appender, templates and settings.
    ///   - restored: whether alerting rules write `ALERTS` / `ALERTS_FOR_STATE` from the first evaluation; false
    ///     until `restoreForState(now:querier:)` or `markRestored()` runs.
    public init(group: RuleGroup, file: String = "", environment: RuleEvaluationEnvironment, restored: Bool = false) {
        self.group = group
        self.file = file
        self.environment = environment
        if let interval = group.interval, interval > 0 {
            self.interval = interval
        } else {
            // A zero default would make the schedule divide by zero; Prometheus's default is 1m.
            self.interval = environment.defaultInterval > 0 ? environment.defaultInterval : 60_000
        }
        queryOffset = group.queryOffset ?? environment.defaultQueryOffset
        rules = group.rules.map { RuleRuntime(rule: $0, groupLabels: group.labels, restored: restored) }
        var logger = environment.logger
        logger[metadataKey: "file"] = "\(file)"
        logger[metadataKey: "group"] = "\(group.name)"
        self.logger = logger
    }

    /// Marks every alerting rule restored, so `ALERTS` and `ALERTS_FOR_STATE` are written from now on without
    /// looking at stored `for` state (what `test rules` does).
    public func markRestored() {
        for index in rules.indices { rules[index].restored = true }
    }

    /// Evaluates every rule in order at the slot time `ts` (ms): queries run at `ts - queryOffset`, and results,
    /// alert series and staleness markers are written with that timestamp.
    ///
    /// A failing rule is reported in the result and in its `lastError`; the other rules still run. The alerts in
    /// the result's `notifications` are already marked sent.
    public func evaluate(at ts: Int64) -> GroupEvaluationResult {
        evaluate(at: ts, stopping: { false })
    }

    /// Evaluates like `evaluate(at:)`, but skips the remaining rules (and the markers of removed rules) once
    /// `stopping` returns true, as Prometheus does when a group is stopped mid-evaluation.
    func evaluate(at ts: Int64, stopping: () -> Bool) -> GroupEvaluationResult {
        let started = ContinuousClock.now
        let wallClock = environment.now()
        var result = GroupEvaluationResult(timestamp: ts)
        var interrupted = false
        for index in rules.indices {
            if stopping() {
                interrupted = true
                break
            }
            evaluateRule(at: index, ts: ts, into: &result)
        }
        if !interrupted { writeStaleSeries(at: ts) }
        evaluationDuration = RuleGroupEvaluator.seconds(since: started)
        lastEvaluation = wallClock
        lastEvaluationTimestamp = ts
        result.duration = evaluationDuration
        return result
    }

    /// The group's state after the last evaluation.
    public var snapshot: RuleGroupSnapshot {
        RuleGroupSnapshot(
            name: group.name, file: file, interval: interval, limit: group.limit, queryOffset: queryOffset,
            rules: rules.map(\.snapshot), evaluationDuration: evaluationDuration, lastEvaluation: lastEvaluation,
            lastEvaluationTimestamp: lastEvaluationTimestamp)
    }

    /// Every series the group wrote at its last evaluation, plus series of removed rules not yet marked stale.
    var writtenSeries: [Labels] {
        var all = staleSeries
        for rule in rules { all.append(contentsOf: rule.previousSeries) }
        return all
    }

    private func evaluateRule(at index: Int, ts: Int64, into result: inout GroupEvaluationResult) {
        let started = ContinuousClock.now
        let wallClock = environment.now()
        result.ruleEvaluations += 1
        defer {
            rules[index].evaluationDuration = RuleGroupEvaluator.seconds(since: started)
            rules[index].lastEvaluation = wallClock
        }
        let rule = rules[index].rule
        let output: [Series]
        do {
            switch rule {
            case .alerting(let alerting): output = try evaluateAlerting(alerting, index: index, at: ts)
            case .recording(let recording): output = try evaluateRecording(recording, index: index, at: ts)
            }
        } catch {
            fail(index, "\(error)", into: &result)
            logger.warning("Evaluating rule failed", metadata: ["rule": "\(rule.name)", "err": "\(error)"])
            return
        }
        rules[index].health = .ok
        rules[index].lastError = nil
        result.samples += output.count
        if case .alerting(let alerting) = rule {
            let due = takeAlertsToSend(index, at: ts)
            if !due.isEmpty { result.notifications.append(AlertNotification(rule: alerting, alerts: due)) }
        }

        do {
            let appended = try environment.appender.append(output)
            if appended.rejectedCount > 0 {
                let message = "rule evaluation results discarded: \(appended.rejectionSummary)"
                fail(index, message, into: &result)
                logger.warning(
                    "Rule evaluation result discarded", metadata: ["rule": "\(rule.name)", "err": "\(message)"])
            }
        } catch {
            fail(index, "\(error)", into: &result)
            logger.warning("Rule sample appending failed", metadata: ["rule": "\(rule.name)", "err": "\(error)"])
            return
        }
        let current = Set(output.map(\.labels))
        let vanished = rules[index].previousSeries.subtracting(current)
        rules[index].previousSeries = current
        if !vanished.isEmpty {
            appendStaleMarkers(for: vanished.sorted(), at: ts - queryOffset)
        }
    }

    private func fail(_ index: Int, _ message: String, into result: inout GroupEvaluationResult) {
        rules[index].health = .err
        rules[index].lastError = message
        result.failures.append(
            GroupEvaluationResult.Failure(ruleIndex: index, ruleName: rules[index].rule.name, message: message))
    }

    /// Writes markers for the series of rules a reload removed (Prometheus's `cleanupStaleSeries`).
    private func writeStaleSeries(at ts: Int64) {
        guard !staleSeries.isEmpty else { return }
        if appendStaleMarkers(for: staleSeries, at: ts - queryOffset) {
            staleSeries = []
        }
    }

    /// Appends a staleness marker at `time` to every series; rejected markers are expected (a series another rule
    /// already continued) and ignored. Returns whether the batch could be written at all.
    @discardableResult
    func appendStaleMarkers(for series: [Labels], at time: Int64) -> Bool {
        let batch = series.map { Series(labels: $0, samples: [Sample.stale(at: time)]) }
        do {
            _ = try environment.appender.append(batch)
            return true
        } catch {
            logger.warning("Adding stale samples failed", metadata: ["err": "\(error)"])
            return false
        }
    }

    /// The instant vector of `expr` at `time`: a scalar becomes one sample without labels, strings and range vectors
    /// are errors (Prometheus's `EngineQueryFunc`).
    static func instantVector(
        _ query: (Expr, Int64) throws -> QueryValue, _ expr: Expr, at time: Int64
    ) throws -> [InstantSample] {
        switch try query(expr, time) {
        case .vector(_, let samples):
            return samples
        case .scalar(let timestamp, let value):
            return [InstantSample(labels: .empty, timestamp: timestamp, value: value)]
        case .string, .matrix:
            throw RuleEvaluationError.notVectorOrScalar
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

extension RuleRuntime {
    /// The public view of the rule's state.
    var snapshot: RuleSnapshot {
        let isAlerting: Bool
        if case .alerting = rule { isAlerting = true } else { isAlerting = false }
        return RuleSnapshot(
            rule: rule, labels: labels, health: health, lastError: lastError, lastEvaluation: lastEvaluation,
            evaluationDuration: evaluationDuration, restored: restored,
            alerts: active.values.sorted { $0.labels < $1.labels }, state: isAlerting ? state : .unknown)
    }
}
