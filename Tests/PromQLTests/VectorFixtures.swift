import Foundation
import TimeSeries

@testable import PromQL

/// Builds vectors from the series notation of Prometheus's `.test` scripts and reads results back the way the
/// engine reports them (names removed where `dropName` is set).
enum VectorFixtures {
    /// Labels from `name{a="b", c="d"}`, `{a="b"}` or `name`.
    static func labels(_ text: String) -> Labels {
        var pairs: [Label] = []
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let brace = trimmed.firstIndex(of: "{") ?? trimmed.endIndex
        let name = String(trimmed[..<brace])
        if !name.isEmpty { pairs.append(Label(name: Labels.metricNameLabel, value: name)) }
        guard brace < trimmed.endIndex else { return Labels(pairs) }
        var body = Substring(trimmed[trimmed.index(after: brace)...].dropLast())
        while let equals = body.firstIndex(of: "=") {
            let key = body[..<equals].trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            let open = body.index(equals, offsetBy: 2)
            let close = body[open...].firstIndex(of: "\"")!
            pairs.append(Label(name: key, value: String(body[open..<close])))
            body = body[body.index(after: close)...]
        }
        return Labels(pairs)
    }

    /// One element.
    static func sample(_ text: String, _ value: Double, dropName: Bool = false) -> VectorSample {
        VectorSample(labels: labels(text), value: value, dropName: dropName)
    }

    /// A vector from `(series, value)` pairs, in label order as a selector returns it.
    static func vector(_ elements: [(String, Double)], dropName: Bool = false) -> [VectorSample] {
        elements.map { sample($0.0, $0.1, dropName: dropName) }.sorted { $0.labels < $1.labels }
    }

    /// The labels the engine would report for `element`.
    static func reported(_ element: VectorSample) -> Labels {
        element.dropName ? element.labels.removingMetricName() : element.labels
    }

    /// Whether `result` holds exactly the `expected` series (in any order unless `ordered`), with values equal up to
    /// Prometheus's test tolerance (NaN equals NaN).
    static func matches(_ result: [VectorSample], _ expected: [(String, Double)], ordered: Bool = false) -> Bool {
        guard result.count == expected.count else { return false }
        let actual = result.map { (reported($0), $0.value) }
        let wanted = expected.map { (labels($0.0), $0.1) }
        if ordered {
            return zip(actual, wanted).allSatisfy { $0.0 == $1.0 && close($0.1, $1.1) }
        }
        var remaining = actual
        for (labels, value) in wanted {
            guard let index = remaining.firstIndex(where: { $0.0 == labels && close($0.1, value) }) else {
                return false
            }
            remaining.remove(at: index)
        }
        return true
    }

    /// Prometheus's test comparison: equal, both NaN, or relatively within 1e-6.
    static func close(_ lhs: Double, _ rhs: Double) -> Bool {
        if lhs.isNaN || rhs.isNaN { return lhs.isNaN && rhs.isNaN }
        if lhs == rhs { return true }
        return abs(lhs - rhs) <= 1e-6 * max(abs(lhs), abs(rhs))
    }
}
