import Foundation
public import Logging
import Synchronization
public import TimeSeries

/// The embedded time-series store: an in-memory head per series, a durable log in SQLite written by group commit,
/// and Gorilla-compressed chunks in SQLite, merged on read.
///
/// `append` returns only after the accepted samples are committed (see `StoreOptions.Durability`). A background
/// writer thread moves sealed chunks to disk, trims the log and applies retention. Opening replays the log, so
/// every acknowledged sample is readable after a crash. A second process opening the same directory is refused.
public final class SeriesStore: SeriesQuerier, SampleAppender, Sendable {
    /// The options the store was opened with.
    public let options: StoreOptions
    let head: Head
    private let queue: AppendQueue
    let readers: ReaderPool
    private let lock: DirectoryLock
    private let finished = DispatchSemaphore(value: 0)
    private let logger: Logger
    /// Samples returned by `select` since the store was opened.
    let selected = Atomic<Int>(0)

    /// Opens the store in `options.directory`, creating it when missing.
    ///
    /// - Parameters:
    ///   - options: where and how to store.
    ///   - logger: receives start-up, compaction, retention and failure messages.
    /// - Throws: `StoreError` with code `.locked` when another process uses the directory, `.incompatible` for a
    ///   database from a newer version, `.io` or `.corrupt` when the database cannot be read.
    public init(options: StoreOptions, logger: Logger = Logger(label: "leakwatch.storage")) throws(StoreError) {
        try options.validate()
        self.options = options
        self.logger = logger
        do {
            try FileManager.default.createDirectory(atPath: options.directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.io, "cannot create data directory \(options.directory): \(error.localizedDescription)")
        }
        lock = try DirectoryLock(path: options.databasePath + ".lock")
        let started = Date()
        let connection: SQLiteConnection
        do {
            connection = try SQLiteConnection(path: options.databasePath)
            // auto_vacuum must be chosen before anything is written to a new file, and switching to WAL writes the
            // header: so it comes first (on an existing database it changes nothing). Retention then gives freed
            // pages back to the file system.
            try connection.execute(
                """
                PRAGMA auto_vacuum = INCREMENTAL;
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = \(options.durability == .always ? "FULL" : "NORMAL");
                PRAGMA temp_store = MEMORY;
                PRAGMA cache_size = -\(options.cacheSizeKiB);
                """)
            guard try connection.scalarString("PRAGMA journal_mode")?.lowercased() == "wal" else {
                throw StoreError(.io, "\(options.databasePath): the file system does not support SQLite's WAL mode")
            }
        } catch {
            throw StoreError.wrapping(error, while: "opening \(options.databasePath)")
        }
        try Schema.migrate(connection)
        head = Head()
        let writer = StoreWriter(options: options, head: head, connection: connection, logger: logger)
        try writer.load()
        queue = AppendQueue(
            maxQueuedSamples: options.maxQueuedSamples,
            maxSamplesPerTake: options.durability == .always ? .max : options.maxSamplesPerCommit)
        readers = ReaderPool(
            path: options.databasePath, keep: options.readConnections,
            cacheSizeKiB: options.readCacheSizeKiB)
        let queue = queue
        let finished = finished
        let thread = Thread {
            writer.run(queue: queue)
            finished.signal()
        }
        thread.name = "leakwatch-store-writer"
        thread.start()
        let statistics = statistics
        logger.info(
            "store opened",
            metadata: [
                "path": "\(options.databasePath)", "series": "\(statistics.series)",
                "active_series": "\(statistics.activeSeries)", "head_samples": "\(statistics.headSamples)",
                "seconds": "\(String(format: "%.3f", Date().timeIntervalSince(started)))",
            ])
    }

    deinit {
        if !queue.isClosing {
            queue.close()
            finished.wait()
            readers.close()
            lock.release()
        }
    }

    /// Stops accepting appends, finishes queued ones, moves every chunk to disk and closes the database.
    ///
    /// Later calls do nothing. After close, `append` throws `.closed` and reads of on-disk data fail.
    public func close() {
        guard !queue.isClosing else { return }
        queue.close()
        finished.wait()
        readers.close()
        lock.release()
        logger.info("store closed", metadata: ["path": "\(options.databasePath)"])
    }

    // MARK: - Appending

    /// Appends a batch; see `SampleAppender.append(_:)`.
    public func append(_ batch: [Series]) throws -> AppendResult {
        let count = batch.reduce(0) { $0 + $1.samples.count }
        guard count > 0 else { return AppendResult() }
        return try queue.submit(WriteRequest(.append(batch, sampleCount: count)))
    }

    /// Appends one sample per label set (`samples[i]` to the series `labels[i]`), like `append(_:)` with
    /// one-sample series but without a sample array per series. Returns once the accepted samples are committed.
    ///
    /// - Throws: `StoreError` as `append(_:)` does; a precondition fails when the arrays differ in length.
    public func append(labels: [Labels], samples: [Sample]) throws -> AppendResult {
        precondition(labels.count == samples.count, "one label set per sample")
        guard !samples.isEmpty else { return AppendResult() }
        return try queue.submit(WriteRequest(.appendSamples(labels: labels, samples: samples)))
    }

    /// Moves chunks from memory to disk now and trims the log: the sealed chunks that no sample can reach any more,
    /// or with `everything` all of them (partially filled ones included).
    public func compact(everything: Bool = false) throws {
        _ = try queue.submit(WriteRequest(.compact(everything: everything)))
    }

    /// Deletes data older than the retention period now, instead of waiting for the next scheduled run.
    public func applyRetention() throws {
        _ = try queue.submit(WriteRequest(.retention))
    }

    // MARK: - Statistics

    /// Samples returned by `select` since the store was opened (queries and rule evaluations), a measure of the
    /// memory queries have used.
    public var samplesSelected: Int { selected.load(ordering: .relaxed) }

    /// Current sizes of the index and head.
    public var statistics: StoreStatistics {
        head.lock.withReadLock {
            var chunks = 0
            var samples = 0
            var bytes = 0
            for case let memSeries? in head.series {
                chunks += memSeries.chunkCount
                memSeries.forEachChunk { _, headChunk in
                    samples += headChunk.chunk.count
                    bytes += headChunk.chunk.capacity
                }
            }
            return StoreStatistics(
                series: head.seriesCount, activeSeries: head.activeCount, headChunks: chunks,
                headSamples: samples, headChunkBytes: bytes, maxTime: head.maxTime == .min ? nil : head.maxTime)
        }
    }
}

extension SeriesStore {
    /// Bytes the database uses on disk: pages in use (free pages excluded) after checkpointing the WAL.
    public func databaseBytes() throws -> Int64 {
        try readers.withConnection { connection in
            let pages = try connection.scalarInt("PRAGMA page_count") ?? 0
            let free = try connection.scalarInt("PRAGMA freelist_count") ?? 0
            let size = try connection.scalarInt("PRAGMA page_size") ?? 4096
            return (pages - free) * size
        }
    }
}
