/// Settings of a `SeriesStore`. Every field has a default suited to a production server.
public struct StoreOptions: Sendable {
    /// How hard a commit tries to reach the disk.
    public enum Durability: String, Sendable, CaseIterable {
        /// `synchronous=NORMAL`: an acknowledged append survives the process being killed, not a power loss.
        case normal
        /// `synchronous=FULL`: every commit is fsynced; an acknowledged append survives a power loss too.
        case always
    }

    /// The data directory; created when missing.
    public var directory: String
    /// The database file name inside `directory`.
    public var fileName: String = "leakwatch.sqlite"
    /// Chunks whose newest sample is older than this (relative to the newest sample in the store) are deleted.
    public var retentionMilliseconds: Int64 = 15 * 86_400_000
    /// Commit durability.
    public var durability: Durability = .normal
    /// Maximum active series (series with samples in the in-memory head); new series beyond it are rejected.
    public var maxSeries: Int = 1_000_000
    /// Maximum active series per metric name.
    public var maxSeriesPerMetric: Int = 100_000
    /// Maximum labels on one series.
    public var maxLabelsPerSeries: Int = 64
    /// How far behind its newest sample a series may still accept a sample (out-of-order window).
    public var outOfOrderWindowMilliseconds: Int64 = 3_600_000
    /// Samples further than this ahead of the machine's clock are rejected, so one bad clock cannot make
    /// retention drop everything else.
    public var maxFutureMilliseconds: Int64 = 3_600_000
    /// A chunk is sealed after this many samples.
    public var samplesPerChunk: Int = 120
    /// Chunks never span a boundary of this aligned range (like Prometheus's 2h head chunks).
    public var chunkRangeMilliseconds: Int64 = 7_200_000
    /// A series with no sample for this long (relative to the newest sample in the store) is moved to disk whole.
    public var idleSeriesMilliseconds: Int64 = 3_600_000
    /// How often the background writer moves sealed chunks to disk and trims the log.
    public var compactionIntervalMilliseconds: Int = 10_000
    /// How often retention runs.
    public var retentionIntervalMilliseconds: Int = 600_000
    /// Chunks written per compaction transaction, so appends never wait long behind one.
    public var chunksPerCompactionTransaction: Int = 20_000
    /// Samples that may wait in the append queue; beyond it `append` fails with `.overloaded`.
    public var maxQueuedSamples: Int = 2_000_000
    /// Samples one commit takes from the append queue before answering its callers (at least one request is
    /// always taken). Small groups answer large requests sooner, so their senders' next requests are translated
    /// while the writer works; many small requests still share one commit. With `durability` `.always` every
    /// commit is an fsync, so the queue is then taken whole and this is ignored.
    public var maxSamplesPerCommit: Int = 4_096
    /// SQLite page cache of the writer connection, in KiB.
    public var cacheSizeKiB: Int = 32_768
    /// SQLite page cache of each read connection, in KiB. A query reads each chunk page once, so a large cache
    /// mostly keeps a private copy of the database per connection that the kernel's page cache already holds;
    /// 2 MiB keeps the B-tree's inner pages.
    public var readCacheSizeKiB: Int = 2_048
    /// Read connections kept for concurrent queries.
    public var readConnections: Int = 4

    /// Creates options for a store in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The database file path.
    public var databasePath: String {
        directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
    }

    func validate() throws(StoreError) {
        func require(_ condition: Bool, _ message: String) throws(StoreError) {
            if !condition { throw StoreError(.invalidArgument, message) }
        }
        try require(!directory.isEmpty, "data directory must not be empty")
        try require(retentionMilliseconds > 0, "retention must be positive")
        try require(maxSeries > 0 && maxSeriesPerMetric > 0, "series limits must be positive")
        try require(outOfOrderWindowMilliseconds >= 0, "out-of-order window must not be negative")
        try require((2...65_535).contains(samplesPerChunk), "samples per chunk must be in 2...65535")
        try require(chunkRangeMilliseconds >= 1_000, "chunk range must be at least 1s")
        try require(
            compactionIntervalMilliseconds > 0 && retentionIntervalMilliseconds > 0, "intervals must be positive")
        try require(cacheSizeKiB > 0 && readCacheSizeKiB > 0, "cache sizes must be positive")
        try require(maxQueuedSamples > 0 && readConnections > 0, "queue and pool sizes must be positive")
        try require(maxSamplesPerCommit > 0, "samples per commit must be positive")
    }
}
