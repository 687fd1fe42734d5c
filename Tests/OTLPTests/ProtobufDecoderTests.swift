import OTLP
import TestSupport
import Testing
import TimeSeries

/// The hand-written protobuf reader: reference vectors, packed and unpacked fields, unknown fields, limits and
/// error messages.
@Suite("Protobuf decoder")
struct ProtobufDecoderTests {
    static func bytes(_ hex: String) -> [UInt8] {
        hex.split(whereSeparator: \.isWhitespace).compactMap { UInt8($0, radix: 16) }
    }

    static func decode(_ bytes: [UInt8], limits: OTLPDecodeLimits = .init()) throws(OTLPDecodeError)
        -> MetricsRequest
    {
        try OTLPDecoder.decodeMetrics(bytes, encoding: .protobuf, limits: limits)
    }

    /// The decode error for `bytes`, or nil when they decode.
    static func error(_ bytes: [UInt8], limits: OTLPDecodeLimits = .init()) -> OTLPDecodeError? {
        do {
            _ = try decode(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// A request with one metric whose `Metric` body `metric` writes.
    static func metricRequest(_ metric: (inout WireBuilder) -> Void) -> [UInt8] {
        var wire = WireBuilder()
        wire.message(1) { resourceMetrics in
            resourceMetrics.message(2) { scopeMetrics in scopeMetrics.message(2, metric) }
        }
        return wire.bytes
    }

    /// The only metric of a decoded request.
    static func onlyMetric(_ request: MetricsRequest) throws -> MetricsRequest.Metric {
        try #require(request.resourceMetrics.first?.scopeMetrics.first?.metrics.first)
    }

    // MARK: - Reference vectors

    @Test func referenceVectorOneSum() throws {
        let vector = ProtobufDecoderTests.bytes(
            """
            0a 57 0a 17 0a 15 0a 0c 73 65 72 76 69 63 65 2e 6e 61 6d 65 12 05 0a 03 61 70 69 12 3c 0a 03 0a 01 73 \
            12 35 0a 09 72 65 71 2e 63 6f 75 6e 74 1a 01 31 3a 25 0a 1f 19 00 00 2a 36 fe 9c 97 17 31 07 00 00 00 \
            00 00 00 00 3a 0b 0a 04 63 6f 64 65 12 03 18 c8 01 10 02 18 01
            """)
        #expect(vector.count == 89)
        let request = try ProtobufDecoderTests.decode(vector)
        let resourceMetrics = try #require(request.resourceMetrics.first)
        #expect(resourceMetrics.resource.attributes == [KeyValue(key: "service.name", value: .string("api"))])
        #expect(resourceMetrics.scopeMetrics.first?.scope.name == "s")
        let metric = try ProtobufDecoderTests.onlyMetric(request)
        #expect(metric.name == "req.count")
        #expect(metric.unit == "1")
        let expected = MetricsRequest.Sum(
            dataPoints: [
                .init(
                    attributes: [KeyValue(key: "code", value: .int(200))],
                    timeUnixNano: 1_700_000_000_000_000_000, value: .int(7))
            ],
            aggregationTemporality: .cumulative, isMonotonic: true)
        #expect(metric.data == .sum(expected))

        let translation = MetricsTranslator(options: TranslationOptions()).translate(request)
        #expect(
            translation.samplesByLabels == [
                ["__name__": "req_count", "code": "200", "service_name": "api", "job": "api"]:
                    Sample(timestamp: 1_700_000_000_000, value: 7)
            ])
    }

    @Test func referenceVectorTwoPackedHistogram() throws {
        let vector = ProtobufDecoderTests.bytes(
            """
            0a 44 12 42 12 40 0a 01 64 4a 3b 0a 37 19 01 00 00 00 00 00 00 00 21 03 00 00 00 00 00 00 00 29 00 00 \
            00 00 00 00 f8 3f 32 10 01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 3a 08 00 00 00 00 00 00 e0 3f 10 02
            """)
        let request = try ProtobufDecoderTests.decode(vector)
        #expect(request.resourceMetrics.first?.resource == Resource())
        let metric = try ProtobufDecoderTests.onlyMetric(request)
        #expect(metric.name == "d")
        let expected = MetricsRequest.Histogram(
            dataPoints: [.init(timeUnixNano: 1, count: 3, sum: 1.5, bucketCounts: [1, 2], explicitBounds: [0.5])],
            aggregationTemporality: .cumulative)
        #expect(metric.data == .histogram(expected))
    }

    @Test func emptyBodyIsAnEmptyRequest() throws {
        #expect(try ProtobufDecoderTests.decode([]) == MetricsRequest())
    }

    // MARK: - Packed, unpacked and unknown fields

    @Test(
        "random requests survive packed, unpacked and unknown-field encodings",
        arguments: [
            (true, false), (false, false), (true, true), (false, true),
        ])
    func randomRoundTrips(packed: Bool, unknownFields: Bool) throws {
        var requests = RandomRequests(seed: 0x5EED_0001)
        let encoder = ProtobufRequestEncoder(packed: packed, unknownFields: unknownFields)
        for _ in 0..<300 {
            let request = requests.request()
            #expect(try ProtobufDecoderTests.decode(encoder.encode(request)) == request)
        }
    }

    @Test func fixtureReencodedUnpackedWithUnknownFieldsDecodesTheSame() throws {
        let original = try OTLPDecoder.decodeMetrics(try Fixtures.bytes("metrics.pb"), encoding: .protobuf)
        let unpacked = ProtobufRequestEncoder(packed: false, unknownFields: true).encode(original)
        #expect(try ProtobufDecoderTests.decode(unpacked) == original)
    }

    @Test func packedRecordsConcatenateAndMixWithUnpackedElements() throws {
        let bytes = ProtobufDecoderTests.metricRequest { metric in
            metric.message(9) { histogram in
                histogram.message(1) { point in
                    var first = WireBuilder()
                    first.fixed64(1)
                    point.bytesField(6, first.bytes)
                    point.fixed64Field(6, 2)
                    var rest = WireBuilder()
                    rest.fixed64(3)
                    rest.fixed64(4)
                    point.bytesField(6, rest.bytes)
                    point.doubleField(7, 0.5)
                    var bounds = WireBuilder()
                    bounds.fixed64(1.0.bitPattern)
                    bounds.fixed64(2.5.bitPattern)
                    point.bytesField(7, bounds.bytes)
                }
            }
            metric.message(10) { histogram in
                histogram.message(1) { point in
                    point.message(8) { buckets in
                        buckets.varintField(2, 5)
                        var packed = WireBuilder()
                        packed.varint(300)
                        packed.varint(0)
                        buckets.bytesField(2, packed.bytes)
                        buckets.varintField(2, 7)
                    }
                }
            }
        }
        let metric = try ProtobufDecoderTests.onlyMetric(try ProtobufDecoderTests.decode(bytes))
        // Two different data members: the last one wins, so decode the histogram alone as well.
        guard case .exponentialHistogram(let exponential)? = metric.data else {
            Issue.record("expected the last oneof member to win")
            return
        }
        #expect(exponential.dataPoints.first?.positive.bucketCounts == [5, 300, 0, 7])

        let histogramOnly = ProtobufDecoderTests.metricRequest { metric in
            metric.message(9) { histogram in
                histogram.message(1) { point in
                    var first = WireBuilder()
                    first.fixed64(1)
                    point.bytesField(6, first.bytes)
                    point.fixed64Field(6, 2)
                    point.doubleField(7, 0.5)
                    var bounds = WireBuilder()
                    bounds.fixed64(1.0.bitPattern)
                    point.bytesField(7, bounds.bytes)
                }
            }
        }
        let histogramMetric = try ProtobufDecoderTests.onlyMetric(try ProtobufDecoderTests.decode(histogramOnly))
        guard case .histogram(let histogram)? = histogramMetric.data else {
            Issue.record("expected a histogram")
            return
        }
        #expect(histogram.dataPoints.first?.bucketCounts == [1, 2])
        #expect(histogram.dataPoints.first?.explicitBounds == [0.5, 1.0])
    }

    @Test func repeatedMessageFieldsMergeAndLastScalarWins() throws {
        let bytes = ProtobufDecoderTests.metricRequest { metric in
            metric.stringField(1, "first")
            metric.message(7) { sum in
                sum.message(1) { point in
                    point.fixed64Field(3, 10)
                    point.doubleField(4, 1.5)
                    point.fixed64Field(6, 9)
                }
                sum.varintField(2, 1)
            }
            metric.stringField(1, "second")
            metric.message(7) { sum in
                sum.message(1) { point in point.fixed64Field(3, 20) }
                sum.varintField(2, 2)
                sum.varintField(3, 1)
            }
        }
        let metric = try ProtobufDecoderTests.onlyMetric(try ProtobufDecoderTests.decode(bytes))
        #expect(metric.name == "second")
        let expected = MetricsRequest.Sum(
            dataPoints: [.init(timeUnixNano: 10, value: .int(9)), .init(timeUnixNano: 20)],
            aggregationTemporality: .cumulative, isMonotonic: true)
        #expect(metric.data == .sum(expected))
    }

    @Test func knownFieldWithUnexpectedWireTypeIsSkipped() throws {
        let bytes = ProtobufDecoderTests.metricRequest { metric in
            metric.varintField(1, 5)
            metric.message(5) { gauge in
                gauge.message(1) { point in
                    point.varintField(3, 99)
                    point.fixed64Field(3, 42)
                    point.fixed32Field(4, 1)
                    point.doubleField(4, 2.5)
                }
            }
        }
        let metric = try ProtobufDecoderTests.onlyMetric(try ProtobufDecoderTests.decode(bytes))
        #expect(metric.name == "")
        #expect(metric.data == .gauge(.init(dataPoints: [.init(timeUnixNano: 42, value: .double(2.5))])))
    }

    @Test func valueEncodingsDecodeExactly() throws {
        let bytes = ProtobufDecoderTests.metricRequest { metric in
            metric.message(10) { histogram in
                histogram.message(1) { point in
                    point.sint32Field(6, -7)
                    point.message(9) { buckets in buckets.sint32Field(1, Int32.min) }
                    point.message(1) { attribute in
                        attribute.stringField(1, "negative")
                        attribute.message(2) { value in value.varintField(3, UInt64(bitPattern: -1)) }
                    }
                    point.message(1) { attribute in
                        attribute.stringField(1, "bytes")
                        attribute.message(2) { value in value.bytesField(7, [0, 255]) }
                    }
                    point.message(1) { attribute in
                        attribute.stringField(1, "nested")
                        attribute.message(2) { value in
                            value.message(6) { list in
                                list.message(1) { inner in
                                    inner.stringField(1, "flag")
                                    inner.message(2) { $0.varintField(2, 1) }
                                }
                            }
                        }
                    }
                }
                histogram.varintField(2, UInt64(bitPattern: -3))
            }
        }
        let metric = try ProtobufDecoderTests.onlyMetric(try ProtobufDecoderTests.decode(bytes))
        guard case .exponentialHistogram(let histogram)? = metric.data, let point = histogram.dataPoints.first else {
            Issue.record("expected an exponential histogram")
            return
        }
        #expect(point.scale == -7)
        #expect(point.negative.offset == Int32.min)
        #expect(histogram.aggregationTemporality.rawValue == -3)
        #expect(
            point.attributes == [
                KeyValue(key: "negative", value: .int(-1)),
                KeyValue(key: "bytes", value: .bytes([0, 255])),
                KeyValue(key: "nested", value: .keyValueList([KeyValue(key: "flag", value: .bool(true))])),
            ])
    }

    @Test func legacyInstrumentationLibraryMetricsAreReadWhenScopeMetricsAreAbsent() throws {
        func request(withScopeMetrics: Bool) -> [UInt8] {
            var wire = WireBuilder()
            wire.message(1) { resourceMetrics in
                resourceMetrics.message(1000) { legacy in
                    legacy.message(1) { $0.stringField(1, "old.library") }
                    legacy.message(2) { $0.stringField(1, "old.metric") }
                }
                if withScopeMetrics {
                    resourceMetrics.message(2) { scope in scope.message(2) { $0.stringField(1, "new.metric") } }
                }
            }
            return wire.bytes
        }
        let legacy = try ProtobufDecoderTests.decode(request(withScopeMetrics: false))
        #expect(legacy.resourceMetrics.first?.scopeMetrics.first?.scope.name == "old.library")
        #expect(legacy.resourceMetrics.first?.scopeMetrics.first?.metrics.first?.name == "old.metric")
        let current = try ProtobufDecoderTests.decode(request(withScopeMetrics: true))
        #expect(current.resourceMetrics.first?.scopeMetrics.map { $0.metrics.map(\.name) } == [["new.metric"]])
    }

    // MARK: - Errors

    @Test func truncatedLengthIsReportedWithFieldAndOffset() {
        let error = ProtobufDecoderTests.error([0x0A, 0x05, 0x01])
        #expect(error?.message == "truncated length-delimited field 1 at byte 0: 5 bytes declared, 1 left")
    }

    @Test func errorsNameTheMessagePath() throws {
        // A fixed64 cut short to 7 bytes inside otherwise consistent length prefixes.
        let bytes = ProtobufDecoderTests.metricRequest { metric in
            metric.message(7) { sum in
                sum.message(1) { point in
                    point.tag(3, 1)
                    point.bytes.append(contentsOf: [1, 2, 3, 4, 5, 6, 7])
                }
            }
        }
        let error = try #require(ProtobufDecoderTests.error(bytes))
        #expect(error.message.hasPrefix("ResourceMetrics > ScopeMetrics > Metric > Sum > NumberDataPoint: "))
        #expect(error.message.hasSuffix("truncated fixed64 field 3 at byte 10"))
    }

    @Test func varintsLongerThan64BitsAreRejected() {
        let tooBig: [UInt8] = [0x08] + Array(repeating: 0xFF, count: 9) + [0x02]
        #expect(ProtobufDecoderTests.error(tooBig)?.message == "varint overflows 64 bits at byte 1")
        let tooLong: [UInt8] = [0x08] + Array(repeating: 0x80, count: 10) + [0x00]
        #expect(ProtobufDecoderTests.error(tooLong)?.message == "varint overflows 64 bits at byte 1")
        let maximal: [UInt8] = [0x08] + Array(repeating: 0xFF, count: 9) + [0x01]
        #expect(ProtobufDecoderTests.error(maximal) == nil)
        #expect(ProtobufDecoderTests.error([0x08, 0x80])?.message == "truncated varint at byte 1")
    }

    @Test func groupsAndInvalidWireTypesAreRejected() {
        #expect(ProtobufDecoderTests.error([0x0B, 0x0C])?.message.contains("group wire type 3 for field 1") == true)
        #expect(ProtobufDecoderTests.error([0x0C])?.message.contains("group wire type 4") == true)
        #expect(ProtobufDecoderTests.error([0x0E])?.message == "invalid wire type 6 for field 1 at byte 0")
        #expect(ProtobufDecoderTests.error([0x0F])?.message == "invalid wire type 7 for field 1 at byte 0")
        #expect(ProtobufDecoderTests.error([0x00, 0x00])?.message == "field number 0 at byte 0")
        #expect(ProtobufDecoderTests.error([0x0D, 1, 2])?.message == "truncated fixed32 field 1 at byte 0")
    }

    @Test func invalidUTF8IsRejected() {
        let bytes = ProtobufDecoderTests.metricRequest { metric in metric.bytesField(1, [0x61, 0xFF, 0x62]) }
        #expect(
            ProtobufDecoderTests.error(bytes)?.message.hasSuffix("invalid UTF-8 in string field 1 at byte 6")
                == true)
    }

    @Test func packedLengthMustBeAMultipleOfTheElementSize() {
        let bytes = ProtobufDecoderTests.metricRequest { metric in
            metric.message(9) { histogram in
                histogram.message(1) { point in point.bytesField(6, [1, 2, 3]) }
            }
        }
        #expect(ProtobufDecoderTests.error(bytes)?.message.contains("has length 3, not a multiple of 8") == true)
    }

    // MARK: - Limits

    /// An attribute whose value nests `depth` arrays.
    static func nestedAttributeRequest(depth: Int) -> [UInt8] {
        func nested(_ wire: inout WireBuilder, _ remaining: Int) {
            if remaining == 0 {
                wire.stringField(1, "leaf")
            } else {
                wire.message(5) { array in array.message(1) { nested(&$0, remaining - 1) } }
            }
        }
        var wire = WireBuilder()
        wire.message(1) { resourceMetrics in
            resourceMetrics.message(1) { resource in
                resource.message(1) { attribute in
                    attribute.stringField(1, "deep")
                    attribute.message(2) { nested(&$0, depth) }
                }
            }
        }
        return wire.bytes
    }

    @Test func nestingDeeperThanTheLimitIsRejected() throws {
        let deep = ProtobufDecoderTests.nestedAttributeRequest(depth: 20)
        #expect(ProtobufDecoderTests.error(deep)?.message.contains("nested deeper than 32 levels") == true)
        var limits = OTLPDecodeLimits()
        limits.maxDepth = 64
        #expect(ProtobufDecoderTests.error(deep, limits: limits) == nil)
        #expect(ProtobufDecoderTests.error(ProtobufDecoderTests.nestedAttributeRequest(depth: 10)) == nil)
        // Far deeper than any stack could take without the limit.
        let hostile = ProtobufDecoderTests.nestedAttributeRequest(depth: 5_000)
        #expect(ProtobufDecoderTests.error(hostile) != nil)
    }

    @Test func dataPointMetricAndAttributeLimits() {
        var limits = OTLPDecodeLimits()
        limits.maxDataPoints = 2
        limits.maxMetrics = 2
        limits.maxAttributes = 2
        let threePoints = ProtobufDecoderTests.metricRequest { metric in
            metric.message(5) { gauge in for _ in 0..<3 { gauge.message(1) { _ in } } }
        }
        #expect(
            ProtobufDecoderTests.error(threePoints, limits: limits)?.message
                .hasSuffix("more than 2 data points in one request") == true)
        var threeMetrics = WireBuilder()
        threeMetrics.message(1) { resourceMetrics in
            resourceMetrics.message(2) { scope in for _ in 0..<3 { scope.message(2) { _ in } } }
        }
        #expect(
            ProtobufDecoderTests.error(threeMetrics.bytes, limits: limits)?.message
                .hasSuffix("more than 2 metrics in one request") == true)
        var threeAttributes = WireBuilder()
        threeAttributes.message(1) { resourceMetrics in
            resourceMetrics.message(1) { resource in for _ in 0..<3 { resource.message(1) { _ in } } }
        }
        #expect(
            ProtobufDecoderTests.error(threeAttributes.bytes, limits: limits)?.message
                .contains("more than 2 attributes in one list") == true)
        #expect(ProtobufDecoderTests.error(threePoints) == nil)
    }
}
