import Leakwatch
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// The storage benchmark at toy sizes: it must keep running and keep reporting every figure (its numbers are
/// not judged here; `leakwatch bench storage` in release mode gives those).
struct StorageBenchmarkTests {
    @Test func reportsEveryFigureAtSmallSizes() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let lines = Mutex<[String]>([])
        var benchmark = StorageBenchmark()
        benchmark.seriesCount = 50
        benchmark.timestamps = 150
        benchmark.baselineTimestamps = 3
        benchmark.restartSamples = 10_000
        benchmark.memorySeries = 40
        benchmark.directory = directory.path
        benchmark.output = { line in lines.withLock { $0.append(line) } }
        try benchmark.run()
        let output = lines.withLock { $0 }
        for figure in ["baseline", "append", "read", "disk", "restart", "memory"] {
            #expect(output.contains { $0.hasPrefix(figure) }, "no \(figure) line in \(output)")
        }
        #expect(output.contains { $0.contains("samples/s") && $0.hasPrefix("append") })
    }

    @Test func workloadIsDeterministicWholePagesWithLabelsPerPod() {
        let first = MemoryGaugeWorkload(seriesCount: 300)
        let second = MemoryGaugeWorkload(seriesCount: 300)
        #expect(first.labels == second.labels)
        #expect(Set(first.labels).count == 300)
        for series in [0, 17, 299] {
            for index in [0, 1, 119] {
                let value = first.value(series: series, index: index)
                #expect(value == second.value(series: series, index: index))
                #expect(value.truncatingRemainder(dividingBy: 4_096) == 0)
                #expect(value > 90 * 1_048_576 && value < 500 * 1_048_576)
            }
        }
        #expect(first.batch(3).count == 300)
        #expect(first.batch(3).allSatisfy { $0.samples.count == 1 && $0.samples[0].timestamp == first.timestamp(3) })
    }
}
