import Foundation
import Logging
import PromQL
import Storage
import TimeSeries

/// `leakwatch bench promql`: the rule-style workload of the PromQL issue — memory gauges of 1-minute samples,
/// `deriv(x[2h])` and `predict_linear(x[2h], 14400)` evaluated at consecutive minutes — reporting samples touched per
/// second. The baseline, measured in the same run, is the same expression as separate instant queries (one store
/// read per step, as an evaluator without a range plan would do). Prints figures, never pass/fail.
public struct QueryBenchmark: Sendable {
    /// Series in the store.
    public var seriesCount = 10_000
    /// Consecutive one-minute evaluation steps.
    public var steps = 1_440
    /// Steps run as separate instant queries for the baseline (it is slow, so it runs a prefix and is scaled).
    public var baselineSteps = 60
    /// Where to put the database; a temporary directory by default.
    public var directory: String?
    /// Receives progress lines and results.
    public var output: @Sendable (String) -> Void = { print($0) }

    /// The window of the range functions, in samples (2h of 1-minute samples).
    private let windowSamples = 120

    /// Creates a benchmark with the default sizes.
    public init() {}

    /// Loads the data and runs every phase.
    public func run() throws {
        let root = directory ?? NSTemporaryDirectory() + "leakwatch-bench-query-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
        output("leakwatch PromQL benchmark — \(BenchmarkMachine.description)")

        var logger = Logger(label: "leakwatch.bench")
        logger.logLevel = .error
        var options = StoreOptions(directory: root)
        options.retentionMilliseconds = 400 * 86_400_000
        let store = try SeriesStore(options: options, logger: logger)
        defer { store.close() }
        let workload = MemoryGaugeWorkload(seriesCount: seriesCount)
        let samplesPerSeries = windowSamples + steps
        let clock = ContinuousClock()
        let loadTime = try clock.measure {
            for index in 0..<samplesPerSeries { _ = try store.append(workload.batch(index)) }
            try store.compact(everything: true)
        }
        output(
            String(
                format: "data      %@ series × %@ one-minute samples stored and chunked in %.1f s",
                seriesCount.grouped, samplesPerSeries.grouped, loadTime.seconds))

        var engineOptions = EngineOptions()
        engineOptions.timeout = .seconds(3_600)
        engineOptions.maxSamples = Int.max
        let engine = Engine(querier: store, options: engineOptions)
        let first = workload.timestamp(windowSamples)
        let last = workload.timestamp(windowSamples + steps - 1)
        let touchedPerStep = Double(seriesCount * windowSamples)

        for query in ["deriv(process_memory_rss_bytes[2h])", "predict_linear(process_memory_rss_bytes[2h], 14400)"] {
            var seriesOut = 0
            let rangeTime = try clock.measure {
                guard case .matrix(let result) = try engine.rangeQuery(query, start: first, end: last, step: 60_000)
                else { return }
                seriesOut = result.count
            }
            let rangeRate = touchedPerStep * Double(steps) / rangeTime.seconds
            let baselineTime = try clock.measure {
                for step in 0..<baselineSteps {
                    _ = try engine.instantQuery(query, at: first + Int64(step) * 60_000)
                }
            }
            let baselineRate = touchedPerStep * Double(baselineSteps) / baselineTime.seconds
            output(
                String(
                    format: "%@\n  range query  %@ steps → %@ series: %.2f s, %.1fM samples touched/s\n"
                        + "  baseline     one instant query per step (%@ steps): %.1fM samples touched/s; "
                        + "range query %.1f× faster",
                    query, steps.grouped, seriesOut.grouped, rangeTime.seconds, rangeRate / 1e6,
                    baselineSteps.grouped, baselineRate / 1e6, rangeRate / baselineRate))
        }
    }
}
