import TimeSeries

/// Finds a series by its label set: an open-addressing table keyed by the label set's precomputed hash.
///
/// It stores only the hash and the id (12 bytes a slot) and compares labels against the series itself, so a
/// lookup hashes nothing (a `Dictionary` would run SipHash over the stored hash again) and retains nothing.
/// Linear probing, grown at 70% load, removal by backward shifting (no tombstones).
struct SeriesIDTable {
    private var hashes: [Int]
    private var ids: [PostingsIndex.ID]  // 0 = empty slot
    private var mask: Int
    /// Series in the table.
    private(set) var count = 0

    init(capacity: Int = 1_024) {
        var size = 16
        while size < capacity { size <<= 1 }
        hashes = [Int](repeating: 0, count: size)
        ids = [PostingsIndex.ID](repeating: 0, count: size)
        mask = size - 1
    }

    /// The id of the series whose labels equal `labels`; `series` resolves ids to compare against.
    func find(_ labels: Labels, in series: [MemSeries?]) -> PostingsIndex.ID? {
        let hash = labels.precomputedHash
        var index = hash & mask
        while true {
            let id = ids[index]
            if id == 0 { return nil }
            if hashes[index] == hash, let candidate = series[Int(id)], candidate.labels == labels { return id }
            index = (index + 1) & mask
        }
    }

    /// Adds a series (its labels must not be in the table yet).
    mutating func insert(_ id: PostingsIndex.ID, hash: Int) {
        precondition(id != 0, "series id 0 is reserved")
        if (count + 1) * 10 > ids.count * 7 { grow() }
        var index = hash & mask
        while ids[index] != 0 { index = (index + 1) & mask }
        hashes[index] = hash
        ids[index] = id
        count += 1
    }

    /// Removes a series; `hash` is its label set's hash.
    mutating func remove(_ id: PostingsIndex.ID, hash: Int) {
        var index = hash & mask
        while ids[index] != id {
            if ids[index] == 0 { return }
            index = (index + 1) & mask
        }
        ids[index] = 0
        count -= 1
        // Shift later entries of the probe run back so every entry stays reachable from its home slot.
        var hole = index
        var next = (index + 1) & mask
        while ids[next] != 0 {
            let home = hashes[next] & mask
            let reachable = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !reachable {
                hashes[hole] = hashes[next]
                ids[hole] = ids[next]
                ids[next] = 0
                hole = next
            }
            next = (next + 1) & mask
        }
    }

    private mutating func grow() {
        let oldHashes = hashes
        let oldIDs = ids
        let size = ids.count * 2
        hashes = [Int](repeating: 0, count: size)
        ids = [PostingsIndex.ID](repeating: 0, count: size)
        mask = size - 1
        count = 0
        for (hash, id) in zip(oldHashes, oldIDs) where id != 0 { insert(id, hash: hash) }
    }
}
