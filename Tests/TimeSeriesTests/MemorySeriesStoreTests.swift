import TestSupport
import Testing
import TimeSeries

struct MemorySeriesStoreTests {
    static let up: Labels = ["__name__": "up", "job": "api"]

    static func samples(_ pairs: [(Int64, Double)]) -> [Sample] {
        pairs.map { Sample(timestamp: $0.0, value: $0.1) }
    }

    @Test func appendSortsOutOfOrderSamplesAndLastValueWins() throws {
        let store = MemorySeriesStore()
        let batch = [
            Series(
                labels: MemorySeriesStoreTests.up,
                samples: MemorySeriesStoreTests.samples([(30, 3), (10, 1), (20, 2), (10, 1.5), (40, 4), (20, 2.5)]))
        ]
        let result = try store.append(batch)
        #expect(result.accepted == 6)
        #expect(result.rejectedCount == 0)

        let selected = try store.select([.metricName("up")], start: .min, end: .max)
        try #require(selected.count == 1)
        #expect(selected[0].labels == MemorySeriesStoreTests.up)
        #expect(selected[0].samples == MemorySeriesStoreTests.samples([(10, 1.5), (20, 2.5), (30, 3), (40, 4)]))
    }

    @Test func laterBatchesMergeIntoTheSameSeries() throws {
        let store = MemorySeriesStore()
        let up = MemorySeriesStoreTests.up
        _ = try store.append([Series(labels: up, samples: MemorySeriesStoreTests.samples([(10, 1), (30, 3)]))])
        _ = try store.append([
            Series(labels: up, samples: MemorySeriesStoreTests.samples([(20, 2), (30, 33)])),
            // Same labels given in a different order: the same series.
            Series(
                labels: Labels([Label(name: "job", value: "api"), Label(name: "__name__", value: "up")]),
                samples: MemorySeriesStoreTests.samples([(5, 0.5), (40, 4)])),
            Series(labels: up, samples: [Sample.stale(at: 50)]),
        ])
        #expect(store.seriesCount == 1)
        let selected = try store.select([.metricName("up")], start: .min, end: .max)
        try #require(selected.count == 1)
        let expected =
            MemorySeriesStoreTests.samples([(5, 0.5), (10, 1), (20, 2), (30, 33), (40, 4)])
            + [Sample.stale(at: 50)]
        #expect(selected[0].samples == expected)
        #expect(selected[0].samples.last?.isStale == true)
    }

    @Test(arguments: [
        (Int64(20), Int64(40), [20, 30, 40] as [Int64]),
        (10, 50, [10, 20, 30, 40, 50]),
        (30, 30, [30]),
        (11, 19, []),
        (51, 100, []),
        (-100, 9, []),
        (-100, 10, [10]),
        (50, 50, [50]),
        (40, 20, []),
        (.min, .max, [10, 20, 30, 40, 50]),
        (15, 35, [20, 30]),
    ])
    func selectRangeIsInclusiveAtBothEnds(start: Int64, end: Int64, expected: [Int64]) throws {
        let store = MemorySeriesStore()
        let samples = [50, 10, 40, 20, 30].map { Sample(timestamp: $0, value: Double($0)) }
        _ = try store.append([Series(labels: MemorySeriesStoreTests.up, samples: samples)])
        let selected = try store.select([.metricName("up")], start: start, end: end)
        if expected.isEmpty {
            // A series without samples in the range is left out.
            #expect(selected.isEmpty)
        } else {
            try #require(selected.count == 1)
            #expect(selected[0].samples.map(\.timestamp) == expected)
            #expect(selected[0].samples.map(\.value) == expected.map(Double.init))
        }
    }

    @Test func selectReturnsSeriesSortedByLabels() throws {
        let store = MemorySeriesStore()
        let labelSets: [Labels] = [
            ["__name__": "up", "job": "web", "instance": "2"],
            ["__name__": "up", "job": "web"],
            ["__name__": "up", "job": "api", "instance": "9"],
            ["__name__": "up", "job": "api", "instance": "10"],
            ["__name__": "down", "job": "zzz"],
            ["__name__": "up", "alpha": "1"],
        ]
        // Appended out of order, one series per batch.
        for labels in labelSets {
            _ = try store.append([Series(labels: labels, samples: [Sample(timestamp: 1, value: 1)])])
        }
        let expectedAll: [Labels] = [
            ["__name__": "down", "job": "zzz"],
            ["__name__": "up", "alpha": "1"],
            ["__name__": "up", "job": "api", "instance": "10"],
            // Values compare as bytes: "10" < "2" < "9".
            ["__name__": "up", "job": "web", "instance": "2"],
            ["__name__": "up", "job": "api", "instance": "9"],
            ["__name__": "up", "job": "web"],
        ]
        let all = try store.select([try Matcher(.regexMatch, "__name__", ".+")], start: 0, end: 10)
        #expect(all.map(\.labels) == expectedAll)
        #expect(all.map(\.labels) == labelSets.sorted())

        let up = try store.series([.metricName("up")], start: 0, end: 10)
        #expect(up == Array(expectedAll.dropFirst()))
        #expect(try store.labelValues("job", matchers: [.metricName("up")], start: 0, end: 10) == ["api", "web"])
        #expect(try store.labelNames([.metricName("down")], start: 0, end: 10) == ["__name__", "job"])
        #expect(try store.select([.metricName("up")], start: 2, end: 10).isEmpty)
    }

    @Test func seriesWithoutMetricNameIsRejectedAsInvalidLabels() throws {
        let store = MemorySeriesStore()
        let unnamed: Labels = ["job": "api", "instance": "a:1"]
        let result = try store.append([
            Series(labels: unnamed, samples: MemorySeriesStoreTests.samples([(1, 1), (2, 2), (3, 3)])),
            Series(labels: MemorySeriesStoreTests.up, samples: MemorySeriesStoreTests.samples([(1, 1), (2, 2)])),
            Series(labels: Labels(["__name__": ""]), samples: MemorySeriesStoreTests.samples([(1, 1)])),
        ])
        #expect(result.accepted == 2)
        #expect(result.rejected == [.invalidLabels: 4])
        #expect(result.rejectedCount == 4)
        let example = try #require(result.examples[.invalidLabels])
        #expect(example.contains(unnamed.description))
        #expect(store.seriesCount == 1)
        #expect(try store.select([try Matcher(.equal, "job", "api")], start: .min, end: .max).count == 1)
        #expect(try store.select([try Matcher(.equal, "instance", "a:1")], start: .min, end: .max).isEmpty)
    }

    @Test func seriesWithoutSamplesIsNotCreated() throws {
        let store = MemorySeriesStore()
        let result = try store.append([Series(labels: MemorySeriesStoreTests.up, samples: [])])
        #expect(result == AppendResult())
        #expect(store.seriesCount == 0)
        #expect(try store.select([.metricName("up")], start: .min, end: .max).isEmpty)
    }

    @Test func clearRemovesEverySeries() throws {
        let store = MemorySeriesStore()
        _ = try store.append([Series(labels: MemorySeriesStoreTests.up, samples: [Sample(timestamp: 1, value: 1)])])
        #expect(store.seriesCount == 1)
        store.clear()
        #expect(store.seriesCount == 0)
        #expect(try store.select([.metricName("up")], start: .min, end: .max).isEmpty)
        _ = try store.append([Series(labels: MemorySeriesStoreTests.up, samples: [Sample(timestamp: 2, value: 2)])])
        #expect(try store.select([.metricName("up")], start: .min, end: .max).first?.samples.map(\.timestamp) == [2])
    }

    @Test(arguments: [201, 202, 203] as [UInt64])
    func randomAppendsMatchASortedModel(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let store = MemorySeriesStore()
        var model: [Labels: [Int64: Sample]] = [:]
        let labelSets: [Labels] = (0..<5).map { ["__name__": "m", "shard": String($0)] }
        for _ in 0..<40 {
            var batch: [Series] = []
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let labels = labelSets.randomElement(using: &rng)!
                let samples = (0..<Int.random(in: 1...10, using: &rng)).map { _ in
                    Sample(timestamp: Int64.random(in: -50...200, using: &rng), value: Double(rng.next() % 1_000))
                }
                for sample in samples { model[labels, default: [:]][sample.timestamp] = sample }
                batch.append(Series(labels: labels, samples: samples))
            }
            _ = try store.append(batch)
        }
        let start = Int64.random(in: -60...100, using: &rng)
        let end = start + Int64.random(in: 0...150, using: &rng)
        let expected = model.keys.sorted().compactMap { labels -> Series? in
            let samples = model[labels]!.values.filter { $0.timestamp >= start && $0.timestamp <= end }
                .sorted { $0.timestamp < $1.timestamp }
            return samples.isEmpty ? nil : Series(labels: labels, samples: samples)
        }
        let actual = try store.select([.metricName("m")], start: start, end: end)
        #expect(actual == expected, "seed \(seed), range \(start)...\(end)")
    }

    @Test func concurrentAppendsAreAllKept() async throws {
        let store = MemorySeriesStore()
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let labels: Labels = ["__name__": "m", "worker": String(worker)]
                    for timestamp in 0..<100 {
                        _ = try? store.append([
                            Series(labels: labels, samples: [Sample(timestamp: Int64(timestamp), value: 1)])
                        ])
                    }
                }
            }
        }
        let selected = try store.select([.metricName("m")], start: .min, end: .max)
        #expect(selected.count == 4)
        #expect(selected.allSatisfy { $0.samples.map(\.timestamp) == Array(0..<100) })
    }
}
