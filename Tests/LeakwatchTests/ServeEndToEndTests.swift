import Foundation
import HTTPServer
import Leakwatch
import OTLP
import Storage
import TestSupport
import Testing
import TimeSeries

/// `leakwatch serve` over real sockets on a free loopback port: OTLP in, samples out of the store.
@Suite(.serialized)
struct ServeEndToEndTests {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures/otlp")

    private func withServer(
        _ configure: (inout LeakwatchConfig) -> Void = { _ in }, _ body: (LeakwatchServer) throws -> Void
    ) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var config = LeakwatchConfig()
        config.port = 0
        config.dataDirectory = directory.path
        config.ruleFiles = []
        configure(&config)
        let server = try LeakwatchServer(config: config, logger: quietLogger)
        try server.start()
        defer { server.shutdown() }
        try body(server)
    }

    private func gaugeRequest(_ name: String, pod: String, samples: [(Int64, Double)]) -> [UInt8] {
        var builder = OTLPRequestBuilder(resource: [("service.name", "checkout"), ("service.instance.id", "i-1")])
        builder.addGauge(
            name, samples.map { OTLPRequestBuilder.Point(attributes: [("pod", pod)], timestamp: $0.0, value: $0.1) })
        return builder.encoded()
    }

    private let protobuf = [("Content-Type", "application/x-protobuf")]

    @Test func protobufExportIsStoredAndAnsweredWithEmptyResponse() throws {
        try withServer { server in
            let client = try LoopbackHTTPClient(port: server.port)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let body = gaugeRequest(
                "process.runtime.jvm.memory.used", pod: "a", samples: [(now - 2_000, 1), (now - 1_000, 2)])
            let response = try client.request("POST", "/v1/metrics", headers: protobuf, body: body)
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
            #expect(response.headers["content-type"] == "application/x-protobuf")
            let series = try server.store.select([.metricName("process_runtime_jvm_memory_used")], start: 0, end: .max)
            #expect(series.count == 1)
            #expect(series.first?.labels["service_name"] == "checkout")
            #expect(series.first?.labels["job"] == "checkout")
            #expect(series.first?.labels["instance"] == "i-1")
            #expect(series.first?.labels["pod"] == "a")
            #expect(
                series.first?.samples == [
                    Sample(timestamp: now - 2_000, value: 1), Sample(timestamp: now - 1_000, value: 2),
                ])
            // The same export again hits the fast path's cached label set; /metrics says which path each took.
            #expect(try client.request("POST", "/v1/metrics", headers: protobuf, body: body).status == 200)
            let metrics = String(decoding: try client.request("GET", "/metrics").body, as: UTF8.self)
            #expect(metrics.contains("leakwatch_otlp_protobuf_requests_total{path=\"fast\"} 2"))
            #expect(metrics.contains("leakwatch_otlp_protobuf_requests_total{path=\"decoded\"} 0"))
            #expect(metrics.contains("leakwatch_otlp_cached_label_sets 1"))
        }
    }

    @Test func gzipAndChunkedBodiesAreAccepted() throws {
        try withServer { server in
            let client = try LoopbackHTTPClient(port: server.port)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let gzipped = Gzip.compress(gaugeRequest("gz_metric", pod: "a", samples: [(now, 5)]))
            let response = try client.request(
                "POST", "/v1/metrics",
                headers: protobuf + [("Content-Encoding", "gzip")], body: gzipped)
            #expect(response.status == 200)
            let plain = gaugeRequest("chunked_metric", pod: "b", samples: [(now, 7)])
            let split = plain.count / 2
            var raw = Array(
                "POST /v1/metrics HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .utf8)
            raw += Array(String(split, radix: 16).utf8) + [13, 10] + plain[..<split] + [13, 10]
            raw += Array(String(plain.count - split, radix: 16).utf8) + [13, 10] + plain[split...] + [13, 10]
            raw += Array("0\r\n\r\n".utf8)
            try client.sendRaw(raw)
            #expect(try client.readResponse().status == 200)
            #expect(
                try server.store.select([.metricName("gz_metric")], start: 0, end: .max).first?.samples.map(\.value)
                    == [5])
            #expect(
                try server.store.select([.metricName("chunked_metric")], start: 0, end: .max).first?.samples.map(
                    \.value) == [7])
        }
    }

    @Test func sdkFixturesInBothEncodingsAreStored() throws {
        let protobufBody = try [UInt8](
            Data(contentsOf: ServeEndToEndTests.fixtures.appendingPathComponent("metrics.pb")))
        let jsonBody = try [UInt8](Data(contentsOf: ServeEndToEndTests.fixtures.appendingPathComponent("metrics.json")))
        var counts: [Int] = []
        for (body, type) in [(protobufBody, "application/x-protobuf"), (jsonBody, "application/json; charset=utf-8")] {
            try withServer { server in
                let client = try LoopbackHTTPClient(port: server.port)
                let response = try client.request("POST", "/v1/metrics", headers: [("Content-Type", type)], body: body)
                #expect(response.status == 200, "\(type): \(String(decoding: response.body, as: UTF8.self))")
                #expect(
                    response.headers["content-type"] == (type.hasPrefix("application/json") ? "application/json" : type)
                )
                let stored = try server.store.select(
                    [try Matcher(.regexMatch, "__name__", ".+")], start: .min, end: .max)
                counts.append(stored.count)
            }
        }
        #expect(counts.count == 2)
        #expect(counts.first ?? 0 > 5)
        #expect(counts.first == counts.last, "protobuf and JSON of the same export give the same series")
    }

    @Test func badRequestsGetTheRightStatus() throws {
        try withServer { server in
            let client = try LoopbackHTTPClient(port: server.port)
            #expect(
                try client.request("POST", "/v1/metrics", headers: [("Content-Type", "text/plain")], body: [1]).status
                    == 415)
            let garbage = try client.request("POST", "/v1/metrics", headers: protobuf, body: [0x0a, 0xff, 0xff, 0xff])
            #expect(garbage.status == 400)
            #expect(garbage.headers["content-type"] == "application/x-protobuf")
            #expect(garbage.body.first == 0x08)  // google.rpc.Status.code
            let json = try client.request(
                "POST", "/v1/metrics", headers: [("Content-Type", "application/json")],
                body: Array("{\"resourceMetrics\": [".utf8))
            #expect(json.status == 400)
            #expect(String(decoding: json.body, as: UTF8.self).contains("\"message\""))
            #expect(try client.request("GET", "/v1/metrics").status == 405)
            #expect(try client.request("GET", "/nope").status == 404)
            #expect(try client.request("GET", "/-/healthy").status == 200)
            #expect(try client.request("GET", "/-/ready").status == 200)
        }
    }

    @Test func tooOldSamplesGetPartialSuccess() throws {
        try withServer { server in
            let client = try LoopbackHTTPClient(port: server.port)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let json = [("Content-Type", "application/json")]
            let first = try client.request(
                "POST", "/v1/metrics", headers: json,
                body: Array(ServeEndToEndTests.gaugeJSON(name: "m", pod: "a", timestamp: now).utf8))
            #expect(String(decoding: first.body, as: UTF8.self) == "{}")
            let late = try client.request(
                "POST", "/v1/metrics", headers: [("Content-Type", "application/json")],
                body: Array(ServeEndToEndTests.gaugeJSON(name: "m", pod: "a", timestamp: now - 7_200_000).utf8))
            #expect(late.status == 200)
            let text = String(decoding: late.body, as: UTF8.self)
            #expect(text.contains("\"partialSuccess\""), "\(text)")
            #expect(text.contains("\"rejectedDataPoints\":\"1\""), "\(text)")
            #expect(text.contains("too_old"), "\(text)")
        }
    }

    @Test func ingestTokensAreRequiredWhenConfigured() throws {
        try withServer({
            $0.ingestTokens = ["s3cret"]; $0.apiTokens = ["api"]
        }) { server in
            let client = try LoopbackHTTPClient(port: server.port)
            let body = gaugeRequest("auth_metric", pod: "a", samples: [(Int64(Date().timeIntervalSince1970 * 1000), 1)])
            let denied = try client.request("POST", "/v1/metrics", headers: protobuf, body: body)
            #expect(denied.status == 401)
            #expect(denied.headers["www-authenticate"] == "Bearer")
            let wrong = try client.request(
                "POST", "/v1/metrics", headers: protobuf + [("Authorization", "Bearer s3cre")], body: body)
            #expect(wrong.status == 401)
            let allowed = try client.request(
                "POST", "/v1/metrics", headers: protobuf + [("Authorization", "Bearer s3cret")], body: body)
            #expect(allowed.status == 200)
            #expect(try client.request("GET", "/metrics").status == 401)
            #expect(try client.request("GET", "/metrics", headers: [("Authorization", "Bearer api")]).status == 200)
        }
    }

    @Test func selfMetricsCountRequestsSamplesAndSeries() throws {
        try withServer { server in
            let client = try LoopbackHTTPClient(port: server.port)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            _ = try client.request(
                "POST", "/v1/metrics", headers: protobuf,
                body: gaugeRequest("m", pod: "a", samples: [(now, 1), (now + 1, 2)]))
            _ = try client.request("POST", "/v1/metrics", headers: [("Content-Type", "text/plain")])
            let text = String(decoding: try client.request("GET", "/metrics").body, as: UTF8.self)
            #expect(text.contains("leakwatch_http_requests_total{path=\"/v1/metrics\",code=\"200\"} 1"), "\(text)")
            #expect(text.contains("leakwatch_http_requests_total{path=\"/v1/metrics\",code=\"415\"} 1"))
            #expect(text.contains("leakwatch_samples_accepted_total 2"))
            #expect(text.contains("leakwatch_samples_rejected_total{reason=\"too_old\"} 0"))
            #expect(text.contains("leakwatch_storage_active_series 1"))
            #expect(text.contains("leakwatch_http_request_duration_seconds_bucket{le=\"+Inf\"}"))
        }
    }

    static func gaugeJSON(name: String, pod: String, timestamp: Int64) -> String {
        """
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
        "scopeMetrics":[{"metrics":[{"name":"\(name)","gauge":{"dataPoints":[{"attributes":[{"key":"pod","value":
        {"stringValue":"\(pod)"}}],"timeUnixNano":"\(timestamp * 1_000_000)","asDouble":1.5}]}}]}]}]}
        """
    }
}
