import OTLP
import Testing
import TimeSeries

/// Decoding and translating the payloads the OpenTelemetry Python SDK produced (fixtures/otlp).
@Suite("SDK fixtures")
struct FixtureTests {
    /// 2023-11-14T22:13:20Z + 10 s, the collection time of `metrics` and `delta-1`.
    static let collected: Int64 = 1_700_000_010_000

    static func decode(_ name: String) throws -> MetricsRequest {
        let encoding: OTLPEncoding = name.hasSuffix(".pb") ? .protobuf : .json
        return try OTLPDecoder.decodeMetrics(try Fixtures.bytes(name), encoding: encoding)
    }

    /// Labels of a `checkout` series: the resource adds service_name, host_name, job and instance.
    static func checkout(_ name: String, _ extra: [String: String] = [:], instance: String = "checkout-1") -> Labels {
        var labels = [
            "__name__": name, "service_name": "checkout", "host_name": "node-a", "job": "checkout",
            "instance": instance,
        ]
        labels.merge(extra) { _, new in new }
        return Labels(labels)
    }

    @Test(
        "protobuf and both JSON spellings decode to the same request",
        arguments: [
            ("metrics.pb", "metrics.json"), ("metrics.pb", "metrics-snake.json"), ("delta-1.pb", "delta-1.json"),
            ("delta-2.pb", "delta-2.json"), ("summary.pb", "summary.json"),
        ])
    func protobufAndJSONAgree(protobuf: String, json: String) throws {
        let fromProtobuf = try FixtureTests.decode(protobuf)
        let fromJSON = try FixtureTests.decode(json)
        #expect(fromProtobuf == fromJSON)
        #expect(fromProtobuf.dataPointCount > 0)
    }

    @Test func fixturesNeedOnlyTheDocumentedNesting() throws {
        var limits = OTLPDecodeLimits()
        // Data-point attribute values are 8 messages deep in protobuf and 13 objects and arrays deep in JSON.
        for (name, depth) in [("metrics.pb", 8), ("metrics.json", 13)] {
            let bytes = try Fixtures.bytes(name)
            let encoding: OTLPEncoding = name.hasSuffix(".pb") ? .protobuf : .json
            limits.maxDepth = depth
            #expect(throws: Never.self) { try OTLPDecoder.decodeMetrics(bytes, encoding: encoding, limits: limits) }
            limits.maxDepth = depth - 1
            #expect(throws: OTLPDecodeError.self) {
                try OTLPDecoder.decodeMetrics(bytes, encoding: encoding, limits: limits)
            }
        }
    }

    @Test func metricsFixtureDecodesEveryKind() throws {
        let request = try FixtureTests.decode("metrics.pb")
        let resourceMetrics = try #require(request.resourceMetrics.first)
        #expect(request.resourceMetrics.count == 1)
        let keys = resourceMetrics.resource.attributes.map(\.key)
        #expect(keys.contains("service.name") && keys.contains("service.instance.id") && keys.contains("host.name"))
        let scopeMetrics = try #require(resourceMetrics.scopeMetrics.first)
        #expect(scopeMetrics.scope.name == "leakwatch.fixtures")
        #expect(scopeMetrics.scope.version == "1.0.0")
        let metrics = Dictionary(uniqueKeysWithValues: scopeMetrics.metrics.map { ($0.name, $0) })
        #expect(metrics.count == 7)

        guard case .sum(let requests)? = metrics["http.server.requests"]?.data else {
            Issue.record("http.server.requests is not a sum")
            return
        }
        #expect(requests.isMonotonic)
        #expect(requests.aggregationTemporality == .cumulative)
        #expect(metrics["http.server.requests"]?.unit == "{request}")
        #expect(metrics["http.server.requests"]?.description == "Requests served")
        #expect(requests.dataPoints.map(\.value) == [.int(7), .int(1)])
        #expect(
            requests.dataPoints.first?.attributes == [
                KeyValue(key: "http.request.method", value: .string("GET")),
                KeyValue(key: "http.response.status_code", value: .int(200)),
            ])
        #expect(requests.dataPoints.first?.startTimeUnixNano == 1_700_000_000_000_000_000)
        #expect(requests.dataPoints.first?.timeUnixNano == 1_700_000_010_000_000_000)

        guard case .sum(let depth)? = metrics["queue.depth"]?.data else {
            Issue.record("queue.depth is not a sum")
            return
        }
        #expect(!depth.isMonotonic)
        #expect(depth.dataPoints.map(\.value) == [.int(7)])

        guard case .histogram(let duration)? = metrics["http.server.request.duration"]?.data,
            let point = duration.dataPoints.first
        else {
            Issue.record("http.server.request.duration is not a histogram")
            return
        }
        #expect(point.count == 4)
        #expect(point.sum == 3.05)
        #expect(point.bucketCounts == [1, 1, 1, 1])
        #expect(point.explicitBounds == [0.1, 0.5, 1.0])
        #expect(point.min == 0.05)
        #expect(point.max == 2.0)

        guard case .exponentialHistogram(let query)? = metrics["db.query.duration"]?.data,
            let exponential = query.dataPoints.first
        else {
            Issue.record("db.query.duration is not an exponential histogram")
            return
        }
        #expect(exponential.scale == 6)
        #expect(exponential.count == 4)
        #expect(exponential.sum == 7)
        #expect(exponential.zeroCount == 1)
        #expect(exponential.positive.offset == -1)
        #expect(exponential.positive.bucketCounts.count == 160)
        #expect(exponential.positive.bucketCounts.reduce(0, +) == 3)
        #expect([0, 64, 128].allSatisfy { exponential.positive.bucketCounts[$0] == 1 })

        guard case .gauge(let heap)? = metrics["process.runtime.nodejs.memory.heap_used"]?.data else {
            Issue.record("process.runtime.nodejs.memory.heap_used is not a gauge")
            return
        }
        #expect(heap.dataPoints.map(\.value) == [.int(123_456_789)])
        guard case .gauge(let utilization)? = metrics["system.cpu.utilization"]?.data else {
            Issue.record("system.cpu.utilization is not a gauge")
            return
        }
        #expect(utilization.dataPoints.map(\.value) == [.double(0.25)])
        guard case .sum(let cpu)? = metrics["process.cpu.time"]?.data else {
            Issue.record("process.cpu.time is not a sum")
            return
        }
        #expect(cpu.isMonotonic)
        #expect(cpu.dataPoints.map(\.value) == [.double(12.5)])
    }

    @Test("metrics fixture translates to the expected series", arguments: ["metrics.pb", "metrics.json"])
    func metricsFixtureTranslates(name: String) throws {
        let translation = MetricsTranslator(options: TranslationOptions()).translate(try FixtureTests.decode(name))
        #expect(translation.dataPoints == 8)
        #expect(translation.rejectedDataPoints == 0)
        #expect(translation.messages.isEmpty)
        #expect(translation.series.allSatisfy { $0.samples.map(\.timestamp) == [FixtureTests.collected] })

        func checkout(_ name: String, _ extra: [String: String] = [:]) -> Labels {
            FixtureTests.checkout(name, extra)
        }
        let expected: [Labels: Double] = [
            checkout("http_server_requests", ["http_request_method": "GET", "http_response_status_code": "200"]): 7,
            checkout("http_server_requests", ["http_request_method": "POST", "http_response_status_code": "500"]): 1,
            checkout("queue_depth", ["queue": "orders"]): 7,
            checkout("http_server_request_duration_bucket", ["http_route": "/cart", "le": "0.1"]): 1,
            checkout("http_server_request_duration_bucket", ["http_route": "/cart", "le": "0.5"]): 2,
            checkout("http_server_request_duration_bucket", ["http_route": "/cart", "le": "1"]): 3,
            checkout("http_server_request_duration_bucket", ["http_route": "/cart", "le": "+Inf"]): 4,
            checkout("http_server_request_duration_sum", ["http_route": "/cart"]): 3.05,
            checkout("http_server_request_duration_count", ["http_route": "/cart"]): 4,
            // Exponential histogram at scale 6, merged down to scale 0: buckets (0.5,1], (1,2], (2,4].
            checkout("db_query_duration_bucket", ["db_system": "sqlite", "le": "0"]): 1,
            checkout("db_query_duration_bucket", ["db_system": "sqlite", "le": "1"]): 2,
            checkout("db_query_duration_bucket", ["db_system": "sqlite", "le": "2"]): 3,
            checkout("db_query_duration_bucket", ["db_system": "sqlite", "le": "4"]): 4,
            checkout("db_query_duration_bucket", ["db_system": "sqlite", "le": "+Inf"]): 4,
            checkout("db_query_duration_sum", ["db_system": "sqlite"]): 7,
            checkout("db_query_duration_count", ["db_system": "sqlite"]): 4,
            checkout("process_runtime_nodejs_memory_heap_used"): 123_456_789,
            checkout("system_cpu_utilization", ["cpu": "0"]): 0.25,
            checkout("process_cpu_time"): 12.5,
        ]
        #expect(translation.samplesByLabels.mapValues(\.value) == expected)
        #expect(translation.series.count == expected.count)
    }

    @Test func metricsFixtureWithPrometheusNaming() throws {
        var options = TranslationOptions()
        options.naming = .prometheus
        let translation = MetricsTranslator(options: options).translate(try FixtureTests.decode("metrics.pb"))
        let names = Set(translation.series.compactMap(\.labels.metricName))
        #expect(
            names == [
                "http_server_requests_total", "queue_depth", "http_server_request_duration_seconds_bucket",
                "http_server_request_duration_seconds_sum", "http_server_request_duration_seconds_count",
                "db_query_duration_milliseconds_bucket", "db_query_duration_milliseconds_sum",
                "db_query_duration_milliseconds_count", "process_runtime_nodejs_memory_heap_used_bytes",
                "system_cpu_utilization_ratio", "process_cpu_time_seconds_total",
            ])
    }

    @Test(
        "delta fixtures accumulate into cumulative series",
        arguments: [
            ("delta-1.pb", "delta-2.pb"),
            ("delta-1.json", "delta-2.json"),
        ])
    func deltaFixturesAccumulate(first: String, second: String) throws {
        let translator = MetricsTranslator(options: TranslationOptions())
        let one = translator.translate(try FixtureTests.decode(first))
        let two = translator.translate(try FixtureTests.decode(second))
        #expect(one.rejectedDataPoints == 0 && two.rejectedDataPoints == 0)
        #expect(translator.deltaStreamCount == 2)

        func worker(_ name: String, _ extra: [String: String] = [:]) -> Labels {
            FixtureTests.checkout(name, ["queue": "default"].merging(extra) { $1 }, instance: "worker-1")
        }
        let at10 = FixtureTests.collected
        let at20 = FixtureTests.collected + 10_000
        #expect(
            one.samplesByLabels == [
                worker("jobs_processed"): Sample(timestamp: at10, value: 3),
                worker("job_duration_bucket", ["le": "0.5"]): Sample(timestamp: at10, value: 1),
                worker("job_duration_bucket", ["le": "1"]): Sample(timestamp: at10, value: 1),
                worker("job_duration_bucket", ["le": "+Inf"]): Sample(timestamp: at10, value: 1),
                worker("job_duration_sum"): Sample(timestamp: at10, value: 0.2),
                worker("job_duration_count"): Sample(timestamp: at10, value: 1),
            ])
        #expect(
            two.samplesByLabels == [
                worker("jobs_processed"): Sample(timestamp: at20, value: 7),
                worker("job_duration_bucket", ["le": "0.5"]): Sample(timestamp: at20, value: 1),
                worker("job_duration_bucket", ["le": "1"]): Sample(timestamp: at20, value: 2),
                worker("job_duration_bucket", ["le": "+Inf"]): Sample(timestamp: at20, value: 3),
                worker("job_duration_sum"): Sample(timestamp: at20, value: 0.2 + 3.7),
                worker("job_duration_count"): Sample(timestamp: at20, value: 3),
            ])
    }

    @Test("summary fixture translates to quantiles, sum and count", arguments: ["summary.pb", "summary.json"])
    func summaryFixtureTranslates(name: String) throws {
        let translation = MetricsTranslator(options: TranslationOptions()).translate(try FixtureTests.decode(name))
        func legacy(_ metric: String, _ extra: [String: String] = [:]) -> Labels {
            Labels(
                [
                    "__name__": metric, "service_name": "legacy", "host_name": "node-b", "job": "legacy",
                    "instance": "legacy-1", "rpc_method": "Get",
                ].merging(extra) { $1 })
        }
        #expect(
            translation.samplesByLabels.mapValues(\.value) == [
                legacy("rpc_server_latency", ["quantile": "0"]): 1.5,
                legacy("rpc_server_latency", ["quantile": "0.5"]): 10.25,
                legacy("rpc_server_latency", ["quantile": "0.99"]): 42,
                legacy("rpc_server_latency", ["quantile": "1"]): 50,
                legacy("rpc_server_latency_sum"): 123.5,
                legacy("rpc_server_latency_count"): 10,
            ])
        #expect(translation.series.allSatisfy { $0.samples.map(\.timestamp) == [FixtureTests.collected] })
        #expect(translation.dataPoints == 1)
    }
}
