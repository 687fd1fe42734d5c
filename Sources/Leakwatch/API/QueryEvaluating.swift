import PromQL
import TimeSeries

/// What the query API needs of a PromQL engine. `Engine` conforms; tests substitute a fake to check formatting and
/// error handling without evaluating anything.
protocol QueryEvaluating: Sendable {
    /// The longest a query may run; a request's `timeout` parameter can only shorten it.
    var queryTimeout: Duration { get }

    /// Evaluates `query` at `time` (ms), giving up after `timeout`.
    func instantQuery(_ query: String, at time: Int64, timeout: Duration) throws(QueryError) -> QueryValue

    /// Evaluates `query` from `start` to `end` every `step` (ms), giving up after `timeout`.
    func rangeQuery(
        _ query: String, start: Int64, end: Int64, step: Int64, timeout: Duration
    ) throws(QueryError) -> QueryValue

    /// Parses a `match[]` series selector into label matchers.
    func parseMatchers(_ selector: String) throws(ParseError) -> [Matcher]
}

extension QueryEvaluating {
    /// Parses with `PromQLParser.parseMatchers`.
    func parseMatchers(_ selector: String) throws(ParseError) -> [Matcher] {
        try PromQLParser.parseMatchers(selector)
    }
}
