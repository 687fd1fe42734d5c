import Testing

@testable import PromQL

@Suite("PromQL function table")
struct FunctionTableTests {
    @Test("the table has every Prometheus 3.14 function")
    func complete() {
        #expect(FunctionTable.all.count == 90)
        for name in [
            "abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "day_of_month",
            "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor", "histogram_avg",
            "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar",
            "histogram_sum", "hour", "idelta", "increase", "irate", "label_join", "label_replace", "ln", "log2",
            "log10", "minute", "month", "predict_linear", "rate", "resets", "round", "scalar", "sgn", "sort",
            "sort_desc", "sqrt", "time", "timestamp", "vector", "year", "avg_over_time", "min_over_time",
            "max_over_time", "sum_over_time", "count_over_time", "quantile_over_time", "stddev_over_time",
            "stdvar_over_time", "last_over_time", "first_over_time", "present_over_time", "acos", "acosh", "asin",
            "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad", "pi",
        ] {
            #expect(FunctionTable.signature(named: name)?.isExperimental == false, "\(name)")
        }
    }

    @Test("experimental functions are flagged")
    func experimental() {
        let experimental = Set(FunctionTable.all.values.filter(\.isExperimental).map(\.name))
        #expect(
            experimental == [
                "double_exponential_smoothing", "end", "histogram_quantiles", "info", "mad_over_time", "max_of",
                "min_of", "range", "sort_by_label", "sort_by_label_desc", "start", "start_timestamp", "step",
                "ts_of_first_over_time", "ts_of_last_over_time", "ts_of_max_over_time", "ts_of_min_over_time",
            ])
        #expect(AggregateOperator.limitk.isExperimental && AggregateOperator.limitRatio.isExperimental)
    }

    @Test("argument types, optional and repeated arguments")
    func signatures() throws {
        let round = try #require(FunctionTable.signature(named: "round"))
        #expect(round.argumentTypes == [.vector, .scalar] && round.variadic == 1)
        let labelJoin = try #require(FunctionTable.signature(named: "label_join"))
        #expect(labelJoin.argumentTypes == [.vector, .string, .string, .string] && labelJoin.variadic == -1)
        let hour = try #require(FunctionTable.signature(named: "hour"))
        #expect(hour.argumentTypes == [.vector] && hour.variadic == 1)
        let vector = try #require(FunctionTable.signature(named: "vector"))
        #expect(vector.argumentTypes == [.scalar] && vector.variadic == 0 && vector.returnType == .vector)
        let time = try #require(FunctionTable.signature(named: "time"))
        #expect(time.argumentTypes.isEmpty && time.returnType == .scalar)
        let quantileOverTime = try #require(FunctionTable.signature(named: "quantile_over_time"))
        #expect(quantileOverTime.argumentTypes == [.scalar, .matrix])
        let smoothing = try #require(FunctionTable.signature(named: "double_exponential_smoothing"))
        #expect(smoothing.argumentTypes == [.matrix, .scalar, .scalar])
        #expect(FunctionTable.signature(named: "holt_winters") == nil)
        #expect(FunctionTable.signature(named: "Rate") == nil)
    }
}
