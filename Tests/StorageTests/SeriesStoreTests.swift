import Foundation
import Logging
import Storage
import TestSupport
import Testing
import TimeSeries

struct SeriesStoreTests {
    private func options(_ directory: TemporaryDirectory) -> StoreOptions {
        var options = StoreOptions(directory: directory.path)
        options.compactionIntervalMilliseconds = 3_600_000  // tests compact explicitly
        return options
    }

    private func series(_ name: String, _ samples: [(Int64, Double)]) -> Series {
        series(name, [:], samples)
    }

    private func series(_ name: String, _ extra: [String: String], _ samples: [(Int64, Double)]) -> Series {
        var labels = extra
        labels["__name__"] = name
        return Series(labels: Labels(labels), samples: samples.map { Sample(timestamp: $0.0, value: $0.1) })
    }

    @Test func appendsAreReadableAndSurviveReopen() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        do {
            let store = try SeriesStore(options: options(directory), logger: quietLogger)
            let result = try store.append([
                series("mem", ["job": "a"], [(1_000, 1), (2_000, 2)]),
                series("mem", ["job": "b"], [(1_000, 10)]),
            ])
            #expect(result.accepted == 3)
            #expect(result.rejectedCount == 0)
            let read = try store.select([.metricName("mem")], start: 0, end: 10_000)
            #expect(read.map(\.labels) == [["__name__": "mem", "job": "a"], ["__name__": "mem", "job": "b"]])
            #expect(read[0].samples == [Sample(timestamp: 1_000, value: 1), Sample(timestamp: 2_000, value: 2)])
            store.close()
        }
        let reopened = try SeriesStore(options: options(directory), logger: quietLogger)
        defer { reopened.close() }
        let read = try reopened.select([try Matcher(.equal, "job", "a")], start: 0, end: 10_000)
        #expect(read.count == 1)
        #expect(read.first?.samples.map(\.value) == [1, 2])
    }

    @Test func logReplayRestoresHeadWithoutCleanClose() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var options = options(directory)
        options.samplesPerChunk = 4
        do {
            let store = try SeriesStore(options: options, logger: quietLogger)
            for step in 0..<10 {
                _ = try store.append([series("m", [(Int64(step) * 1_000, Double(step))])])
            }
            // No close: simulate a crash by dropping the store without the final compaction. The deinit closes, so
            // copy the database files first and reopen the copy.
            let copy = TemporaryDirectory()
            defer { copy.remove() }
            for suffix in ["", "-wal", "-shm"] {
                let source = options.databasePath + suffix
                if FileManager.default.fileExists(atPath: source) {
                    try FileManager.default.copyItem(
                        atPath: source, toPath: copy.path + "/" + options.fileName + suffix)
                }
            }
            var copyOptions = options
            copyOptions.directory = copy.path
            let recovered = try SeriesStore(options: copyOptions, logger: quietLogger)
            // Nothing had been compacted: all ten samples came back through the log into the head.
            #expect(recovered.statistics.headSamples == 10)
            let read = try recovered.select([.metricName("m")], start: 0, end: 100_000)
            #expect(read.first?.samples.map(\.value) == (0..<10).map(Double.init))
            recovered.close()
            store.close()
        }
    }

    @Test func outOfOrderWithinWindowIsSortedAndDuplicatesKeepLastValue() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var options = options(directory)
        options.outOfOrderWindowMilliseconds = 10_000
        let store = try SeriesStore(options: options, logger: quietLogger)
        defer { store.close() }
        _ = try store.append([series("m", [(20_000, 2), (30_000, 3)])])
        let result = try store.append([series("m", [(25_000, 2.5), (30_000, 33), (5_000, 0.5)])])
        #expect(result.accepted == 2)
        #expect(result.rejected[.tooOld] == 1)
        #expect(result.examples[.tooOld]?.contains("older than the out-of-order window") == true)
        let read = try store.select([.metricName("m")], start: 0, end: 100_000)
        #expect(
            read.first?.samples == [
                Sample(timestamp: 20_000, value: 2), Sample(timestamp: 25_000, value: 2.5),
                Sample(timestamp: 30_000, value: 33),
            ])
    }

    @Test func samplesOlderThanChunksOnDiskAreRejected() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try SeriesStore(options: options(directory), logger: quietLogger)
        defer { store.close() }
        _ = try store.append([series("m", [(1_000, 1), (2_000, 2)])])
        try store.compact(everything: true)
        let result = try store.append([series("m", [(1_500, 1.5), (3_000, 3)])])
        #expect(result.accepted == 1)
        #expect(result.rejected[.tooOld] == 1)
        let read = try store.select([.metricName("m")], start: 0, end: 10_000)
        #expect(read.first?.samples.map(\.timestamp) == [1_000, 2_000, 3_000])
    }

    @Test func readsMergeChunksOnDiskAndHead() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var options = options(directory)
        options.samplesPerChunk = 10
        options.outOfOrderWindowMilliseconds = 0
        let store = try SeriesStore(options: options, logger: quietLogger)
        defer { store.close() }
        for step in 0..<95 {
            _ = try store.append([series("m", [(Int64(step) * 60_000, Double(step))])])
        }
        try store.compact()
        let statistics = store.statistics
        #expect(statistics.headSamples < 95)  // sealed chunks moved to disk
        #expect(statistics.headSamples >= 5)  // the open chunk stays
        let read = try store.select([.metricName("m")], start: 0, end: Int64.max)
        #expect(read.first?.samples.map(\.value) == (0..<95).map(Double.init))
        // A window in the middle of a chunk, bounds inclusive.
        let window = try store.select([.metricName("m")], start: 15 * 60_000, end: 33 * 60_000)
        #expect(window.first?.samples.map(\.value) == (15...33).map(Double.init))
    }

    @Test func seriesLimitsRejectNewSeriesAndCountThem() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var options = options(directory)
        options.maxSeries = 3
        options.maxSeriesPerMetric = 2
        let store = try SeriesStore(options: options, logger: quietLogger)
        defer { store.close() }
        let result = try store.append([
            series("a", ["i": "1"], [(1_000, 1)]),
            series("a", ["i": "2"], [(1_000, 1)]),
            series("a", ["i": "3"], [(1_000, 1), (2_000, 2)]),
            series("b", ["i": "1"], [(1_000, 1)]),
            series("c", ["i": "1"], [(1_000, 1)]),
        ])
        #expect(result.accepted == 3)
        #expect(result.rejected[.metricSeriesLimit] == 2)
        #expect(result.rejected[.seriesLimit] == 1)
        #expect(store.statistics.activeSeries == 3)
        // Existing series keep accepting samples at the cap.
        #expect(try store.append([series("a", ["i": "1"], [(2_000, 2)])]).accepted == 1)
    }

    @Test func parallelLabelAndSampleArraysAppendLikeSeries() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try SeriesStore(options: options(directory), logger: quietLogger)
        defer { store.close() }
        let a: Labels = ["__name__": "mem", "job": "a"]
        let b: Labels = ["__name__": "mem", "job": "b"]
        let result = try store.append(
            labels: [a, b, a, ["job": "no name"], a],
            samples: [
                Sample(timestamp: 2_000, value: 2), Sample(timestamp: 1_000, value: 10),
                Sample(timestamp: 3_000, value: 3), Sample(timestamp: 1_000, value: 1),
                Sample(timestamp: 3_000, value: 33),
            ])
        #expect(result.accepted == 4)
        #expect(result.rejected[.invalidLabels] == 1)
        let read = try store.select([.metricName("mem")], start: 0, end: 10_000)
        #expect(read.map(\.labels) == [a, b])
        // The repeated timestamp keeps the last value, as within one series.
        #expect(read.first?.samples == [Sample(timestamp: 2_000, value: 2), Sample(timestamp: 3_000, value: 33)])
        #expect(try store.append(labels: [], samples: []).accepted == 0)
    }

    @Test func invalidLabelSetsAreRejected() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try SeriesStore(options: options(directory), logger: quietLogger)
        defer { store.close() }
        let result = try store.append([Series(labels: ["job": "x"], samples: [Sample(timestamp: 1, value: 1)])])
        #expect(result.accepted == 0)
        #expect(result.rejected[.invalidLabels] == 1)
    }

    @Test func secondOpenOfSameDirectoryFailsClearly() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try SeriesStore(options: options(directory), logger: quietLogger)
        defer { store.close() }
        let error = #expect(throws: StoreError.self) {
            _ = try SeriesStore(options: options(directory), logger: quietLogger)
        }
        #expect(error?.code == .locked)
        #expect(error?.message.contains("in use by process \(getpid())") == true)
    }

    @Test func retentionDropsOldChunksAndForgetsEmptySeries() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var options = options(directory)
        options.retentionMilliseconds = 3_600_000
        let store = try SeriesStore(options: options, logger: quietLogger)
        defer { store.close() }
        _ = try store.append([series("old", [(0, 1)]), series("new", [(0, 1)])])
        try store.compact(everything: true)
        _ = try store.append([series("new", [(7_200_000, 2)])])
        try store.compact(everything: true)
        try store.applyRetention()
        #expect(try store.select([.metricName("old")], start: 0, end: .max).isEmpty)
        #expect(try store.select([.metricName("new")], start: 0, end: .max).first?.samples.count == 1)
        #expect(try store.labelValues("__name__", matchers: [], start: 0, end: .max) == ["new"])
    }

    @Test func staleMarkersAndNaNRoundTripBitExact() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let values = [Sample.staleMarker, Double.nan, Double(bitPattern: Sample.normalNaNBits), -0.0, .infinity]
        do {
            let store = try SeriesStore(options: options(directory), logger: quietLogger)
            _ = try store.append([series("m", values.enumerated().map { (Int64($0.offset), $0.element) })])
            store.close()
        }
        let store = try SeriesStore(options: options(directory), logger: quietLogger)
        defer { store.close() }
        let read = try store.select([.metricName("m")], start: 0, end: 10)
        #expect(read.first?.samples.map(\.value.bitPattern) == values.map(\.bitPattern))
        #expect(read.first?.samples.first?.isStale == true)
        #expect(read.first?.samples[1].isStale == false)
    }

    @Test("a new database uses incremental auto-vacuum, so retention can give freed pages back")
    func newDatabaseUsesIncrementalAutoVacuum() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try SeriesStore(options: options(directory), logger: quietLogger)
        _ = try store.append(
            (0..<200).map { index in series("m", ["i": "\(index)"], (0..<50).map { (Int64($0) * 60_000, Double($0)) }) }
        )
        store.close()  // the final compaction empties the log; its pages must not stay behind as free pages
        let connection = try SQLiteConnection(path: options(directory).databasePath)
        #expect(try connection.scalarInt("PRAGMA auto_vacuum") == 2)  // 2 = INCREMENTAL
        #expect(try connection.scalarInt("PRAGMA freelist_count") == 0)
        #expect(try connection.scalarString("PRAGMA journal_mode")?.lowercased() == "wal")
        try connection.close()
    }

    @Test func databaseFromNewerSchemaIsRefused() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try SeriesStore(options: options(directory), logger: quietLogger).close()
        let connection = try SQLiteConnection(path: options(directory).databasePath)
        try connection.execute("PRAGMA user_version = 99")
        try connection.close()
        let error = #expect(throws: StoreError.self) {
            _ = try SeriesStore(options: options(directory), logger: quietLogger)
        }
        #expect(error?.code == .incompatible)
        #expect(error?.message.contains("schema version 99") == true)
    }

    @Test func windowsOverManySeriesGetOnlyTheirOwnSamplesAndAreCounted() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var options = options(directory)
        options.samplesPerChunk = 10
        options.outOfOrderWindowMilliseconds = 0
        let store = try SeriesStore(options: options, logger: quietLogger)
        defer { store.close() }
        // Series of different lengths, so a window holds a different number of samples in each.
        let lengths = [95, 12, 40, 3]
        for step in 0..<95 {
            let batch = lengths.enumerated().compactMap { index, length -> Series? in
                step < length
                    ? series("m", ["i": "\(index)"], [(Int64(step) * 60_000, Double(index * 1_000 + step))])
                    : nil
            }
            _ = try store.append(batch)
        }
        try store.compact()
        #expect(store.statistics.headSamples < 95 + 12 + 40 + 3)
        let before = store.samplesSelected
        let window = try store.select([.metricName("m")], start: 8 * 60_000, end: 35 * 60_000)
        #expect(window.map { $0.labels["i"] } == ["0", "1", "2"])  // series 3 ends before the window
        for (index, length) in lengths.prefix(3).enumerated() {
            let expected = (8...min(35, length - 1)).map { Double(index * 1_000 + $0) }
            #expect(window[index].samples.map(\.value) == expected)
        }
        #expect(store.samplesSelected - before == window.reduce(0) { $0 + $1.samples.count })
        #expect(store.samplesSelected - before == 28 + 4 + 28)
    }

    @Test func aZeroReadCacheIsRefused() {
        var options = StoreOptions(directory: "/tmp/x")
        options.readCacheSizeKiB = 0
        let error = #expect(throws: StoreError.self) { _ = try SeriesStore(options: options, logger: quietLogger) }
        #expect(error?.message.contains("cache sizes") == true)
    }

    @Test func invalidOptionsAreRejectedWithTheirName() {
        var options = StoreOptions(directory: "")
        #expect(throws: StoreError.self) { _ = try SeriesStore(options: options, logger: quietLogger) }
        options = StoreOptions(directory: "/tmp/x")
        options.samplesPerChunk = 1
        let error = #expect(throws: StoreError.self) { _ = try SeriesStore(options: options, logger: quietLogger) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("samples per chunk") == true)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedClearly() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let options = options(directory)
        try Data(repeating: 0x41, count: 8_192).write(to: URL(fileURLWithPath: options.databasePath))
        let error = #expect(throws: StoreError.self) { _ = try SeriesStore(options: options, logger: quietLogger) }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("not a database") == true, "\(String(describing: error))")
    }
}
