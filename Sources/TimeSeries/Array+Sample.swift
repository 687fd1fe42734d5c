extension Array where Element == Sample {
    /// The index of the first sample at or after `timestamp` (`count` when none), by binary search; the array
    /// must be sorted by timestamp.
    public func firstIndex(atOrAfter timestamp: Int64) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid].timestamp < timestamp { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
