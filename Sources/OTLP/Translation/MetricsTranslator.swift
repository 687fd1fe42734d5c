import Synchronization

/// Translates decoded OTLP metrics into series, as ARCHITECTURE §5 and reference/otlp.md §6 describe.
///
/// Gauges and cumulative sums become one sample per point; delta sums and histograms are accumulated per stream into
/// cumulative series (the state lives here, bounded by `TranslationOptions.maxDeltaStreams`); histograms become
/// `_bucket{le}`, `_sum` and `_count`; exponential histograms become classic buckets; summaries become
/// `{quantile}`, `_sum` and `_count`. Safe to use from many threads at once.
public final class MetricsTranslator: Sendable {
    /// The options every request is translated with.
    public let options: TranslationOptions
    /// Running totals of delta streams.
    private let deltas: Mutex<DeltaAccumulator>

    /// Creates a translator with empty delta state.
    public init(options: TranslationOptions = TranslationOptions()) {
        self.options = options
        deltas = Mutex(DeltaAccumulator(options: options))
    }

    /// Translates one request. Points that cannot be translated are counted in `rejectedDataPoints`, with an example
    /// message per kind; the rest are translated.
    public func translate(_ request: MetricsRequest) -> Translation {
        var run = TranslationRun(options: options, translator: self)
        run.translate(request)
        return run.translation
    }

    /// The number of delta streams currently accumulated.
    public var deltaStreamCount: Int {
        deltas.withLock { $0.count }
    }

    /// Adds a delta to its stream's running total.
    func accumulate(_ delta: DeltaAccumulator.Total, to key: DeltaAccumulator.StreamKey, start: UInt64, time: UInt64)
        -> Result<DeltaAccumulator.Total, DeltaAccumulator.Rejection>
    {
        deltas.withLock { $0.add(delta, to: key, start: start, time: time) }
    }

    /// Forgets a delta stream.
    func endDeltaStream(_ key: DeltaAccumulator.StreamKey) {
        deltas.withLock { $0.remove(key) }
    }
}
