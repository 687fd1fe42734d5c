import GoTemplate
import Logging
import PromQL
import TimeSeries

/// One test group of a unit-test file, run against a fresh in-memory store.
struct RuleUnitTestExecution {
    let file: RuleUnitTestFile
    let test: RuleUnitTestGroup
    let groups: [(file: String, group: RuleGroup)]
    let engineOptions: EngineOptions

    private var start: Int64 { test.startTimestamp }

    /// Runs the group; returns promtool-style error texts (empty when everything passed).
    func run() -> [String] {
        let store = MemorySeriesStore()
        var options = engineOptions
        options.defaultSubqueryStep = file.evaluationInterval
        let engine = Engine(querier: store, options: options)
        let input: [Series]
        var errors: [String] = []
        do {
            (input, errors) = try inputSeries()
        } catch {
            return [error.message]
        }
        var loader = InputLoader(series: input)

        var environment = RuleEvaluationEnvironment(
            query: { expr, time in try engine.instantQuery(expr, at: time) },
            appender: store,
            expandTemplate: { text, name, context in AlertTemplate.expand(text, name: name, context: context).output },
            externalLabels: test.externalLabels,
            externalURL: test.externalURL,
            logger: Logger(label: "leakwatch.test-rules", factory: { _ in SwiftLogNoOpLogHandler() }),
            defaultInterval: file.evaluationInterval)
        environment.now = { start }
        let evaluators = groups.map {
            RuleGroupEvaluator(group: $0.group, file: $0.file, environment: environment, restored: true)
        }

        let alertTimes = Set(test.alertTests.map(\.evalTime)).sorted()
        let maxEvalTime = (test.alertTests.map(\.evalTime) + test.expressionTests.map(\.evalTime)).max() ?? 0
        var next = 0
        var time = start
        while time <= start + maxEvalTime {
            do {
                try loader.load(through: time, into: store)
            } catch {
                return errors + [error.message]
            }
            var evaluationErrors: [String] = []
            for evaluator in evaluators {
                let result = evaluator.evaluate(at: time)
                for failure in result.failures {
                    evaluationErrors.append(
                        "    rule: \(failure.ruleName), time: \(GoText.duration(milliseconds: time)), "
                            + "err: \(failure.message)")
                }
            }
            if !evaluationErrors.isEmpty { return errors + evaluationErrors }
            while next < alertTimes.count, time - start <= alertTimes[next],
                alertTimes[next] < time + file.evaluationInterval - start
            {
                errors += checkAlerts(at: alertTimes[next], evaluators: evaluators)
                next += 1
            }
            time += file.evaluationInterval
        }
        for expressionTest in test.expressionTests {
            if let error = check(expressionTest, engine: engine) { errors.append(error) }
        }
        return errors
    }

    // MARK: - Input

    /// The input series; native-histogram series are left out with an error each (leakwatch stores floats only).
    private func inputSeries() throws(RuleUnitTestError) -> (series: [Series], errors: [String]) {
        let interval = test.interval ?? file.evaluationInterval
        var result: [Series] = []
        var errors: [String] = []
        for entry in test.inputSeries {
            let labels: Labels
            do {
                labels = try PromQLParser.parseMetric(entry.series)
            } catch {
                throw RuleUnitTestError("\(error.description)")
            }
            let values: [SequenceValue]
            do {
                values = try SeriesValues.parse(entry.values)
            } catch  where error.kind == .nativeHistogram {
                errors.append(
                    "    series: \(GoQuote.quote(entry.series)): native histograms are not supported by leakwatch; "
                        + "the series is not loaded")
                continue
            } catch {
                throw RuleUnitTestError("\(error)")
            }
            var samples: [Sample] = []
            for (index, value) in values.enumerated() {
                if let float = value.float {
                    samples.append(Sample(timestamp: start + Int64(index) * interval, value: float))
                }
            }
            result.append(Series(labels: labels, samples: samples))
        }
        return (result, errors)
    }

    /// Appends input samples lazily: those at or before each evaluation time, as promtool does.
    private struct InputLoader {
        var series: [Series]
        var positions: [Int]

        init(series: [Series]) {
            self.series = series
            positions = Array(repeating: 0, count: series.count)
        }

        mutating func load(through time: Int64, into store: MemorySeriesStore) throws(RuleUnitTestError) {
            var batch: [Series] = []
            for index in series.indices {
                let samples = series[index].samples
                var end = positions[index]
                while end < samples.count, samples[end].timestamp <= time { end += 1 }
                if end > positions[index] {
                    batch.append(Series(labels: series[index].labels, samples: Array(samples[positions[index]..<end])))
                    positions[index] = end
                }
            }
            guard !batch.isEmpty else { return }
            do {
                _ = try store.append(batch)
            } catch {
                throw RuleUnitTestError("loading input series: \(error)")
            }
        }
    }

    // MARK: - Alerts

    private struct LabelledAlert: Comparable {
        var labels: [(String, String)]
        var annotations: [(String, String)]

        static func == (lhs: LabelledAlert, rhs: LabelledAlert) -> Bool {
            lhs.labels.elementsEqual(rhs.labels, by: ==) && lhs.annotations.elementsEqual(rhs.annotations, by: ==)
        }

        static func < (lhs: LabelledAlert, rhs: LabelledAlert) -> Bool {
            let left = Labels(lhs.labels.map { Label(name: $0.0, value: $0.1) })
            let right = Labels(rhs.labels.map { Label(name: $0.0, value: $0.1) })
            if left != right { return left < right }
            return Labels(lhs.annotations.map { Label(name: $0.0, value: $0.1) })
                < Labels(rhs.annotations.map { Label(name: $0.0, value: $0.1) })
        }

        var text: String { "Labels:\(GoText.labels(labels))\nAnnotations:\(GoText.labels(annotations))" }
    }

    private func checkAlerts(at evalTime: Int64, evaluators: [RuleGroupEvaluator]) -> [String] {
        var errors: [String] = []
        for alertTest in test.alertTests where alertTest.evalTime == evalTime {
            var got: [LabelledAlert] = []
            for evaluator in evaluators {
                for rule in evaluator.snapshot.rules where rule.rule.name == alertTest.alertName {
                    guard case .alerting = rule.rule else { continue }
                    for alert in rule.alerts where alert.state == .firing {
                        got.append(
                            LabelledAlert(
                                labels: alert.labels.map { ($0.name, $0.value) }.sorted { $0.0 < $1.0 },
                                annotations: alert.annotations.filter { !$0.value.isEmpty }.map { ($0.key, $0.value) }
                                    .sorted { $0.0 < $1.0 }))
                    }
                }
            }
            let expected = alertTest.expectedAlerts.map { alert in
                var labels = alert.labels
                labels["alertname"] = alertTest.alertName
                return LabelledAlert(
                    labels: labels.filter { !$0.value.isEmpty }.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 },
                    annotations: alert.annotations.filter { !$0.value.isEmpty }.map { ($0.key, $0.value) }
                        .sorted { $0.0 < $1.0 })
            }.sorted()
            got.sort()
            if expected != got {
                let name = test.name.isEmpty ? "" : "    name: \(test.name),\n"
                errors.append(
                    "\(name)    alertname: \(alertTest.alertName), time: \(PrometheusDuration.format(evalTime)), \n"
                        + "        exp:\(indent(list(expected))), \n        got:\(indent(list(got)))")
            }
        }
        return errors
    }

    private func list(_ alerts: [LabelledAlert]) -> String {
        guard !alerts.isEmpty else { return "[]" }
        var text = "["
        for (index, alert) in alerts.enumerated() {
            text += (index == 0 ? "\n" : ",\n") + "\(index):" + indentLines("\n" + alert.text, "  ")
        }
        return text + "\n]"
    }

    private func indent(_ text: String) -> String { indentLines(text, "            ") }

    private func indentLines(_ text: String, _ prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 0 ? String($0.element) : prefix + $0.element }.joined(separator: "\n")
    }

    // MARK: - Expressions

    private func check(_ expressionTest: RuleUnitTestGroup.ExpressionTest, engine: Engine) -> String? {
        let header =
            "    expr: \(GoQuote.quote(expressionTest.expr)), time: \(PrometheusDuration.format(expressionTest.evalTime))"
        if expressionTest.expectedSamples.contains(where: { $0.histogram != nil }) {
            return "\(header), err: native histograms are not supported by leakwatch (exp_samples.histogram)"
        }
        var got: [(labels: Labels, value: Double)] = []
        do {
            switch try engine.instantQuery(expressionTest.expr, at: start + expressionTest.evalTime) {
            case .scalar(_, let value): got = [(.empty, value)]
            case .vector(_, let samples): got = samples.map { ($0.labels, $0.value) }
            case .string, .matrix:
                return "\(header), err: rule result is not a vector or scalar"
            }
        } catch {
            return "\(header), err: \(error.message)"
        }
        var expected: [(labels: Labels, value: Double)] = []
        for sample in expressionTest.expectedSamples {
            do {
                let labels = sample.labels.isEmpty ? Labels.empty : try PromQLParser.parseMetric(sample.labels)
                expected.append((labels, sample.value))
            } catch {
                return "\(header), err: labels \(GoQuote.quote(sample.labels)): \(error.description)"
            }
        }
        expected.sort { $0.labels < $1.labels }
        got.sort { $0.labels < $1.labels }
        let equal =
            expected.count == got.count
            && zip(expected, got).allSatisfy { lhs, rhs in
                lhs.labels == rhs.labels && valuesEqual(lhs.value, rhs.value)
            }
        if equal { return nil }
        return "\(header),\n        exp: \(samplesText(expected))\n        got: \(samplesText(got))"
    }

    private func valuesEqual(_ lhs: Double, _ rhs: Double) -> Bool {
        if lhs == rhs { return true }
        guard file.fuzzyCompare, lhs.isFinite, rhs.isFinite else { return false }
        return lhs.nextUp == rhs || lhs.nextDown == rhs
    }

    private func samplesText(_ samples: [(labels: Labels, value: Double)]) -> String {
        guard !samples.isEmpty else { return "nil" }
        return samples.map { GoText.labels($0.labels.map { ($0.name, $0.value) }) + " " + GoText.scientific($0.value) }
            .joined(separator: ", ")
    }
}
