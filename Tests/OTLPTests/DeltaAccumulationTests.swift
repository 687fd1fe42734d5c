import OTLP
import Testing
import TimeSeries

/// Delta temporality: per-stream accumulation into cumulative series, its rules and its bound.
@Suite("Delta accumulation")
struct DeltaAccumulationTests {
    static let second: UInt64 = 1_000_000_000
    static let base: UInt64 = 1_700_000_000_000_000_000

    /// A request with one delta counter point covering `(start, end]` seconds after `base`.
    static func delta(
        _ value: Int64, from start: UInt64, to end: UInt64, attributes: [KeyValue] = [],
        resource: [KeyValue] = [Build.attribute("service.name", "svc")], flags: MetricsRequest.DataPointFlags = []
    )
        -> MetricsRequest
    {
        Build.request(
            resource: resource,
            [
                Build.sum(
                    "jobs", temporality: .delta,
                    [
                        .init(
                            attributes: attributes, startTimeUnixNano: base + start * second,
                            timeUnixNano: base + end * second, value: .int(value), flags: flags)
                    ])
            ])
    }

    static func value(_ translation: Translation) -> Double? {
        translation.series.first?.samples.first?.value
    }

    @Test func deltasAddUpAndGapsAreAccepted() {
        let translator = MetricsTranslator(options: TranslationOptions())
        #expect(DeltaAccumulationTests.value(translator.translate(.delta(3, from: 0, to: 10))) == 3)
        #expect(DeltaAccumulationTests.value(translator.translate(.delta(4, from: 10, to: 20))) == 7)
        // A gap (a restarted sender with a new start time) keeps counting.
        let afterGap = translator.translate(.delta(5, from: 100, to: 110))
        #expect(DeltaAccumulationTests.value(afterGap) == 12)
        #expect(
            afterGap.series.first?.samples.first?.timestamp
                == Int64(
                    (DeltaAccumulationTests.base
                        + 110 * DeltaAccumulationTests.second) / 1_000_000))
        #expect(translator.deltaStreamCount == 1)
    }

    @Test func outOfOrderDuplicateAndOlderPointsAreRejected() {
        let translator = MetricsTranslator(options: TranslationOptions())
        _ = translator.translate(.delta(3, from: 10, to: 20))
        let duplicate = translator.translate(.delta(3, from: 10, to: 20))
        #expect(duplicate.series.isEmpty)
        #expect(duplicate.rejectedDataPoints == 1)
        #expect(duplicate.messages.first?.contains("is not after the stream's last point") == true)
        let older = translator.translate(.delta(1, from: 5, to: 30))
        #expect(older.rejectedDataPoints == 1)
        #expect(older.messages == ["metric \"jobs\": delta point starts before its stream started"])
        #expect(DeltaAccumulationTests.value(translator.translate(.delta(1, from: 20, to: 30))) == 4)
    }

    @Test func streamsAreKeptApartByAttributesAndByTheWholeResource() {
        let translator = MetricsTranslator(options: TranslationOptions())
        let a = [Build.attribute("queue", "a")]
        let b = [Build.attribute("queue", "b")]
        let podOne = [Build.attribute("service.name", "svc"), Build.attribute("pod.uid", "1")]
        let podTwo = [Build.attribute("service.name", "svc"), Build.attribute("pod.uid", "2")]
        _ = translator.translate(.delta(1, from: 0, to: 10, attributes: a, resource: podOne))
        _ = translator.translate(.delta(10, from: 0, to: 10, attributes: b, resource: podOne))
        _ = translator.translate(.delta(100, from: 0, to: 10, attributes: a, resource: podTwo))
        #expect(translator.deltaStreamCount == 3)
        let next = translator.translate(.delta(2, from: 10, to: 20, attributes: a, resource: podOne))
        #expect(DeltaAccumulationTests.value(next) == 3)
    }

    @Test func theStreamBoundRejectsNewStreamsUntilIdleOnesExpire() {
        var options = TranslationOptions()
        options.maxDeltaStreams = 2
        options.deltaStreamIdleTimeout = .seconds(60)
        let translator = MetricsTranslator(options: options)
        func queue(_ name: String) -> [KeyValue] { [Build.attribute("queue", name)] }
        _ = translator.translate(.delta(1, from: 0, to: 10, attributes: queue("a")))
        _ = translator.translate(.delta(1, from: 0, to: 10, attributes: queue("b")))
        let third = translator.translate(.delta(1, from: 0, to: 10, attributes: queue("c")))
        #expect(third.series.isEmpty)
        #expect(third.rejectedDataPoints == 1)
        #expect(third.messages == ["metric \"jobs\": over the limit of 2 delta streams"])
        #expect(translator.deltaStreamCount == 2)
        // Stream "a" stays active; "b" goes idle for longer than the timeout and makes room.
        _ = translator.translate(.delta(1, from: 10, to: 100, attributes: queue("a")))
        let later = translator.translate(.delta(1, from: 90, to: 100, attributes: queue("c")))
        #expect(later.rejectedDataPoints == 0)
        #expect(DeltaAccumulationTests.value(later) == 1)
        #expect(translator.deltaStreamCount == 2)
        #expect(
            DeltaAccumulationTests.value(
                translator.translate(
                    .delta(
                        1, from: 100, to: 110,
                        attributes: queue("a")))) == 3)
    }

    @Test func noRecordedValueEndsTheStream() {
        let translator = MetricsTranslator(options: TranslationOptions())
        _ = translator.translate(.delta(5, from: 0, to: 10))
        let stale = translator.translate(.delta(0, from: 10, to: 20, flags: .noRecordedValue))
        #expect(stale.series.first?.samples.first?.isStale == true)
        #expect(translator.deltaStreamCount == 0)
        #expect(DeltaAccumulationTests.value(translator.translate(.delta(2, from: 20, to: 30))) == 2)
    }

    static func deltaHistogram(
        bounds: [Double], counts: [UInt64], sum: Double?, from start: UInt64,
        to end: UInt64
    ) -> MetricsRequest {
        Build.request([
            MetricsRequest.Metric(
                name: "h",
                data: .histogram(
                    .init(
                        dataPoints: [
                            .init(
                                startTimeUnixNano: base + start * second, timeUnixNano: base + end * second,
                                count: counts.reduce(0, +), sum: sum, bucketCounts: counts, explicitBounds: bounds)
                        ], aggregationTemporality: .delta)))
        ])
    }

    @Test func deltaHistogramsAccumulateAndRestartWhenBoundsChange() {
        let translator = MetricsTranslator(options: TranslationOptions())
        _ = translator.translate(.deltaHistogram(bounds: [1], counts: [1, 0], sum: 0.5, from: 0, to: 10))
        let second = translator.translate(.deltaHistogram(bounds: [1], counts: [2, 3], sum: 9, from: 10, to: 20))
        #expect(
            second.valuesByName == [
                #"h_bucket{le="1"}"#: 3, #"h_bucket{le="+Inf"}"#: 6, "h_sum": 9.5,
                "h_count": 6,
            ])
        let withoutSum = translator.translate(
            .deltaHistogram(
                bounds: [1], counts: [1, 0], sum: nil, from: 20,
                to: 30))
        #expect(withoutSum.valuesByName == [#"h_bucket{le="1"}"#: 4, #"h_bucket{le="+Inf"}"#: 7, "h_count": 7])
        let rebucketed = translator.translate(
            .deltaHistogram(
                bounds: [2, 5], counts: [1, 1, 1], sum: 8, from: 30,
                to: 40))
        #expect(
            rebucketed.valuesByName == [
                #"h_bucket{le="2"}"#: 1, #"h_bucket{le="5"}"#: 2,
                #"h_bucket{le="+Inf"}"#: 3, "h_sum": 8, "h_count": 3,
            ])
    }

    @Test func deltaExponentialHistogramsAccumulateAcrossScales() {
        let translator = MetricsTranslator(options: TranslationOptions())
        func point(scale: Int32, offset: Int32, counts: [UInt64], from start: UInt64, to end: UInt64)
            -> MetricsRequest
        {
            let base = DeltaAccumulationTests.base
            let second = DeltaAccumulationTests.second
            return Build.request([
                MetricsRequest.Metric(
                    name: "e",
                    data: .exponentialHistogram(
                        .init(
                            dataPoints: [
                                .init(
                                    startTimeUnixNano: base + start * second, timeUnixNano: base + end * second,
                                    count: counts.reduce(0, +), sum: 1, scale: scale,
                                    positive: .init(offset: offset, bucketCounts: counts))
                            ], aggregationTemporality: .delta)))
            ])
        }
        // Scale 1 index 1 is (√2, 2] → scale 0 index 0 (1, 2]; scale -1 index 0 is (1, 4].
        _ = translator.translate(point(scale: 1, offset: 1, counts: [2], from: 0, to: 10))
        let coarser = translator.translate(point(scale: -1, offset: 0, counts: [3], from: 10, to: 20))
        #expect(
            coarser.valuesByName == [
                #"e_bucket{le="4"}"#: 5, #"e_bucket{le="+Inf"}"#: 5, "e_sum": 2,
                "e_count": 5,
            ])
    }

    @Test func deltaExponentialHistogramsTooFarApartRestartInsteadOfGrowing() {
        let translator = MetricsTranslator(options: TranslationOptions())
        func point(offset: Int32, from start: UInt64, to end: UInt64) -> MetricsRequest {
            let base = DeltaAccumulationTests.base
            let second = DeltaAccumulationTests.second
            return Build.request([
                MetricsRequest.Metric(
                    name: "e",
                    data: .exponentialHistogram(
                        .init(
                            dataPoints: [
                                .init(
                                    startTimeUnixNano: base + start * second, timeUnixNano: base + end * second,
                                    count: 1, scale: 0, positive: .init(offset: offset, bucketCounts: [1]))
                            ], aggregationTemporality: .delta)))
            ])
        }
        _ = translator.translate(point(offset: .min, from: 0, to: 10))
        let far = translator.translate(point(offset: .max, from: 10, to: 20))
        #expect(far.rejectedDataPoints == 0)
        #expect(far.valuesByName[#"e_bucket{le="+Inf"}"#] == 1)
        #expect(far.valuesByName["e_count"] == 1)
    }

    @Test func concurrentRequestsAccumulateExactly() async {
        let translator = MetricsTranslator(options: TranslationOptions())
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for step in 0..<200 {
                        let attributes = [Build.attribute("worker", String(worker))]
                        _ = translator.translate(
                            .delta(
                                1, from: UInt64(step), to: UInt64(step + 1),
                                attributes: attributes))
                    }
                }
            }
        }
        #expect(translator.deltaStreamCount == 8)
        for worker in 0..<8 {
            let last = translator.translate(
                .delta(
                    0, from: 200, to: 201,
                    attributes: [Build.attribute("worker", String(worker))]))
            #expect(DeltaAccumulationTests.value(last) == 200)
        }
    }
}

extension MetricsRequest {
    fileprivate static func delta(
        _ value: Int64, from start: UInt64, to end: UInt64, attributes: [KeyValue] = [],
        resource: [KeyValue] = [Build.attribute("service.name", "svc")], flags: DataPointFlags = []
    ) -> MetricsRequest {
        DeltaAccumulationTests.delta(
            value, from: start, to: end, attributes: attributes, resource: resource,
            flags: flags)
    }

    fileprivate static func deltaHistogram(
        bounds: [Double], counts: [UInt64], sum: Double?, from start: UInt64,
        to end: UInt64
    ) -> MetricsRequest {
        DeltaAccumulationTests.deltaHistogram(bounds: bounds, counts: counts, sum: sum, from: start, to: end)
    }
}
