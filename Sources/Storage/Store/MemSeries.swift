import TimeSeries

/// One series in the head: its identity, its in-memory chunks and what of it is already on disk.
///
/// Mutated only by the writer thread under the head's write lock; read under the read lock. The open chunk is
/// stored inline and sealed ones in an array, so the common case (one open chunk) costs no extra allocation.
final class MemSeries: @unchecked Sendable {
    // @unchecked: every access goes through `Head`'s reader-writer lock.
    let id: PostingsIndex.ID
    /// Its labels. The writer replaces them once with an equal label set sent with new samples (see
    /// `StoreWriter.apply`), so a sender that reuses one label set (the OTLP fast path's cache) is matched by
    /// identity from then on.
    var labels: Labels
    /// Whether `labels` were replaced by a sender's copy already.
    var labelsAdopted = false
    /// Sealed chunks in time order, then the open one; non-overlapping, each within one aligned chunk range.
    private(set) var sealed: [HeadChunk] = []
    private(set) var open: HeadChunk?
    /// Newest sample timestamp ever accepted (`Int64.min` when none).
    var maxTime: Int64 = .min
    /// Newest timestamp stored in the `chunks` table (`Int64.min` when none). Older samples are rejected.
    var persistedMaxTime: Int64 = .min

    init(id: PostingsIndex.ID, labels: Labels) {
        self.id = id
        self.labels = labels
    }

    /// Whether the series has samples in memory (counts against the active-series limits).
    var isActive: Bool { open != nil || !sealed.isEmpty }

    /// Number of chunks in memory.
    var chunkCount: Int { sealed.count + (open == nil ? 0 : 1) }

    /// All in-memory chunks in time order (allocates; for the rare out-of-order path).
    var chunks: [HeadChunk] {
        guard let open else { return sealed }
        return sealed + [open]
    }

    /// Calls `body` with each in-memory chunk and its position, in time order, without building an array.
    func forEachChunk(_ body: (_ index: Int, _ chunk: HeadChunk) -> Void) {
        for (index, chunk) in sealed.enumerated() { body(index, chunk) }
        if let open { body(sealed.count, open) }
    }

    /// Puts a sample into the head. The caller has checked that it is newer than `persistedMaxTime`.
    func insert(_ sample: Sample, logID: Int64, samplesPerChunk: Int, chunkRange: Int64) {
        let timestamp = sample.timestamp
        let range = MemSeries.rangeIndex(timestamp, chunkRange)
        if timestamp > maxTime || !isActive {
            // Mutating through `open!` appends in place: binding the chunk to a local would copy it and retain its
            // buffer for every sample.
            if open != nil, open!.chunk.count < samplesPerChunk,
                MemSeries.rangeIndex(open!.chunk.minTime, chunkRange) == range, open!.chunk.maxTime < timestamp
            {
                open!.chunk.append(sample)
                if logID < open!.minLogID { open!.minLogID = logID }
            } else {
                sealOpen()
                var chunk = SampleChunk()
                chunk.append(sample)
                open = HeadChunk(chunk: chunk, minLogID: logID, sealed: false)
            }
            maxTime = max(maxTime, timestamp)
            return
        }
        // Out of order or a repeated timestamp: re-encode the chunk of the same aligned range that should hold it.
        var all = chunks
        var target: Int?
        var insertAt = all.endIndex
        for (index, head) in all.enumerated() {
            let headRange = MemSeries.rangeIndex(head.chunk.minTime, chunkRange)
            if headRange == range {
                if target == nil || head.chunk.minTime <= timestamp { target = index }
            } else if headRange > range, insertAt == all.endIndex {
                insertAt = index
            }
        }
        if let target {
            all[target].chunk = all[target].chunk.inserting(sample)
            all[target].minLogID = min(all[target].minLogID, logID)
        } else {
            var chunk = SampleChunk()
            chunk.append(sample)
            all.insert(HeadChunk(chunk: chunk, minLogID: logID, sealed: true), at: insertAt)
        }
        replaceChunks(with: all)
    }

    /// Seals the open chunk, if any.
    func sealOpen() {
        guard var current = open else { return }
        open = nil
        current.sealed = true
        current.chunk.shrink()
        sealed.append(current)
    }

    /// Drops the first `count` chunks (after they were written to disk).
    func removeFirstChunks(_ count: Int) {
        if count >= chunkCount {
            sealed = []
            open = nil
        } else {
            sealed.removeFirst(count)
        }
    }

    private func replaceChunks(with all: [HeadChunk]) {
        if let last = all.last, !last.sealed {
            open = last
            sealed = Array(all.dropLast())
        } else {
            open = nil
            sealed = all
        }
    }

    /// How many leading chunks may move to disk: sealed ones no accepted sample can reach any more, or every chunk
    /// when the series is idle.
    func flushableCount(outOfOrderWindow: Int64, idle: Bool) -> Int {
        if idle { return chunkCount }
        let limit = maxTime &- outOfOrderWindow
        var count = 0
        for head in sealed {
            guard head.chunk.maxTime < limit else { break }
            count += 1
        }
        return count
    }

    static func rangeIndex(_ timestamp: Int64, _ range: Int64) -> Int64 {
        // Floor division, so negative timestamps land in the right range.
        timestamp >= 0 ? timestamp / range : -((-timestamp + range - 1) / range)
    }
}
