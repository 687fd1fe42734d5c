import PromQL
import TimeSeries

extension RuleGroupEvaluator {
    /// Evaluates a recording rule (Prometheus's `RecordingRule.Eval`): every result sample renamed to the record
    /// name, with the rule's labels set.
    func evaluateRecording(_ rule: RecordingRule, index: Int, at ts: Int64) throws -> [Series] {
        let samples = try RuleGroupEvaluator.instantVector(environment.query, rule.expr, at: ts - queryOffset)
        let ruleLabels = rules[index].sortedLabels
        var seen = Set<Labels>()
        seen.reserveCapacity(samples.count)
        var output: [Series] = []
        output.reserveCapacity(samples.count)
        for sample in samples {
            var labels = sample.labels.labels
            labels.append(Label(name: Labels.metricNameLabel, value: rule.name))
            for label in ruleLabels {
                labels.append(Label(name: label.name, value: label.value))
            }
            let result = Labels(labels)
            guard seen.insert(result).inserted else { throw RuleEvaluationError.duplicateRecordLabels }
            output.append(Series(labels: result, samples: [Sample(timestamp: sample.timestamp, value: sample.value)]))
        }
        if group.limit > 0 && output.count > group.limit {
            throw RuleEvaluationError("exceeded limit of \(group.limit) with \(output.count) series")
        }
        return output
    }
}
