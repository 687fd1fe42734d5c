import Foundation
import Logging
import OTLP
import Storage
import Synchronization
import TimeSeries

/// `leakwatch bench ingest`: OTLP protobuf requests of 1,000 data points posted over keep-alive connections to a
/// `leakwatch serve` started in this process on a free port, beside the store-only append rate of the same samples.
///
/// Phase 1 sends as fast as the server answers (throughput); phase 2 sends at half that rate on a fixed schedule
/// and reports latency measured from each request's scheduled time, so queueing delay is not hidden.
public struct IngestBenchmark: Sendable {
    /// Concurrent keep-alive connections.
    public var connections = 4
    /// Distinct request templates per connection (each 10 metrics × 100 pods = 1,000 points).
    public var templatesPerConnection = 10
    /// Rounds per pass; each round sends every template once with a new timestamp.
    public var roundsPerPass = 40
    /// Throughput passes.
    public var passes = 3
    /// Where to put the databases; a temporary directory by default.
    public var directory: String?
    /// Receives the figures.
    public var output: @Sendable (String) -> Void = { print($0) }

    /// Creates the benchmark with the sizes.
    public init() {}

    private static let pointsPerRequest = 1_000

    /// Runs all phases and prints the figures.
    public func run() throws {
        let root = directory ?? NSTemporaryDirectory() + "leakwatch-ingest-bench-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
        var quiet = Logger(label: "leakwatch.bench")
        quiet.logLevel = .error
        let storeRate = try storeOnly(root + "/store", logger: quiet)
        var config = LeakwatchConfig()
        config.port = 0
        config.dataDirectory = root + "/serve"
        let server = try LeakwatchServer(config: config, logger: quiet)
        try server.start()
        defer { server.shutdown() }
        var clock: Int64 = 1_764_000_000_000
        var elapsed = 0.0
        var samples = 0
        var cpu = 0.0
        for _ in 0..<passes {
            let requests = encodedPass(startingAt: &clock)
            let cpuBefore = IngestBenchmark.processCPUSeconds()
            let (seconds, sent) = try blast(requests, port: server.port)
            cpu += IngestBenchmark.processCPUSeconds() - cpuBefore
            elapsed += seconds
            samples += sent
        }
        let rate = Double(samples) / elapsed
        let accepted = server.store.statistics
        output(
            String(
                format: "ingest    %@ samples in %@ OTLP requests over %d keep-alive connections: %.2f s = %@ "
                    + "samples/s accepted durably (target ≥ 1,000,000); store-only append of the same batches: %@ samples/s "
                    + "(HTTP+OTLP keep %.0f%% of it); CPU %.0f%% of %d cores, %.2f µs per sample (client included)",
                samples.grouped, (samples / IngestBenchmark.pointsPerRequest).grouped,
                connections, elapsed, (Int(rate)).grouped, (Int(storeRate)).grouped, rate / storeRate * 100,
                cpu / elapsed * 100, ProcessInfo.processInfo.activeProcessorCount, cpu / Double(samples) * 1e6))
        let paced = encodedPass(startingAt: &clock)
        let latencies = try pace(
            paced, port: server.port, requestsPerSecond: rate / 2 / Double(IngestBenchmark.pointsPerRequest))
        let sorted = latencies.sorted()
        let p50 = sorted[sorted.count / 2] * 1000
        let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)] * 1000
        output(
            String(
                format: "latency   at 50%% of that rate (%@ samples/s): p50 %.1f ms, p99 %.1f ms over %d requests "
                    + "(target p99 < 50 ms); %@ active series", (Int(rate / 2)).grouped, p50, p99, sorted.count,
                accepted.activeSeries.grouped))
    }

    /// User plus system CPU time of this process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    // MARK: - Workload

    /// Every connection's requests for one pass, in send order.
    private func encodedPass(startingAt clock: inout Int64) -> [[[UInt8]]] {
        var perConnection = [[[UInt8]]](repeating: [], count: connections)
        for _ in 0..<roundsPerPass {
            clock += 15_000
            for connection in 0..<connections {
                for template in 0..<templatesPerConnection {
                    perConnection[connection].append(
                        request(connection: connection, template: template, timestamp: clock))
                }
            }
        }
        return perConnection
    }

    private func request(connection: Int, template: Int, timestamp: Int64) -> [UInt8] {
        let service = "svc-\(connection)-\(template)"
        var builder = OTLPRequestBuilder(resource: [("service.name", service), ("host.name", "node-\(connection)")])
        for metric in 0..<10 {
            let points = (0..<100).map { pod in
                OTLPRequestBuilder.Point(
                    attributes: [("pod", "\(service)-\(pod)"), ("area", "heap")], timestamp: timestamp,
                    value: Double((timestamp / 15_000 &* 7 &+ Int64(pod * 4_099 + metric)) % 1_000_000) * 4_096)
            }
            builder.addGauge("process.runtime.memory.m\(metric)", points)
        }
        return builder.encoded()
    }

    // MARK: - Phases

    private func storeOnly(_ path: String, logger: Logger) throws -> Double {
        let store = try SeriesStore(options: StoreOptions(directory: path), logger: logger)
        defer { store.close() }
        let total = connections * templatesPerConnection * roundsPerPass
        let batches: [[Series]] = (0..<total).map { index in
            let connection = index % connections
            let template = index / connections % templatesPerConnection
            let round = index / (connections * templatesPerConnection)
            let timestamp = 1_764_000_000_000 + Int64(round) * 15_000
            return (0..<IngestBenchmark.pointsPerRequest).map { point in
                Series(
                    labels: [
                        "__name__": "m\(point / 100)", "service_name": "svc-\(connection)-\(template)",
                        "pod": "p\(point % 100)",
                    ], samples: [Sample(timestamp: timestamp, value: Double(point * 4_096))])
            }
        }
        let next = Atomic<Int>(0)
        let start = ContinuousClock.now
        let failures = Mutex<[String]>([])
        runOnThreads(connections) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < batches.count else { return }
                do { _ = try store.append(batches[index]) } catch { failures.withLock { $0.append("\(error)") } }
            }
        }
        let seconds = (ContinuousClock.now - start).seconds
        if let failure = failures.withLock({ $0.first }) { throw StoreError(.io, "store-only phase: \(failure)") }
        return Double(total * IngestBenchmark.pointsPerRequest) / seconds
    }

    /// Sends every connection's requests back to back; returns the wall time and samples accepted.
    private func blast(_ requests: [[[UInt8]]], port: Int) throws -> (Double, Int) {
        let failures = Mutex<[String]>([])
        let start = ContinuousClock.now
        runOnThreads(connections) { connection in
            do {
                let client = try LoopbackHTTPClient(port: port)
                for body in requests[connection] {
                    let response = try client.request(
                        "POST", "/v1/metrics",
                        headers: [("Content-Type", "application/x-protobuf")], body: body)
                    if response.status != 200 || !response.body.isEmpty {
                        failures.withLock { $0.append("status \(response.status), \(response.body.count) body bytes") }
                    }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        let seconds = (ContinuousClock.now - start).seconds
        if let failure = failures.withLock({ $0.first }) { throw StoreError(.io, "ingest phase: \(failure)") }
        return (seconds, requests.reduce(0) { $0 + $1.count } * IngestBenchmark.pointsPerRequest)
    }

    /// Sends on a fixed schedule; returns each request's latency from its scheduled time, in seconds.
    private func pace(_ requests: [[[UInt8]]], port: Int, requestsPerSecond: Double) throws -> [Double] {
        let interval = Double(connections) / requestsPerSecond
        let latencies = Mutex<[Double]>([])
        let failures = Mutex<[String]>([])
        let start = ContinuousClock.now
        runOnThreads(connections) { connection in
            do {
                let client = try LoopbackHTTPClient(port: port)
                // Connections start staggered so their requests interleave evenly.
                let offset = interval * Double(connection) / Double(connections)
                for (index, body) in requests[connection].enumerated() {
                    let scheduled = start + .seconds(offset + interval * Double(index))
                    let now = ContinuousClock.now
                    if scheduled > now { Thread.sleep(forTimeInterval: (scheduled - now).seconds) }
                    let response = try client.request(
                        "POST", "/v1/metrics",
                        headers: [("Content-Type", "application/x-protobuf")], body: body)
                    let latency = (ContinuousClock.now - scheduled).seconds
                    if response.status != 200 { failures.withLock { $0.append("status \(response.status)") } }
                    latencies.withLock { $0.append(latency) }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw StoreError(.io, "latency phase: \(failure)") }
        return latencies.withLock { $0 }
    }
}
