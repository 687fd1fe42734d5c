import Foundation
import Logging
import TimeSeries

/// The single writer: applies append batches to the head and commits them to the log (group commit), moves
/// chunks from the head to the `chunks` table, trims the log and applies retention. Runs on its own thread and is
/// the only code that mutates the head or writes SQLite.
final class StoreWriter: @unchecked Sendable {
    // @unchecked: after `open`, every field is touched only by the writer thread.
    let options: StoreOptions
    let head: Head
    let connection: SQLiteConnection
    let logger: Logger
    /// Id of the newest log row written.
    private(set) var lastLogID: Int64 = 0
    /// Series created in the head whose `series` row has not been committed yet (after a failed commit).
    private var unpersistedSeries: [(PostingsIndex.ID, Labels)] = []
    /// Index into `head.series` where the next retention step starts.
    var retentionCursor = 0
    /// Id of the oldest log row that may still exist (rows below it were trimmed).
    var oldestLogID: Int64 = 1
    /// Reused buffer for one series' accepted samples.
    private var scratch: [Sample] = []

    init(options: StoreOptions, head: Head, connection: SQLiteConnection, logger: Logger) {
        self.options = options
        self.head = head
        self.connection = connection
        self.logger = logger
    }

    // MARK: - Startup

    /// Loads the series index, each series' newest chunk time and replays the log into the head.
    func load() throws(StoreError) {
        do {
            // One read transaction for all of it: SQLite takes and drops its file locks once, not per statement
            // (10,000 series' newest-chunk lookups were mostly fcntl calls).
            try connection.transaction(.deferred) { try loadRows() }
        } catch {
            throw StoreError.wrapping(error, while: "loading \(connection.path)")
        }
    }

    private func loadRows() throws {
        let seriesRows = try connection.prepare("SELECT id, labels FROM series ORDER BY id")
        while try seriesRows.step() {
            let id = seriesRows.int64(0)
            guard id > 0, id <= Int64(UInt32.max) else {
                throw StoreError(.corrupt, "series id \(id) out of range")
            }
            let labels = try seriesRows.withBlob(1) { raw in try LabelsCodec.decode(raw) }
            _ = head.addSeries(labels, id: PostingsIndex.ID(id))
        }
        let newest = try connection.prepare(
            "SELECT max_time FROM chunks WHERE series_id = ? ORDER BY min_time DESC LIMIT 1")
        for case let memSeries? in head.series {
            newest.reset()
            newest.bind(Int64(memSeries.id), at: 1)
            if try newest.step() {
                memSeries.persistedMaxTime = newest.int64(0)
                memSeries.maxTime = memSeries.persistedMaxTime
                head.maxTime = max(head.maxTime, memSeries.maxTime)
            }
        }
        var replayed = 0
        var rows = 0
        let log = try connection.prepare("SELECT id, data FROM log ORDER BY id")
        while try log.step() {
            let logID = log.int64(0)
            lastLogID = max(lastLogID, logID)
            rows += 1
            try log.withBlob(1) { raw in
                try LogRecordReader.forEachRun(raw) { id, samples throws(StoreError) in
                    // A series retention forgot may still appear in an untrimmed row; its data is expired.
                    guard let memSeries = head[id] else {
                        head.nextID = max(head.nextID, id + 1)
                        return
                    }
                    for sample in samples where sample.timestamp > memSeries.persistedMaxTime {
                        insert(sample, into: memSeries, logID: logID)
                        replayed += 1
                    }
                }
            }
        }
        if let minLog = try connection.scalarInt("SELECT min(id) FROM log"), minLog > 0 { oldestLogID = minLog }
        logger.debug(
            "store loaded",
            metadata: [
                "series": "\(head.seriesCount)", "log_rows": "\(rows)", "replayed_samples": "\(replayed)",
            ])
    }

    private func insert(_ sample: Sample, into memSeries: MemSeries, logID: Int64) {
        let wasActive = memSeries.isActive
        memSeries.insert(
            sample, logID: logID, samplesPerChunk: options.samplesPerChunk,
            chunkRange: options.chunkRangeMilliseconds)
        if !wasActive { head.setActive(memSeries, true) }
        if sample.timestamp > head.maxTime { head.maxTime = sample.timestamp }
    }

    // MARK: - The thread

    /// The writer loop: serves queued requests, compacts and applies retention on schedule, and on close drains
    /// the queue, moves every chunk to disk and checkpoints the WAL.
    func run(queue: AppendQueue) {
        var nextCompaction = Date(timeIntervalSinceNow: Double(options.compactionIntervalMilliseconds) / 1000)
        var nextRetention = Date(timeIntervalSinceNow: Double(options.retentionIntervalMilliseconds) / 1000)
        while true {
            let (requests, closing) = queue.take(until: min(nextCompaction, nextRetention))
            if !requests.isEmpty {
                serve(requests, queue: queue)
            } else if closing {
                break
            }
            let now = Date()
            if now >= nextCompaction {
                // A step is bounded; when work remains, come back right after serving queued appends.
                let more = (try? compactStep(everything: false)) ?? false
                nextCompaction =
                    more ? now : now.addingTimeInterval(Double(options.compactionIntervalMilliseconds) / 1000)
            }
            if now >= nextRetention {
                // Like compaction, a pass runs in bounded steps with queued appends served in between.
                let more = (try? retentionStep()) ?? false
                nextRetention =
                    more ? now : now.addingTimeInterval(Double(options.retentionIntervalMilliseconds) / 1000)
            }
        }
        shutdown()
    }

    private func serve(_ requests: [WriteRequest], queue: AppendQueue) {
        var appends: [WriteRequest] = []
        for request in requests {
            if request.isAppend {
                appends.append(request)
                continue
            }
            // Control requests run in queue order, after the appends queued before them.
            if !appends.isEmpty {
                queue.complete(appends, commit(appends))
                appends = []
            }
            queue.complete([request], [control(request)])
        }
        if !appends.isEmpty { queue.complete(appends, commit(appends)) }
    }

    private func control(_ request: WriteRequest) -> Result<AppendResult, StoreError> {
        do throws(StoreError) {
            switch request.kind {
            case .compact(let everything):
                while try compactStep(everything: everything) {}
            case .retention:
                retentionCursor = 0
                while try retentionStep() {}
            case .append, .appendSamples:
                break
            }
            return .success(AppendResult())
        } catch {
            return .failure(error)
        }
    }

    private func shutdown() {
        do {
            while try compactStep(everything: true) {}
            // The emptied log leaves free pages behind: give them back so the file holds only chunks and series.
            try connection.execute("PRAGMA incremental_vacuum")
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        } catch {
            logger.error("final compaction failed; the log still holds every sample", metadata: ["error": "\(error)"])
        }
        do {
            try connection.close()
        } catch {
            logger.error("closing the database failed", metadata: ["error": "\(error)"])
        }
    }

    // MARK: - Appends (group commit)

    /// Applies a group of append requests to the head and commits their accepted samples as one log row.
    private func commit(_ requests: [WriteRequest]) -> [Result<AppendResult, StoreError>] {
        let logID = lastLogID + 1
        let totalSamples = requests.reduce(0) { $0 + $1.sampleCount }
        var record = LogRecordWriter(capacity: totalSamples * 11 + 16)
        var newSeries: [(PostingsIndex.ID, Labels)] = []
        var results = [AppendResult](repeating: AppendResult(), count: requests.count)
        let futureLimit = Int64(Date().timeIntervalSince1970 * 1000) &+ options.maxFutureMilliseconds
        head.lock.withWriteLock {
            for (index, request) in requests.enumerated() {
                // Elements borrowed from the buffers: no reference counting per series on this one busy thread.
                switch request.kind {
                case .append(let batch, _):
                    batch.withUnsafeBufferPointer { entries in
                        for position in entries.indices where !entries[position].samples.isEmpty {
                            entries[position].samples.withUnsafeBufferPointer { samples in
                                apply(
                                    entries[position].labels, samples, logID: logID, futureLimit: futureLimit,
                                    record: &record, newSeries: &newSeries, result: &results[index])
                            }
                        }
                    }
                case .appendSamples(let labels, let samples):
                    labels.withUnsafeBufferPointer { labels in
                        samples.withUnsafeBufferPointer { samples in
                            for position in samples.indices {
                                apply(
                                    labels[position], UnsafeBufferPointer(rebasing: samples[position...position]),
                                    logID: logID, futureLimit: futureLimit, record: &record, newSeries: &newSeries,
                                    result: &results[index])
                            }
                        }
                    }
                case .compact, .retention:
                    continue
                }
            }
        }
        let seriesRows = unpersistedSeries + newSeries
        if record.sampleCount == 0 && seriesRows.isEmpty {
            return results.map { .success($0) }
        }
        do {
            try connection.transaction {
                if !seriesRows.isEmpty {
                    let insertSeries = try connection.cached("INSERT OR IGNORE INTO series (id, labels) VALUES (?, ?)")
                    for (id, labels) in seriesRows {
                        insertSeries.bind(Int64(id), at: 1)
                        insertSeries.bind(LabelsCodec.encode(labels), at: 2)
                        try insertSeries.run()
                    }
                }
                if record.sampleCount > 0 {
                    let insertLog = try connection.cached("INSERT INTO log (id, data) VALUES (?, ?)")
                    insertLog.bind(logID, at: 1)
                    insertLog.bind(record.bytes, at: 2)
                    try insertLog.run()
                }
            }
            if record.sampleCount > 0 { lastLogID = logID }
            unpersistedSeries = []
            return results.map { .success($0) }
        } catch {
            unpersistedSeries = seriesRows
            let storeError =
                StoreError.wrapping(error, while: "committing appends")
            logger.error("append commit failed", metadata: ["error": "\(storeError)"])
            return requests.map { _ in .failure(storeError) }
        }
    }

    /// Validates one series' samples, applies the accepted ones to the head and adds them to the log record.
    private func apply(
        _ labels: Labels, _ given: UnsafeBufferPointer<Sample>, logID: Int64, futureLimit: Int64,
        record: inout LogRecordWriter, newSeries: inout [(PostingsIndex.ID, Labels)], result: inout AppendResult
    ) {
        let count = given.count
        var memSeries = head.series(with: labels)
        if let found = memSeries, !found.labelsAdopted, !found.labels.sharesStorage(with: labels) {
            // Equal, but another copy: keep the sender's once, so a sender that reuses its label sets (the OTLP
            // cache) is matched by storage identity from now on. Only once: senders that build new label sets per
            // request would otherwise make this thread free the previous copy on every sample.
            found.labels = labels
            found.labelsAdopted = true
        }
        if memSeries?.isActive != true {
            // A series taking samples now was checked when it became active; only others need the checks.
            guard let metric = labels.metricName else {
                result.reject(.invalidLabels, count: count, example: "series \(labels) has no metric name")
                return
            }
            guard labels.count <= options.maxLabelsPerSeries, !labels.contains(where: { $0.name.isEmpty }) else {
                result.reject(
                    .invalidLabels, count: count,
                    example:
                        "series \(labels) has an empty label name or more than \(options.maxLabelsPerSeries) labels")
                return
            }
            if head.activeCount >= options.maxSeries {
                result.reject(
                    .seriesLimit, count: count,
                    example: "series \(labels) would exceed the limit of \(options.maxSeries) active series")
                return
            }
            if head.activePerMetric[metric, default: 0] >= options.maxSeriesPerMetric {
                result.reject(
                    .metricSeriesLimit, count: count,
                    example: "series \(labels) would exceed the limit of \(options.maxSeriesPerMetric) active "
                        + "series for metric \(metric)")
                return
            }
        }
        if memSeries == nil {
            let created = head.addSeries(labels)
            newSeries.append((created.id, created.labels))
            memSeries = created
        }
        guard let memSeries else { return }
        if !StoreWriter.isSorted(given) {
            // Stable, so a repeated timestamp keeps the order given and the last value wins.
            let sorted = given.enumerated()
                .sorted {
                    $0.element.timestamp != $1.element.timestamp
                        ? $0.element.timestamp < $1.element.timestamp : $0.offset < $1.offset
                }
                .map(\.element)
            sorted.withUnsafeBufferPointer { sortedSamples in
                insert(
                    sortedSamples, labels: labels, into: memSeries, logID: logID, futureLimit: futureLimit,
                    record: &record, result: &result)
            }
        } else {
            insert(
                given, labels: labels, into: memSeries, logID: logID, futureLimit: futureLimit, record: &record,
                result: &result)
        }
    }

    /// Checks each sample against the out-of-order window and the clock, adds the accepted ones to the series' head
    /// chunks and to the log record.
    private func insert(
        _ samples: UnsafeBufferPointer<Sample>, labels: Labels, into memSeries: MemSeries, logID: Int64,
        futureLimit: Int64, record: inout LogRecordWriter, result: inout AppendResult
    ) {
        scratch.removeAll(keepingCapacity: true)
        for sample in samples {
            // Timestamps before -2^62 ms (146 million years BC) are refused so chunk deltas cannot overflow.
            if sample.timestamp <= memSeries.persistedMaxTime || sample.timestamp < -(1 << 62)
                || (memSeries.maxTime != .min
                    && sample.timestamp < memSeries.maxTime &- options.outOfOrderWindowMilliseconds)
            {
                result.reject(
                    .tooOld,
                    example: "series \(labels): sample at \(sample.timestamp) is older than "
                        + "the out-of-order window (newest \(memSeries.maxTime))")
                continue
            }
            if sample.timestamp > futureLimit {
                result.reject(
                    .tooFarInFuture,
                    example: "series \(labels): sample at \(sample.timestamp) is more "
                        + "than \(options.maxFutureMilliseconds / 1000)s ahead of this machine's clock")
                continue
            }
            insert(sample, into: memSeries, logID: logID)
            scratch.append(sample)
        }
        guard !scratch.isEmpty else { return }
        result.accepted += scratch.count
        record.beginRun(series: memSeries.id, count: scratch.count)
        for sample in scratch { record.add(sample) }
    }

    private static func isSorted(_ samples: UnsafeBufferPointer<Sample>) -> Bool {
        var index = 1
        while index < samples.count {
            if samples[index - 1].timestamp >= samples[index].timestamp { return false }
            index += 1
        }
        return true
    }
}
