import TimeSeries

/// Evaluates one query: loads each selector's series once, then evaluates the expression step by step.
///
/// Not thread-safe; one evaluator per query.
final class Evaluator {
    let querier: any SeriesQuerier
    let options: EngineOptions
    /// The query's first evaluation time (ms); `@ start()` resolves to it.
    let start: Int64
    /// The query's last evaluation time (ms); `@ end()` resolves to it.
    let end: Int64
    /// The step between evaluation times (ms); 0 for an instant query.
    let interval: Int64
    let deadline: ContinuousClock.Instant

    /// Per selector id: the series loaded for the whole query.
    var loaded: [Int: [LoadedSeries]] = [:]
    /// Samples held in memory now (loaded series, cached subquery points, result points).
    var samplesInMemory = 0
    /// Per subquery (by source position): inner results already computed, by evaluation time.
    var subqueryCache: [PositionRange: SubqueryCache] = [:]
    /// Per range selector id: where each series' window was at the previous step.
    var cursors: [Int: [SeriesCursor]] = [:]
    /// Per `label_replace` call (by source position): its compiled regex and template (its arguments are literals).
    var replacers: [PositionRange: LabelFunctions.Replacer] = [:]

    init(
        querier: any SeriesQuerier, options: EngineOptions, start: Int64, end: Int64, interval: Int64,
        timeout: Duration
    ) {
        self.querier = querier
        self.options = options
        self.start = start
        self.end = end
        self.interval = interval
        deadline = ContinuousClock.now.advanced(by: timeout)
    }

    /// Throws when the query has run past its deadline.
    func checkDeadline() throws(QueryError) {
        if ContinuousClock.now > deadline { throw QueryError.timedOut }
    }

    /// Adds `count` samples to the in-memory total, throwing when it exceeds the limit.
    func reserve(samples count: Int) throws(QueryError) {
        samplesInMemory += count
        if samplesInMemory > options.maxSamples { throw QueryError.tooManySamples }
    }

    /// The time a selector or subquery with modifier `at` is evaluated at when the step time is `time`.
    func referenceTime(at modifier: AtModifier?, offset: Int64, stepTime time: Int64) -> Int64 {
        let base: Int64
        switch modifier {
        case nil: base = time
        case .timestamp(let milliseconds): base = milliseconds
        case .start: base = start
        case .end: base = end
        }
        return base - offset
    }

    // MARK: - Evaluation at one step

    /// The value of `expr` at `time` (ms).
    func evaluate(_ expr: Expr, at time: Int64) throws(QueryError) -> StepValue {
        switch expr {
        case .number(let value, _):
            return .scalar(value)
        case .string(let value, _):
            return .string(value)
        case .paren(let inner, _):
            return try evaluate(inner, at: time)
        case .unary(let op, let inner, _):
            let value = try evaluate(inner, at: time)
            guard op == .minus else { return value }
            switch value {
            case .scalar(let number):
                return .scalar(-number)
            case .vector(let samples):
                return .vector(samples.map { VectorSample(labels: $0.labels, value: -$0.value, dropName: true) })
            case .string, .matrix:
                throw QueryError(
                    .execution, "unary expression only allowed on expressions of type scalar or instant vector")
            }
        case .vectorSelector(let selector):
            return .vector(instantVector(selector, at: time))
        case .matrixSelector(let selector):
            return .matrix(rangeVector(selector, at: time))
        case .subquery(let subquery):
            return .matrix(try evaluateSubquery(subquery, at: time))
        case .binary(let binary):
            return try evaluateBinary(binary, at: time)
        case .aggregate(let aggregate):
            return try evaluateAggregate(aggregate, at: time)
        case .call(let call):
            return try evaluateCall(call, at: time)
        }
    }

    /// The instant vector `expr` evaluates to at `time`.
    func evaluateVector(_ expr: Expr, at time: Int64) throws(QueryError) -> [VectorSample] {
        switch try evaluate(expr, at: time) {
        case .vector(let samples): return samples
        case .scalar, .string, .matrix:
            throw QueryError(.execution, "expected an instant vector, got \(expr.type.documentedName)")
        }
    }

    /// The scalar `expr` evaluates to at `time`.
    func evaluateScalar(_ expr: Expr, at time: Int64) throws(QueryError) -> Double {
        switch try evaluate(expr, at: time) {
        case .scalar(let value): return value
        case .vector, .string, .matrix:
            throw QueryError(.execution, "expected a scalar, got \(expr.type.documentedName)")
        }
    }

    /// The string `expr` evaluates to.
    func evaluateString(_ expr: Expr, at time: Int64) throws(QueryError) -> String {
        switch try evaluate(expr, at: time) {
        case .string(let value): return value
        case .vector, .scalar, .matrix:
            throw QueryError(.execution, "expected a string, got \(expr.type.documentedName)")
        }
    }

    /// The range vector `expr` evaluates to at `time`.
    func evaluateMatrix(_ expr: Expr, at time: Int64) throws(QueryError) -> RangeVector {
        switch try evaluate(expr, at: time) {
        case .matrix(let vector): return vector
        case .vector, .scalar, .string:
            throw QueryError(.execution, "expected a range vector, got \(expr.type.documentedName)")
        }
    }

    private func evaluateBinary(_ binary: BinaryExpr, at time: Int64) throws(QueryError) -> StepValue {
        let lhs = try evaluate(binary.lhs, at: time)
        // Set operators can answer from one side alone.
        if case .vector(let left) = lhs, left.isEmpty, binary.op == .and || binary.op == .unless {
            return .vector([])
        }
        let rhs = try evaluate(binary.rhs, at: time)
        switch (lhs, rhs) {
        case (.scalar(let left), .scalar(let right)):
            return .scalar(BinaryEvaluation.scalarScalar(binary.op, left, right))
        case (.vector(let left), .scalar(let right)):
            return .vector(
                BinaryEvaluation.vectorScalar(
                    binary.op, vector: left, scalar: right, scalarOnLeft: false, returnBool: binary.returnBool))
        case (.scalar(let left), .vector(let right)):
            return .vector(
                BinaryEvaluation.vectorScalar(
                    binary.op, vector: right, scalar: left, scalarOnLeft: true, returnBool: binary.returnBool))
        case (.vector(let left), .vector(let right)):
            let matching =
                binary.matching ?? VectorMatching(cardinality: binary.op.isSetOperator ? .manyToMany : .oneToOne)
            return .vector(
                try BinaryEvaluation.vectorVector(
                    binary.op, lhs: left, rhs: right, matching: matching, returnBool: binary.returnBool))
        default:
            throw QueryError(.execution, "binary expression must contain only scalar and instant vector types")
        }
    }

    private func evaluateAggregate(_ aggregate: AggregateExpr, at time: Int64) throws(QueryError) -> StepValue {
        var parameter: Double?
        var label: String?
        if let expr = aggregate.parameter {
            switch try evaluate(expr, at: time) {
            case .scalar(let value): parameter = value
            case .string(let value): label = value
            case .vector, .matrix:
                throw QueryError(.execution, "expected a scalar or string parameter for \(aggregate.op.rawValue)")
            }
        }
        let input = try evaluateVector(aggregate.expr, at: time)
        return .vector(
            try Aggregation.aggregate(
                aggregate.op, input: input, grouping: aggregate.grouping, without: aggregate.without,
                parameter: parameter, label: label))
    }
}

extension Evaluator {
    /// Prometheus checks the k of `topk`/`bottomk`/`limitk` and the ratio of `limit_ratio` over every step of the
    /// query before evaluating any (a NaN anywhere fails the query, even at steps whose result would be empty);
    /// this does the same for the aggregations evaluated at the query's own steps.
    func checkAggregationParameters(_ expr: Expr) throws(QueryError) {
        switch expr {
        case .number, .string, .vectorSelector, .matrixSelector, .subquery:
            return
        case .paren(let inner, _), .unary(_, let inner, _):
            try checkAggregationParameters(inner)
        case .binary(let binary):
            try checkAggregationParameters(binary.lhs)
            try checkAggregationParameters(binary.rhs)
        case .call(let call):
            for argument in call.arguments { try checkAggregationParameters(argument) }
        case .aggregate(let aggregate):
            try checkAggregationParameters(aggregate.expr)
            guard let parameter = aggregate.parameter,
                [.topk, .bottomk, .limitk, .limitRatio].contains(aggregate.op)
            else { return }
            var values: [Double] = []
            var time = start
            while time <= end {
                values.append(try evaluateScalar(parameter, at: time))
                if interval == 0 { break }
                time += interval
            }
            try Aggregation.checkParameters(aggregate.op, values)
        }
    }
}
