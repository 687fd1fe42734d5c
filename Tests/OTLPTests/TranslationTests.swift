import OTLP
import Testing
import TimeSeries

/// Translation rules: resource promotion, job and instance, staleness, NaN, validation and per-kind output.
@Suite("Translation")
struct TranslationTests {
    static let time: UInt64 = 1_700_000_000_123_456_789
    static let millis: Int64 = 1_700_000_000_123

    static func translate(_ request: MetricsRequest, options: TranslationOptions = TranslationOptions())
        -> Translation
    {
        MetricsTranslator(options: options).translate(request)
    }

    static let resource = [
        Build.attribute("service.name", "checkout"), Build.attribute("service.namespace", "shop"),
        Build.attribute("service.instance.id", "pod-7"), Build.attribute("host.name", "node-a"),
        Build.attribute("k8s.pod.name", "checkout-7"), Build.attribute("telemetry.sdk.language", "swift"),
        Build.attribute("cloud.region", "eu-west-1"),
    ]

    // MARK: - Resource attributes

    @Test func defaultPromotionJobAndInstance() {
        let translation = TranslationTests.translate(
            Build.request(
                resource: TranslationTests.resource,
                [
                    Build.gauge("m", value: 1, time: TranslationTests.time)
                ]))
        #expect(
            translation.samplesByLabels == [
                [
                    "__name__": "m", "job": "shop/checkout", "instance": "pod-7", "service_name": "checkout",
                    "service_namespace": "shop", "host_name": "node-a", "k8s_pod_name": "checkout-7",
                ]:
                    Sample(timestamp: TranslationTests.millis, value: 1)
            ])
    }

    @Test func promotingAllOrNothing() {
        var all = TranslationOptions()
        all.promotedResourceAttributes = .all
        let request = Build.request(resource: TranslationTests.resource, [Build.gauge("m", value: 1)])
        #expect(
            TranslationTests.translate(request, options: all).series.first?.labels == [
                "__name__": "m", "job": "shop/checkout", "instance": "pod-7", "service_name": "checkout",
                "service_namespace": "shop", "service_instance_id": "pod-7", "host_name": "node-a",
                "k8s_pod_name": "checkout-7", "telemetry_sdk_language": "swift", "cloud_region": "eu-west-1",
            ])
        var none = TranslationOptions()
        none.promotedResourceAttributes = .list(["cloud.region"])
        #expect(
            TranslationTests.translate(request, options: none).series.first?.labels == [
                "__name__": "m", "job": "shop/checkout", "instance": "pod-7", "cloud_region": "eu-west-1",
            ])
    }

    @Test func pointAttributesWinOverPromotedOnesButNotOverJobAndInstance() {
        let request = Build.request(
            resource: TranslationTests.resource,
            [
                Build.gauge(
                    "m", value: 1,
                    attributes: [
                        Build.attribute("host.name", "from-point"),
                        Build.attribute("job", "mine"), Build.attribute("instance", "mine"),
                    ])
            ])
        let labels = TranslationTests.translate(request).series.first?.labels
        #expect(labels?["host_name"] == "from-point")
        #expect(labels?["job"] == "shop/checkout")
        #expect(labels?["instance"] == "pod-7")
    }

    @Test func jobNeedsServiceName() {
        let request = Build.request(
            resource: [Build.attribute("service.namespace", "shop")],
            [
                Build.gauge(
                    "m", value: 1, attributes: [Build.attribute("job", "kept"), Build.attribute("instance", "x")])
            ])
        #expect(
            TranslationTests.translate(request).series.first?.labels == [
                "__name__": "m", "job": "kept", "instance": "x", "service_namespace": "shop",
            ])
        let nameOnly = Build.request(resource: [Build.attribute("service.name", "api")], [Build.gauge("m", value: 1)])
        #expect(
            TranslationTests.translate(nameOnly).series.first?.labels == [
                "__name__": "m", "job": "api", "service_name": "api",
            ])
    }

    // MARK: - Values and timestamps

    @Test func timestampsAndIntegerValues() {
        let point = MetricsRequest.NumberDataPoint(
            timeUnixNano: 1_700_000_000_999_999_999,
            value: .int(9_007_199_254_740_993))
        let translation = TranslationTests.translate(
            Build.request([
                MetricsRequest.Metric(name: "m", data: .gauge(.init(dataPoints: [point])))
            ]))
        #expect(
            translation.series.first?.samples == [
                Sample(timestamp: 1_700_000_000_999, value: 9_007_199_254_740_992)
            ])
    }

    @Test func noRecordedValueBecomesAStaleMarkerAndNaNStaysNaN() throws {
        let stalePayload = Double(bitPattern: Sample.staleNaNBits)
        let translation = TranslationTests.translate(
            Build.request([
                Build.gauge("stale", value: 5, flags: .noRecordedValue),
                Build.gauge("nan", value: .nan),
                Build.gauge("forged", value: stalePayload),
                MetricsRequest.Metric(
                    name: "stale_without_value",
                    data: .gauge(
                        .init(dataPoints: [
                            .init(timeUnixNano: 1, flags: .noRecordedValue)
                        ]))),
            ]))
        let values = Dictionary(
            uniqueKeysWithValues: translation.series.map {
                ($0.labels.metricName ?? "", $0.samples.first?.value ?? 0)
            })
        #expect(values["stale"]?.isStaleMarker == true)
        #expect(values["stale_without_value"]?.isStaleMarker == true)
        #expect(values["nan"]?.bitPattern == Sample.normalNaNBits)
        #expect(values["forged"]?.bitPattern == Sample.normalNaNBits)
        #expect(translation.rejectedDataPoints == 0)
    }

    @Test func rejectionsAreCountedWithOneMessagePerKind() {
        let translation = TranslationTests.translate(
            Build.request([
                MetricsRequest.Metric(
                    name: "no.value",
                    data: .gauge(
                        .init(dataPoints: [
                            .init(timeUnixNano: 1), .init(timeUnixNano: 2), .init(timeUnixNano: 3, value: .int(1)),
                        ]))),
                Build.gauge("no.time", value: 1, time: 0),
                Build.sum(
                    "unspecified", temporality: .unspecified,
                    [
                        .init(timeUnixNano: 1, value: .int(1)),
                        .init(timeUnixNano: 2, value: .int(2)),
                    ]),
                MetricsRequest.Metric(name: "no.data"),
                MetricsRequest.Metric(name: "no.points", data: .summary(.init())),
            ]))
        #expect(translation.dataPoints == 6)
        #expect(translation.rejectedDataPoints == 5)
        #expect(translation.series.count == 1)
        #expect(
            translation.messages == [
                "metric \"no.value\": number data point has neither as_double nor as_int",
                "metric \"no.time\": data point without time_unix_nano",
                "metric \"unspecified\": unsupported aggregation temporality AGGREGATION_TEMPORALITY_UNSPECIFIED",
            ])
        #expect(translation.errorMessage == "5 data points rejected: " + translation.messages.joined(separator: "; "))
        #expect(Translation().errorMessage == "")
    }

    // MARK: - Histograms

    static func histogram(_ points: [MetricsRequest.HistogramDataPoint]) -> Translation {
        translate(
            Build.request([
                MetricsRequest.Metric(
                    name: "h",
                    data: .histogram(
                        .init(
                            dataPoints: points,
                            aggregationTemporality: .cumulative)))
            ]))
    }

    @Test func histogramBucketsAreCumulativeAndLeIsShortestDecimal() {
        let translation = TranslationTests.histogram([
            .init(
                timeUnixNano: TranslationTests.time, count: 10, sum: 12.5, bucketCounts: [1, 2, 0, 3, 1, 1, 2],
                explicitBounds: [1e-7, 0.005, 1, 2.5, 1000, 1e21])
        ])
        #expect(
            translation.valuesByName == [
                #"h_bucket{le="0.0000001"}"#: 1, #"h_bucket{le="0.005"}"#: 3, #"h_bucket{le="1"}"#: 3,
                #"h_bucket{le="2.5"}"#: 6, #"h_bucket{le="1000"}"#: 7,
                #"h_bucket{le="1000000000000000000000"}"#: 8, #"h_bucket{le="+Inf"}"#: 10, "h_sum": 12.5, "h_count": 10,
            ])
        #expect(translation.series.allSatisfy { $0.samples.first?.timestamp == TranslationTests.millis })
    }

    @Test func histogramWithoutBucketsOrSum() {
        let translation = TranslationTests.histogram([.init(timeUnixNano: 1_000_000, count: 4)])
        #expect(translation.valuesByName == [#"h_bucket{le="+Inf"}"#: 4, "h_count": 4])
    }

    @Test func invalidHistogramsAreRejected() {
        let translation = TranslationTests.histogram([
            .init(timeUnixNano: 1, count: 1, bucketCounts: [1], explicitBounds: [1]),
            .init(timeUnixNano: 1, count: 1, bucketCounts: [1, 0, 0], explicitBounds: [2, 1]),
            .init(timeUnixNano: 1, count: 1, bucketCounts: [1, 0], explicitBounds: [.nan]),
            .init(timeUnixNano: 1, count: 1, bucketCounts: [1, 0], explicitBounds: [.infinity]),
        ])
        #expect(translation.series.isEmpty)
        #expect(translation.rejectedDataPoints == 4)
        #expect(translation.messages.count == 1)
    }

    @Test func staleHistogramMarksEverySeries() {
        let translation = TranslationTests.histogram([
            .init(
                timeUnixNano: 1_000_000, count: 3, sum: 1, bucketCounts: [1, 2], explicitBounds: [0.5],
                flags: .noRecordedValue)
        ])
        #expect(
            Set(translation.series.map(\.labels.description)) == [
                #"h_bucket{le="0.5"}"#, #"h_bucket{le="+Inf"}"#, "h_sum", "h_count",
            ])
        #expect(translation.series.allSatisfy { $0.samples.first?.isStale == true })
    }

    @Test func histogramLeOverridesAnAttributeNamedLe() {
        let translation = TranslationTests.histogram([
            .init(
                attributes: [Build.attribute("le", "attr")], timeUnixNano: 1, count: 1, bucketCounts: [1, 0],
                explicitBounds: [2])
        ])
        #expect(translation.valuesByName[#"h_bucket{le="2"}"#] == 1)
        #expect(translation.valuesByName[#"h_count{le="attr"}"#] == 1)
    }

    // MARK: - Exponential histograms

    static func exponential(
        _ point: MetricsRequest.ExponentialHistogramDataPoint,
        options: TranslationOptions = TranslationOptions()
    ) -> Translation {
        translate(
            Build.request([
                MetricsRequest.Metric(
                    name: "e",
                    data: .exponentialHistogram(
                        .init(
                            dataPoints: [point],
                            aggregationTemporality: .cumulative)))
            ]), options: options)
    }

    @Test func exponentialHistogramWithNegativeZeroAndPositiveBuckets() {
        // Scale 0: positive index 0 is (1,2], 1 is (2,4]; negative index 1 is [-4,-2), 2 is [-8,-4).
        let translation = TranslationTests.exponential(
            .init(
                timeUnixNano: 1_000_000, count: 11, sum: -3,
                scale: 0, zeroCount: 2, positive: .init(offset: 0, bucketCounts: [3, 1]),
                negative: .init(offset: 1, bucketCounts: [4, 1]), zeroThreshold: 0.001))
        #expect(
            translation.valuesByName == [
                #"e_bucket{le="-4"}"#: 1, #"e_bucket{le="-2"}"#: 5, #"e_bucket{le="0.001"}"#: 7,
                #"e_bucket{le="2"}"#: 10, #"e_bucket{le="4"}"#: 11, #"e_bucket{le="+Inf"}"#: 11,
                "e_sum": -3, "e_count": 11,
            ])
    }

    @Test func exponentialHistogramScalesAreMergedDownToTheMaximum() {
        // Scale 2: index k covers (2^(k/4), 2^((k+1)/4)]; indices 0...7 merge into scale-0 indices 0 and 1.
        let point = MetricsRequest.ExponentialHistogramDataPoint(
            timeUnixNano: 1_000_000, count: 8, scale: 2,
            positive: .init(offset: 0, bucketCounts: [1, 1, 1, 1, 1, 1, 1, 1]))
        #expect(
            TranslationTests.exponential(point).valuesByName == [
                #"e_bucket{le="2"}"#: 4, #"e_bucket{le="4"}"#: 8, #"e_bucket{le="+Inf"}"#: 8, "e_count": 8,
            ])
        var fine = TranslationOptions()
        fine.exponentialHistogramMaxScale = 1
        #expect(
            TranslationTests.exponential(point, options: fine).valuesByName == [
                #"e_bucket{le="1.4142135623730951"}"#: 2, #"e_bucket{le="2"}"#: 4,
                #"e_bucket{le="2.8284271247461903"}"#: 6, #"e_bucket{le="4"}"#: 8, #"e_bucket{le="+Inf"}"#: 8,
                "e_count": 8,
            ])
        var few = TranslationOptions()
        few.maxExponentialHistogramBuckets = 1
        #expect(
            TranslationTests.exponential(point, options: few).valuesByName == [
                #"e_bucket{le="4"}"#: 8, #"e_bucket{le="+Inf"}"#: 8, "e_count": 8,
            ])
    }

    @Test func invalidExponentialHistogramsAreRejected() {
        for point in [
            MetricsRequest.ExponentialHistogramDataPoint(timeUnixNano: 1, scale: 21),
            MetricsRequest.ExponentialHistogramDataPoint(timeUnixNano: 1, scale: -11),
            MetricsRequest.ExponentialHistogramDataPoint(timeUnixNano: 1, zeroThreshold: -1),
            MetricsRequest.ExponentialHistogramDataPoint(timeUnixNano: 1, zeroThreshold: .nan),
        ] {
            let translation = TranslationTests.exponential(point)
            #expect(translation.series.isEmpty)
            #expect(translation.rejectedDataPoints == 1)
        }
    }

    @Test func extremeExponentialOffsetsStayBounded() {
        let point = MetricsRequest.ExponentialHistogramDataPoint(
            timeUnixNano: 1, count: 2, scale: 20,
            positive: .init(offset: .max, bucketCounts: [1]), negative: .init(offset: .min, bucketCounts: [1]))
        let translation = TranslationTests.exponential(point)
        #expect(translation.valuesByName[#"e_bucket{le="+Inf"}"#] == 2)
        #expect(translation.series.count <= 5)
    }

    // MARK: - Summaries

    @Test func summaryQuantilesSumAndCount() {
        let translation = TranslationTests.translate(
            Build.request([
                MetricsRequest.Metric(
                    name: "s",
                    data: .summary(
                        .init(dataPoints: [
                            .init(
                                timeUnixNano: 1_000_000, count: 7, sum: .nan,
                                quantileValues: [.init(quantile: 0.25, value: 1), .init(quantile: 0.999, value: 9)]),
                            .init(
                                timeUnixNano: 2_000_000, count: 8, sum: 1,
                                quantileValues: [.init(quantile: 1, value: 2)],
                                flags: .noRecordedValue),
                        ])))
            ]))
        #expect(
            translation.series.map(\.labels.description) == [
                #"s{quantile="0.25"}"#, #"s{quantile="0.999"}"#, "s_sum", "s_count", #"s{quantile="1"}"#, "s_sum",
                "s_count",
            ])
        let values = translation.series.compactMap(\.samples.first)
        #expect(values.prefix(4).map(\.value).filter { !$0.isNaN } == [1, 9, 7])
        #expect(values[2].value.bitPattern == Sample.normalNaNBits)
        #expect(values.suffix(3).allSatisfy { $0.isStale })
        #expect(values.suffix(3).allSatisfy { $0.timestamp == 2 })
    }
}
