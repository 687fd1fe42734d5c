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
    /// What the protobuf fast path remembers between requests.
    let cache: TranslationCache
    private let fastRequests = Atomic<Int>(0)
    private let decodedRequests = Atomic<Int>(0)

    /// Creates a translator with empty delta state.
    ///
    /// - Parameters:
    ///   - options: How names and labels are translated.
    ///   - limits: The decode limits `translate(protobuf:)` enforces.
    ///   - cachedLabelSets: About how many label sets the protobuf fast path keeps (bounded memory; a full share
    ///     is emptied and refilled).
    public init(
        options: TranslationOptions = TranslationOptions(), limits: OTLPDecodeLimits = OTLPDecodeLimits(),
        cachedLabelSets: Int = 1_000_000
    ) {
        self.options = options
        deltas = Mutex(DeltaAccumulator(options: options))
        cache = TranslationCache(limits: limits, labelSets: cachedLabelSets)
    }

    /// Decodes and translates a protobuf `ExportMetricsServiceRequest` body.
    ///
    /// Gives exactly what `OTLPDecoder.decodeMetrics` followed by `translate(_:)` gives, faster: gauge and
    /// cumulative-sum points are translated straight from the wire bytes with label sets cached by those bytes;
    /// everything else goes through the decoder and the translator, metric by metric or (for malformed input) whole.
    /// - Throws: `OTLPDecodeError` for malformed input or an exceeded limit; answer 400 with its message.
    public func translate(protobuf body: [UInt8]) throws(OTLPDecodeError) -> Translation {
        let fast = body.withUnsafeBufferPointer { bytes in
            CachedTranslationRun.translate(bytes, translator: self, cache: cache)
        }
        if let fast {
            fastRequests.add(1, ordering: .relaxed)
            return fast
        }
        decodedRequests.add(1, ordering: .relaxed)
        return translate(try OTLPDecoder.decodeMetrics(body, encoding: .protobuf, limits: cache.limits))
    }

    /// Protobuf requests translated by the fast path, and those that needed the full decoder (malformed input or a
    /// layout the fast path leaves to it).
    public var protobufRequestCounts: (fast: Int, decoded: Int) {
        (fastRequests.load(ordering: .relaxed), decodedRequests.load(ordering: .relaxed))
    }

    /// Entries in the fast path's cache: resources, metric names, label sets.
    public var cachedEntryCounts: (resources: Int, metrics: Int, labelSets: Int) {
        cache.counts
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
