import TimeSeries

/// The state a group's evaluator hands to the evaluator that replaces it on reload.
struct CarriedGroupState: Sendable {
    /// One rule's alerts and written series.
    struct RuleState: Sendable {
        let identity: RuleIdentity
        let isAlerting: Bool
        let active: [Labels: Alert]
        let previousSeries: Set<Labels>
    }

    let rules: [RuleState]
    let staleSeries: [Labels]
    let evaluationDuration: Double
    let lastEvaluation: Int64?
}

extension RuleGroupEvaluator {
    /// The state to carry over a reload.
    var carriedState: CarriedGroupState {
        CarriedGroupState(
            rules: rules.map { rule in
                let isAlerting: Bool
                if case .alerting = rule.rule { isAlerting = true } else { isAlerting = false }
                return CarriedGroupState.RuleState(
                    identity: rule.identity, isAlerting: isAlerting, active: rule.active,
                    previousSeries: rule.previousSeries)
            },
            staleSeries: staleSeries, evaluationDuration: evaluationDuration, lastEvaluation: lastEvaluation)
    }

    /// Takes over the state of the evaluator this one replaces on reload (Prometheus's `Group.CopyState`).
    ///
    /// Rules are matched by name and merged labels (as written); among duplicates the first matches the first. A
    /// matched rule keeps the series it wrote (so they are marked stale when they vanish) and, if both are alerting
    /// rules, its alerts. Series of old rules without a match are marked stale at this evaluator's next evaluation.
    func adoptState(_ old: CarriedGroupState) {
        evaluationDuration = old.evaluationDuration
        lastEvaluation = old.lastEvaluation

        var unmatched: [RuleIdentity: [Int]] = [:]
        for (index, rule) in old.rules.enumerated() {
            unmatched[rule.identity, default: []].append(index)
        }
        for index in rules.indices {
            let identity = rules[index].identity
            guard var candidates = unmatched[identity], !candidates.isEmpty else { continue }
            let from = old.rules[candidates.removeFirst()]
            unmatched[identity] = candidates
            rules[index].previousSeries = from.previousSeries
            if case .alerting = rules[index].rule, from.isAlerting {
                rules[index].active.merge(from.active) { _, old in old }
            }
        }

        staleSeries = old.staleSeries
        let left = Set(unmatched.values.joined())
        for index in old.rules.indices where left.contains(index) {
            staleSeries.append(contentsOf: old.rules[index].previousSeries.sorted())
        }
    }
}
