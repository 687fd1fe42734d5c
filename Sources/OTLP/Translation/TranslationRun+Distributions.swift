import TimeSeries

/// Histograms, exponential histograms and summaries (reference/otlp.md §6.7–6.9).
extension TranslationRun {
    /// Translates explicit-bucket histograms into `_bucket{le}` (cumulative counts, `+Inf` = count), `_sum` (when
    /// present) and `_count`. Bounds must be strictly increasing and not NaN or +Inf, and there must be one more
    /// bucket count than bounds (or neither).
    mutating func translateHistograms(
        _ points: [MetricsRequest.HistogramDataPoint], context: MetricContext,
        delta: Bool
    ) {
        for point in points {
            guard let timestamp = prepare(point.timeUnixNano, point.attributes, context) else { continue }
            let bounds = point.explicitBounds
            let validBounds = TranslationRun.areValidBounds(bounds)
            if point.flags.contains(.noRecordedValue) {
                if delta { translator.endDeltaStream(streamKey(context: context)) }
                emitStaleHistogram(
                    bounds: validBounds ? bounds : [], hasSum: point.sum != nil,
                    timestamp: timestamp, context: context)
                continue
            }
            let counts = point.bucketCounts
            guard validBounds, counts.count == bounds.count + 1 || (counts.isEmpty && bounds.isEmpty) else {
                reject(
                    .invalidHistogram,
                    "metric \"\(context.otlpName)\": histogram with \(counts.count) bucket "
                        + "counts for \(bounds.count) explicit bounds, or bounds not strictly increasing")
                continue
            }
            var total = DeltaAccumulator.HistogramTotal(
                bounds: bounds, counts: counts, count: point.count,
                sum: point.sum)
            if delta {
                let result = translator.accumulate(
                    .histogram(total), to: streamKey(context: context),
                    start: point.startTimeUnixNano, time: point.timeUnixNano)
                switch result {
                case .success(.histogram(let accumulated)):
                    total = accumulated
                case .success:
                    continue
                case .failure(let rejection):
                    rejectDelta(rejection, time: point.timeUnixNano, context: context)
                    continue
                }
            }
            var cumulative: UInt64 = 0
            var buckets: [(upperBound: Double, count: UInt64)] = []
            buckets.reserveCapacity(total.bounds.count)
            for (index, bound) in total.bounds.enumerated() {
                cumulative &+= total.counts[index]
                buckets.append((bound, cumulative))
            }
            emitHistogram(
                buckets: buckets, count: total.count, sum: total.sum, timestamp: timestamp,
                context: context)
        }
    }

    /// Translates exponential histograms into classic buckets: scales above the configured maximum are merged down
    /// first, then each bucket becomes `_bucket{le=<its upper bound>}` (see `ExponentialBuckets`).
    mutating func translateExponentialHistograms(
        _ points: [MetricsRequest.ExponentialHistogramDataPoint],
        context: MetricContext, delta: Bool
    ) {
        for point in points {
            guard let timestamp = prepare(point.timeUnixNano, point.attributes, context) else { continue }
            var histogram = ExponentialBuckets(point)
            histogram?.limit(
                maxScale: options.exponentialHistogramMaxScale,
                maxBuckets: Swift.max(1, options.maxExponentialHistogramBuckets))
            if point.flags.contains(.noRecordedValue) {
                if delta { translator.endDeltaStream(streamKey(context: context)) }
                let bounds = histogram?.cumulativeBuckets().map(\.upperBound) ?? []
                emitStaleHistogram(
                    bounds: bounds, hasSum: point.sum != nil, timestamp: timestamp,
                    context: context)
                continue
            }
            guard var histogram else {
                reject(
                    .invalidExponentialHistogram,
                    "metric \"\(context.otlpName)\": exponential histogram with "
                        + "scale \(point.scale) outside -10...20 or an invalid zero threshold")
                continue
            }
            if delta {
                let result = translator.accumulate(
                    .exponential(histogram), to: streamKey(context: context),
                    start: point.startTimeUnixNano, time: point.timeUnixNano)
                switch result {
                case .success(.exponential(let accumulated)):
                    histogram = accumulated
                case .success:
                    continue
                case .failure(let rejection):
                    rejectDelta(rejection, time: point.timeUnixNano, context: context)
                    continue
                }
            }
            emitHistogram(
                buckets: histogram.cumulativeBuckets(), count: histogram.count, sum: histogram.sum,
                timestamp: timestamp, context: context)
        }
    }

    /// Translates summaries into `{quantile}` samples, `_sum` and `_count`.
    mutating func translateSummaries(_ points: [MetricsRequest.SummaryDataPoint], context: MetricContext) {
        for point in points {
            guard let timestamp = prepare(point.timeUnixNano, point.attributes, context) else { continue }
            let stale = point.flags.contains(.noRecordedValue)
            for quantile in point.quantileValues {
                let label = Label(name: "quantile", value: FloatFormat.fixed(quantile.quantile))
                append(
                    labels(name: context.name, extra: label), timestamp: timestamp,
                    value: stale ? Sample.staleMarker : TranslationRun.sampleValue(quantile.value))
            }
            append(
                labels(name: context.sumName), timestamp: timestamp,
                value: stale ? Sample.staleMarker : TranslationRun.sampleValue(point.sum))
            append(
                labels(name: context.countName), timestamp: timestamp,
                value: stale ? Sample.staleMarker : Double(point.count))
        }
    }

    // MARK: - Emitting

    /// Appends the series of one histogram: a bucket per bound, `+Inf`, `_sum` when known, `_count`.
    private mutating func emitHistogram(
        buckets: [(upperBound: Double, count: UInt64)],
        count: UInt64, sum: Double?, timestamp: Int64, context: MetricContext
    ) {
        for bucket in buckets {
            let label = Label(name: "le", value: boundName(bucket.upperBound))
            append(
                labels(name: context.bucketName, extra: label), timestamp: timestamp,
                value: Double(bucket.count))
        }
        append(
            labels(name: context.bucketName, extra: Label(name: "le", value: "+Inf")),
            timestamp: timestamp, value: Double(count))
        if let sum {
            append(labels(name: context.sumName), timestamp: timestamp, value: TranslationRun.sampleValue(sum))
        }
        append(labels(name: context.countName), timestamp: timestamp, value: Double(count))
    }

    /// Appends stale markers for every series a histogram point would have produced.
    private mutating func emitStaleHistogram(
        bounds: [Double], hasSum: Bool, timestamp: Int64,
        context: MetricContext
    ) {
        for bound in bounds {
            let label = Label(name: "le", value: boundName(bound))
            append(
                labels(name: context.bucketName, extra: label), timestamp: timestamp,
                value: Sample.staleMarker)
        }
        append(
            labels(name: context.bucketName, extra: Label(name: "le", value: "+Inf")),
            timestamp: timestamp, value: Sample.staleMarker)
        if hasSum { append(labels(name: context.sumName), timestamp: timestamp, value: Sample.staleMarker) }
        append(labels(name: context.countName), timestamp: timestamp, value: Sample.staleMarker)
    }

    /// The delta stream key of a histogram point.
    private func streamKey(context: MetricContext) -> DeltaAccumulator.StreamKey {
        DeltaAccumulator.StreamKey(context: context.streamContext, labels: labels(name: context.name))
    }

    /// Whether explicit bounds are strictly increasing and contain no NaN or +Inf.
    private static func areValidBounds(_ bounds: [Double]) -> Bool {
        var previous = -Double.infinity
        for (index, bound) in bounds.enumerated() {
            guard !bound.isNaN, bound != .infinity, index == 0 || bound > previous else { return false }
            previous = bound
        }
        return true
    }
}
