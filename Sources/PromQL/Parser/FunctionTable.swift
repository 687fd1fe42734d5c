/// Every PromQL function of Prometheus 3.14 (`promql/parser/functions.go`) with its argument and result types.
enum FunctionTable {
    /// The signatures by name.
    static let all: [String: FunctionSignature] = {
        var table: [String: FunctionSignature] = [:]
        for signature in signatures { table[signature.name] = signature }
        return table
    }()

    /// The signature of the function called `name`, if PromQL has one.
    static func signature(named name: String) -> FunctionSignature? {
        all[name]
    }

    private static func function(
        _ name: String, _ arguments: [ValueType], _ variadic: Int, _ result: ValueType, experimental: Bool = false
    ) -> FunctionSignature {
        FunctionSignature(
            name: name, argumentTypes: arguments, variadic: variadic, returnType: result, isExperimental: experimental)
    }

    /// Variadic: the number of optional trailing arguments, or -1 when the last argument repeats (`label_join`,
    /// `sort_by_label`). Experimental ones need `--enable-feature=promql-experimental-functions` in Prometheus.
    private static let signatures: [FunctionSignature] = [
        function("abs", [.vector], 0, .vector),
        function("absent", [.vector], 0, .vector),
        function("absent_over_time", [.matrix], 0, .vector),
        function("acos", [.vector], 0, .vector),
        function("acosh", [.vector], 0, .vector),
        function("asin", [.vector], 0, .vector),
        function("asinh", [.vector], 0, .vector),
        function("atan", [.vector], 0, .vector),
        function("atanh", [.vector], 0, .vector),
        function("avg_over_time", [.matrix], 0, .vector),
        function("ceil", [.vector], 0, .vector),
        function("changes", [.matrix], 0, .vector),
        function("clamp", [.vector, .scalar, .scalar], 0, .vector),
        function("clamp_max", [.vector, .scalar], 0, .vector),
        function("clamp_min", [.vector, .scalar], 0, .vector),
        function("cos", [.vector], 0, .vector),
        function("cosh", [.vector], 0, .vector),
        function("count_over_time", [.matrix], 0, .vector),
        function("day_of_month", [.vector], 1, .vector),
        function("day_of_week", [.vector], 1, .vector),
        function("day_of_year", [.vector], 1, .vector),
        function("days_in_month", [.vector], 1, .vector),
        function("deg", [.vector], 0, .vector),
        function("delta", [.matrix], 0, .vector),
        function("deriv", [.matrix], 0, .vector),
        function("double_exponential_smoothing", [.matrix, .scalar, .scalar], 0, .vector, experimental: true),
        function("end", [], 0, .scalar, experimental: true),
        function("exp", [.vector], 0, .vector),
        function("first_over_time", [.matrix], 0, .vector),
        function("floor", [.vector], 0, .vector),
        function("histogram_avg", [.vector], 0, .vector),
        function("histogram_count", [.vector], 0, .vector),
        function("histogram_fraction", [.scalar, .scalar, .vector], 0, .vector),
        function("histogram_quantile", [.scalar, .vector], 0, .vector),
        function("histogram_quantiles", [.vector, .string, .scalar, .scalar], 9, .vector, experimental: true),
        function("histogram_stddev", [.vector], 0, .vector),
        function("histogram_stdvar", [.vector], 0, .vector),
        function("histogram_sum", [.vector], 0, .vector),
        function("hour", [.vector], 1, .vector),
        function("idelta", [.matrix], 0, .vector),
        function("increase", [.matrix], 0, .vector),
        function("info", [.vector, .vector], 1, .vector, experimental: true),
        function("irate", [.matrix], 0, .vector),
        function("label_join", [.vector, .string, .string, .string], -1, .vector),
        function("label_replace", [.vector, .string, .string, .string, .string], 0, .vector),
        function("last_over_time", [.matrix], 0, .vector),
        function("ln", [.vector], 0, .vector),
        function("log10", [.vector], 0, .vector),
        function("log2", [.vector], 0, .vector),
        function("mad_over_time", [.matrix], 0, .vector, experimental: true),
        function("max_of", [.scalar, .scalar], 0, .scalar, experimental: true),
        function("max_over_time", [.matrix], 0, .vector),
        function("min_of", [.scalar, .scalar], 0, .scalar, experimental: true),
        function("min_over_time", [.matrix], 0, .vector),
        function("minute", [.vector], 1, .vector),
        function("month", [.vector], 1, .vector),
        function("pi", [], 0, .scalar),
        function("predict_linear", [.matrix, .scalar], 0, .vector),
        function("present_over_time", [.matrix], 0, .vector),
        function("quantile_over_time", [.scalar, .matrix], 0, .vector),
        function("rad", [.vector], 0, .vector),
        function("range", [], 0, .scalar, experimental: true),
        function("rate", [.matrix], 0, .vector),
        function("resets", [.matrix], 0, .vector),
        function("round", [.vector, .scalar], 1, .vector),
        function("scalar", [.vector], 0, .scalar),
        function("sgn", [.vector], 0, .vector),
        function("sin", [.vector], 0, .vector),
        function("sinh", [.vector], 0, .vector),
        function("sort", [.vector], 0, .vector),
        function("sort_by_label", [.vector, .string], -1, .vector, experimental: true),
        function("sort_by_label_desc", [.vector, .string], -1, .vector, experimental: true),
        function("sort_desc", [.vector], 0, .vector),
        function("sqrt", [.vector], 0, .vector),
        function("start", [], 0, .scalar, experimental: true),
        function("start_timestamp", [.vector], 0, .vector, experimental: true),
        function("stddev_over_time", [.matrix], 0, .vector),
        function("stdvar_over_time", [.matrix], 0, .vector),
        function("step", [], 0, .scalar, experimental: true),
        function("sum_over_time", [.matrix], 0, .vector),
        function("tan", [.vector], 0, .vector),
        function("tanh", [.vector], 0, .vector),
        function("time", [], 0, .scalar),
        function("timestamp", [.vector], 0, .vector),
        function("ts_of_first_over_time", [.matrix], 0, .vector, experimental: true),
        function("ts_of_last_over_time", [.matrix], 0, .vector, experimental: true),
        function("ts_of_max_over_time", [.matrix], 0, .vector, experimental: true),
        function("ts_of_min_over_time", [.matrix], 0, .vector, experimental: true),
        function("vector", [.scalar], 0, .vector),
        function("year", [.vector], 1, .vector),
    ]
}
