import GoTemplate
import Logging
public import TimeSeries

extension RuleGroupEvaluator {
    /// Restores the `for` state of pending alerts after a restart from the `ALERTS_FOR_STATE` series written before
    /// it (Prometheus's `Group.RestoreForState`), then marks every alerting rule restored.
    ///
    /// Call it after the group has been evaluated (Prometheus evaluates twice first), with the wall-clock time.
    /// Rules whose `for` is shorter than the grace period are not looked up. For each alert, the last sample `(t, v)`
    /// of its series within `[now - outageTolerance, now]` gives the down time `t` and the original active time `v`
    /// (both in whole seconds); with `remaining = for - (down - v)`:
    /// - `remaining <= 0`: the alert was firing; it becomes active at `v` and fires at the next evaluation;
    /// - `remaining < gracePeriod`: it becomes active at `now + gracePeriod - for`, so it fires a grace period later;
    /// - otherwise the downtime is not counted: it becomes active at `v + (now - down)`.
    public func restoreForState(now: Int64, querier: any SeriesQuerier) {
        let grace = environment.forGracePeriod
        for index in rules.indices {
            guard case .alerting(let rule) = rules[index].rule else { continue }
            defer { rules[index].restored = true }
            guard rule.holdDuration >= grace else { continue }

            var matchers = [
                Matcher.metricName(RuleGroupEvaluator.alertsForStateMetric),
                RuleGroupEvaluator.equalityMatcher(RuleGroupEvaluator.alertNameLabel, rule.name),
            ]
            for label in rules[index].sortedLabels
            where label.name != Labels.metricNameLabel && label.name != RuleGroupEvaluator.alertNameLabel
                && !AlertTemplate.containsAction(label.value)
            {
                matchers.append(RuleGroupEvaluator.equalityMatcher(label.name, label.value))
            }
            let found: [Series]
            do {
                found = try querier.select(matchers, start: now - environment.outageTolerance, end: now)
            } catch {
                logger.error(
                    "Failed to restore 'for' state",
                    metadata: ["alertname": "\(rule.name)", "stage": "Select", "err": "\(error)"])
                continue
            }
            var byLabels: [Labels: Series] = [:]
            for series in found { byLabels[series.labels.removingMetricName()] = series }
            guard !byLabels.isEmpty else { continue }

            for identity in rules[index].active.keys {
                guard let last = byLabels[identity]?.samples.last, !last.isStale,
                    let activeAt = restoredActiveAt(last, hold: rule.holdDuration, now: now)
                else { continue }
                rules[index].active[identity]?.activeAt = activeAt
                logger.debug(
                    "'for' state restored",
                    metadata: ["alertname": "\(rule.name)", "restored_time": "\(activeAt)", "labels": "\(identity)"])
            }
        }
    }

    /// The restored active time for the last `ALERTS_FOR_STATE` sample before the restart.
    private func restoredActiveAt(_ last: Sample, hold: Int64, now: Int64) -> Int64? {
        // Prometheus converts both to whole seconds, truncating toward zero.
        guard last.value.isFinite, abs(last.value) < 9e15 else { return nil }
        let downAt = last.timestamp / 1000 * 1000
        let previousActiveAt = Int64(last.value) * 1000
        let remaining = hold - (downAt - previousActiveAt)
        if remaining <= 0 {
            return previousActiveAt
        } else if remaining < environment.forGracePeriod {
            return now + environment.forGracePeriod - hold
        } else {
            return previousActiveAt + (now - downAt)
        }
    }

    static func equalityMatcher(_ name: String, _ value: String) -> Matcher {
        // Only regular expressions can fail to compile; an equality matcher never throws.
        try! Matcher(.equal, name, value)
    }
}
