import TimeSeries

/// The in-memory part of the store: the series index (labels → id, postings) and every series' head chunks.
///
/// All fields are guarded by `lock`: the writer thread mutates under the write lock, queries snapshot under the
/// read lock. Label strings already in the postings index are reused, so series sharing a value (`job="api"`) share its
/// storage.
final class Head: @unchecked Sendable {
    // @unchecked: every field below is accessed only inside `lock.withReadLock` / `lock.withWriteLock`.
    let lock = ReadWriteLock()

    private var table = SeriesIDTable()
    /// Series by id; ids are dense from 1, removed series leave nil.
    var series: [MemSeries?] = [nil]
    var postings = PostingsIndex()
    var activeCount = 0
    var activePerMetric: [String: Int] = [:]
    /// Newest sample timestamp in the store.
    var maxTime: Int64 = .min
    var nextID: PostingsIndex.ID = 1

    /// Series in the index.
    var seriesCount: Int { table.count }

    /// The series with exactly these labels.
    func series(with labels: Labels) -> MemSeries? {
        table.find(labels, in: series).flatMap { self[$0] }
    }

    subscript(id: PostingsIndex.ID) -> MemSeries? {
        Int(id) < series.count ? series[Int(id)] : nil
    }

    /// Adds a series with a known id (startup) or the next id (ingest), interning its label strings.
    func addSeries(_ labels: Labels, id: PostingsIndex.ID? = nil) -> MemSeries {
        let id = id ?? nextID
        let canonical = Labels(sortedUnique: labels.map { postings.canonical($0) })
        let memSeries = MemSeries(id: id, labels: canonical)
        while series.count <= Int(id) { series.append(nil) }
        series[Int(id)] = memSeries
        table.insert(id, hash: canonical.precomputedHash)
        postings.add(id, canonical)
        nextID = max(nextID, id + 1)
        return memSeries
    }

    /// Removes series that have neither head chunks nor chunks on disk.
    func removeSeries(_ removed: [PostingsIndex.ID]) {
        postings.remove(removed) { self.series[Int($0)]?.labels ?? .empty }
        for id in removed {
            if let memSeries = series[Int(id)] {
                table.remove(id, hash: memSeries.labels.precomputedHash)
                series[Int(id)] = nil
            }
        }
    }

    /// Records that a series gained or lost its head chunks.
    func setActive(_ memSeries: MemSeries, _ active: Bool) {
        let metric = memSeries.labels.metricName ?? ""
        if active {
            activeCount += 1
            activePerMetric[metric, default: 0] += 1
        } else {
            activeCount -= 1
            let left = (activePerMetric[metric] ?? 1) - 1
            activePerMetric[metric] = left > 0 ? left : nil
        }
    }
}
