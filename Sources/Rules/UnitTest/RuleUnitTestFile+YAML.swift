import Foundation
import TimeSeries
import Yams

extension RuleUnitTestFile {
    /// Parses a unit-test file. Unknown keys are errors unless `ignoreUnknownFields` (promtool's
    /// `--ignore-unknown-fields`); errors name the line.
    public static func parse(_ yaml: String, ignoreUnknownFields: Bool = false) throws(RuleUnitTestError)
        -> RuleUnitTestFile
    {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw RuleUnitTestError("yaml: \(error)")
        }
        var file = RuleUnitTestFile()
        guard let root else { return file }
        let reader = UnitTestYAMLReader(strict: !ignoreUnknownFields)
        try reader.fields(of: root, type: "unitTestFile") { key, value throws(RuleUnitTestError) in
            switch key {
            case "rule_files": file.ruleFiles = try reader.strings(value)
            case "evaluation_interval": file.evaluationInterval = try reader.duration(value)
            case "fuzzy_compare": file.fuzzyCompare = try reader.bool(value)
            case "group_eval_order": file.groupEvalOrder = try reader.strings(value)
            case "tests":
                for entry in try reader.sequence(value) { file.tests.append(try reader.testGroup(entry)) }
            default: try reader.unknown(key, value, type: "unitTestFile")
            }
        }
        return file
    }
}

/// Reads the unit-test YAML node tree with promtool's strictness.
struct UnitTestYAMLReader {
    let strict: Bool

    func line(_ node: Node) -> Int { (node.mark?.line ?? 0) }

    func fields(
        of node: Node, type: String, _ body: (String, Node) throws(RuleUnitTestError) -> Void
    ) throws(RuleUnitTestError) {
        if case .scalar(let scalar) = node, scalar.tag == Tag(.null) || scalar.string.isEmpty { return }
        guard case .mapping(let mapping) = node else {
            throw RuleUnitTestError("yaml: line \(line(node)): cannot unmarshal \(kind(node)) into \(type)")
        }
        for (key, value) in mapping {
            try body(key.string ?? "", value)
        }
    }

    func unknown(_ key: String, _ node: Node, type: String) throws(RuleUnitTestError) {
        guard strict else { return }
        throw RuleUnitTestError(
            "yaml: unmarshal errors:\n  line \(line(node)): field \(key) not found in type main.\(type)")
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "!!str"
        case .mapping: "!!map"
        case .sequence: "!!seq"
        case .alias: "alias"
        }
    }

    func scalar(_ node: Node) throws(RuleUnitTestError) -> String {
        guard case .scalar(let scalar) = node else {
            throw RuleUnitTestError("yaml: line \(line(node)): cannot unmarshal \(kind(node)) into a string")
        }
        return scalar.tag == Tag(.null) ? "" : scalar.string
    }

    func sequence(_ node: Node) throws(RuleUnitTestError) -> [Node] {
        if case .scalar(let scalar) = node, scalar.tag == Tag(.null) { return [] }
        guard case .sequence(let sequence) = node else {
            throw RuleUnitTestError("yaml: line \(line(node)): cannot unmarshal \(kind(node)) into a list")
        }
        return Array(sequence)
    }

    func strings(_ node: Node) throws(RuleUnitTestError) -> [String] {
        var result: [String] = []
        for item in try sequence(node) { result.append(try scalar(item)) }
        return result
    }

    func stringMap(_ node: Node, type: String) throws(RuleUnitTestError) -> [String: String] {
        var result: [String: String] = [:]
        try fields(of: node, type: type) { key, value throws(RuleUnitTestError) in result[key] = try scalar(value) }
        return result
    }

    func bool(_ node: Node) throws(RuleUnitTestError) -> Bool {
        switch try scalar(node).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off", "": return false
        case let other: throw RuleUnitTestError("yaml: line \(line(node)): cannot unmarshal \(other) into bool")
        }
    }

    func duration(_ node: Node) throws(RuleUnitTestError) -> Int64 {
        let text = try scalar(node)
        if text.isEmpty { return 0 }
        guard let milliseconds = PrometheusDuration.milliseconds(text) else {
            throw RuleUnitTestError("not a valid duration string: \(GoQuote.quote(text))")
        }
        return milliseconds
    }

    func number(_ node: Node) throws(RuleUnitTestError) -> Double {
        let text = try scalar(node)
        switch text.lowercased() {
        case ".inf", "+.inf", "inf", "+inf": return .infinity
        case "-.inf", "-inf": return -.infinity
        case ".nan", "nan": return .nan
        default: break
        }
        guard let value = Double(text) else {
            throw RuleUnitTestError("yaml: line \(line(node)): cannot unmarshal \(GoQuote.quote(text)) into float64")
        }
        return value
    }

    /// `start_timestamp`: Unix seconds or RFC 3339.
    func timestamp(_ node: Node) throws(RuleUnitTestError) -> Int64 {
        let text = try scalar(node)
        if let seconds = Double(text) { return Int64((seconds * 1000).rounded()) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        throw RuleUnitTestError(
            "yaml: line \(line(node)): cannot parse \(GoQuote.quote(text)) as a Unix or RFC 3339 time")
    }

    func testGroup(_ node: Node) throws(RuleUnitTestError) -> RuleUnitTestGroup {
        var group = RuleUnitTestGroup(
            name: "", interval: nil, startTimestamp: 0, externalLabels: [:], externalURL: "", inputSeries: [],
            alertTests: [], expressionTests: [])
        try fields(of: node, type: "testGroup") { key, value throws(RuleUnitTestError) in
            switch key {
            case "name": group.name = try scalar(value)
            case "interval": group.interval = try duration(value)
            case "start_timestamp": group.startTimestamp = try timestamp(value)
            case "external_labels": group.externalLabels = try stringMap(value, type: "testGroup")
            case "external_url": group.externalURL = try scalar(value)
            case "input_series":
                for entry in try sequence(value) {
                    var series = RuleUnitTestGroup.InputSeries(series: "", values: "")
                    try fields(of: entry, type: "series") { key, value throws(RuleUnitTestError) in
                        switch key {
                        case "series": series.series = try scalar(value)
                        case "values": series.values = try scalar(value)
                        default: try unknown(key, value, type: "series")
                        }
                    }
                    group.inputSeries.append(series)
                }
            case "alert_rule_test":
                for entry in try sequence(value) { group.alertTests.append(try alertTest(entry)) }
            case "promql_expr_test":
                for entry in try sequence(value) { group.expressionTests.append(try expressionTest(entry)) }
            default: try unknown(key, value, type: "testGroup")
            }
        }
        return group
    }

    private func alertTest(_ node: Node) throws(RuleUnitTestError) -> RuleUnitTestGroup.AlertTest {
        var test = RuleUnitTestGroup.AlertTest(evalTime: 0, alertName: "", expectedAlerts: [])
        try fields(of: node, type: "alertTestCase") { key, value throws(RuleUnitTestError) in
            switch key {
            case "eval_time": test.evalTime = try duration(value)
            case "alertname": test.alertName = try scalar(value)
            case "exp_alerts":
                for entry in try sequence(value) {
                    var alert = RuleUnitTestGroup.ExpectedAlert(labels: [:], annotations: [:])
                    try fields(of: entry, type: "alert") { key, value throws(RuleUnitTestError) in
                        switch key {
                        case "exp_labels": alert.labels = try stringMap(value, type: "alert")
                        case "exp_annotations": alert.annotations = try stringMap(value, type: "alert")
                        default: try unknown(key, value, type: "alert")
                        }
                    }
                    test.expectedAlerts.append(alert)
                }
            default: try unknown(key, value, type: "alertTestCase")
            }
        }
        return test
    }

    private func expressionTest(_ node: Node) throws(RuleUnitTestError) -> RuleUnitTestGroup.ExpressionTest {
        var test = RuleUnitTestGroup.ExpressionTest(expr: "", evalTime: 0, expectedSamples: [])
        try fields(of: node, type: "promqlTestCase") { key, value throws(RuleUnitTestError) in
            switch key {
            case "expr": test.expr = try scalar(value)
            case "eval_time": test.evalTime = try duration(value)
            case "exp_samples":
                for entry in try sequence(value) {
                    var sample = RuleUnitTestGroup.ExpectedSample(labels: "", value: 0, histogram: nil)
                    try fields(of: entry, type: "sample") { key, value throws(RuleUnitTestError) in
                        switch key {
                        case "labels": sample.labels = try scalar(value)
                        case "value": sample.value = try number(value)
                        case "histogram": sample.histogram = try scalar(value)
                        default: try unknown(key, value, type: "sample")
                        }
                    }
                    test.expectedSamples.append(sample)
                }
            default: try unknown(key, value, type: "promqlTestCase")
            }
        }
        return test
    }
}

/// A unit-test file that cannot be read or run.
public struct RuleUnitTestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message, in promtool's wording where it has one.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
