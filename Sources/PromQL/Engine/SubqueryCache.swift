/// The inner results of one subquery already computed during a range query, oldest first.
///
/// An expression's value at an absolute time does not depend on the step that asks for it, so consecutive steps of
/// a range query share most inner evaluations. Entries older than the current window are dropped as steps advance.
struct SubqueryCache {
    /// (evaluation time, result) in ascending time order, starting at `head`.
    var entries: [(time: Int64, samples: [VectorSample])] = []
    /// Index of the first live entry.
    var head = 0
    /// The number of samples held by live entries.
    var sampleCount = 0

    /// Drops entries at or before `time`; returns how many samples were released.
    mutating func evict(through time: Int64) -> Int {
        var released = 0
        while head < entries.count, entries[head].time <= time {
            released += entries[head].samples.count
            entries[head].samples = []
            head += 1
        }
        if head > 64, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
        sampleCount -= released
        return released
    }

    /// The cached result at `time`, if any.
    func lookup(_ time: Int64) -> [VectorSample]? {
        // Steps ask in ascending order, so the wanted entry is near the end or found by binary search.
        var low = head
        var high = entries.count
        while low < high {
            let mid = low + (high - low) / 2
            if entries[mid].time < time { low = mid + 1 } else { high = mid }
        }
        return low < entries.count && entries[low].time == time ? entries[low].samples : nil
    }

    /// Stores the result at `time` when it is newer than every cached entry.
    mutating func store(_ samples: [VectorSample], at time: Int64) -> Bool {
        if let last = entries.last, last.time >= time { return false }
        entries.append((time, samples))
        sampleCount += samples.count
        return true
    }
}
