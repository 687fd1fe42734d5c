import ArgumentParser
import Foundation
import PromQL
import Storage
import TestSupport
import Testing
import TimeSeries

@testable import Leakwatch
@testable import LeakwatchCLI

/// `leakwatch query` / `query-range`: the shared `QueryClient` against a data directory and against a server, with
/// `FakeEvaluator` standing in for the engine, plus the table and the CLI's option checks.
@Suite(.serialized)
struct QueryClientTests {
    private static let now: Int64 = 1_435_781_451_781

    /// A data directory holding `process_memory_usage{pod="a"}` and `{pod="b"}`.
    private func withDataDirectory(_ body: (String) throws -> Void) throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try SeriesStore(options: StoreOptions(directory: directory.path), logger: quietLogger)
        _ = try store.append([
            Series(
                labels: ["__name__": "process_memory_usage", "pod": "a"],
                samples: [Sample(timestamp: Self.now - 1000, value: 1_048_576)]),
            Series(
                labels: ["__name__": "process_memory_usage", "pod": "b"],
                samples: [Sample(timestamp: Self.now - 1000, value: 0.25)]),
        ])
        store.close()
        try body(directory.path)
    }

    /// A fake engine that answers `<metric>` with the newest sample of each series of that name, read from the store.
    private static func storeBacked(_ store: SeriesStore, record: FakeEvaluator? = nil) -> FakeEvaluator {
        FakeEvaluator { call throws(QueryError) in
            switch call {
            case .instant("bad *", _, _), .range("bad *", _, _, _, _):
                throw QueryError(.parse, "1:5: parse error: unexpected <op:*>")
            case .instant(let query, let time, _):
                let series: [Series]
                do {
                    series = try store.select([.metricName(query)], start: time - 300_000, end: time)
                } catch {
                    throw QueryError(.storage, "\(error)")
                }
                return .vector(
                    timestamp: time,
                    samples: series.map {
                        InstantSample(labels: $0.labels, timestamp: time, value: $0.samples.last?.value ?? 0)
                    })
            case .range:
                return .matrix([])
            }
        }
    }

    private static let expectedJSON =
        #"{"status":"success","data":{"resultType":"vector","result":["#
        + #"{"metric":{"__name__":"process_memory_usage","pod":"a"},"value":[1435781451.781,"1048576"]},"#
        + #"{"metric":{"__name__":"process_memory_usage","pod":"b"},"value":[1435781451.781,"0.25"]}]}}"#

    private static let expectedTable = """
        SERIES                           VALUE  TIME
        process_memory_usage{pod="a"}  1048576  2015-07-01T20:10:51.781Z
        process_memory_usage{pod="b"}     0.25  2015-07-01T20:10:51.781Z

        """

    @Test func dataDirectoryModeAnswersLikeTheAPI() throws {
        try withDataDirectory { path in
            let client = QueryClient(
                target: .dataDirectory(path), clock: { Self.now }, makeEvaluator: { Self.storeBacked($0) })
            let output = try client.instantQuery("process_memory_usage", time: "2015-07-01T20:10:51.781Z")
            #expect(output.json == Self.expectedJSON)
            #expect(output.table == Self.expectedTable)
            #expect(output.warnings.isEmpty)
            let atNow = try client.instantQuery("process_memory_usage")
            #expect(atNow.json == Self.expectedJSON)
        }
    }

    @Test func dataDirectoryModeReportsParseErrorsAndBadParameters() throws {
        try withDataDirectory { path in
            let client = QueryClient(
                target: .dataDirectory(path), clock: { Self.now }, makeEvaluator: { Self.storeBacked($0) })
            #expect(throws: QueryClient.Failure("1:5: parse error: unexpected <op:*>")) {
                try client.instantQuery("bad *")
            }
            #expect(
                throws: QueryClient.Failure(
                    "invalid parameter \"time\": invalid time value for 'time': "
                        + "cannot parse \"noon\" to a valid timestamp"
                )
            ) {
                try client.instantQuery("process_memory_usage", time: "noon")
            }
            #expect(
                throws: QueryClient.Failure("invalid parameter \"end\": end timestamp must not be before start time")
            ) {
                try client.rangeQuery("x", start: "10", end: "5", step: "1")
            }
        }
    }

    @Test func rangeDefaultsAreTheLastHourIn250Steps() throws {
        try withDataDirectory { path in
            let recorder = FakeEvaluator()
            let client = QueryClient(
                target: .dataDirectory(path), clock: { Self.now }, makeEvaluator: { _ in recorder })
            let output = try client.rangeQuery("process_memory_usage")
            #expect(output.table == "empty query result\n")
            #expect(
                recorder.calls == [
                    .range(
                        query: "process_memory_usage", start: Self.now - 3_600_000, end: Self.now, step: 14_400,
                        timeout: .seconds(120))
                ])
            _ = try client.rangeQuery("m", start: "2015-07-01T00:00:00Z", end: "2015-07-01T00:01:00Z")
            #expect(
                recorder.calls.last
                    == .range(
                        query: "m", start: 1_435_708_800_000, end: 1_435_708_860_000, step: 1000,
                        timeout: .seconds(120)))
        }
    }

    @Test func aDataDirectoryHeldByAServerPointsToURL() throws {
        try APITestServer.run { server in
            let client = QueryClient(target: .dataDirectory(server.directory.path))
            do throws(QueryClient.Failure) {
                _ = try client.instantQuery("up")
                Issue.record("the locked directory was opened")
            } catch {
                #expect(error.message.contains("in use by process \(getpid())"), "\(error.message)")
                #expect(error.message.contains("--url http://127.0.0.1:4318"))
            }
        }
    }

    @Test func aMissingDatabaseIsNotCreated() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/absent"
        #expect(
            throws: QueryClient.Failure(
                "no leakwatch database at \(path)/leakwatch.sqlite: give the server's data directory with --data-dir, "
                    + "or query a running server with --url")
        ) {
            try QueryClient(target: .dataDirectory(path)).instantQuery("up")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func serverModeReturnsTheServersJSONAndTheSameTable() throws {
        try APITestServer.run(evaluator: { Self.storeBacked($0) }) { server in
            _ = try server.server.store.append([
                Series(
                    labels: ["__name__": "process_memory_usage", "pod": "a"],
                    samples: [Sample(timestamp: Self.now - 1000, value: 1_048_576)]),
                Series(
                    labels: ["__name__": "process_memory_usage", "pod": "b"],
                    samples: [Sample(timestamp: Self.now - 1000, value: 0.25)]),
            ])
            let client = QueryClient(target: .server(url: "http://127.0.0.1:\(server.server.port)/", token: nil))
            let output = try client.instantQuery("process_memory_usage", time: "1435781451.781")
            #expect(output.json == Self.expectedJSON)
            #expect(output.table == Self.expectedTable)
            #expect(throws: QueryClient.Failure("1:5: parse error: unexpected <op:*>")) {
                try client.instantQuery("bad *")
            }
            #expect(throws: QueryClient.Failure("1:5: parse error: unexpected <op:*>")) {
                try client.rangeQuery("bad *", start: "1", end: "2", step: "1")
            }
            let range = try client.rangeQuery("x", start: "1", end: "2", step: "1")
            #expect(range.json == #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#)
        }
    }

    @Test func serverModeSendsTheToken() throws {
        try APITestServer.run(configure: { $0.apiTokens = ["s3cret"] }) { server in
            let url = "http://127.0.0.1:\(server.server.port)"
            #expect(
                throws: QueryClient.Failure("a valid bearer token is required (give the API token with --token)")
            ) {
                try QueryClient(target: .server(url: url, token: nil)).instantQuery("up")
            }
            let output = try QueryClient(target: .server(url: url, token: "s3cret")).instantQuery("up")
            #expect(output.json == #"{"status":"success","data":{"resultType":"vector","result":[]}}"#)
        }
    }

    @Test func serverModeExplainsAnswersThatAreNotTheAPI() throws {
        try APITestServer.run { server in
            let client = QueryClient(target: .server(url: "http://127.0.0.1:\(server.server.port)/nope", token: nil))
            do throws(QueryClient.Failure) {
                _ = try client.instantQuery("up")
                Issue.record("a 404 was taken for an answer")
            } catch {
                #expect(error.message.contains("answered HTTP 404: not found: /nope/api/v1/query"), "\(error.message)")
            }
        }
        #expect(throws: QueryClient.Failure("invalid --url localhost:4318: expected e.g. http://127.0.0.1:4318")) {
            try QueryClient(target: .server(url: "localhost:4318", token: nil)).instantQuery("up")
        }
        do throws(QueryClient.Failure) {
            _ = try QueryClient(target: .server(url: "http://127.0.0.1:1", token: nil)).instantQuery("up")
            Issue.record("port 1 answered")
        } catch {
            #expect(error.message.hasPrefix("cannot reach http://127.0.0.1:1/api/v1/query"), "\(error.message)")
        }
    }

    // MARK: - Table and decoding

    @Test func tablesForEveryResultType() {
        #expect(
            QueryTable.render(.scalar(timestamp: 0, value: 1e21))
                == "SERIES                   VALUE  TIME\nscalar  1000000000000000000000  1970-01-01T00:00:00.000Z\n")
        #expect(
            QueryTable.render(.string(timestamp: -1, value: "hi"))
                == "SERIES  VALUE  TIME\nstring     hi  1969-12-31T23:59:59.999Z\n")
        let matrix = QueryValue.matrix([
            Series(
                labels: ["job": "a"],
                samples: [Sample(timestamp: 1000, value: 1), Sample(timestamp: 2000, value: .nan)]),
            Series(labels: ["__name__": "m"], samples: [Sample(timestamp: 1000, value: -2.5)]),
        ])
        #expect(
            QueryTable.render(matrix) == """
                SERIES     VALUE  TIME
                {job="a"}      1  1970-01-01T00:00:01.000Z
                             NaN  1970-01-01T00:00:02.000Z
                m           -2.5  1970-01-01T00:00:01.000Z

                """)
        #expect(QueryTable.render(.vector(timestamp: 0, samples: [])) == "empty query result\n")
        #expect(QueryTable.time(1_709_164_800_123) == "2024-02-29T00:00:00.123Z")
    }

    @Test func responsesDecodeBackToTheirValues() throws {
        let values: [QueryValue] = [
            .scalar(timestamp: 1_435_781_451_780, value: -0.5),
            .string(timestamp: 1000, value: "x\"y"),
            .vector(
                timestamp: 5,
                samples: [InstantSample(labels: ["a": "b", "é": "ü"], timestamp: 5, value: .infinity)]),
            .matrix([
                Series(
                    labels: ["a": "b"],
                    samples: [Sample(timestamp: -1500, value: 1e-9), Sample(timestamp: 0, value: 3)])
            ]),
        ]
        for value in values {
            var data = JSONWriter()
            data.queryData(value)
            let body = APIEnvelope.success(data: data.bytes, warnings: ["w"])
            let decoded = try QueryResponseDecoder.decode(Data(body))
            #expect(decoded.value == value)
            #expect(decoded.warnings == ["w"])
        }
        #expect(throws: QueryClient.Failure("the server's answer is not a query result")) {
            try QueryResponseDecoder.decode(Data(#"{"status":"success","data":["a"]}"#.utf8))
        }
    }

    // MARK: - Command line

    @Test func commandLineOptions() throws {
        #expect(throws: (any Error).self) { try QueryCommand.parse(["up", "--url", "http://x", "--data-dir", "d"]) }
        #expect(throws: (any Error).self) { try QueryCommand.parse(["up", "--token", "t"]) }
        let query = try QueryCommand.parse(["up", "--time", "1", "--url", "http://x", "--token", "t", "--json"])
        #expect(query.expression == "up")
        #expect(query.time == "1")
        #expect(query.target.client.target == .server(url: "http://x", token: "t"))
        #expect(query.target.json)
        let range = try QueryRangeCommand.parse(["rate(x[5m])", "--start", "1", "--end", "2", "--step", "15s"])
        #expect(range.step == "15s")
        #expect(range.target.client.target == .dataDirectory("./data"))
    }
}
