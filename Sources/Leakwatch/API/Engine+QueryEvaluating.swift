import PromQL

extension Engine: QueryEvaluating {
    /// The engine's own timeout.
    var queryTimeout: Duration { options.timeout }

    /// Evaluates with the shorter of the engine's timeout and `timeout`.
    func instantQuery(_ query: String, at time: Int64, timeout: Duration) throws(QueryError) -> QueryValue {
        try bounded(by: timeout).instantQuery(query, at: time)
    }

    /// Evaluates with the shorter of the engine's timeout and `timeout`.
    func rangeQuery(
        _ query: String, start: Int64, end: Int64, step: Int64, timeout: Duration
    ) throws(QueryError) -> QueryValue {
        try bounded(by: timeout).rangeQuery(query, start: start, end: end, step: step)
    }

    /// This engine, or a copy over the same querier with a shorter timeout (engines are cheap to create).
    private func bounded(by timeout: Duration) -> Engine {
        guard timeout < options.timeout else { return self }
        var shorter = options
        shorter.timeout = timeout
        return Engine(querier: querier, options: shorter)
    }
}
