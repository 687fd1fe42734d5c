/// Limits and defaults of the query engine (Prometheus's flag defaults unless noted).
public struct EngineOptions: Sendable, Hashable {
    /// How far back an instant selector looks for the newest sample, ms (`--query.lookback-delta`, 5m).
    public var lookbackDelta: Int64 = 300_000
    /// The most samples a query may hold in memory at once (`--query.max-samples`, 50M).
    public var maxSamples: Int = 50_000_000
    /// The longest a query may run (`--query.timeout`, 2m).
    public var timeout: Duration = .seconds(120)
    /// The step of a subquery that gives none, ms (the global evaluation interval, 1m).
    public var defaultSubqueryStep: Int64 = 60_000
    /// The most points a range query may return per series (Prometheus's 11,000 resolution limit).
    public var maxPointsPerSeries: Int = 11_000

    /// The defaults.
    public init() {}
}
