import GoTemplate
import Logging
import PromQL
import TimeSeries

extension RuleGroupEvaluator {
    static let alertsMetric = "ALERTS"
    static let alertsForStateMetric = "ALERTS_FOR_STATE"
    static let alertNameLabel = "alertname"
    static let alertStateLabel = "alertstate"
    static let templateErrorPrefix = "<error expanding template: "

    /// Evaluates an alerting rule (Prometheus's `AlertingRule.Eval`): builds the alert of every result sample,
    /// advances the state machine and returns the `ALERTS` / `ALERTS_FOR_STATE` series to write.
    func evaluateAlerting(_ rule: AlertingRule, index: Int, at ts: Int64) throws -> [Series] {
        let samples = try RuleGroupEvaluator.instantVector(environment.query, rule.expr, at: ts - queryOffset)
        let ruleLabels = rules[index].sortedLabels

        // The alerts of this evaluation, before the state kept from earlier ones is looked at.
        var current: [Labels: Alert] = [:]
        current.reserveCapacity(samples.count)
        for sample in samples {
            var expander = AlertExpander(evaluator: self, rule: rule, sample: sample, ts: ts)
            var labels = sample.labels.removingMetricName().labels
            for label in ruleLabels {
                labels.append(Label(name: label.name, value: expander.expand(label.value)))
            }
            labels.append(Label(name: RuleGroupEvaluator.alertNameLabel, value: rule.name))
            var annotations: [String: String] = [:]
            for annotation in rule.annotations {
                annotations[annotation.name] = expander.expand(annotation.template)
            }
            // Later labels win and empty values drop the label, like Prometheus's label builder.
            let identity = Labels(labels)
            guard current[identity] == nil else { throw RuleEvaluationError.duplicateAlertLabels }
            current[identity] = Alert(
                state: .pending, labels: identity, annotations: annotations, value: sample.value, activeAt: ts)
        }

        // Taken out (not copied) while it is updated; the limit error below leaves it empty, as Prometheus clears it.
        var active = rules[index].active
        rules[index].active = [:]
        for (identity, alert) in current {
            if var existing = active[identity], existing.state != .inactive {
                existing.value = alert.value
                existing.annotations = alert.annotations
                active[identity] = existing
            } else {
                active[identity] = alert
            }
        }

        var output: [Series] = []
        var alive = 0
        for identity in active.keys.sorted() {
            guard var alert = active[identity] else { continue }
            if current[identity] == nil {
                var keepFiring = false
                if alert.state == .firing && rule.keepFiringFor > 0 {
                    let since = alert.keepFiringSince ?? ts
                    alert.keepFiringSince = since
                    keepFiring = ts - since < rule.keepFiringFor
                }
                if alert.state == .pending
                    || (alert.resolvedAt.map { ts - $0 > RuleGroupEvaluator.resolvedRetention } ?? false)
                {
                    active[identity] = nil
                    continue
                }
                if !keepFiring {
                    if alert.state != .inactive {
                        alert.state = .inactive
                        alert.resolvedAt = ts
                    }
                    active[identity] = alert
                    continue
                }
            } else {
                alert.keepFiringSince = nil
            }
            alive += 1
            if alert.state == .pending && ts - alert.activeAt >= rule.holdDuration {
                alert.state = .firing
                alert.firedAt = ts
            }
            // A firing alert whose `for` grew on reload goes back to pending.
            if alert.state == .firing && ts - alert.activeAt < rule.holdDuration {
                alert.state = .pending
                alert.firedAt = nil
                alert.lastSentAt = nil
                alert.keepFiringSince = nil
            }
            active[identity] = alert
            if rules[index].restored {
                output.append(alertSeries(alert, rule: rule, index: index, at: ts - queryOffset))
                output.append(forStateSeries(alert, rule: rule, index: index, at: ts - queryOffset))
            }
        }

        if group.limit > 0 && alive > group.limit {
            throw RuleEvaluationError("exceeded limit of \(group.limit) with \(alive) alerts")
        }
        rules[index].active = active
        return output
    }

    /// Hands out the alerts due to be sent at `ts` and marks them sent (Prometheus's `sendAlerts`).
    func takeAlertsToSend(_ index: Int, at ts: Int64) -> [Alert] {
        var due: [Alert] = []
        let validity = 4 * max(interval, environment.resendDelay)
        for identity in rules[index].active.keys.sorted() {
            guard var alert = rules[index].active[identity],
                alert.needsSending(at: ts, resendDelay: environment.resendDelay)
            else { continue }
            alert.lastSentAt = ts
            alert.validUntil = ts + validity
            rules[index].active[identity] = alert
            due.append(alert)
        }
        return due
    }

    /// `ALERTS{<rule labels>, <alert labels>, alertstate="…"} 1`.
    func alertSeries(_ alert: Alert, rule: AlertingRule, index: Int, at time: Int64) -> Series {
        var labels = rules[index].sortedLabels.map { Label(name: $0.name, value: $0.value) }
        labels.append(contentsOf: alert.labels)
        labels.append(Label(name: Labels.metricNameLabel, value: RuleGroupEvaluator.alertsMetric))
        labels.append(Label(name: RuleGroupEvaluator.alertNameLabel, value: rule.name))
        labels.append(Label(name: RuleGroupEvaluator.alertStateLabel, value: alert.state.rawValue))
        return Series(labels: Labels(labels), samples: [Sample(timestamp: time, value: 1)])
    }

    /// `ALERTS_FOR_STATE{<rule labels>, <alert labels>}` = the time the alert became active, in whole seconds.
    func forStateSeries(_ alert: Alert, rule: AlertingRule, index: Int, at time: Int64) -> Series {
        var labels = rules[index].sortedLabels.map { Label(name: $0.name, value: $0.value) }
        labels.append(contentsOf: alert.labels)
        labels.append(Label(name: Labels.metricNameLabel, value: RuleGroupEvaluator.alertsForStateMetric))
        labels.append(Label(name: RuleGroupEvaluator.alertNameLabel, value: rule.name))
        let seconds = alert.activeAt >= 0 ? alert.activeAt / 1000 : (alert.activeAt - 999) / 1000
        return Series(labels: Labels(labels), samples: [Sample(timestamp: time, value: Double(seconds))])
    }
}

/// Expands the label and annotation templates of one alert, building the template context only when a template
/// needs it.
private struct AlertExpander {
    let evaluator: RuleGroupEvaluator
    let rule: AlertingRule
    let sample: InstantSample
    let ts: Int64
    private var context: AlertTemplateContext?

    init(evaluator: RuleGroupEvaluator, rule: AlertingRule, sample: InstantSample, ts: Int64) {
        self.evaluator = evaluator
        self.rule = rule
        self.sample = sample
        self.ts = ts
    }

    /// The expanded text; a text without `{{` expands to itself.
    mutating func expand(_ text: String) -> String {
        guard AlertTemplate.containsAction(text) else { return text }
        let context = self.context ?? makeContext()
        self.context = context
        let result = evaluator.environment.expandTemplate(text, rule.name, context)
        if result.hasPrefix(RuleGroupEvaluator.templateErrorPrefix) {
            evaluator.logger.warning(
                "Expanding alert template failed",
                metadata: ["alert": "\(rule.name)", "err": "\(result)", "labels": "\(sample.labels)"])
        }
        return result
    }

    private func makeContext() -> AlertTemplateContext {
        let query = evaluator.environment.query
        let ts = ts
        return AlertTemplateContext(
            labels: sample.labels.dictionary, value: sample.value,
            externalLabels: evaluator.environment.externalLabels, externalURL: evaluator.environment.externalURL,
            evaluationTime: ts,
            query: { text in
                let expr = try Engine.parse(text)
                return try RuleGroupEvaluator.instantVector(query, expr, at: ts).map {
                    TemplateQuerySample(labels: $0.labels.dictionary, value: $0.value)
                }
            })
    }
}

extension Labels {
    /// The labels as a dictionary of names to values.
    var dictionary: [String: String] {
        Dictionary(map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
