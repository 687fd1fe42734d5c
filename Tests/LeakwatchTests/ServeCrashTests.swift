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
    private static var executable: String {
        let binary =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: binary).deletingLastPathComponent()
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("leakwatch").path
    }

    /// Starts `leakwatch serve` on a free port and returns the process and the port it reports.
    private func start(_ directory: String) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServeCrashTests.executable)
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--data-dir", directory, "--log-level", "info"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let range = text.range(of: #"address=127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                let port = Int(text[range].split(separator: ":").last ?? "") ?? 0
                return (process, port)
            }
        }
        process.terminate()
        throw LoopbackHTTPClient.ClientError(description: "leakwatch serve did not report its port: \(text)")
    }

    @Test(.timeLimit(.minutes(3)))
    func everyAcknowledgedSampleSurvivesSIGKILL() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: ServeCrashTests.executable),
            "build the leakwatch executable: \(ServeCrashTests.executable)")
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var acknowledged: [Int64] = []  // timestamps of requests answered 200; each carries 50 series
        var timestamp = Int64(Date().timeIntervalSince1970 * 1000) - 3_000_000
        for _ in 0..<3 {
            let (process, port) = try start(directory.path)
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
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
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
