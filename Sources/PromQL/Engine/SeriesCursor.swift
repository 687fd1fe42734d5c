import TimeSeries

/// The window of one loaded series at the previous step, so the next (later) step finds its window by moving
/// forward a few samples instead of searching the whole array.
struct SeriesCursor {
    /// First index inside the window.
    var lower = 0
    /// One past the last index inside the window.
    var upper = 0
    /// The reference time the window was found for; `Int64.min` before the first use.
    var reference = Int64.min

    /// The indices of `samples` with `rangeStart < t <= reference`.
    mutating func window(in samples: [Sample], rangeStart: Int64, reference: Int64) -> Range<Int> {
        // Forward by a small step: walk. Backwards (subqueries revisit earlier times) or far: binary search.
        if reference >= self.reference, self.reference != Int64.min, reference - self.reference <= 16 * 60_000 {
            while lower < samples.count, samples[lower].timestamp <= rangeStart { lower += 1 }
            if upper < lower { upper = lower }
            while upper < samples.count, samples[upper].timestamp <= reference { upper += 1 }
        } else {
            lower = samples.firstIndex(atOrAfter: rangeStart + 1)
            upper = max(lower, samples.firstIndex(atOrAfter: reference + 1))
        }
        self.reference = reference
        return lower..<upper
    }
}
