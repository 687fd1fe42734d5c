import TimeSeries

@testable import PromQL

/// A stand-in for the parser, store and engine: records what the runner asks and answers from closures.
final class FakeTestBackend: PromQLTestBackend {
    var appended: [Series] = []
    var clears = 0
    var instantCalls: [(query: String, time: Int64)] = []
    var rangeCalls: [(query: String, start: Int64, end: Int64, step: Int64)] = []
    /// Parse results by query text; other queries fail to parse.
    var expressions: [String: Expr] = [:]
    /// The instant result; by default an empty vector.
    var instant: (String, Int64) throws(QueryError) -> QueryValue = { _, time in .vector(timestamp: time, samples: []) }
    /// The range result; by default the instant result repeated at every step.
    var range: ((String, Int64, Int64, Int64) throws(QueryError) -> QueryValue)?

    func parseMetric(_ text: String) throws(ParseError) -> Labels {
        guard let labels = FakeTestBackend.simpleLabels(text) else {
            throw ParseError(position: PositionRange(start: 0, end: 0), message: "bad metric", query: text)
        }
        return labels
    }

    func parseExpression(_ text: String) throws(ParseError) -> Expr {
        guard let expr = expressions[text] else {
            throw ParseError(position: PositionRange(start: 0, end: 1), message: "not in the fake", query: text)
        }
        return expr
    }

    func append(_ series: [Series]) throws -> AppendResult {
        appended += series
        return AppendResult(accepted: series.reduce(0) { $0 + $1.samples.count })
    }

    func clear() {
        clears += 1
        appended = []
    }

    func instantQuery(_ query: String, at time: Int64) throws(QueryError) -> QueryValue {
        instantCalls.append((query, time))
        return try instant(query, time)
    }

    func rangeQuery(_ query: String, start: Int64, end: Int64, step: Int64) throws(QueryError) -> QueryValue {
        rangeCalls.append((query, start, end, step))
        if let range { return try range(query, start, end, step) }
        var series: [Labels: [Sample]] = [:]
        var order: [Labels] = []
        var time = start
        while time <= end {
            switch try instant(query, time) {
            case .vector(_, let samples):
                for sample in samples {
                    if series[sample.labels] == nil { order.append(sample.labels) }
                    series[sample.labels, default: []].append(Sample(timestamp: time, value: sample.value))
                }
            case .scalar(_, let value):
                if series[.empty] == nil { order.append(.empty) }
                series[.empty, default: []].append(Sample(timestamp: time, value: value))
            default:
                throw QueryError(.execution, "fake range query of a non-vector")
            }
            time += step
        }
        return .matrix(order.sorted().map { Series(labels: $0, samples: series[$0]!) })
    }

    /// `name{a="b", c="d"}` without escapes.
    static func simpleLabels(_ text: String) -> Labels? {
        var labels: [Label] = []
        let name = text.prefix(while: { $0 != "{" })
        if !name.isEmpty { labels.append(Label(name: "__name__", value: String(name))) }
        var rest = text.dropFirst(name.count)
        guard !rest.isEmpty else { return Labels(labels) }
        guard rest.first == "{", rest.last == "}" else { return nil }
        rest = rest.dropFirst().dropLast()
        while let equals = rest.firstIndex(of: "=") {
            let labelName = rest[..<equals].trimmingCharacters()
            rest = rest[rest.index(after: equals)...].drop(while: { $0 == " " })
            guard rest.first == "\"" else { return nil }
            rest = rest.dropFirst()
            guard let close = rest.firstIndex(of: "\"") else { return nil }
            labels.append(Label(name: labelName, value: String(rest[..<close])))
            rest = rest[rest.index(after: close)...].drop(while: { $0 == " " || $0 == "," })
        }
        return Labels(labels)
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

/// Builders of parsed queries for the fake.
enum FakeExpr {
    /// The UTF-8 range of the first `part` in `query`.
    static func range(of part: String, in query: String) -> PositionRange {
        let bytes = Array(query.utf8)
        let needle = Array(part.utf8)
        for start in 0...(bytes.count - needle.count) where Array(bytes[start..<(start + needle.count)]) == needle {
            return PositionRange(start: start, end: start + needle.count)
        }
        fatalError("\(part) not in \(query)")
    }

    static func selector(_ name: String, in query: String, id: Int = 0, at: AtModifier? = nil) -> VectorSelector {
        VectorSelector(
            id: id, name: name, matchers: [.metricName(name)], at: at, position: range(of: name, in: query))
    }

    static func call(_ name: String, experimental: Bool = false, _ arguments: [Expr], in query: String) -> Expr {
        let signature = FunctionSignature(
            name: name, argumentTypes: arguments.map(\.type), variadic: 0, returnType: .vector,
            isExperimental: experimental)
        return .call(FunctionCall(function: signature, arguments: arguments, position: range(of: name, in: query)))
    }
}
