public import TimeSeries

/// Evaluates PromQL over a `SeriesQuerier`.
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

    /// Evaluates `query` at `time` (ms).
    public func instantQuery(_ query: String, at time: Int64) throws(QueryError) -> QueryValue {
        fatalError("contract: implemented by the evaluator")
    }

    /// Evaluates `query` at every step from `start` to `end` (ms, inclusive); the result is a matrix.
    public func rangeQuery(_ query: String, start: Int64, end: Int64, step: Int64) throws(QueryError) -> QueryValue {
        fatalError("contract: implemented by the evaluator")
    }
}
