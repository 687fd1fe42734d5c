import Foundation
import Storage
import TestSupport
import Testing
import TimeSeries

/// Random series and samples appended over several batches and restarts read back bit-exact, compared with a model
/// that applies the store's documented acceptance rules.
struct StoreRoundTripTests {
    /// The model: per series, samples by timestamp (last value wins) and the acceptance boundaries.
    private struct Model {
        var samples: [Labels: [Int64: Sample]] = [:]
        var maxTime: [Labels: Int64] = [:]
        var persisted: [Labels: Int64] = [:]
        let window: Int64

        /// Applies a sample as the store must; returns whether it is accepted.
        mutating func apply(_ labels: Labels, _ sample: Sample) -> Bool {
            if let boundary = persisted[labels], sample.timestamp <= boundary { return false }
            if let newest = maxTime[labels], sample.timestamp < newest - window { return false }
            samples[labels, default: [:]][sample.timestamp] = sample
            maxTime[labels] = max(maxTime[labels] ?? .min, sample.timestamp)
            return true
        }

        /// A clean close moves every chunk to disk.
        mutating func closed() {
            persisted = maxTime
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 0xdead_beef])
    func randomBatchesAcrossRestartsReadBackBitExact(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var options = StoreOptions(directory: directory.path)
        options.samplesPerChunk = Int.random(in: 4...40, using: &random)
        options.outOfOrderWindowMilliseconds = 600_000
        options.compactionIntervalMilliseconds = 3_600_000
        var model = Model(window: options.outOfOrderWindowMilliseconds)
        let labelSets = (0..<25).map { index in
            Labels([
                "__name__": index % 3 == 0 ? "heap_bytes" : "rss_bytes",
                "instance": "host-\(index % 7)", "pod": "p\(index)",
            ])
        }
        var clock: Int64 = 1_700_000_000_000
        for restart in 0..<4 {
            let store = try SeriesStore(options: options, logger: quietLogger)
            for _ in 0..<Int.random(in: 5...30, using: &random) {
                clock += Int64.random(in: 1_000...120_000, using: &random)
                var batch: [Series] = []
                var expectedAccepted = 0
                for labels in labelSets where Bool.random(using: &random) {
                    var samples: [Sample] = []
                    for _ in 0..<Int.random(in: 1...4, using: &random) {
                        // Mostly new samples, some out of order (inside or beyond the window), some repeats.
                        let timestamp =
                            clock - Int64.random(in: 0...900_000, using: &random)
                            * Int64(random.next() % 4 == 0 ? 1 : 0)
                        samples.append(Sample(timestamp: timestamp, value: randomValue(&random)))
                    }
                    // The store sorts a series' samples stably before applying them; the model does the same.
                    let ordered = samples.enumerated()
                        .sorted {
                            $0.element.timestamp != $1.element.timestamp
                                ? $0.element.timestamp < $1.element.timestamp : $0.offset < $1.offset
                        }
                        .map(\.element)
                    for sample in ordered where model.apply(labels, sample) { expectedAccepted += 1 }
                    batch.append(Series(labels: labels, samples: samples))
                }
                let result = try store.append(batch)
                #expect(result.accepted == expectedAccepted, "seed \(seed) restart \(restart)")
                if random.next() % 5 == 0 { try store.compact() }
            }
            try compare(store, model, seed: seed)
            store.close()
            model.closed()
        }
        let store = try SeriesStore(options: options, logger: quietLogger)
        defer { store.close() }
        try compare(store, model, seed: seed)
    }

    private func compare(_ store: SeriesStore, _ model: Model, seed: UInt64) throws {
        let read = try store.select([try Matcher(.regexMatch, "__name__", ".+")], start: .min, end: .max)
        let expected = model.samples
            .map { Series(labels: $0.key, samples: $0.value.values.sorted { $0.timestamp < $1.timestamp }) }
            .sorted { $0.labels < $1.labels }
        #expect(read.count == expected.count, "seed \(seed)")
        for (got, want) in zip(read, expected) {
            #expect(got.labels == want.labels, "seed \(seed)")
            #expect(got.samples == want.samples, "seed \(seed) series \(want.labels)")
        }
    }

    private func randomValue(_ random: inout SplitMix64) -> Double {
        switch random.next() % 10 {
        case 0: return Sample.staleMarker
        case 1: return .nan
        case 2: return Double(bitPattern: random.next())  // any bit pattern, NaN payloads included
        case 3: return -Double(random.next() % 1_000)
        default: return Double(random.next() % 1_000_000) * 4_096  // page-sized memory readings
        }
    }
}
