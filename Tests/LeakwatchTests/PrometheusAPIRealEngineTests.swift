import Foundation
import PromQL
import Storage
import TestSupport
import Testing
import TimeSeries

@testable import Leakwatch

/// The query API and `leakwatch query` through the real `Engine` and `PromQLParser`.
///
/// Disabled while `Engine.instantQuery`/`rangeQuery` and `PromQLParser.parse`/`parseMatchers` are the contract's
/// stubs (they stop the process with `fatalError`); enable once the evaluator and parser are merged.
@Suite(.serialized)
struct PrometheusAPIRealEngineTests {
    /// A server with the real engine, `process_memory_usage{pod="a"}` = 1 then 3 and `{pod="b"}` = 2 then 4, at
    /// `base` and `base + 15s`.
    private func withServer(_ body: (APITestServer, Int64) throws -> Void) throws {
        try APITestServer.run(evaluator: { store in Engine(querier: store) }) { server in
            let base = (nowMilliseconds() / 1000 - 120) * 1000
            try server.ingest([
                ("process.memory.usage", [("pod", "a")], base, 1),
                ("process.memory.usage", [("pod", "b")], base, 2),
                ("process.memory.usage", [("pod", "a")], base + 15_000, 3),
                ("process.memory.usage", [("pod", "b")], base + 15_000, 4),
            ])
            try body(server, base)
        }
    }

    private static func labels(_ pod: String) -> String {
        #"{"__name__":"process_memory_usage","instance":"i-1","job":"checkout","pod":""# + pod
            + #"","service_name":"checkout"}"#
    }

    @Test func instantVectorScalarAndGrafanaHealthCheck() throws {
        try withServer { server, base in
            let client = try server.client()
            let seconds = GoFloat.timestamp(milliseconds: base + 20_000)
            let vector = try client.request("GET", "/api/v1/query?query=process_memory_usage&time=\(seconds)")
            #expect(
                vector.text
                    == #"{"status":"success","data":{"resultType":"vector","result":[{"metric":"# + Self.labels("a")
                    + #","value":["# + seconds + #","3"]},{"metric":"# + Self.labels("b") + #","value":["# + seconds
                    + #","4"]}]}}"#)
            let sum = try client.postForm(
                "/api/v1/query", "query=sum+by+%28job%29+%28process_memory_usage%29&time=\(seconds)")
            #expect(
                sum.text
                    == #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"checkout"},"#
                    + #""value":["# + seconds + #","7"]}]}}"#)
            let health = try client.postForm("/api/v1/query", "query=1%2B1&time=1435781451.781")
            #expect(
                health.text == #"{"status":"success","data":{"resultType":"scalar","result":[1435781451.781,"2"]}}"#)
        }
    }

    @Test func rangeQueryMatrix() throws {
        try withServer { server, base in
            let start = GoFloat.timestamp(milliseconds: base)
            let end = GoFloat.timestamp(milliseconds: base + 15_000)
            let response = try server.client().postForm(
                "/api/v1/query_range", "query=process_memory_usage%7Bpod%3D%22a%22%7D&start=\(start)&end=\(end)&step=15"
            )
            #expect(
                response.text
                    == #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":"# + Self.labels("a")
                    + #","values":[["# + start + #","1"],["# + end + #","3"]]}]}}"#)
        }
    }

    @Test func parseErrorsAreBadQueryParameters() throws {
        try withServer { server, _ in
            let client = try server.client()
            for response in [
                try client.request("GET", "/api/v1/query?query=process_memory_usage%7B"),
                try client.postForm("/api/v1/query_range", "query=1+%2A&start=1&end=2&step=1"),
            ] {
                #expect(response.status == 400)
                #expect(
                    response.text.hasPrefix(
                        #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:"#),
                    "\(response.text)")
                #expect(response.text.contains("parse error"))
            }
        }
    }

    @Test func seriesAndLabelValuesWithTheRealSelectorParser() throws {
        try withServer { server, _ in
            let client = try server.client()
            let series = try client.request(
                "GET", "/api/v1/series?match%5B%5D=process_memory_usage%7Bpod%3D~%22b%7Cc%22%7D")
            #expect(series.text == #"{"status":"success","data":["# + Self.labels("b") + "]}")
            let values = try client.request("GET", "/api/v1/label/pod/values?match[]=%7Bjob%3D%22checkout%22%7D")
            #expect(values.text == #"{"status":"success","data":["a","b"]}"#)
            let bad = try client.request("GET", "/api/v1/series?match[]=process_memory_usage%7B")
            #expect(bad.status == 400)
            #expect(bad.text.contains(#"invalid parameter \"match[]\": 1:"#))
        }
    }

    @Test func commandLineQueriesOverTheDataDirectoryAndTheServer() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try SeriesStore(options: StoreOptions(directory: directory.path), logger: quietLogger)
        _ = try store.append([
            Series(labels: ["__name__": "m", "pod": "a"], samples: [Sample(timestamp: 1_435_781_451_000, value: 5)])
        ])
        store.close()
        let local = QueryClient(target: .dataDirectory(directory.path))
        let output = try local.instantQuery("m", time: "1435781451.781")
        #expect(
            output.json
                == #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"m","pod":"a"},"#
                + #""value":[1435781451.781,"5"]}]}}"#)
        do throws(QueryClient.Failure) {
            _ = try local.instantQuery("m{")
            Issue.record("a bad query was accepted")
        } catch {
            #expect(error.message.hasPrefix("1:"), "\(error.message)")
            #expect(error.message.contains("parse error"))
        }
        try withServer { server, base in
            let remote = QueryClient(target: .server(url: "http://127.0.0.1:\(server.server.port)", token: nil))
            let answer = try remote.rangeQuery(
                "process_memory_usage", start: GoFloat.timestamp(milliseconds: base),
                end: GoFloat.timestamp(milliseconds: base + 15_000), step: "15s")
            #expect(answer.json.contains(#""resultType":"matrix""#))
            #expect(answer.table.contains(#"process_memory_usage{instance="i-1""#))
        }
    }
}
