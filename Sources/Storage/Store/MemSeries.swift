import TimeSeries

/// One series in the head: its identity, its in-memory chunks and what of it is already on disk.
///
/// Mutated only by the writer thread under the head's write lock; read under the read lock.
final class MemSeries: @unchecked Sendable {
    // @unchecked: every access goes through `Head`'s reader-writer lock.
    let id: PostingsIndex.ID
    let labels: Labels
    /// In-memory chunks in time order, non-overlapping; each lies within one aligned chunk range.
    var chunks: [HeadChunk] = []
    /// Newest sample timestamp ever accepted (`Int64.min` when none).
    var maxTime: Int64 = .min
    /// Newest timestamp stored in the `chunks` table (`Int64.min` when none). Older samples are rejected.
    var persistedMaxTime: Int64 = .min

    init(id: PostingsIndex.ID, labels: Labels) {
        self.id = id
        self.labels = labels
    }

    /// Whether the series has samples in memory (counts against the active-series limits).
    var isActive: Bool { !chunks.isEmpty }

    /// Puts a sample into the head. The caller has checked that it is newer than `persistedMaxTime`.
    func insert(_ sample: Sample, logID: Int64, samplesPerChunk: Int, chunkRange: Int64) {
        let timestamp = sample.timestamp
        let range = MemSeries.rangeIndex(timestamp, chunkRange)
        if timestamp > maxTime || chunks.isEmpty {
            if let lastIndex = chunks.indices.last, !chunks[lastIndex].sealed,
                chunks[lastIndex].chunk.count < samplesPerChunk,
                MemSeries.rangeIndex(chunks[lastIndex].chunk.minTime, chunkRange) == range,
                chunks[lastIndex].chunk.maxTime < timestamp
            {
                chunks[lastIndex].chunk.append(sample)
                chunks[lastIndex].minLogID = min(chunks[lastIndex].minLogID, logID)
            } else {
                sealLast()
                var chunk = XORChunk()
                chunk.append(sample)
                chunks.append(HeadChunk(chunk: chunk, minLogID: logID, sealed: false))
            }
            maxTime = max(maxTime, timestamp)
            return
        }
        // Out of order or a repeated timestamp: re-encode the chunk of the same aligned range that should hold it.
        var target: Int?
        var insertAt = chunks.endIndex
        for (index, head) in chunks.enumerated() {
            let headRange = MemSeries.rangeIndex(head.chunk.minTime, chunkRange)
            if headRange == range {
                if target == nil || head.chunk.minTime <= timestamp { target = index }
            } else if headRange > range, insertAt == chunks.endIndex {
                insertAt = index
            }
        }
        if let target {
            chunks[target].chunk = chunks[target].chunk.inserting(sample)
            chunks[target].minLogID = min(chunks[target].minLogID, logID)
        } else {
            var chunk = XORChunk()
            chunk.append(sample)
            chunks.insert(HeadChunk(chunk: chunk, minLogID: logID, sealed: true), at: insertAt)
        }
    }

    /// Seals the open chunk, if any.
    func sealLast() {
        guard let lastIndex = chunks.indices.last, !chunks[lastIndex].sealed else { return }
        chunks[lastIndex].sealed = true
        chunks[lastIndex].chunk.shrink()
    }

    /// How many leading chunks may move to disk: sealed ones no accepted sample can reach any more, or every chunk
    /// when the series is idle.
    func flushableCount(outOfOrderWindow: Int64, idle: Bool) -> Int {
        if idle { return chunks.count }
        let limit = maxTime &- outOfOrderWindow
        var count = 0
        for head in chunks {
            guard head.sealed, head.chunk.maxTime < limit else { break }
            count += 1
        }
        return count
    }

    /// Heap bytes used by the chunks (for statistics).
    var chunkBytes: Int {
        chunks.reduce(0) { $0 + $1.chunk.capacity }
    }

    static func rangeIndex(_ timestamp: Int64, _ range: Int64) -> Int64 {
        // Floor division, so negative timestamps land in the right range.
        timestamp >= 0 ? timestamp / range : -((-timestamp + range - 1) / range)
    }
}
