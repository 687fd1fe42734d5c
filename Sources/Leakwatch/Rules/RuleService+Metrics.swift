import Rules

extension RuleService {
    /// Rule evaluation in `/metrics`: per group (label `rule_group` = `file;name`, as Prometheus) iterations, missed
    /// iterations, rule evaluations and failures, the last duration and samples; reloads and whether the last
    /// succeeded.
    func renderMetrics(into out: inout MetricsText) {
        let groups = manager.metrics
        func family(_ name: String, _ type: String, _ help: String, _ value: (RuleGroupMetrics) -> Double) {
            out.family(name, type, help)
            for group in groups { out.sample(name, [("rule_group", group.key)], value(group)) }
        }
        family("leakwatch_rule_group_iterations_total", "counter", "Scheduled evaluations of the group.") {
            Double($0.iterations)
        }
        family(
            "leakwatch_rule_group_iterations_missed_total", "counter",
            "Evaluations skipped because the previous one was still running or the clock jumped."
        ) { Double($0.missedIterations) }
        family("leakwatch_rule_evaluations_total", "counter", "Rule evaluations.") { Double($0.ruleEvaluations) }
        family("leakwatch_rule_evaluation_failures_total", "counter", "Rule evaluations that failed.") {
            Double($0.ruleEvaluationFailures)
        }
        family("leakwatch_rule_group_last_duration_seconds", "gauge", "How long the last evaluation took.") {
            $0.lastDuration
        }
        family("leakwatch_rule_group_last_samples", "gauge", "Samples the last evaluation wrote.") {
            Double($0.lastSamples)
        }
        family("leakwatch_rule_group_rules", "gauge", "Rules in the group.") { Double($0.rules) }
        let reloads = self.reloads
        out.family("leakwatch_rule_reloads_total", "counter", "Rule file loads and reloads attempted.")
        out.sample("leakwatch_rule_reloads_total", [], Double(reloads.total))
        out.family("leakwatch_rule_reload_failures_total", "counter", "Loads and reloads refused for a bad file.")
        out.sample("leakwatch_rule_reload_failures_total", [], Double(reloads.failed))
        out.family("leakwatch_rule_last_reload_successful", "gauge", "1 when the last load or reload succeeded.")
        out.sample("leakwatch_rule_last_reload_successful", [], lastReload.successful ? 1 : 0)
    }
}
