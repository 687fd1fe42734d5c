import Foundation
import TestSupport
import Testing
import TimeSeries

@testable import Storage

/// The head adopts (once) the label set a sender used for a series, so a sender that reuses one label set value (the
/// OTLP fast path's cache) is matched by storage identity instead of a byte-by-byte comparison.
struct LabelAdoptionTests {
    @Test func anEqualLabelSetFromAnotherSenderIsAdoptedAndTheDataStaysOneSeries() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var options = StoreOptions(directory: directory.path)
        options.compactionIntervalMilliseconds = 3_600_000
        let store = try SeriesStore(options: options, logger: quietLogger)
        defer { store.close() }
        let first: Labels = ["__name__": "heap", "pod": "a-rather-long-pod-name-0123456789"]
        let second: Labels = ["__name__": "heap", "pod": "a-rather-long-pod-name-0123456789"]
        #expect(first == second)
        #expect(!first.sharesStorage(with: second))
        _ = try store.append(labels: [first], samples: [Sample(timestamp: 1_000, value: 1)])
        _ = try store.append(labels: [second], samples: [Sample(timestamp: 2_000, value: 2)])
        let kept = store.head.lock.withReadLock { store.head.series(with: second)?.labels }
        #expect(kept?.sharesStorage(with: second) == true)
        // Only once: a sender that builds a new copy per request does not make the writer swap copies each time.
        let third: Labels = ["__name__": "heap", "pod": "a-rather-long-pod-name-0123456789"]
        _ = try store.append(labels: [third], samples: [Sample(timestamp: 3_000, value: 3)])
        let still = store.head.lock.withReadLock { store.head.series(with: third)?.labels }
        #expect(still?.sharesStorage(with: second) == true)
        let read = try store.select([.metricName("heap")], start: 0, end: 10_000)
        #expect(read.count == 1)
        #expect(read.first?.labels == first)
        #expect(read.first?.samples.map(\.value) == [1, 2, 3])
    }
}
