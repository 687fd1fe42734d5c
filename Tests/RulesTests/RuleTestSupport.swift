import Foundation
import GoTemplate
import PromQL
import Synchronization
import TestSupport
import TimeSeries

@testable import Rules

/// One minute in ms.
private let minute: Int64 = 60_000

/// A store, an engine over it and evaluators writing into it.
final class RuleHarness: Sendable {
    let store = MemorySeriesStore()
    let engine: Engine
    /// Every (expression, time) the query function was called with.
    let queries = Mutex<[(expr: String, time: Int64)]>([])
    /// When set, every query fails with this message.
    let failure = Mutex<String?>(nil)

    init() {
        engine = Engine(querier: store)
    }

    /// Makes every query fail with `message` (nil: succeed again).
    func failQueries(_ message: String?) {
        failure.withLock { $0 = message }
    }

    /// The times of every query so far.
    var queryTimes: [Int64] { queries.withLock { $0.map(\.time) } }

    /// An environment querying `engine` and appending to `store`, with the fake template expander.
    func environment(
        externalLabels: [String: String] = [:], externalURL: String = "", queryOffset: Int64 = 0
    ) -> RuleEvaluationEnvironment {
        RuleEvaluationEnvironment(
            query: { [self] expr, time in
                queries.withLock { $0.append((expr.description, time)) }
                if let message = failure.withLock({ $0 }) { throw RuleEvaluationError(message) }
                return try engine.instantQuery(expr, at: time)
            },
            appender: store, expandTemplate: RuleHarness.FakeTemplate.expand, externalLabels: externalLabels,
            externalURL: externalURL, logger: quietLogger, defaultQueryOffset: queryOffset, now: { 0 })
    }

    /// An evaluator of one group named `g` from `rules.yml`.
    func evaluator(
        _ rules: [Rule], interval: Int64? = nil, limit: Int = 0, queryOffset: Int64? = nil,
        labels: [String: String] = [:], restored: Bool = true, environment: RuleEvaluationEnvironment? = nil
    ) -> RuleGroupEvaluator {
        let group = RuleGroup(
            name: "g", interval: interval, limit: limit, queryOffset: queryOffset, labels: labels, rules: rules)
        return RuleGroupEvaluator(
            group: group, file: "rules.yml", environment: environment ?? self.environment(), restored: restored)
    }

    /// Stores `values` of a series at `start`, `start + step`, …; nil leaves a gap.
    func load(_ labels: Labels, start: Int64 = 0, step: Int64 = 60_000, _ values: [Double?]) {
        var samples: [Sample] = []
        for (index, value) in values.enumerated() {
            if let value { samples.append(Sample(timestamp: start + Int64(index) * step, value: value)) }
        }
        _ = try? store.append([Series(labels: labels, samples: samples)])
    }

    /// Stores `value` every `step` from `start` through `end`.
    func load(
        _ labels: Labels, constant value: Double, from start: Int64, through end: Int64, step: Int64 = 60_000
    ) {
        load(labels, start: start, step: step, Array(repeating: value, count: Int((end - start) / step) + 1))
    }

    /// Every stored series of a metric, all samples.
    func series(_ name: String) -> [Series] {
        (try? store.select([Matcher.metricName(name)], start: .min, end: .max)) ?? []
    }

    /// The samples of the series with exactly these labels.
    func samples(_ labels: Labels) -> [Sample] {
        series(labels.metricName ?? "").first { $0.labels == labels }?.samples ?? []
    }
}

extension RuleHarness {
    /// Builds an alerting rule.
    static func alerting(
        _ name: String, _ expr: String, for hold: Int64 = 0, keepFiringFor: Int64 = 0, labels: [String: String] = [:],
        annotations: [(name: String, template: String)] = []
    ) throws -> Rule {
        .alerting(
            AlertingRule(
                name: name, expression: expr, expr: try PromQLParser.parse(expr), holdDuration: hold,
                keepFiringFor: keepFiringFor, labels: labels, annotations: annotations))
    }

    /// Builds a recording rule.
    static func recording(_ name: String, _ expr: String, labels: [String: String] = [:]) throws -> Rule {
        .recording(RecordingRule(name: name, expression: expr, expr: try PromQLParser.parse(expr), labels: labels))
    }
}

extension RuleGroupEvaluator {
    /// The alerts of the rule at `index` after the last evaluation.
    func alerts(_ index: Int = 0) -> [Alert] {
        snapshot.rules[index].alerts
    }
}

/// A stand-in for GoTemplate's expander with just enough syntax for these tests: `{{ $labels.x }}`, `{{ $value }}`,
/// `{{ $externalLabels.x }}`, `{{ $externalURL }}`, `{{ now }}`, `{{ query "expr" }}` (the number of samples) and
/// `{{ fail }}` (an expansion error).
extension RuleHarness {
    enum FakeTemplate {
        @Sendable static func expand(_ text: String, _ name: String, _ context: AlertTemplateContext) -> String {
            var out = ""
            var rest = Substring(text)
            while let open = rest.range(of: "{{") {
                out += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].range(of: "}}") else { return error("unclosed action") }
                let action = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                rest = rest[close.upperBound...]
                if action.hasPrefix("$labels.") {
                    out += context.labels[String(action.dropFirst("$labels.".count))] ?? ""
                } else if action.hasPrefix("$externalLabels.") {
                    out += context.externalLabels[String(action.dropFirst("$externalLabels.".count))] ?? ""
                } else if action == "$externalURL" {
                    out += context.externalURL
                } else if action == "$value" {
                    out += format(context.value)
                } else if action == "now" {
                    out += format(Double(context.evaluationTime) / 1000)
                } else if action.hasPrefix("query \""), action.hasSuffix("\"") {
                    let query = String(action.dropFirst("query \"".count).dropLast())
                    do {
                        guard let run = context.query else { return error("no query function") }
                        out += String(try run(query).count)
                    } catch {
                        return self.error("error calling query: \(error)")
                    }
                } else {
                    return error("unsupported action \(action) in \(name)")
                }
            }
            return out + rest
        }

        private static func error(_ message: String) -> String {
            "<error expanding template: \(message)>"
        }

        private static func format(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
    }
}
