import Synchronization
public import TimeSeries

extension SeriesStore {
    /// What a query needs of one series, copied under the read lock so decoding happens outside it.
    private struct Snapshot {
        let id: PostingsIndex.ID
        let labels: Labels
        let persistedMaxTime: Int64
        let chunks: [SampleChunk]
    }

    /// Selects series; see `SeriesQuerier.select(_:start:end:)`.
    public func select(_ matchers: [Matcher], start: Int64, end: Int64) throws -> [Series] {
        guard start <= end else { return [] }
        let snapshots: [Snapshot] = head.lock.withReadLock {
            head.postings.select(matchers).compactMap { id in
                guard let memSeries = head[id] else { return nil }
                var chunks: [SampleChunk] = []
                memSeries.forEachChunk { _, head in
                    if head.chunk.maxTime >= start && head.chunk.minTime <= end { chunks.append(head.chunk) }
                }
                if chunks.isEmpty && memSeries.persistedMaxTime < start { return nil }
                return Snapshot(
                    id: id, labels: memSeries.labels, persistedMaxTime: memSeries.persistedMaxTime,
                    chunks: chunks)
            }
        }
        guard !snapshots.isEmpty else { return [] }
        var result: [Series] = []
        result.reserveCapacity(snapshots.count)
        let needsDisk = snapshots.contains { $0.persistedMaxTime >= start }
        if needsDisk {
            try readers.withConnection { connection in
                // One read transaction: one consistent snapshot and one set of file locks for every series.
                try connection.cached("BEGIN").run()
                defer { try? connection.cached("COMMIT").run() }
                // Chunks never cross an aligned chunk range, so one that overlaps `start` begins after this.
                let statement = try connection.cached(
                    """
                    SELECT data FROM chunks
                    WHERE series_id = ? AND min_time > ? AND min_time <= ? AND max_time >= ? ORDER BY min_time
                    """)
                // Chunks are decoded into one scratch array reused for every series; each series then gets an
                // array of exactly its samples in the window.
                var scratch: [Sample] = []
                for snapshot in snapshots {
                    scratch.removeAll(keepingCapacity: true)
                    if snapshot.persistedMaxTime >= start {
                        statement.reset()
                        statement.bind(Int64(snapshot.id), at: 1)
                        let range = options.chunkRangeMilliseconds
                        statement.bind(start > Int64.min + range ? start - range : Int64.min, at: 2)
                        // Chunks written after the snapshot start past its persisted maximum and are still in
                        // the snapshot's head chunks; reading them here too would double them.
                        statement.bind(min(end, snapshot.persistedMaxTime), at: 3)
                        statement.bind(start, at: 4)
                        while try statement.step() {
                            try statement.withBlob(0) { raw in try SampleChunk.decode(raw, into: &scratch, through: end)
                            }
                        }
                    }
                    append(snapshot, decoding: &scratch, start: start, end: end, to: &result)
                }
            }
        } else {
            var scratch: [Sample] = []
            for snapshot in snapshots {
                scratch.removeAll(keepingCapacity: true)
                append(snapshot, decoding: &scratch, start: start, end: end, to: &result)
            }
        }
        selected.add(result.reduce(0) { $0 + $1.samples.count }, ordering: .relaxed)
        result.sort { $0.labels < $1.labels }
        return result
    }

    /// Adds the snapshot's head chunks to `samples` (its decoded disk samples) and appends the series with a copy
    /// of the samples in `start...end`, unless there are none.
    private func append(
        _ snapshot: Snapshot, decoding samples: inout [Sample], start: Int64, end: Int64, to result: inout [Series]
    ) {
        for chunk in snapshot.chunks { chunk.samples(from: start, through: end, into: &samples) }
        let lower = samples.firstIndex(atOrAfter: start)
        let upper = end == .max ? samples.count : samples.firstIndex(atOrAfter: end + 1)
        guard lower < upper else { return }
        result.append(Series(labels: snapshot.labels, samples: Array(samples[lower..<upper])))
    }

    /// Label sets of matching series; see `SeriesQuerier.series(_:start:end:)`.
    public func series(_ matchers: [Matcher], start: Int64, end: Int64) throws -> [Labels] {
        head.lock.withReadLock {
            head.postings.select(matchers).compactMap { id -> Labels? in
                guard let memSeries = head[id] else { return nil }
                var inHead = false
                memSeries.forEachChunk { _, head in
                    inHead = inHead || (head.chunk.maxTime >= start && head.chunk.minTime <= end)
                }
                // On-disk data is known by its newest time only, so a series counts when that reaches `start`.
                return inHead || memSeries.persistedMaxTime >= start ? memSeries.labels : nil
            }
        }.sorted()
    }

    /// Label names; see `SeriesQuerier.labelNames(_:start:end:)`.
    public func labelNames(_ matchers: [Matcher], start: Int64, end: Int64) throws -> [String] {
        if matchers.isEmpty { return head.lock.withReadLock { head.postings.labelNames() } }
        var names = Set<String>()
        for labels in try series(matchers, start: start, end: end) {
            for label in labels { names.insert(label.name) }
        }
        return names.sorted()
    }

    /// Label values; see `SeriesQuerier.labelValues(_:matchers:start:end:)`.
    public func labelValues(_ name: String, matchers: [Matcher], start: Int64, end: Int64) throws -> [String] {
        if matchers.isEmpty { return head.lock.withReadLock { head.postings.labelValues(name) } }
        var values = Set<String>()
        for labels in try series(matchers, start: start, end: end) {
            if let value = labels[name] { values.insert(value) }
        }
        return values.sorted()
    }
}
