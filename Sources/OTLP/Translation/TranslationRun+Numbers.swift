import TimeSeries

/// Gauges and sums (reference/otlp.md §6.7–6.9).
extension TranslationRun {
    /// Translates number points: each becomes one sample of `name`. Delta points are added to their stream's
    /// running total first; a point flagged as having no recorded value becomes a stale marker (and ends its delta
    /// stream).
    mutating func translateNumbers(_ points: [MetricsRequest.NumberDataPoint], context: MetricContext, delta: Bool) {
        for point in points {
            guard let timestamp = prepare(point.timeUnixNano, point.attributes, context) else { continue }
            let labels = labels(name: context.name)
            if point.flags.contains(.noRecordedValue) {
                if delta { translator.endDeltaStream(.init(context: context.streamContext, labels: labels)) }
                append(labels, timestamp: timestamp, value: Sample.staleMarker)
                continue
            }
            guard let value = point.value else {
                reject(
                    .missingValue,
                    "metric \"\(context.otlpName)\": number data point has neither as_double nor as_int")
                continue
            }
            var sampleValue = value.doubleValue
            if delta {
                let key = DeltaAccumulator.StreamKey(context: context.streamContext, labels: labels)
                let result = translator.accumulate(
                    .sum(sampleValue), to: key, start: point.startTimeUnixNano,
                    time: point.timeUnixNano)
                switch result {
                case .success(.sum(let total)):
                    sampleValue = total
                case .success:
                    continue
                case .failure(let rejection):
                    rejectDelta(rejection, time: point.timeUnixNano, context: context)
                    continue
                }
            }
            append(labels, timestamp: timestamp, value: TranslationRun.sampleValue(sampleValue))
        }
    }

    /// Records a delta point the accumulator refused.
    mutating func rejectDelta(_ rejection: DeltaAccumulator.Rejection, time: UInt64, context: MetricContext) {
        switch rejection {
        case .outOfOrder(let last):
            reject(
                .deltaOutOfOrder,
                "metric \"\(context.otlpName)\": delta point at \(time) ns is not after the "
                    + "stream's last point at \(last) ns")
        case .olderStart:
            reject(
                .deltaOlderStart,
                "metric \"\(context.otlpName)\": delta point starts before its stream started")
        case .tooManyStreams:
            let limit = options.maxDeltaStreams
            reject(.deltaStreamLimit, "metric \"\(context.otlpName)\": over the limit of \(limit) delta streams")
        }
    }
}
