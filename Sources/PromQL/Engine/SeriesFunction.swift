import TimeSeries

/// A range function applied to a range selector whose other arguments are number literals (`rate(x[5m])`,
/// `predict_linear(x[2h], 3600)`, `quantile_over_time(0.9, x[10m])`): its value at a step depends only on one
/// series' window, so it can be evaluated series by series over all steps at once.
struct SeriesFunction {
    /// The range selector.
    let matrix: MatrixSelector
    /// Whether the output keeps the metric name (`last_over_time`, `first_over_time`).
    let keepsName: Bool
    /// The value for one window `(rangeStart, rangeEnd]` at evaluation time `time`, nil for no output.
    let apply: (_ samples: ArraySlice<Sample>, _ rangeStart: Int64, _ rangeEnd: Int64, _ time: Int64) -> Double?

    /// The series-wise form of `expr`, or nil when it is not such a call.
    init?(_ expr: Expr) {
        var inner = expr
        while case .paren(let wrapped, _) = inner { inner = wrapped }
        guard case .call(let call) = inner else { return nil }
        let name = call.function.name
        let arguments = call.arguments
        func literal(_ index: Int) -> Double? {
            guard index < arguments.count, case .number(let value, _) = arguments[index] else { return nil }
            return value
        }
        func selector(_ index: Int) -> MatrixSelector? {
            guard index < arguments.count, case .matrixSelector(let matrix) = arguments[index] else { return nil }
            return matrix
        }
        switch name {
        case "rate", "increase", "delta":
            guard arguments.count == 1, let matrix = selector(0) else { return nil }
            let isCounter = name != "delta"
            let isRate = name == "rate"
            self.init(matrix: matrix, keepsName: false) { samples, rangeStart, rangeEnd, _ in
                RangeFunctions.extrapolatedRate(
                    samples, rangeStart: rangeStart, rangeEnd: rangeEnd, isCounter: isCounter, isRate: isRate)
            }
        case "irate", "idelta":
            guard arguments.count == 1, let matrix = selector(0) else { return nil }
            let isRate = name == "irate"
            self.init(matrix: matrix, keepsName: false) { samples, _, _, _ in
                RangeFunctions.instantValue(samples, isRate: isRate)
            }
        case "deriv":
            guard arguments.count == 1, let matrix = selector(0) else { return nil }
            self.init(matrix: matrix, keepsName: false) { samples, _, _, _ in RangeFunctions.deriv(samples) }
        case "predict_linear":
            guard arguments.count == 2, let matrix = selector(0), let seconds = literal(1) else { return nil }
            self.init(matrix: matrix, keepsName: false) { samples, _, _, time in
                RangeFunctions.predictLinear(samples, evaluationTime: time, seconds: seconds)
            }
        case "quantile_over_time":
            guard arguments.count == 2, let phi = literal(0), let matrix = selector(1) else { return nil }
            self.init(matrix: matrix, keepsName: false) { samples, _, _, _ in
                RangeFunctions.quantileOverTime(phi, samples)
            }
        default:
            guard arguments.count == 1, let matrix = selector(0),
                let function = RangeFunctions.OverTimeFunction(functionName: name)
            else { return nil }
            self.init(matrix: matrix, keepsName: function.keepsMetricName) { samples, _, _, _ in
                RangeFunctions.overTime(function, samples)
            }
        }
    }

    private init(
        matrix: MatrixSelector, keepsName: Bool,
        apply: @escaping (ArraySlice<Sample>, Int64, Int64, Int64) -> Double?
    ) {
        self.matrix = matrix
        self.keepsName = keepsName
        self.apply = apply
    }
}

extension Evaluator {
    /// Evaluates `function` at `first`, `first + step`, … up to `last` for every loaded series of its selector, series
    /// by series: one pass over each series' samples, no per-step vectors. Series with no output are left out.
    func evaluateSeriesWise(
        _ function: SeriesFunction, from first: Int64, through last: Int64, step: Int64
    ) throws(QueryError) -> [(labels: Labels, dropName: Bool, samples: [Sample])] {
        let selector = function.matrix.selector
        let range = function.matrix.range
        var result: [(labels: Labels, dropName: Bool, samples: [Sample])] = []
        for series in loaded[selector.id] ?? [] {
            try checkDeadline()
            var cursor = SeriesCursor()
            var output: [Sample] = []
            var time = first
            while time <= last {
                let reference = referenceTime(at: selector.at, offset: selector.offset, stepTime: time)
                let window = cursor.window(in: series.samples, rangeStart: reference - range, reference: reference)
                if !window.isEmpty,
                    let value = function.apply(series.samples[window], reference - range, reference, time)
                {
                    output.append(Sample(timestamp: time, value: value))
                }
                time += step
            }
            if !output.isEmpty {
                try reserve(samples: output.count)
                result.append((series.labels, !function.keepsName, output))
            }
        }
        return result
    }
}
