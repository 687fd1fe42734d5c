import TestSupport
import Testing
import TimeSeries

@testable import OTLP

/// The protobuf fast path (`MetricsTranslator.translate(protobuf:)`) gives exactly what decoding and translating
/// gives — same series in the same order, same counts, same rejection messages, same errors — on a cold and on a
/// warm cache, for valid, unusual and damaged input.
@Suite("Protobuf fast path")
struct CachedTranslationTests {
    /// A comparable rendering of a translation (bit patterns, so NaN values compare too).
    static func rendered(_ translation: Translation) -> [String] {
        translation.series.map { series in
            series.labels.description + " "
                + series.samples.map { "\($0.timestamp)@\($0.value.bitPattern)" }.joined(separator: ",")
        } + ["points \(translation.dataPoints) rejected \(translation.rejectedDataPoints)"] + translation.messages
    }

    /// The slow path: the decoder, then the translator.
    static func slow(_ body: [UInt8], _ translator: MetricsTranslator, _ limits: OTLPDecodeLimits) -> [String] {
        do {
            return rendered(
                translator.translate(try OTLPDecoder.decodeMetrics(body, encoding: .protobuf, limits: limits)))
        } catch {
            return ["error: \(error.message)"]
        }
    }

    /// The fast path.
    static func fast(_ body: [UInt8], _ translator: MetricsTranslator) -> [String] {
        do {
            return rendered(try translator.translate(protobuf: body))
        } catch {
            return ["error: \(error.message)"]
        }
    }

    /// Feeds `bodies` twice, in order, to a slow-path and a fast-path translator (each with its own delta state)
    /// and expects the same answer every time. Returns the fast translator.
    @discardableResult
    static func expectSame(
        _ bodies: [[UInt8]], options: TranslationOptions = TranslationOptions(),
        limits: OTLPDecodeLimits = OTLPDecodeLimits(), cachedLabelSets: Int = 1_000_000,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> MetricsTranslator {
        let slowTranslator = MetricsTranslator(options: options, limits: limits)
        let fastTranslator = MetricsTranslator(options: options, limits: limits, cachedLabelSets: cachedLabelSets)
        for round in 0..<2 {
            for (index, body) in bodies.enumerated() {
                let expected = slow(body, slowTranslator, limits)
                let actual = fast(body, fastTranslator)
                #expect(actual == expected, "round \(round), body \(index)", sourceLocation: sourceLocation)
            }
        }
        return fastTranslator
    }

    static func encode(_ request: MetricsRequest, unknownFields: Bool = false) -> [UInt8] {
        ProtobufRequestEncoder(packed: true, unknownFields: unknownFields).encode(request)
    }

    /// A service's export: a resource with job/instance and a promoted attribute, gauges and counters.
    static func export(pod: Int, time: UInt64) -> MetricsRequest {
        let resource = [
            Build.attribute("service.name", "checkout"), Build.attribute("service.instance.id", "pod-\(pod)"),
            Build.attribute("host.name", "node-\(pod % 3)"), Build.attribute("process.pid", "\(100 + pod)"),
        ]
        let point = { (value: Double, attributes: [KeyValue]) in
            MetricsRequest.NumberDataPoint(attributes: attributes, timeUnixNano: time, value: .double(value))
        }
        return Build.request(
            resource: resource,
            [
                Build.gauge("process.runtime.python.memory.rss", unit: "By", value: Double(pod) * 1e6, time: time),
                Build.sum(
                    "process.runtime.python.gc_count", unit: "{collection}",
                    [
                        point(1, [Build.attribute("generation", "0")]),
                        point(2, [Build.attribute("generation", "1")]),
                    ]),
                Build.sum(
                    "queue.depth", monotonic: false,
                    [.init(attributes: [Build.attribute("queue.name", "q")], timeUnixNano: time, value: .int(-3))]),
            ])
    }

    @Test("service exports take the fast path and match the slow path")
    func serviceExports() {
        let bodies = (0..<20).map {
            CachedTranslationTests.encode(
                CachedTranslationTests.export(
                    pod: $0 % 7, time: 1_700_000_000_000_000_000 + UInt64($0) * 60_000_000_000))
        }
        let translator = CachedTranslationTests.expectSame(bodies)
        #expect(translator.protobufRequestCounts == (fast: 40, decoded: 0))
        let counts = translator.cachedEntryCounts
        #expect(counts.resources == 7)
        #expect(counts.metrics == 3)
        #expect(counts.labelSets == 7 * 4)
    }

    @Test("every metric kind, delta sums, exemplars, flags and rejections, mixed in one scope")
    func mixedKinds() {
        let time: UInt64 = 1_700_000_000_000_000_000
        let exemplar = MetricsRequest.Exemplar(timeUnixNano: time, value: .double(1))
        func request(_ step: UInt64) -> MetricsRequest {
            let now = time + step * 1_000_000_000
            return Build.request(
                resource: [Build.attribute("service.name", "api")],
                [
                    Build.gauge("up", value: 1, time: now),
                    Build.sum(
                        "requests", temporality: .delta,
                        [.init(startTimeUnixNano: now - 1, timeUnixNano: now, value: .int(5))]),
                    MetricsRequest.Metric(
                        name: "latency", unit: "s",
                        data: .histogram(
                            .init(
                                dataPoints: [
                                    .init(
                                        timeUnixNano: now, count: 3, sum: 1.5, bucketCounts: [1, 2],
                                        explicitBounds: [0.5])
                                ], aggregationTemporality: .cumulative))),
                    Build.gauge("with.exemplar", value: 2, time: now),
                    Build.sum("flagged", [.init(timeUnixNano: now, value: .double(1), exemplars: [exemplar])]),
                    Build.gauge("stale", value: 3, time: now, flags: .noRecordedValue),
                    Build.gauge("no.time", value: 4, time: 0),
                    Build.sum("no.value", [.init(timeUnixNano: now)]),
                    Build.gauge("", value: 5, time: now),
                    Build.gauge("reserved", value: 6, attributes: [Build.attribute("__x", "y")], time: now),
                    Build.gauge(
                        "colliding", value: 7, attributes: [Build.attribute("a.b", "1"), Build.attribute("a_b", "2")],
                        time: now),
                    Build.gauge("nan", value: .nan, time: now),
                    Build.sum("unspecified", temporality: .unspecified, [.init(timeUnixNano: now, value: .int(1))]),
                    MetricsRequest.Metric(
                        name: "quantiles",
                        data: .summary(
                            .init(dataPoints: [
                                .init(
                                    timeUnixNano: now, count: 2, sum: 3,
                                    quantileValues: [.init(quantile: 0.5, value: 1)])
                            ]))),
                ])
        }
        let bodies = (0..<4).map { CachedTranslationTests.encode(request($0), unknownFields: $0 % 2 == 1) }
        CachedTranslationTests.expectSame(bodies)
    }

    @Test("random requests", arguments: 0..<4)
    func randomRequests(block: Int) {
        for seed in UInt64(block * 100)..<UInt64(block * 100 + 100) {
            var random = RandomRequests(seed: seed)
            let bodies = (0..<3).map { index in
                CachedTranslationTests.encode(random.request(), unknownFields: (seed + UInt64(index)) % 3 == 0)
            }
            CachedTranslationTests.expectSame(bodies)
        }
    }

    @Test("damaged bodies give the decoder's own errors or its own translation")
    func mutations() {
        var random = SplitMix64(seed: 7)
        let originals = (0..<4).map {
            CachedTranslationTests.encode(CachedTranslationTests.export(pod: $0, time: 1_700_000_000_000_000_000))
        }
        var bodies: [[UInt8]] = []
        for _ in 0..<1_500 {
            var body = originals[Int.random(in: 0..<originals.count, using: &random)]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: 0..<body.count, using: &random)
                switch Int.random(in: 0...3, using: &random) {
                case 0: body[index] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
                case 1: body[index] = UInt8.random(in: 0...255, using: &random)
                case 2: body.removeSubrange(index...)
                default: body.insert(UInt8.random(in: 0...255, using: &random), at: index)
                }
                if body.isEmpty { break }
            }
            bodies.append(body)
        }
        CachedTranslationTests.expectSame(bodies)
    }

    @Test("limits: data points counted once when a metric goes the slow way")
    func limits() {
        var limits = OTLPDecodeLimits()
        limits.maxDataPoints = 3
        let time: UInt64 = 1_700_000_000_000_000_000
        let point = MetricsRequest.NumberDataPoint(timeUnixNano: time, value: .double(1))
        let fits = Build.request([
            Build.sum("a", [point, .init(timeUnixNano: time, value: .double(2), flags: .noRecordedValue)]),
            Build.gauge("b", value: 1, time: time),
        ])
        let tooMany = Build.request([Build.sum("a", [point, point]), Build.sum("b", [point, point])])
        let bodies = [fits, tooMany].map { CachedTranslationTests.encode($0) }
        CachedTranslationTests.expectSame(bodies, limits: limits)
        let translator = MetricsTranslator(limits: limits)
        #expect(throws: OTLPDecodeError.self) { try translator.translate(protobuf: bodies[1]) }
        #expect((try? translator.translate(protobuf: bodies[0]))?.sampleCount == 3)
    }

    @Test("unusual layouts: repeated fields, legacy scope field, interleaved attributes, oneof last wins")
    func layouts() {
        func keyValue(_ key: String, _ value: String) -> [UInt8] {
            var anyValue = WireBuilder()
            anyValue.stringField(1, value)
            var pair = WireBuilder()
            pair.stringField(1, key)
            pair.bytesField(2, anyValue.bytes)
            return pair.bytes
        }
        func point(interleaved: Bool, intLast: Bool) -> [UInt8] {
            var wire = WireBuilder()
            wire.bytesField(7, keyValue("a", "1"))
            if interleaved { wire.fixed64Field(3, 1_700_000_000_000_000_000) }
            wire.bytesField(7, keyValue("b", "2"))
            if !interleaved { wire.fixed64Field(3, 1_700_000_000_000_000_000) }
            wire.doubleField(4, 1.5)
            if intLast { wire.fixed64Field(6, UInt64(bitPattern: -7)) }
            return wire.bytes
        }
        func metric(_ point: [UInt8], repeatGauge: Bool = false) -> [UInt8] {
            var gauge = WireBuilder()
            gauge.bytesField(1, point)
            var wire = WireBuilder()
            wire.bytesField(5, gauge.bytes)
            wire.stringField(1, "m")
            if repeatGauge { wire.bytesField(5, gauge.bytes) }
            return wire.bytes
        }
        func request(scopeField: UInt32 = 2, resources: Int = 1, scopeAfter: Bool = false, _ metric: [UInt8])
            -> [UInt8]
        {
            var scope = WireBuilder()
            scope.stringField(1, "lib")
            var scopeMetrics = WireBuilder()
            if !scopeAfter { scopeMetrics.bytesField(1, scope.bytes) }
            scopeMetrics.bytesField(2, metric)
            if scopeAfter { scopeMetrics.bytesField(1, scope.bytes) }
            var resourceMetrics = WireBuilder()
            for index in 0..<resources {
                var resource = WireBuilder()
                resource.bytesField(1, keyValue("service.name", "s\(index)"))
                resourceMetrics.bytesField(1, resource.bytes)
            }
            resourceMetrics.bytesField(scopeField, scopeMetrics.bytes)
            var wire = WireBuilder()
            wire.bytesField(1, resourceMetrics.bytes)
            return wire.bytes
        }
        // A resource whose attribute value is not UTF-8, in a ResourceMetrics without metrics: still an error.
        func badResourceWithoutMetrics() -> [UInt8] {
            var anyValue = WireBuilder()
            anyValue.bytesField(1, [0x66, 0xFF])
            var pair = WireBuilder()
            pair.stringField(1, "service.name")
            pair.bytesField(2, anyValue.bytes)
            var resource = WireBuilder()
            resource.bytesField(1, pair.bytes)
            var resourceMetrics = WireBuilder()
            resourceMetrics.bytesField(1, resource.bytes)
            var wire = WireBuilder()
            wire.bytesField(1, resourceMetrics.bytes)
            return wire.bytes
        }
        let plain = point(interleaved: false, intLast: false)
        let bodies = [
            request(metric(plain)),
            request(metric(point(interleaved: true, intLast: false))),
            request(metric(point(interleaved: false, intLast: true))),
            request(metric(plain, repeatGauge: true)),
            request(scopeField: 1000, metric(plain)),
            request(resources: 2, metric(plain)),
            request(scopeAfter: true, metric(plain)),
            badResourceWithoutMetrics(),
        ]
        CachedTranslationTests.expectSame(bodies)
    }

    @Test("the cache stays within its bound and keeps answering correctly")
    func bounded() {
        let bodies = (0..<200).map { pod in
            CachedTranslationTests.encode(CachedTranslationTests.export(pod: pod, time: 1_700_000_000_000_000_000))
        }
        let translator = CachedTranslationTests.expectSame(bodies, cachedLabelSets: 128)
        let counts = translator.cachedEntryCounts
        #expect(counts.labelSets <= 128)
        #expect(counts.resources <= 64 * 16)
        #expect(translator.protobufRequestCounts.fast == 400)
    }
}
