import Foundation
import Storage
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// Concurrent appenders and readers. Run locally with `swift test --sanitize=thread --filter StoreConcurrencyTests`.
struct StoreConcurrencyTests {
    @Test(.timeLimit(.minutes(2)))
    func concurrentAppendersAndReadersSeeConsistentData() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var options = StoreOptions(directory: directory.path)
        options.samplesPerChunk = 16
        options.outOfOrderWindowMilliseconds = 0
        options.compactionIntervalMilliseconds = 5
        let store = try SeriesStore(options: options, logger: quietLogger)
        defer { store.close() }
        let writers = 4
        let seriesPerWriter = 20
        let batches = 150
        let failures = Mutex<[String]>([])
        let done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: writers + 2) { worker in
            if worker < writers {
                for batch in 0..<batches {
                    let series = (0..<seriesPerWriter).map { index in
                        Series(
                            labels: ["__name__": "c", "writer": "\(worker)", "i": "\(index)"],
                            samples: [Sample(timestamp: Int64(batch) * 1_000, value: Double(batch))])
                    }
                    do {
                        let result = try store.append(series)
                        if result.accepted != seriesPerWriter {
                            failures.withLock {
                                $0.append("writer \(worker) batch \(batch): \(result.rejectionSummary)")
                            }
                        }
                    } catch {
                        failures.withLock { $0.append("writer \(worker): \(error)") }
                    }
                }
                done.add(1, ordering: .sequentiallyConsistent)
            } else {
                var lastCounts: [Labels: Int] = [:]
                while done.load(ordering: .sequentiallyConsistent) < writers {
                    do {
                        for series in try store.select([.metricName("c")], start: .min, end: .max) {
                            // Every writer appends its batches in order, so a reader sees a gapless prefix that
                            // only grows, with no sample twice.
                            let values = series.samples.map(\.value)
                            if values != (0..<values.count).map(Double.init) {
                                failures.withLock { $0.append("\(series.labels): not a gapless prefix") }
                            }
                            if values.count < lastCounts[series.labels, default: 0] {
                                failures.withLock { $0.append("\(series.labels): shrank") }
                            }
                            lastCounts[series.labels] = values.count
                        }
                    } catch {
                        failures.withLock { $0.append("reader: \(error)") }
                    }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(5) })")
        let all = try store.select([.metricName("c")], start: .min, end: .max)
        #expect(all.count == writers * seriesPerWriter)
        #expect(all.allSatisfy { $0.samples.count == batches })
    }
}
