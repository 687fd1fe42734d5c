import Dispatch
import Foundation
import PromQL
import Synchronization
import Testing
import TimeSeries

@testable import Leakwatch

/// `/api/v1/query` and `/api/v1/query_range` over real sockets with requests shaped like Grafana's (form-encoded
/// POSTs, GETs with `time`), against `FakeEvaluator`: parameters reach the evaluator as Prometheus parses them and
/// answers and errors come back in Prometheus's exact JSON.
@Suite(.serialized)
struct PrometheusAPIQueryTests {
    private static let time: Int64 = 1_435_781_451_781

    private static let memory: [InstantSample] = [
        InstantSample(
            labels: ["__name__": "process_memory_usage", "pod": "a"], timestamp: time, value: 1_048_576),
        InstantSample(labels: ["__name__": "process_memory_usage", "pod": "b"], timestamp: time, value: 0.25),
    ]

    @Test func instantQueryAsGrafanaSendsIt() throws {
        let fake = FakeEvaluator { call throws(QueryError) in
            guard case .instant(_, let time, _) = call else { throw QueryError(.execution, "wrong call") }
            return .vector(timestamp: time, samples: Self.memory)
        }
        try APITestServer.run(evaluator: { _ in fake }) { server in
            let response = try server.client().request(
                "GET", "/api/v1/query?query=process_memory_usage&time=1435781451.781")
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/json")
            #expect(
                response.text
                    == #"{"status":"success","data":{"resultType":"vector","result":["#
                    + #"{"metric":{"__name__":"process_memory_usage","pod":"a"},"value":[1435781451.781,"1048576"]},"#
                    + #"{"metric":{"__name__":"process_memory_usage","pod":"b"},"value":[1435781451.781,"0.25"]}]}}"#)
            #expect(fake.calls == [.instant(query: "process_memory_usage", time: Self.time, timeout: .seconds(120))])
        }
    }

    @Test func grafanaHealthCheckGetsAScalar() throws {
        let fake = FakeEvaluator { call throws(QueryError) in
            guard case .instant("1+1", let time, _) = call else { throw QueryError(.parse, "1:1: parse error: x") }
            return .scalar(timestamp: time, value: 2)
        }
        try APITestServer.run(evaluator: { _ in fake }) { server in
            let response = try server.client().postForm("/api/v1/query", "query=1%2B1&time=1435781451.781")
            #expect(response.status == 200)
            #expect(
                response.text == #"{"status":"success","data":{"resultType":"scalar","result":[1435781451.781,"2"]}}"#)
        }
    }

    @Test func rangeQueryAsGrafanaSendsIt() throws {
        let fake = FakeEvaluator { call throws(QueryError) in
            guard case .range(_, let start, let end, let step, _) = call else {
                throw QueryError(.execution, "wrong call")
            }
            var samples: [Sample] = []
            var time = start
            while time <= end {
                samples.append(Sample(timestamp: time, value: Double(samples.count) * 0.5))
                time += step
            }
            return .matrix([Series(labels: ["job": "api"], samples: samples)])
        }
        try APITestServer.run(evaluator: { _ in fake }) { server in
            let response = try server.client().postForm(
                "/api/v1/query_range",
                "query=rate%28http_requests_total%5B5m%5D%29&start=1435781430&end=1435781460&step=15",
                headers: [("Accept", "application/json, text/plain, */*"), ("X-Grafana-Org-Id", "1")])
            #expect(response.status == 200)
            #expect(
                response.text
                    == #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"job":"api"},"#
                    + #""values":[[1435781430,"0"],[1435781445,"0.5"],[1435781460,"1"]]}]}}"#)
            #expect(
                fake.calls == [
                    .range(
                        query: "rate(http_requests_total[5m])", start: 1_435_781_430_000, end: 1_435_781_460_000,
                        step: 15_000, timeout: .seconds(120))
                ])
            // RFC 3339 times and a duration step are accepted too.
            let rfc = try server.client().request(
                "GET", "/api/v1/query_range?query=x&start=2015-07-01T20:10:30Z&end=2015-07-01T22:11:00%2B02:00&step=15s"
            )
            #expect(rfc.status == 200)
            #expect(
                fake.calls.last
                    == .range(
                        query: "x", start: 1_435_781_430_000, end: 1_435_781_460_000, step: 15_000,
                        timeout: .seconds(120)))
        }
    }

    @Test func stringResults() throws {
        let fake = FakeEvaluator { _ throws(QueryError) in .string(timestamp: 1_435_781_451_000, value: "a\nb") }
        try APITestServer.run(evaluator: { _ in fake }) { server in
            let response = try server.client().request("GET", "/api/v1/query?query=%22a%5Cnb%22&time=1435781451")
            #expect(
                response.text == #"{"status":"success","data":{"resultType":"string","result":[1435781451,"a\nb"]}}"#)
        }
    }

    @Test func engineErrorsKeepPrometheusTypesAndStatuses() throws {
        let errors: [String: QueryError] = [
            "parse": QueryError(.parse, "1:5: parse error: unexpected <op:*>"),
            "samples": .tooManySamples,
            "slow": .timedOut,
            "disk": QueryError(.storage, "reading chunks: disk I/O error"),
        ]
        let fake = FakeEvaluator { call throws(QueryError) in
            switch call {
            case .instant(let query, _, _), .range(let query, _, _, _, _):
                throw errors[query] ?? QueryError(.execution, "unexpected query \(query)")
            }
        }
        try APITestServer.run(evaluator: { _ in fake }) { server in
            let client = try server.client()
            let expected: [(String, Int, String)] = [
                (
                    "parse", 400,
                    #"{"status":"error","errorType":"bad_data","#
                        + #""error":"invalid parameter \"query\": 1:5: parse error: unexpected \u003cop:*\u003e"}"#
                ),
                (
                    "samples", 422,
                    #"{"status":"error","errorType":"execution","#
                        + #""error":"query processing would load too many samples into memory in query execution"}"#
                ),
                (
                    "slow", 503,
                    #"{"status":"error","errorType":"timeout","error":"query timed out in query execution"}"#
                ),
                ("disk", 500, #"{"status":"error","errorType":"internal","error":"reading chunks: disk I/O error"}"#),
            ]
            for (query, status, body) in expected {
                let instant = try client.request("GET", "/api/v1/query?query=\(query)&time=1")
                #expect(instant.status == status, "\(query)")
                #expect(instant.text == body)
                let range = try client.postForm("/api/v1/query_range", "query=\(query)&start=1&end=2&step=1")
                #expect(range.status == status, "\(query)")
                #expect(range.text == body)
            }
            #expect(try client.request("GET", "/api/v1/query?query=slow").headers["retry-after"] == "1")
        }
    }

    @Test func rangeParametersAreCheckedLikePrometheus() throws {
        let fake = FakeEvaluator()
        try APITestServer.run(evaluator: { _ in fake }) { server in
            let client = try server.client()
            let cases: [(String, String)] = [
                ("query=x&end=2&step=1", #"invalid parameter \"start\": cannot parse \"\" to a valid timestamp"#),
                (
                    "query=x&start=1&end=later&step=1",
                    #"invalid parameter \"end\": cannot parse \"later\" to a valid timestamp"#
                ),
                (
                    "query=x&start=2&end=1&step=1",
                    #"invalid parameter \"end\": end timestamp must not be before start time"#
                ),
                ("query=x&start=1&end=2", #"invalid parameter \"step\": cannot parse \"\" to a valid duration"#),
                (
                    "query=x&start=1&end=2&step=1x",
                    #"invalid parameter \"step\": cannot parse \"1x\" to a valid duration"#
                ),
                (
                    "query=x&start=1&end=2&step=0",
                    #"invalid parameter \"step\": zero or negative query resolution step widths are not accepted. "#
                        + "Try a positive integer"
                ),
                (
                    "query=x&start=1&end=2&step=-15",
                    #"invalid parameter \"step\": zero or negative query resolution step widths are not accepted. "#
                        + "Try a positive integer"
                ),
                (
                    "query=x&start=0&end=11001&step=1",
                    "exceeded maximum resolution of 11,000 points per timeseries. "
                        + "Try decreasing the query resolution (?step=XX)"
                ),
                (
                    "query=x&start=1&end=2&step=1&timeout=soon",
                    #"invalid parameter \"timeout\": cannot parse \"soon\" to a valid duration"#
                ),
                (
                    "query=x&start=1&end=2&step=1&limit=x",
                    #"invalid parameter \"limit\": strconv.Atoi: parsing \"x\": invalid syntax"#
                ),
            ]
            for (form, message) in cases {
                let response = try client.postForm("/api/v1/query_range", form)
                #expect(response.status == 400, "\(form)")
                #expect(response.text == #"{"status":"error","errorType":"bad_data","error":""# + message + #""}"#)
            }
            #expect(fake.calls.isEmpty)
            // 11,000 points is the limit, not beyond it.
            #expect(try client.postForm("/api/v1/query_range", "query=x&start=0&end=11000&step=1").status == 200)
            let badTime = try client.request("GET", "/api/v1/query?query=x&time=noon")
            #expect(
                badTime.text
                    == #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"time\": "#
                    + #"invalid time value for 'time': cannot parse \"noon\" to a valid timestamp"}"#
            )
        }
    }

    @Test func timeoutParameterIsBoundedByTheEngine() throws {
        let fake = FakeEvaluator(timeout: .seconds(120))
        try APITestServer.run(evaluator: { _ in fake }) { server in
            let client = try server.client()
            _ = try client.request("GET", "/api/v1/query?query=a&time=1&timeout=1500ms")
            _ = try client.request("GET", "/api/v1/query?query=b&time=1&timeout=10m")
            _ = try client.postForm("/api/v1/query_range", "query=c&start=1&end=2&step=1&timeout=0.25")
            #expect(
                fake.calls == [
                    .instant(query: "a", time: 1000, timeout: .milliseconds(1500)),
                    .instant(query: "b", time: 1000, timeout: .seconds(120)),
                    .range(query: "c", start: 1000, end: 2000, step: 1000, timeout: .milliseconds(250)),
                ])
            let expired = try client.request("GET", "/api/v1/query?query=d&time=1&timeout=0s")
            #expect(expired.status == 503)
            #expect(
                expired.text == #"{"status":"error","errorType":"timeout","error":"query timed out in query queue"}"#)
            #expect(fake.calls.count == 3)
        }
    }

    @Test func timeDefaultsToNow() throws {
        let fake = FakeEvaluator()
        try APITestServer.run(evaluator: { _ in fake }) { server in
            let before = nowMilliseconds()
            _ = try server.client().request("GET", "/api/v1/query?query=up")
            let after = nowMilliseconds()
            guard case .instant(_, let time, _) = fake.calls.first else {
                Issue.record("no instant query")
                return
            }
            #expect(time >= before && time <= after)
        }
    }

    @Test func limitTruncatesSeriesWithAWarning() throws {
        let fake = FakeEvaluator { call throws(QueryError) in
            if case .range = call {
                return .matrix(Self.memory.map { Series(labels: $0.labels, samples: [Sample(timestamp: 0, value: 1)]) })
            }
            return .vector(timestamp: Self.time, samples: Self.memory)
        }
        try APITestServer.run(evaluator: { _ in fake }) { server in
            let client = try server.client()
            let instant = try client.request("GET", "/api/v1/query?query=m&time=1435781451.781&limit=1")
            #expect(
                instant.text
                    == #"{"status":"success","data":{"resultType":"vector","result":["#
                    + #"{"metric":{"__name__":"process_memory_usage","pod":"a"},"value":[1435781451.781,"1048576"]}]},"#
                    + #""warnings":["results truncated due to limit"]}"#)
            let range = try client.postForm("/api/v1/query_range", "query=m&start=0&end=0&step=1&limit=1")
            #expect(range.text.hasSuffix(#""warnings":["results truncated due to limit"]}"#))
            let enough = try client.request("GET", "/api/v1/query?query=m&time=1&limit=2")
            #expect(!enough.text.contains("warnings"))
        }
    }

    @Test func queriesBeyondTheConcurrencyCapGet503() throws {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let fake = FakeEvaluator { call throws(QueryError) in
            if case .instant("slow", _, _) = call {
                entered.signal()
                release.wait()
            }
            return .scalar(timestamp: 0, value: 1)
        }
        try APITestServer.run(evaluator: { _ in fake }, maxConcurrentQueries: 1) { server in
            let port = server.server.port
            let slowStatus = StatusBox()
            let finished = DispatchSemaphore(value: 0)
            Thread {
                let status = try? LoopbackHTTPClient(port: port).request("GET", "/api/v1/query?query=slow").status
                slowStatus.value.withLock { $0 = status }
                finished.signal()
            }.start()
            #expect(entered.wait(timeout: .now() + 10) == .success)
            let refused = try server.client().request("GET", "/api/v1/query?query=fast")
            #expect(refused.status == 503)
            #expect(refused.headers["retry-after"] == "1")
            #expect(
                refused.text
                    == #"{"status":"error","errorType":"unavailable","#
                    + #""error":"too many concurrent queries (at most 1), retry later"}"#
            )
            let lookup = try server.client().request("GET", "/api/v1/labels")
            #expect(lookup.status == 503)
            let metrics = try server.client().request("GET", "/metrics").text
            #expect(metrics.contains("leakwatch_api_queries_running 1"))
            #expect(metrics.contains("leakwatch_api_queries_rejected_total 2"))
            release.signal()
            #expect(finished.wait(timeout: .now() + 10) == .success)
            #expect(slowStatus.value.withLock { $0 } == 200)
            #expect(try server.client().request("GET", "/api/v1/query?query=fast").status == 200)
        }
    }
}

/// A status code handed from a background thread to the test.
private final class StatusBox: Sendable {
    let value = Mutex<Int?>(nil)
}
