import Foundation
import OTLP
import Synchronization

/// A stand-in for an instrumented Python service: exports `process.runtime.python.memory.rss` over OTLP/HTTP
/// protobuf at a fixed interval, growing while it leaks and flat once the leak is fixed.
final class SyntheticLeakSender: Sendable {
    private let port: Int
    private let settings: LeakDemoSettings
    private let leaking = Atomic<Bool>(true)
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let state = Mutex<State>(State())

    private struct State {
        var sent = 0
        var lastError: String?
    }

    init(port: Int, settings: LeakDemoSettings) {
        self.port = port
        self.settings = settings
    }

    /// Exports accepted so far.
    var sent: Int { state.withLock { $0.sent } }
    /// The last export failure, if any.
    var lastError: String? { state.withLock { $0.lastError } }

    /// Starts exporting on a thread of its own.
    func start() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.start()
    }

    /// The leak is fixed: the RSS stays where it is from the next export on.
    func stopLeaking() {
        leaking.store(false, ordering: .releasing)
    }

    /// Stops exporting and waits for the thread to end.
    func stop() {
        stopped.store(true, ordering: .releasing)
        finished.wait()
    }

    private func run() {
        var client: LoopbackHTTPClient?
        var rss = settings.baseRSSBytes
        var previous = Date()
        while !stopped.load(ordering: .acquiring) {
            let now = Date()
            if leaking.load(ordering: .acquiring) {
                rss += settings.leakBytesPerSecond * now.timeIntervalSince(previous)
            }
            previous = now
            do {
                if client == nil { client = try LoopbackHTTPClient(port: port) }
                let response = try client!.request(
                    "POST", "/v1/metrics", headers: [("Content-Type", "application/x-protobuf")],
                    body: SyntheticLeakSender.request(rss: (rss / 4_096).rounded() * 4_096, at: now))
                state.withLock { state in
                    if response.status == 200 {
                        state.sent += 1
                    } else {
                        state.lastError = "leakwatch answered HTTP \(response.status) to an export"
                    }
                }
            } catch {
                client = nil
                state.withLock { $0.lastError = "\(error)" }
            }
            Thread.sleep(forTimeInterval: Double(settings.sendIntervalMilliseconds) / 1_000)
        }
    }

    /// An OTLP export of one RSS gauge point for the service `leaky-service`.
    static func request(rss: Double, at date: Date) -> [UInt8] {
        var builder = OTLPRequestBuilder(resource: [
            ("service.name", "leaky-service"), ("service.instance.id", "demo-1"),
        ])
        let timestamp = Int64((date.timeIntervalSince1970 * 1_000).rounded(.down))
        builder.addGauge(LeakDemo.otlpMetricName, [.init(attributes: [], timestamp: timestamp, value: rss)])
        return builder.encoded()
    }
}
