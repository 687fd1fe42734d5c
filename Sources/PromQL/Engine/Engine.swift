public import TimeSeries

/// Evaluates PromQL over a `SeriesQuerier`, with Prometheus 3 semantics (left-open ranges, 5-minute lookback,
/// staleness markers, delayed name removal).
///
/// Each query loads every selector's series once, over the union of the windows its steps need, and evaluates the
/// expression step by step over those arrays. The samples a query holds are counted against
/// `EngineOptions.maxSamples` and the query stops at `EngineOptions.timeout`. Safe to use from any thread; queries
/// run independently.
public final class Engine: Sendable {
    /// Where series come from.
    public let querier: any SeriesQuerier
    /// Limits and defaults.
    public let options: EngineOptions

    /// Creates an engine.
    public init(querier: any SeriesQuerier, options: EngineOptions = EngineOptions()) {
        self.querier = querier
        self.options = options
    }

    /// Parses and evaluates `query` at `time` (ms).
    ///
    /// - Parameter timeout: overrides `options.timeout` when shorter.
    public func instantQuery(_ query: String, at time: Int64, timeout: Duration? = nil) throws(QueryError) -> QueryValue
    {
        try instantQuery(Engine.parse(query), at: time, timeout: timeout)
    }

    /// Evaluates a parsed expression at `time` (ms).
    public func instantQuery(_ expr: Expr, at time: Int64, timeout: Duration? = nil) throws(QueryError) -> QueryValue {
        let evaluator = makeEvaluator(start: time, end: time, interval: 0, timeout: timeout)
        try evaluator.load(expr)
        try evaluator.checkAggregationParameters(expr)
        switch try evaluator.evaluate(expr, at: time) {
        case .scalar(let value):
            return .scalar(timestamp: time, value: value)
        case .string(let value):
            return .string(timestamp: time, value: value)
        case .vector(let samples):
            let final = try Engine.removeDroppedNames(samples)
            return .vector(
                timestamp: time,
                samples: final.map { InstantSample(labels: $0.labels, timestamp: time, value: $0.value) })
        case .matrix(let vector):
            var seen = Set<Labels>()
            var series: [Series] = []
            for entry in vector.series {
                let labels = entry.dropName ? entry.labels.removingMetricName() : entry.labels
                guard seen.insert(labels).inserted else {
                    throw QueryError(.execution, "vector cannot contain metrics with the same labelset")
                }
                series.append(Series(labels: labels, samples: Array(entry.samples)))
            }
            return .matrix(series)
        }
    }

    /// Parses and evaluates `query` at every step from `start` to `end` (ms, inclusive); the result is a matrix
    /// sorted by labels (a scalar expression gives one series without labels).
    public func rangeQuery(
        _ query: String, start: Int64, end: Int64, step: Int64, timeout: Duration? = nil
    ) throws(QueryError) -> QueryValue {
        try rangeQuery(Engine.parse(query), start: start, end: end, step: step, timeout: timeout)
    }

    /// Evaluates a parsed expression at every step from `start` to `end` (ms, inclusive).
    public func rangeQuery(
        _ expr: Expr, start: Int64, end: Int64, step: Int64, timeout: Duration? = nil
    ) throws(QueryError) -> QueryValue {
        guard step > 0 else {
            throw QueryError(
                .parse, "zero or negative query resolution step widths are not accepted. Try a positive integer")
        }
        guard end >= start else { throw QueryError(.parse, "end timestamp must not be before start time") }
        guard (end - start) / step < Int64(options.maxPointsPerSeries) else {
            throw QueryError(
                .parse,
                "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"
            )
        }
        switch expr.type {
        case .scalar, .vector: break
        case .matrix, .string:
            throw QueryError(
                .parse,
                "invalid expression type \"\(expr.type.documentedName)\" for range query, must be Scalar or instant Vector"
            )
        }
        let evaluator = makeEvaluator(start: start, end: end, interval: step, timeout: timeout)
        try evaluator.load(expr)
        try evaluator.checkAggregationParameters(expr)

        let series: [(key: SeriesKey, samples: [Sample])]
        if let function = SeriesFunction(expr) {
            // A range function straight over a selector (`deriv(x[2h])`): one pass over each series for all steps.
            series = try evaluator.evaluateSeriesWise(function, from: start, through: end, step: step).map {
                (SeriesKey(labels: $0.labels, dropName: $0.dropName), $0.samples)
            }
        } else {
            series = try Engine.evaluateSteps(expr, evaluator: evaluator, start: start, end: end, step: step)
        }
        // Series whose names were dropped merge when their label sets become equal, as long as no two of them
        // have a point at the same step.
        var positions: [Labels: Int] = [:]
        var result: [Series] = []
        result.reserveCapacity(series.count)
        var merged = false
        for entry in series {
            let labels = entry.key.dropName ? entry.key.labels.removingMetricName() : entry.key.labels
            if let position = positions[labels] {
                result[position].samples += entry.samples
                merged = true
            } else {
                positions[labels] = result.count
                result.append(Series(labels: labels, samples: entry.samples))
            }
        }
        if merged {
            for index in result.indices {
                result[index].samples.sort { $0.timestamp < $1.timestamp }
                for (previous, next) in zip(result[index].samples, result[index].samples.dropFirst())
                where previous.timestamp == next.timestamp {
                    throw QueryError(.execution, "vector cannot contain metrics with the same labelset")
                }
            }
        }
        result.sort { $0.labels < $1.labels }
        return .matrix(result)
    }

    /// Evaluates `expr` step by step and collects each output series' points.
    private static func evaluateSteps(
        _ expr: Expr, evaluator: Evaluator, start: Int64, end: Int64, step: Int64
    ) throws(QueryError) -> [(key: SeriesKey, samples: [Sample])] {
        var index: [SeriesKey: Int] = [:]
        var series: [(key: SeriesKey, samples: [Sample])] = []
        var previousPositions: [Int] = []
        var time = start
        while time <= end {
            try evaluator.checkDeadline()
            switch try evaluator.evaluate(expr, at: time) {
            case .scalar(let value):
                let key = SeriesKey(labels: .empty, dropName: false)
                if series.isEmpty {
                    index[key] = 0
                    series.append((key, []))
                }
                series[0].samples.append(Sample(timestamp: time, value: value))
            case .vector(let samples):
                try evaluator.reserve(samples: samples.count)
                // Steps usually produce the same series in the same order: try last step's position first.
                var positions: [Int] = []
                positions.reserveCapacity(samples.count)
                for (offset, sample) in samples.enumerated() {
                    let key = SeriesKey(labels: sample.labels, dropName: sample.dropName)
                    if offset < previousPositions.count, series[previousPositions[offset]].key == key {
                        positions.append(previousPositions[offset])
                    } else if let position = index[key] {
                        positions.append(position)
                    } else {
                        index[key] = series.count
                        positions.append(series.count)
                        series.append((key, []))
                    }
                    let position = positions[offset]
                    if series[position].samples.last?.timestamp == time {
                        throw QueryError(.execution, "vector cannot contain metrics with the same labelset")
                    }
                    series[position].samples.append(Sample(timestamp: time, value: sample.value))
                }
                previousPositions = positions
            case .string, .matrix:
                throw QueryError(.execution, "range query step produced a \(expr.type.documentedName)")
            }
            time += step
        }
        return series
    }

    /// Parses `query`, mapping a syntax error to a `bad_data` query error.
    public static func parse(_ query: String) throws(QueryError) -> Expr {
        do {
            return try PromQLParser.parse(query)
        } catch {
            throw QueryError(error)
        }
    }

    /// Removes `__name__` where an operation dropped it, failing like Prometheus when two elements then share a
    /// label set.
    static func removeDroppedNames(_ samples: [VectorSample]) throws(QueryError) -> [VectorSample] {
        guard samples.contains(where: \.dropName) else { return samples }
        var seen = Set<Labels>()
        var result: [VectorSample] = []
        result.reserveCapacity(samples.count)
        for sample in samples {
            let labels = sample.effectiveLabels
            guard seen.insert(labels).inserted else {
                throw QueryError(.execution, "vector cannot contain metrics with the same labelset")
            }
            result.append(VectorSample(labels: labels, value: sample.value))
        }
        return result
    }

    private func makeEvaluator(start: Int64, end: Int64, interval: Int64, timeout: Duration?) -> Evaluator {
        let limit = timeout.map { min($0, options.timeout) } ?? options.timeout
        return Evaluator(
            querier: querier, options: options, start: start, end: end, interval: interval, timeout: limit)
    }
}

/// A range-query output series before names are removed.
private struct SeriesKey: Hashable {
    var labels: Labels
    var dropName: Bool
}
