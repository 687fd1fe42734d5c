import TimeSeries

/// Delta-to-cumulative state: one running total per stream, bounded in number of streams.
///
/// A stream is one metric's series from one resource and scope. Rules, after the Collector's deltatocumulative
/// processor (reference/otlp.md §6.8): the first point of a stream starts its total; each later point is added to it.
/// A point not later than the stream's last point (out of order or duplicate) is rejected, as is one whose start
/// time lies before the stream's start (it belongs to an older stream). A gap between points is accepted. A point
/// whose bucket layout no longer matches (other explicit bounds or zero threshold) restarts the total, which queries
/// see as a counter reset. When the table is full, streams idle for longer than the idle timeout (in data time) are
/// dropped to make room; if none are, the new stream's point is rejected.
struct DeltaAccumulator {
    /// Identifies a stream: the resource and scope identity plus the series labels.
    struct StreamKey: Hashable, Sendable {
        /// All resource attributes and the scope name and version, rendered.
        let context: String
        /// The labels of the stream's main series (`__name__` is the base name).
        let labels: Labels
    }

    /// A running total.
    enum Total: Sendable, Hashable {
        /// A sum.
        case sum(Double)
        /// An explicit-bucket histogram.
        case histogram(HistogramTotal)
        /// An exponential histogram.
        case exponential(ExponentialBuckets)
    }

    /// An explicit-bucket histogram's running total.
    struct HistogramTotal: Sendable, Hashable {
        /// The bucket bounds.
        var bounds: [Double]
        /// Per-bucket counts (not cumulative).
        var counts: [UInt64]
        /// The number of observations.
        var count: UInt64
        /// The sum of observations, while every point had one.
        var sum: Double?
    }

    /// Why a delta point was not accumulated.
    enum Rejection: Error {
        /// Not later than the stream's last point.
        case outOfOrder(last: UInt64)
        /// Starts before the stream started.
        case olderStart
        /// The stream table is full.
        case tooManyStreams
    }

    private struct Stream {
        var start: UInt64
        var last: UInt64
        var total: Total
    }

    private var streams: [StreamKey: Stream] = [:]
    /// The newest point time seen, in ns.
    private var newest: UInt64 = 0
    /// `newest` at the last sweep for idle streams.
    private var lastSweep: UInt64 = 0
    private let maxStreams: Int
    private let idleTimeout: UInt64
    private let maxScale: Int
    private let maxBuckets: Int

    /// Creates empty state bounded as `options` say.
    init(options: TranslationOptions) {
        maxStreams = Swift.max(0, options.maxDeltaStreams)
        let (seconds, attoseconds) = options.deltaStreamIdleTimeout.components
        let (nanoseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        idleTimeout = overflow ? (seconds < 0 ? 0 : .max) : UInt64(clamping: nanoseconds &+ attoseconds / 1_000_000_000)
        maxScale = options.exponentialHistogramMaxScale
        maxBuckets = Swift.max(1, options.maxExponentialHistogramBuckets)
    }

    /// The number of streams held.
    var count: Int { streams.count }

    /// Adds the delta of one point covering `(start, time]` to its stream and returns the stream's new total.
    mutating func add(_ delta: Total, to key: StreamKey, start: UInt64, time: UInt64) -> Result<Total, Rejection> {
        newest = Swift.max(newest, time)
        if let index = streams.index(forKey: key) {
            let (streamStart, last) = (streams.values[index].start, streams.values[index].last)
            if start != 0, start < streamStart { return .failure(.olderStart) }
            if time <= last { return .failure(.outOfOrder(last: last)) }
            // Mutated in place, so a histogram's bucket arrays are not copied on every point.
            let (scale, buckets) = (maxScale, maxBuckets)
            if !DeltaAccumulator.add(delta, to: &streams.values[index].total, maxScale: scale, maxBuckets: buckets) {
                streams.values[index].total = delta
                streams.values[index].start = start == 0 ? time : start
            }
            streams.values[index].last = time
            return .success(streams.values[index].total)
        }
        guard streams.count < maxStreams || sweepIdleStreams() else { return .failure(.tooManyStreams) }
        streams[key] = Stream(start: start == 0 ? time : start, last: time, total: delta)
        return .success(delta)
    }

    /// Forgets a stream (after a point flagged as having no recorded value).
    mutating func remove(_ key: StreamKey) {
        streams.removeValue(forKey: key)
    }

    /// Adds `delta` into `total`; false when the two have different shapes, and `total` must then be replaced.
    private static func add(_ delta: Total, to total: inout Total, maxScale: Int, maxBuckets: Int) -> Bool {
        switch total {
        case .sum(let sum):
            guard case .sum(let more) = delta else { return false }
            total = .sum(sum + more)
            return true
        case .histogram(var histogram):
            guard case .histogram(let more) = delta, histogram.bounds == more.bounds,
                histogram.counts.count == more.counts.count
            else { return false }
            total = .sum(0)  // Drops the state's reference, so the counts are updated without a copy.
            for index in histogram.counts.indices { histogram.counts[index] &+= more.counts[index] }
            histogram.count &+= more.count
            histogram.sum = histogram.sum.flatMap { sum in more.sum.map { sum + $0 } }
            total = .histogram(histogram)
            return true
        case .exponential(var buckets):
            guard case .exponential(let more) = delta else { return false }
            total = .sum(0)  // As above.
            guard buckets.add(more, maxBuckets: maxBuckets) else { return false }
            buckets.limit(maxScale: maxScale, maxBuckets: maxBuckets)
            total = .exponential(buckets)
            return true
        }
    }

    /// Drops streams idle for longer than the timeout; true when there is then room for a new stream. Runs at most
    /// once per tenth of the timeout (in data time), so a table full of live streams costs no repeated scans.
    private mutating func sweepIdleStreams() -> Bool {
        let interval = Swift.max(idleTimeout / 10, 1_000_000_000)
        guard lastSweep == 0 || newest &- lastSweep >= interval else { return false }
        lastSweep = newest
        let cutoff = newest > idleTimeout ? newest - idleTimeout : 0
        streams = streams.filter { $0.value.last >= cutoff }
        return streams.count < maxStreams
    }
}
