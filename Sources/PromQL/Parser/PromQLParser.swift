public import TimeSeries

/// Parses PromQL expressions, metric descriptions and selectors.
public enum PromQLParser {
    /// Parses a whole expression: syntax and types, with Prometheus's error messages. Experimental functions and
    /// aggregations (`limitk`, `sort_by_label`, …) are accepted and marked (`FunctionSignature.isExperimental`,
    /// `AggregateOperator.isExperimental`), as Prometheus's test harness accepts them.
    public static func parse(_ query: String) throws(ParseError) -> Expr {
        try parse(query, enableExperimental: true)
    }

    /// Parses a whole expression; with `enableExperimental` false, experimental functions and aggregations are
    /// refused with the messages of a Prometheus server started without `promql-experimental-functions`.
    public static func parse(_ query: String, enableExperimental: Bool) throws(ParseError) -> Expr {
        var parser = Parser(query, enableExperimental: enableExperimental)
        let expr = try parser.parseQuery()
        let checker = TypeChecker(query: query, binaryDetails: parser.binaryDetails)
        try checker.check(expr)
        return expr
    }

    /// Parses a series description such as `metric{a="b"}` or `{__name__="m", a="b"}` into labels (only `=`
    /// matchers allowed), as the `load` lines of `.test` scripts and `input_series` of rule unit tests use.
    public static func parseMetric(_ text: String) throws(ParseError) -> Labels {
        var parser = Parser(text, enableExperimental: true)
        return try parser.parseMetricDescription()
    }

    /// Parses a series selector such as `up{job=~"a.*"}` into matchers (the `match[]` parameter of the API). The
    /// metric name, when written before the braces, comes first as `__name__="…"`. A selector whose matchers all
    /// match the empty string is refused (`vector selector must contain at least one non-empty matcher`).
    public static func parseMatchers(_ text: String) throws(ParseError) -> [Matcher] {
        var parser = Parser(text, enableExperimental: true)
        return try parser.parseSelectorMatchers()
    }
}
