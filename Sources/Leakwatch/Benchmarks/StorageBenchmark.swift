import Foundation
import Logging
import Storage
import TimeSeries

#if canImport(Glibc)
    import Glibc
#endif

/// `leakwatch bench storage`: measures the store against the figures of the storage issue and prints them beside a
/// baseline measured in the same run (naive row-per-sample SQLite). Prints figures, never pass/fail.
public struct StorageBenchmark: Sendable {
    /// Series in the append, disk, read and restart workloads.
    public var seriesCount = 10_000
    /// Timestamps (one batch of all series each) in the append workload.
    public var timestamps = 720
    /// Timestamps in the naive baseline (it slows as its table grows, so it runs a prefix of the workload).
    public var baselineTimestamps = 60
    /// Total samples stored for the restart figure.
    public var restartSamples = 10_000_000
    /// Series in the memory workload.
    public var memorySeries = 50_000
    /// Where to put the databases; a temporary directory by default.
    public var directory: String?
    /// Receives progress lines and results.
    public var output: @Sendable (String) -> Void = { print($0) }

    /// Creates a benchmark with the default sizes.
    public init() {}

    /// Runs every phase and prints the figures.
    public func run() throws {
        let root = directory ?? NSTemporaryDirectory() + "leakwatch-bench-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
        output(
            "leakwatch storage benchmark — \(BenchmarkMachine.description), SQLite \(SQLiteConnection.libraryVersion)")
        try memory(root + "/memory")
        let workload = MemoryGaugeWorkload(seriesCount: seriesCount)
        let naive = try naiveBaseline(root + "/naive", workload)
        let store = try appendThroughput(root + "/store", workload, baseline: naive)
        try diskAndReads(store, workload)
        try restart(root + "/store", workload, store: store)
    }

    private var quiet: Logger {
        var logger = Logger(label: "leakwatch.bench")
        logger.logLevel = .error
        return logger
    }

    private func options(_ path: String) -> StoreOptions {
        var options = StoreOptions(directory: path)
        // The workload's timestamps are fixed in the past; keep retention from measuring deletion instead.
        options.retentionMilliseconds = 400 * 86_400_000
        return options
    }

    // MARK: - Phases

    private func naiveBaseline(_ path: String, _ workload: MemoryGaugeWorkload) throws -> Double {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let connection = try SQLiteConnection(path: path + "/naive.sqlite")
        try connection.execute(
            """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
            CREATE TABLE samples (series INTEGER, ts INTEGER, value REAL, PRIMARY KEY (series, ts)) WITHOUT ROWID;
            """)
        let insert = try connection.cached("INSERT INTO samples (series, ts, value) VALUES (?, ?, ?)")
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for index in 0..<baselineTimestamps {
                let timestamp = workload.timestamp(index)
                try connection.transaction {
                    for series in 0..<workload.seriesCount {
                        insert.bind(Int64(series), at: 1)
                        insert.bind(timestamp, at: 2)
                        insert.bind(workload.value(series: series, index: index), at: 3)
                        try insert.run()
                    }
                }
            }
        }
        let samples = baselineTimestamps * workload.seriesCount
        let rate = Double(samples) / elapsed.seconds
        let bytes = try databaseBytes(connection)
        try connection.close()
        output(
            String(
                format: "baseline  naive row-per-sample SQLite: %@ samples in %.2f s = %@ samples/s, %.1f bytes/sample",
                samples.grouped, elapsed.seconds, (Int(rate)).grouped, Double(bytes) / Double(samples)))
        return rate
    }

    private func appendThroughput(_ path: String, _ workload: MemoryGaugeWorkload, baseline: Double) throws
        -> SeriesStore
    {
        let store = try SeriesStore(options: options(path), logger: quiet)
        let batches = (0..<timestamps).map { workload.batch($0) }  // built up front: measure the store only
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for batch in batches { _ = try store.append(batch) }
        }
        let samples = timestamps * workload.seriesCount
        let rate = Double(samples) / elapsed.seconds
        output(
            String(
                format: "append    %@ series × %d timestamps, one batch per timestamp: %.2f s = %@ samples/s "
                    + "(%.1f× the naive baseline; target ≥ 1,500,000)", workload.seriesCount.grouped, timestamps,
                elapsed.seconds, (Int(rate)).grouped, rate / baseline))
        return store
    }

    private func diskAndReads(_ store: SeriesStore, _ workload: MemoryGaugeWorkload) throws {
        let clock = ContinuousClock()
        try store.compact()
        let end = workload.timestamp(timestamps - 1)
        let matchers = [Matcher.metricName("process_memory_rss_bytes")]
        // The newest 2h right after ingest: the head's open chunks plus the newest sealed chunks on disk.
        try rangeRead(
            store, matchers, end: end,
            label: "read      all samples of \(workload.seriesCount.grouped) "
                + "series over the newest 2h (\(store.statistics.headSamples.grouped) samples in the head)")
        let flushed = try clock.measure { try store.compact(everything: true) }
        try rangeRead(
            store, matchers, end: end - 4 * 3_600_000,
            label: "read      all samples of \(workload.seriesCount.grouped) series over 2h from chunks on disk only")
        let bytes = try store.databaseBytes()
        let stored = timestamps * workload.seriesCount
        output(
            String(
                format: "disk      after chunking %@ samples (compaction %.2f s): %.2f bytes/sample "
                    + "(target ≤ 3; naive layout above)", stored.grouped, flushed.seconds,
                Double(bytes) / Double(stored)))
    }

    private func rangeRead(_ store: SeriesStore, _ matchers: [Matcher], end: Int64, label: String) throws {
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000)
        var samples = 0
        for _ in 0..<(ProcessInfo.processInfo.environment["READ_REPEAT"].flatMap { Int($0) } ?? 5) {
            var read: [Series] = []
            let elapsed = try clock.measure {
                read = try store.select(matchers, start: end - 2 * 3_600_000 + 1, end: end)
            }
            samples = read.reduce(0) { $0 + $1.samples.count }
            best = min(best, elapsed)
        }
        output(
            String(
                format: "%@: %@ samples in %.1f ms = %@ samples/s (best of 5; target ≥ 20,000,000)", label,
                samples.grouped, best.seconds * 1000, Int(Double(samples) / best.seconds).grouped))
    }

    private func restart(_ path: String, _ workload: MemoryGaugeWorkload, store: SeriesStore) throws {
        let clock = ContinuousClock()
        let extra = max(0, restartSamples / workload.seriesCount - timestamps)
        for index in timestamps..<(timestamps + extra) { _ = try store.append(workload.batch(index)) }
        let total = (timestamps + extra) * workload.seriesCount
        // A crash leaves the head in the log: copy the files while the store is open, then reopen the copy.
        let crashCopy = path + "-crash"
        try copyDatabase(from: store.options, to: crashCopy)
        store.close()
        var reopened: SeriesStore?
        let clean = try clock.measure { reopened = try SeriesStore(options: options(path), logger: quiet) }
        reopened?.close()
        var recovered: SeriesStore?
        let replay = try clock.measure { recovered = try SeriesStore(options: options(crashCopy), logger: quiet) }
        let headSamples = recovered?.statistics.headSamples ?? 0
        recovered?.close()
        output(
            String(
                format: "restart   %@ samples stored: ready in %.3f s after a clean stop, %.3f s after a crash "
                    + "(log replay of %@ head samples) (target < 2 s)", total.grouped, clean.seconds, replay.seconds,
                headSamples.grouped))
    }

    private func memory(_ path: String) throws {
        var options = options(path)
        options.cacheSizeKiB = 2_048
        options.maxSeries = memorySeries * 2
        options.maxSeriesPerMetric = memorySeries * 2
        let workload = MemoryGaugeWorkload(seriesCount: memorySeries)
        let store = try SeriesStore(options: options, logger: quiet)
        defer { store.close() }
        let sqliteBefore = SQLiteConnection.processMemoryUsed
        let rssBefore = residentBytes()
        // 2h of 1-minute samples, appended in slices so the log buffers stay small.
        for index in 0..<120 {
            for slice in stride(from: 0, to: memorySeries, by: 10_000) {
                _ = try store.append(workload.batch(index, series: slice..<min(slice + 10_000, memorySeries)))
            }
        }
        try store.compact()
        let sqlite = Int(SQLiteConnection.processMemoryUsed - sqliteBefore)
        let rss = residentBytes() - rssBefore
        let statistics = store.statistics
        output(
            String(
                format: "memory    %@ active series with 2h of 1-minute samples in the head: %@ bytes/series of "
                    + "resident memory without SQLite's page cache (%@ with it); head chunks %.2f bytes/sample "
                    + "(target ≤ 1 KiB/series)", statistics.activeSeries.grouped,
                ((rss - sqlite) / memorySeries).grouped,
                (rss / memorySeries).grouped, Double(statistics.headChunkBytes) / Double(max(1, statistics.headSamples))
            ))
    }

    // MARK: - Helpers

    private func copyDatabase(from options: StoreOptions, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: options.databasePath + suffix) {
            try FileManager.default.copyItem(
                atPath: options.databasePath + suffix,
                toPath: directory + "/" + options.fileName + suffix)
        }
    }

    private func databaseBytes(_ connection: SQLiteConnection) throws -> Int64 {
        let pages = try connection.scalarInt("PRAGMA page_count") ?? 0
        let free = try connection.scalarInt("PRAGMA freelist_count") ?? 0
        let size = try connection.scalarInt("PRAGMA page_size") ?? 4096
        return (pages - free) * size
    }

    private func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
