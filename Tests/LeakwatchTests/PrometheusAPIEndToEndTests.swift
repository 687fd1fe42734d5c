import Foundation
import HTTPServer
import Testing
import TimeSeries

@testable import Leakwatch

/// The store-backed endpoints (`series`, `labels`, `label/<name>/values`, metadata, build information) over real
/// sockets against a real store fed through OTLP. `match[]` selectors are parsed by `FakeEvaluator`'s small parser.
@Suite(.serialized)
struct PrometheusAPIEndToEndTests {
    private static let seriesA =
        #"{"__name__":"process_memory_usage","instance":"i-1","job":"checkout","pod":"a","service_name":"checkout"}"#
    private static let seriesB =
        #"{"__name__":"process_memory_usage","instance":"i-1","job":"checkout","pod":"b","service_name":"checkout"}"#
    private static let threads =
        #"{"__name__":"jvm_threads","area":"heap","instance":"i-1","job":"checkout","service_name":"checkout"}"#

    /// Two memory series (pods a and b) and one thread series, a minute ago.
    private func withData(
        configure: (inout LeakwatchConfig) -> Void = { _ in }, _ body: (APITestServer, Int64) throws -> Void
    ) throws {
        try APITestServer.run(configure: configure) { server in
            let time = nowMilliseconds() - 60_000
            try server.ingest(
                [
                    ("process.memory.usage", [("pod", "a")], time, 1),
                    ("process.memory.usage", [("pod", "b")], time, 2),
                    ("jvm.threads", [("area", "heap")], time, 3),
                ])
            try body(server, time)
        }
    }

    @Test func seriesByGetAndByFormPost() throws {
        try withData { server, _ in
            let client = try server.client()
            let get = try client.request("GET", "/api/v1/series?match%5B%5D=process_memory_usage")
            #expect(get.status == 200)
            #expect(get.headers["content-type"] == "application/json")
            #expect(get.text == #"{"status":"success","data":["# + Self.seriesA + "," + Self.seriesB + "]}")
            let post = try client.postForm(
                "/api/v1/series", "match%5B%5D=process_memory_usage%7Bpod%3D%22b%22%7D&match[]=jvm_threads")
            #expect(post.status == 200)
            #expect(post.text == #"{"status":"success","data":["# + Self.threads + "," + Self.seriesB + "]}")
            let overlapping = try client.request(
                "GET", "/api/v1/series?match[]=process_memory_usage&match[]=%7Bpod%3D~%22a%7Cb%22%7D")
            #expect(overlapping.text == #"{"status":"success","data":["# + Self.seriesA + "," + Self.seriesB + "]}")
        }
    }

    @Test func seriesHonourTheTimeRangeAndLimit() throws {
        try withData { server, time in
            let client = try server.client()
            let seconds = Double(time) / 1000
            let inside = try client.request(
                "GET", "/api/v1/series?match[]=jvm_threads&start=\(seconds - 10)&end=\(seconds + 10)")
            #expect(inside.text == #"{"status":"success","data":["# + Self.threads + "]}")
            let before = try client.request("GET", "/api/v1/series?match[]=jvm_threads&start=0&end=\(seconds - 3600)")
            #expect(before.text == #"{"status":"success","data":[]}"#)
            let limited = try client.request("GET", "/api/v1/series?match[]=process_memory_usage&limit=1")
            #expect(
                limited.text
                    == #"{"status":"success","data":["# + Self.seriesA
                    + #"],"warnings":["results truncated due to limit"]}"#)
        }
    }

    @Test func seriesErrorsUseTheErrorEnvelope() throws {
        try withData { server, _ in
            let client = try server.client()
            let cases: [(String, String)] = [
                ("/api/v1/series", "no match[] parameter provided"),
                (
                    "/api/v1/series?match[]=up&start=yesterday",
                    #"invalid parameter \"start\": invalid time value for 'start': "#
                        + #"cannot parse \"yesterday\" to a valid timestamp"#
                ),
                (
                    "/api/v1/series?match[]=%7Bpod%3D%22%22%7D",
                    #"invalid parameter \"match[]\": match[] must contain at least one non-empty matcher"#
                ),
                ("/api/v1/series?match[]=up%7B", #"invalid parameter \"match[]\": 1:4: parse error: "#),
                ("/api/v1/series?match[]=up&limit=-2", #"invalid parameter \"limit\": limit must be non-negative"#),
                ("/api/v1/series?match[]=up&x=%zz", #"error parsing form values: invalid URL escape \"%zz\""#),
            ]
            for (target, message) in cases {
                let response = try client.request("GET", target)
                #expect(response.status == 400, "\(target)")
                #expect(response.headers["content-type"] == "application/json")
                #expect(
                    response.text.hasPrefix(#"{"status":"error","errorType":"bad_data","error":""# + message),
                    "\(target): \(response.text)")
            }
        }
    }

    @Test func labelNames() throws {
        try withData { server, _ in
            let client = try server.client()
            let all = try client.request("GET", "/api/v1/labels")
            #expect(
                all.text
                    == #"{"status":"success","data":["__name__","area","instance","job","pod","service_name"]}"#)
            let matched = try client.postForm("/api/v1/labels", "match[]=jvm_threads&start=0")
            #expect(
                matched.text == #"{"status":"success","data":["__name__","area","instance","job","service_name"]}"#)
            let limited = try client.request("GET", "/api/v1/labels?limit=2")
            #expect(
                limited.text
                    == #"{"status":"success","data":["__name__","area"],"warnings":["results truncated due to limit"]}"#
            )
            let bad = try client.request("GET", "/api/v1/labels?match[]=%7Bpod%3D~%22.*%22%7D")
            #expect(bad.status == 400)
            #expect(
                bad.text
                    == #"{"status":"error","errorType":"bad_data","#
                    + #""error":"match[] must contain at least one non-empty matcher"}"#
            )
        }
    }

    @Test func labelValues() throws {
        try withData { server, _ in
            let client = try server.client()
            #expect(
                try client.request("GET", "/api/v1/label/pod/values").text
                    == #"{"status":"success","data":["a","b"]}"#)
            #expect(
                try client.request("GET", "/api/v1/label/__name__/values").text
                    == #"{"status":"success","data":["jvm_threads","process_memory_usage"]}"#)
            #expect(
                try client.request("GET", "/api/v1/label/__name__/values?match[]=%7Bpod%3D%22b%22%7D").text
                    == #"{"status":"success","data":["process_memory_usage"]}"#)
            #expect(
                try client.request("GET", "/api/v1/label/__name__/values?limit=1").text
                    == #"{"status":"success","data":["jvm_threads"],"warnings":["results truncated due to limit"]}"#)
            // Percent-escaped and Prometheus-escaped (U__) names.
            #expect(
                try client.request("GET", "/api/v1/label/p%6Fd/values").text
                    == #"{"status":"success","data":["a","b"]}"#)
            #expect(
                try client.request("GET", "/api/v1/label/U__service__name/values").text
                    == #"{"status":"success","data":["checkout"]}"#)
            #expect(
                try client.request("GET", "/api/v1/label/nope/values").text == #"{"status":"success","data":[]}"#)
            let empty = try client.request("GET", "/api/v1/label//values")
            #expect(empty.status == 400)
            #expect(empty.text == #"{"status":"error","errorType":"bad_data","error":"invalid label name: \"\""}"#)
            #expect(try client.request("GET", "/api/v1/label/pod/other").status == 404)
            #expect(try client.request("POST", "/api/v1/label/pod/values").status == 405)
        }
    }

    @Test func grafanaConnectionEndpoints() throws {
        try withData { server, _ in
            let client = try server.client()
            let build = try client.request("GET", "/api/v1/status/buildinfo")
            #expect(build.status == 200)
            let object = try JSONSerialization.jsonObject(with: Data(build.body)) as? [String: Any]
            let data = object?["data"] as? [String: Any]
            #expect(object?["status"] as? String == "success")
            #expect(data?["version"] as? String == "3.0.0")
            #expect(
                Set(data?.keys.map { $0 } ?? []) == [
                    "version", "revision", "branch", "buildUser", "buildDate", "goVersion",
                ])
            #expect(try client.request("GET", "/api/v1/metadata").text == #"{"status":"success","data":{}}"#)
            #expect(
                try client.request("GET", "/api/v1/metadata?metric=jvm_threads&limit=1").text
                    == #"{"status":"success","data":{}}"#)
            #expect(
                try client.postForm("/api/v1/query_exemplars", "query=jvm_threads&start=1&end=2").text
                    == #"{"status":"success","data":[]}"#)
            let backwards = try client.request("GET", "/api/v1/query_exemplars?query=x&start=2&end=1")
            #expect(backwards.status == 400)
            #expect(backwards.text.contains("end timestamp must not be before start timestamp"))
        }
    }

    @Test func apiTokensAreRequiredWhenConfigured() throws {
        try withData(configure: { $0.apiTokens = ["s3cret"] }) { server, _ in
            let client = try server.client()
            for (method, target) in [
                ("GET", "/api/v1/labels"), ("POST", "/api/v1/series"), ("GET", "/api/v1/label/pod/values"),
                ("GET", "/api/v1/query?query=up"), ("GET", "/api/v1/status/buildinfo"),
            ] {
                let denied = try client.request(method, target)
                #expect(denied.status == 401, "\(target)")
                #expect(denied.headers["www-authenticate"] == "Bearer")
                #expect(
                    denied.text
                        == #"{"status":"error","errorType":"unauthorized","error":"a valid bearer token is required"}"#)
            }
            let wrong = try client.request("GET", "/api/v1/labels", headers: [("Authorization", "Bearer s3cre")])
            #expect(wrong.status == 401)
            let allowed = try client.request(
                "GET", "/api/v1/label/pod/values", headers: [("Authorization", "Bearer s3cret")])
            #expect(allowed.status == 200)
            #expect(allowed.text == #"{"status":"success","data":["a","b"]}"#)
        }
    }

    @Test func largeAnswersAreGzippedWhenAccepted() throws {
        try APITestServer.run { server in
            let time = nowMilliseconds() - 60_000
            try server.ingest((0..<40).map { ("process.memory.usage", [("pod", "pod-\($0)")], time, Double($0)) })
            let client = try server.client()
            let plain = try client.request("GET", "/api/v1/series?match[]=process_memory_usage")
            #expect(plain.headers["content-encoding"] == nil)
            #expect(plain.body.count > APIEnvelope.compressionThreshold)
            let zipped = try client.request(
                "GET", "/api/v1/series?match[]=process_memory_usage", headers: [("Accept-Encoding", "gzip")])
            #expect(zipped.headers["content-encoding"] == "gzip")
            #expect(zipped.body.count < plain.body.count)
            #expect(try Gzip.decompress(zipped.body, limit: 1 << 20) == plain.body)
        }
    }

    @Test func requestsAreCountedInSelfMetrics() throws {
        try withData { server, _ in
            let client = try server.client()
            _ = try client.request("GET", "/api/v1/series?match[]=jvm_threads")
            _ = try client.request("GET", "/api/v1/series")
            _ = try client.request("GET", "/api/v1/label/pod/values")
            _ = try client.request("GET", "/api/v1/label/area/values")
            _ = try client.request("GET", "/api/v1/query?query=up")
            let text = try client.request("GET", "/metrics").text
            #expect(text.contains(#"leakwatch_http_requests_total{path="/api/v1/series",code="200"} 1"#), "\(text)")
            #expect(text.contains(#"leakwatch_http_requests_total{path="/api/v1/series",code="400"} 1"#))
            #expect(text.contains(#"leakwatch_http_requests_total{path="/api/v1/label/:name/values",code="200"} 2"#))
            #expect(text.contains(#"leakwatch_http_requests_total{path="/api/v1/query",code="200"} 1"#))
            #expect(text.contains("leakwatch_api_queries_running 0"))
            #expect(text.contains("leakwatch_api_queries_rejected_total 0"))
        }
    }
}
