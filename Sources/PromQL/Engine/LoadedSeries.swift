import TimeSeries

/// The samples of one selector's series, loaded once per query for every step that needs them.
struct LoadedSeries {
    /// The series labels.
    let labels: Labels
    /// Samples in time order; stale markers are kept for instant selectors and removed for range selectors.
    let samples: [Sample]
}

extension ArraySlice where Element == Sample {
    /// The index of the first sample at or after `timestamp` (`endIndex` when none), by binary search.
    func firstIndex(atOrAfter timestamp: Int64) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let mid = low + (high - low) / 2
            if self[mid].timestamp < timestamp { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
