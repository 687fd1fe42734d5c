import Foundation
import Leakwatch
import OTLP
import Storage
import TestSupport
import Testing
import TimeSeries

/// SIGKILL `leakwatch serve` during sustained ingest, restart it, and check that every sample whose request got a
/// 200 is stored.
@Suite(.serialized)
struct ServeCrashTests {
    @Test(.timeLimit(.minutes(3)))
    func everyAcknowledgedSampleSurvivesSIGKILL() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: ServeProcess.executable),
            "build the leakwatch executable: \(ServeProcess.executable)")
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var acknowledged: [Int64] = []  // timestamps of requests answered 200; each carries 50 series
        var timestamp = Int64(Date().timeIntervalSince1970 * 1000) - 3_000_000
        for _ in 0..<3 {
            let serve = try ServeProcess(["--data-dir", directory.path])
            let port = serve.port
            let killAt = Date().addingTimeInterval(Double.random(in: 0.3...1.0))
            let client = try LoopbackHTTPClient(port: port)
            var acknowledgedThisRound = 0
            // At least 10 acknowledged requests per round, however slow the machine, then until the random deadline.
            while Date() < killAt || acknowledgedThisRound < 10 {
                timestamp += 10
                var builder = OTLPRequestBuilder(resource: [("service.name", "crash")])
                builder.addGauge(
                    "crash.gauge",
                    (0..<50).map {
                        OTLPRequestBuilder.Point(
                            attributes: [("i", String($0))], timestamp: timestamp, value: Double(timestamp % 100_000))
                    })
                if let response = try? client.request(
                    "POST", "/v1/metrics",
                    headers: [("Content-Type", "application/x-protobuf")], body: builder.encoded()),
                    response.status == 200
                {
                    acknowledged.append(timestamp)
                    acknowledgedThisRound += 1
                }
            }
            serve.kill()
        }
        #expect(acknowledged.count > 30)
        let store = try SeriesStore(options: StoreOptions(directory: directory.path), logger: quietLogger)
        defer { store.close() }
        let stored = try store.select([.metricName("crash_gauge")], start: .min, end: .max)
        #expect(stored.count == 50)
        for series in stored {
            let timestamps = Set(series.samples.map(\.timestamp))
            let missing = acknowledged.filter { !timestamps.contains($0) }
            #expect(missing.isEmpty, "\(series.labels): \(missing.count) acknowledged samples lost")
        }
    }
}
