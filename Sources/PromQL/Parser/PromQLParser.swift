public import TimeSeries

/// Parses PromQL expressions, metric descriptions and selectors.
public enum PromQLParser {
    /// Parses a whole expression: syntax and types, with Prometheus's error messages.
    public static func parse(_ query: String) throws(ParseError) -> Expr {
        fatalError("contract: implemented by the parser")
    }

    /// Parses a series description such as `metric{a="b"}` or `{__name__="m", a="b"}` into labels (only `=`
    /// matchers allowed), as the `load` lines of `.test` scripts and `input_series` of rule unit tests use.
    public static func parseMetric(_ text: String) throws(ParseError) -> Labels {
        fatalError("contract: implemented by the parser")
    }

    /// Parses a series selector such as `up{job=~"a.*"}` into matchers (the `match[]` parameter of the API).
    public static func parseMatchers(_ text: String) throws(ParseError) -> [Matcher] {
        fatalError("contract: implemented by the parser")
    }
}
