import Logging
import TimeSeries

extension StoreWriter {
    /// One chunk leaving the head.
    private struct Outgoing {
        let series: MemSeries
        let chunkCount: Int
        let maxTime: Int64
    }

    /// Moves up to `chunksPerCompactionTransaction` flushable chunks to the `chunks` table and trims the log rows
    /// whose samples are all on disk, in one transaction; then drops those chunks from the head.
    ///
    /// A chunk is flushable when sealed and older than its series' out-of-order window, or when its series has been
    /// idle for `idleSeriesMilliseconds`; with `everything` every head chunk is (shutdown, explicit flush).
    /// - Returns: whether flushable chunks remain for another step.
    @discardableResult
    func compactStep(everything: Bool) throws(StoreError) -> Bool {
        let idleBefore = head.maxTime &- options.idleSeriesMilliseconds
        var outgoing: [Outgoing] = []
        var rows: [(PostingsIndex.ID, SampleChunk)] = []
        var more = false
        var watermark = Int64.max
        // The writer thread is the only mutator, so it reads the head without the lock here.
        for case let memSeries? in head.series where memSeries.isActive {
            var count = 0
            if !more {
                let idle = everything || memSeries.maxTime < idleBefore
                count = memSeries.flushableCount(outOfOrderWindow: options.outOfOrderWindowMilliseconds, idle: idle)
                if rows.count + count > options.chunksPerCompactionTransaction, !rows.isEmpty {
                    more = true
                    count = 0
                }
            }
            var lastMaxTime = Int64.min
            memSeries.forEachChunk { index, head in
                if index < count {
                    rows.append((memSeries.id, head.chunk))
                    lastMaxTime = head.chunk.maxTime
                } else {
                    watermark = min(watermark, head.minLogID)
                }
            }
            if count > 0 { outgoing.append(Outgoing(series: memSeries, chunkCount: count, maxTime: lastMaxTime)) }
        }
        if watermark == .max { watermark = lastLogID + 1 }
        guard !rows.isEmpty || hasLogRows(below: watermark) else { return false }
        do {
            try connection.transaction {
                let insert = try connection.cached(
                    "INSERT INTO chunks (series_id, min_time, max_time, data) VALUES (?, ?, ?, ?)")
                for (id, chunk) in rows {
                    insert.bind(Int64(id), at: 1)
                    insert.bind(chunk.minTime, at: 2)
                    insert.bind(chunk.maxTime, at: 3)
                    insert.bind(chunk.encoded(), at: 4)
                    try insert.run()
                }
                let trim = try connection.cached("DELETE FROM log WHERE id < ?")
                trim.bind(watermark, at: 1)
                try trim.run()
            }
        } catch {
            let storeError =
                StoreError.wrapping(error, while: "writing chunks")
            logger.error(
                "compaction failed; chunks stay in memory and the log keeps their samples",
                metadata: ["error": "\(storeError)"])
            throw storeError
        }
        oldestLogID = watermark
        head.lock.withWriteLock {
            for item in outgoing {
                item.series.removeFirstChunks(item.chunkCount)
                item.series.persistedMaxTime = max(item.series.persistedMaxTime, item.maxTime)
                if !item.series.isActive { head.setActive(item.series, false) }
            }
        }
        if !rows.isEmpty {
            logger.debug("compacted", metadata: ["chunks": "\(rows.count)", "log_watermark": "\(watermark)"])
        }
        return more
    }

    private func hasLogRows(below watermark: Int64) -> Bool {
        oldestLogID < watermark && lastLogID >= oldestLogID
    }

    /// Deletes chunks older than the retention period and forgets series left with no data at all, for the next
    /// `retentionSeriesPerStep` series from where the previous step stopped, in one transaction.
    ///
    /// - Returns: whether series remain for another step of this pass.
    @discardableResult
    func retentionStep() throws(StoreError) -> Bool {
        guard head.maxTime != .min else { return false }
        let cutoff = head.maxTime &- options.retentionMilliseconds
        var emptied: [PostingsIndex.ID] = []
        var deleted: Int64 = 0
        let end = min(retentionCursor + StoreWriter.retentionSeriesPerStep, head.series.count)
        do {
            let delete = try connection.cached(
                "DELETE FROM chunks WHERE series_id = ? AND min_time < ? AND max_time < ?")
            let forget = try connection.cached("DELETE FROM series WHERE id = ?")
            try connection.transaction {
                for case let memSeries? in head.series[retentionCursor..<end] {
                    delete.bind(Int64(memSeries.id), at: 1)
                    delete.bind(cutoff, at: 2)
                    delete.bind(cutoff, at: 3)
                    try delete.run()
                    deleted += connection.changes
                    // Every chunk of an inactive series ends at or before its persisted maximum: when that is past
                    // the cutoff the series has no data left anywhere.
                    guard !memSeries.isActive, memSeries.persistedMaxTime < cutoff else { continue }
                    forget.bind(Int64(memSeries.id), at: 1)
                    try forget.run()
                    emptied.append(memSeries.id)
                }
            }
            if deleted > 0 { try connection.execute("PRAGMA incremental_vacuum") }
        } catch {
            let storeError =
                StoreError.wrapping(error, while: "applying retention")
            logger.error("retention failed", metadata: ["error": "\(storeError)"])
            throw storeError
        }
        if !emptied.isEmpty {
            head.lock.withWriteLock { head.removeSeries(emptied) }
        }
        if deleted > 0 || !emptied.isEmpty {
            logger.info(
                "retention applied",
                metadata: [
                    "deleted_chunks": "\(deleted)", "forgotten_series": "\(emptied.count)", "cutoff_ms": "\(cutoff)",
                ])
        }
        retentionCursor = end < head.series.count ? end : 0
        return retentionCursor != 0
    }

    /// Series visited per retention transaction, so appends queued meanwhile wait at most one step.
    static let retentionSeriesPerStep = 5_000
}
