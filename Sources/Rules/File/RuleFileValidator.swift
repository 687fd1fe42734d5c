import PromQL
import TimeSeries

/// rulefmt's `Validate`: checks decoded groups, collecting every error with its position and group/rule context,
/// and builds the model when there is none.
struct RuleFileValidator {
    let nameValidation: NameValidationScheme
    let enableExperimentalFunctions: Bool

    /// Where group-level errors point. rulefmt takes it from `RuleGroupNode`, whose embedded `yaml.Node` yaml.v3
    /// never fills (an embedded field without `,inline` is decoded as a field named `node`), so Prometheus always
    /// prints `0:0:` there.
    static let groupErrorPosition = SourceLocation(line: 0, column: 0)

    /// The groups of the model and every validation error in file order (the model is only usable without errors).
    func validate(
        _ rawGroups: [RawRuleGroup], validateTemplate: (_ text: String, _ name: String) -> String?
    ) -> (groups: [RuleGroup], errors: [String]) {
        var errors: [String] = []
        var groups: [RuleGroup] = []
        var seen = Set<String>()
        for raw in rawGroups {
            let position = Self.groupErrorPosition
            if raw.name.isEmpty {
                errors.append("\(position): Groupname must not be empty")
            }
            if seen.contains(raw.name) {
                errors.append("\(position): groupname: \"\(raw.name)\" is repeated in the same file")
            }
            // Label values only need to be valid UTF-8, which every Swift string is.
            for (name, _) in raw.labels where !nameValidation.isValidLabelName(name) || name == "__name__" {
                errors.append("invalid label name: \(name)")
            }
            seen.insert(raw.name)
            var rules: [Rule] = []
            for (index, rawRule) in raw.rules.enumerated() {
                let (rule, failures) = validateRule(rawRule, validateTemplate: validateTemplate)
                if let rule { rules.append(rule) }
                if !failures.isEmpty {
                    let name = rawRule.alert.isEmpty ? rawRule.record : rawRule.alert
                    for failure in failures {
                        let prefix = failure.positions.map { "\($0): " }.joined()
                        errors.append(
                            "\(prefix)group \(GoQuote.quote(raw.name)), rule \(index + 1), \(GoQuote.quote(name)): "
                                + failure.message)
                    }
                }
            }
            groups.append(
                RuleGroup(
                    name: raw.name, interval: raw.interval == 0 ? nil : raw.interval, limit: raw.limit,
                    queryOffset: raw.queryOffset, labels: Self.dictionary(raw.labels), rules: rules,
                    location: raw.location))
        }
        return (groups, errors)
    }

    /// One rule error before the group/rule context is added.
    private struct RuleFailure {
        var message: String
        /// The positions printed before the context (none, one, or `record` and `alert`).
        var positions: [SourceLocation] = []
    }

    /// rulefmt's `Rule.Validate`, in its order.
    private func validateRule(
        _ raw: RawRule, validateTemplate: (_ text: String, _ name: String) -> String?
    ) -> (rule: Rule?, failures: [RuleFailure]) {
        var failures: [RuleFailure] = []
        let bothNames = [raw.recordPosition, raw.alertPosition]
        if !raw.record.isEmpty && !raw.alert.isEmpty {
            failures.append(RuleFailure(message: "only one of 'record' and 'alert' must be set", positions: bothNames))
        }
        if raw.record.isEmpty && raw.alert.isEmpty {
            failures.append(RuleFailure(message: "one of 'record' or 'alert' must be set", positions: bothNames))
        }
        var parsed: Expr?
        if raw.expr.isEmpty {
            failures.append(RuleFailure(message: "field 'expr' must be set in rule", positions: [raw.exprPosition]))
        } else {
            do {
                parsed = try PromQLParser.parse(raw.expr, enableExperimental: enableExperimentalFunctions)
            } catch {
                failures.append(
                    RuleFailure(message: "could not parse expression: \(error)", positions: [raw.exprPosition]))
            }
        }
        if !raw.record.isEmpty {
            failures += recordingRuleFailures(raw)
        }
        for (name, _) in raw.labels where !nameValidation.isValidLabelName(name) || name == "__name__" {
            failures.append(RuleFailure(message: "invalid label name: \(name)"))
        }
        for (name, _) in raw.annotations where !nameValidation.isValidLabelName(name) {
            failures.append(RuleFailure(message: "invalid annotation name: \(name)"))
        }
        if !raw.alert.isEmpty {
            for (name, text) in raw.labels {
                if let error = validateTemplate(text, raw.alert) {
                    failures.append(RuleFailure(message: "label \(GoQuote.quote(name)): \(error)"))
                }
            }
            for (name, text) in raw.annotations {
                if let error = validateTemplate(text, raw.alert) {
                    failures.append(RuleFailure(message: "annotation \(GoQuote.quote(name)): \(error)"))
                }
            }
        }
        guard failures.isEmpty, let parsed else { return (nil, failures) }
        if raw.alert.isEmpty {
            let rule = RecordingRule(
                name: raw.record, expression: raw.expr, expr: parsed, labels: Self.dictionary(raw.labels),
                location: raw.location)
            return (.recording(rule), [])
        }
        let rule = AlertingRule(
            name: raw.alert, expression: raw.expr, expr: parsed, holdDuration: raw.holdDuration,
            keepFiringFor: raw.keepFiringFor, labels: Self.dictionary(raw.labels),
            annotations: raw.annotations.map { (name: $0.name, template: $0.value) }, location: raw.location)
        return (.alerting(rule), [])
    }

    /// The checks only recording rules get; they point at the `record` value.
    private func recordingRuleFailures(_ raw: RawRule) -> [RuleFailure] {
        var messages: [String] = []
        if !raw.annotations.isEmpty { messages.append("invalid field 'annotations' in recording rule") }
        if raw.holdDuration != 0 { messages.append("invalid field 'for' in recording rule") }
        if raw.keepFiringFor != 0 { messages.append("invalid field 'keep_firing_for' in recording rule") }
        if !nameValidation.isValidMetricName(raw.record) {
            messages.append("invalid recording rule name: \(raw.record)")
        }
        if raw.record.contains("{") || raw.record.contains("}") {
            messages.append("braces present in the recording rule name; should it be in expr?: \(raw.record)")
        }
        return messages.map { RuleFailure(message: $0, positions: [raw.recordPosition]) }
    }

    private static func dictionary(_ pairs: [(name: String, value: String)]) -> [String: String] {
        Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
