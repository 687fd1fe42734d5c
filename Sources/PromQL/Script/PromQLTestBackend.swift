import TimeSeries

/// What the test runner needs from the PromQL implementation: parsing, a series store and the engine. The default is
/// `EngineTestBackend`; tests of the runner itself use fakes.
protocol PromQLTestBackend {
    /// Reads `metric{labels}` into labels.
    func parseMetric(_ text: String) throws(ParseError) -> Labels
    /// Parses a query.
    func parseExpression(_ text: String) throws(ParseError) -> Expr
    /// Adds series to the store.
    func append(_ series: [Series]) throws -> AppendResult
    /// Removes every series.
    func clear()
    /// Runs an instant query at `time` (ms).
    func instantQuery(_ query: String, at time: Int64) throws(QueryError) -> QueryValue
    /// Runs a range query (ms).
    func rangeQuery(_ query: String, start: Int64, end: Int64, step: Int64) throws(QueryError) -> QueryValue
}

/// The real backend: `PromQLParser`, a `MemorySeriesStore` and an `Engine` over it.
struct EngineTestBackend: PromQLTestBackend {
    private let store: MemorySeriesStore
    private let engine: Engine

    /// A fresh, empty store and an engine with `options`.
    init(options: EngineOptions) {
        store = MemorySeriesStore()
        engine = Engine(querier: store, options: options)
    }

    func parseMetric(_ text: String) throws(ParseError) -> Labels {
        try PromQLParser.parseMetric(text)
    }

    func parseExpression(_ text: String) throws(ParseError) -> Expr {
        try PromQLParser.parse(text)
    }

    func append(_ series: [Series]) throws -> AppendResult {
        try store.append(series)
    }

    func clear() {
        store.clear()
    }

    func instantQuery(_ query: String, at time: Int64) throws(QueryError) -> QueryValue {
        try engine.instantQuery(query, at: time)
    }

    func rangeQuery(_ query: String, start: Int64, end: Int64, step: Int64) throws(QueryError) -> QueryValue {
        try engine.rangeQuery(query, start: start, end: end, step: step)
    }
}
