import TimeSeries

extension Evaluator {
    /// Evaluates a function call at one step.
    func evaluateCall(_ call: FunctionCall, at time: Int64) throws(QueryError) -> StepValue {
        let name = call.function.name
        let arguments = call.arguments
        switch name {
        case "time":
            return .scalar(Double(time) / 1000)
        case "pi":
            return .scalar(Double.pi)
        case "vector":
            return .vector([VectorSample(labels: .empty, value: try evaluateScalar(arguments[0], at: time))])
        case "scalar":
            let input = try evaluateVector(arguments[0], at: time)
            return .scalar(input.count == 1 ? input[0].value : .nan)
        case "timestamp":
            return .vector(try timestamps(of: arguments[0], at: time))
        case "absent":
            let input = try evaluateVector(arguments[0], at: time)
            return .vector(input.isEmpty ? [VectorSample(labels: Evaluator.absentLabels(arguments[0]), value: 1)] : [])
        case "absent_over_time":
            let input = try evaluateMatrix(arguments[0], at: time)
            return .vector(
                input.series.isEmpty ? [VectorSample(labels: Evaluator.absentLabels(arguments[0]), value: 1)] : [])
        case "sort", "sort_desc":
            return .vector(
                Evaluator.sorted(try evaluateVector(arguments[0], at: time), descending: name == "sort_desc"))
        case "sort_by_label", "sort_by_label_desc":
            var labelNames: [String] = []
            for argument in arguments.dropFirst() { labelNames.append(try evaluateString(argument, at: time)) }
            return .vector(
                Evaluator.sorted(
                    try evaluateVector(arguments[0], at: time), byLabels: labelNames,
                    descending: name == "sort_by_label_desc"))
        case "label_replace":
            let input = try evaluateVector(arguments[0], at: time)
            let replacer: LabelFunctions.Replacer
            if let cached = replacers[call.position] {
                replacer = cached
            } else {
                replacer = try LabelFunctions.Replacer(
                    destination: try evaluateString(arguments[1], at: time),
                    replacement: try evaluateString(arguments[2], at: time),
                    source: try evaluateString(arguments[3], at: time),
                    regex: try evaluateString(arguments[4], at: time))
                replacers[call.position] = replacer
            }
            return .vector(try replacer.apply(input))
        case "label_join":
            let input = try evaluateVector(arguments[0], at: time)
            var sources: [String] = []
            for argument in arguments.dropFirst(3) { sources.append(try evaluateString(argument, at: time)) }
            return .vector(
                try LabelFunctions.join(
                    input, destination: try evaluateString(arguments[1], at: time),
                    separator: try evaluateString(arguments[2], at: time), sources: sources))
        case "histogram_quantile":
            let phi = try evaluateScalar(arguments[0], at: time)
            return .vector(HistogramQuantile.evaluate(phi, try evaluateVector(arguments[1], at: time)))
        case "histogram_count", "histogram_sum", "histogram_avg", "histogram_fraction", "histogram_stddev",
            "histogram_stdvar":
            // These read native histogram samples only; float series yield nothing.
            _ = try evaluateVector(arguments[0], at: time)
            return .vector([])
        case "round":
            let input = try evaluateVector(arguments[0], at: time)
            let nearest = arguments.count > 1 ? try evaluateScalar(arguments[1], at: time) : 1
            return .vector(Evaluator.mapValues(input) { MathFunctions.round($0, toNearest: nearest) })
        case "clamp":
            let input = try evaluateVector(arguments[0], at: time)
            let low = try evaluateScalar(arguments[1], at: time)
            let high = try evaluateScalar(arguments[2], at: time)
            if high < low { return .vector([]) }
            return .vector(Evaluator.mapValues(input) { MathFunctions.clamp($0, min: low, max: high) })
        case "clamp_min":
            let input = try evaluateVector(arguments[0], at: time)
            let low = try evaluateScalar(arguments[1], at: time)
            return .vector(Evaluator.mapValues(input) { MathFunctions.clamp($0, min: low, max: .infinity) })
        case "clamp_max":
            let input = try evaluateVector(arguments[0], at: time)
            let high = try evaluateScalar(arguments[1], at: time)
            return .vector(Evaluator.mapValues(input) { MathFunctions.clamp($0, min: -.infinity, max: high) })
        case "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year":
            guard let function = DateFunctions.Function(rawValue: name) else { return .vector([]) }
            if arguments.isEmpty {
                let value = DateFunctions.value(function, unixSeconds: floorDivide(time, 1000))
                return .vector([VectorSample(labels: .empty, value: value)])
            }
            let input = try evaluateVector(arguments[0], at: time)
            return .vector(Evaluator.mapValues(input) { DateFunctions.value(function, secondsSinceEpoch: $0) })
        default:
            if let function = MathFunctions.unary(name) {
                return .vector(Evaluator.mapValues(try evaluateVector(arguments[0], at: time), function))
            }
            return .vector(try evaluateRangeFunction(call, at: time))
        }
    }

    /// Functions over a range vector: one output per series with samples in the window.
    private func evaluateRangeFunction(_ call: FunctionCall, at time: Int64) throws(QueryError) -> [VectorSample] {
        let name = call.function.name
        let arguments = call.arguments
        switch name {
        case "quantile_over_time":
            let phi = try evaluateScalar(arguments[0], at: time)
            let input = try evaluateMatrix(arguments[1], at: time)
            return Evaluator.mapSeries(input) { RangeFunctions.quantileOverTime(phi, $0) }
        case "predict_linear":
            let input = try evaluateMatrix(arguments[0], at: time)
            let seconds = try evaluateScalar(arguments[1], at: time)
            return Evaluator.mapSeries(input) {
                RangeFunctions.predictLinear($0, evaluationTime: time, seconds: seconds)
            }
        case "double_exponential_smoothing":
            let input = try evaluateMatrix(arguments[0], at: time)
            let smoothing = try evaluateScalar(arguments[1], at: time)
            let trend = try evaluateScalar(arguments[2], at: time)
            try RangeFunctions.validateSmoothingFactors(smoothing: smoothing, trend: trend)
            return Evaluator.mapSeries(input) {
                RangeFunctions.doubleExponentialSmoothing($0, smoothing: smoothing, trend: trend)
            }
        default:
            break
        }
        guard let argument = arguments.first else {
            throw QueryError(.execution, "function \"\(name)\" is not supported")
        }
        let input = try evaluateMatrix(argument, at: time)
        switch name {
        case "rate", "increase", "delta":
            return Evaluator.mapSeries(input) {
                RangeFunctions.extrapolatedRate(
                    $0, rangeStart: input.rangeStart, rangeEnd: input.rangeEnd, isCounter: name != "delta",
                    isRate: name == "rate")
            }
        case "irate", "idelta":
            return Evaluator.mapSeries(input) { RangeFunctions.instantValue($0, isRate: name == "irate") }
        case "deriv":
            return Evaluator.mapSeries(input) { RangeFunctions.deriv($0) }
        case "last_over_time", "first_over_time":
            let function: RangeFunctions.OverTimeFunction = name == "last_over_time" ? .last : .first
            return input.series.compactMap { series in
                RangeFunctions.overTime(function, series.samples).map {
                    VectorSample(labels: series.labels, value: $0, dropName: series.dropName)
                }
            }
        default:
            guard let function = RangeFunctions.OverTimeFunction(functionName: name) else {
                throw QueryError(.execution, "function \"\(name)\" is not supported")
            }
            return Evaluator.mapSeries(input) { RangeFunctions.overTime(function, $0) }
        }
    }

    /// `timestamp(v)`: for a selector the time of each selected sample, otherwise the evaluation time.
    private func timestamps(of argument: Expr, at time: Int64) throws(QueryError) -> [VectorSample] {
        var inner = argument
        while case .paren(let wrapped, _) = inner { inner = wrapped }
        if case .vectorSelector(let selector) = inner {
            return instantSamples(selector, at: time).map {
                VectorSample(labels: $0.labels, value: Double($0.sample.timestamp) / 1000, dropName: true)
            }
        }
        return try evaluateVector(argument, at: time).map {
            VectorSample(labels: $0.labels, value: Double(time) / 1000, dropName: true)
        }
    }

    /// Applies `transform` to every value; the result drops the metric name.
    static func mapValues(_ input: [VectorSample], _ transform: (Double) -> Double) -> [VectorSample] {
        input.map { VectorSample(labels: $0.labels, value: transform($0.value), dropName: true) }
    }

    /// Applies a range function to every series; series it yields no value for are left out; names are dropped.
    static func mapSeries(_ input: RangeVector, _ function: (ArraySlice<Sample>) -> Double?) -> [VectorSample] {
        var result: [VectorSample] = []
        result.reserveCapacity(input.series.count)
        for series in input.series {
            if let value = function(series.samples) {
                result.append(VectorSample(labels: series.labels, value: value, dropName: true))
            }
        }
        return result
    }

    /// The labels `absent`/`absent_over_time` give their one sample: the `=` matchers of a selector argument, minus
    /// the name and any label matched more than once or otherwise; `{}` for other arguments.
    static func absentLabels(_ argument: Expr) -> Labels {
        var inner = argument
        while case .paren(let wrapped, _) = inner { inner = wrapped }
        let matchers: [Matcher]
        switch inner {
        case .vectorSelector(let selector): matchers = selector.matchers
        case .matrixSelector(let matrix): matchers = matrix.selector.matchers
        default: return .empty
        }
        var values: [String: String] = [:]
        var seen = Set<String>()
        for matcher in matchers where matcher.name != Labels.metricNameLabel {
            if matcher.type == .equal, !seen.contains(matcher.name) {
                values[matcher.name] = matcher.value
                seen.insert(matcher.name)
            } else {
                values[matcher.name] = nil
            }
        }
        return Labels(values)
    }

    /// `sort`/`sort_desc`: by value, NaN last either way.
    static func sorted(_ input: [VectorSample], descending: Bool) -> [VectorSample] {
        input.sorted { lhs, rhs in
            if lhs.value.isNaN { return false }
            if rhs.value.isNaN { return true }
            return descending ? lhs.value > rhs.value : lhs.value < rhs.value
        }
    }

    /// `sort_by_label`/`sort_by_label_desc`: by the named labels' values, then by the whole label set.
    static func sorted(_ input: [VectorSample], byLabels names: [String], descending: Bool) -> [VectorSample] {
        input.sorted { lhs, rhs in
            for name in names {
                let left = lhs.labels.value(of: name)
                let right = rhs.labels.value(of: name)
                if left != right { return descending ? left > right : left < right }
            }
            return descending ? rhs.labels < lhs.labels : lhs.labels < rhs.labels
        }
    }
}
