import TimeSeries

/// `histogram_quantile(φ, v)` over classic histograms: the buckets are the elements of `v` with a parsable `le`
/// label, grouped by their other labels (Prometheus's `BucketQuantile`).
enum HistogramQuantile {
    /// One classic bucket: its upper bound and the cumulative count of observations at or below it.
    struct Bucket: Sendable, Hashable {
        /// The `le` value.
        var upperBound: Double
        /// The cumulative count.
        var count: Double
    }

    /// The relative difference below which two neighbouring bucket counts are taken as equal (floating-point noise
    /// from `rate` and friends), Prometheus's `smallDeltaTolerance`.
    static let smallDeltaTolerance = 1e-12

    /// Groups `input` by its labels without `le` and computes each group's φ-quantile.
    ///
    /// Elements whose `le` does not parse as a float (Go's `strconv.ParseFloat`) are ignored. Each output element
    /// keeps its group's labels minus `le` (the metric name stays, for delayed name removal) with `dropName` set;
    /// outputs come in the order their groups first appear.
    static func evaluate(_ phi: Double, _ input: [VectorSample]) -> [VectorSample] {
        var groupIndex: [Labels: Int] = [:]
        var groups: [(labels: Labels, buckets: [Bucket])] = []
        for element in input {
            guard let bound = element.labels[bucketLabel].flatMap(GoNumbers.parseFloat) else { continue }
            let labels = element.labels.removing([bucketLabel])
            let bucket = Bucket(upperBound: bound, count: element.value)
            if let index = groupIndex[labels] {
                groups[index].buckets.append(bucket)
            } else {
                groupIndex[labels] = groups.count
                groups.append((labels, [bucket]))
            }
        }
        return groups.map { group in
            var buckets = group.buckets
            return VectorSample(labels: group.labels, value: bucketQuantile(phi, &buckets), dropName: true)
        }
    }

    /// The `le` label.
    static let bucketLabel = "le"

    /// Prometheus's `BucketQuantile`: the φ-quantile of one classic histogram, interpolating linearly inside the
    /// bucket the rank falls into (from 0 in the lowest bucket when its bound is positive; the lowest bound itself
    /// when it is not positive; the second-highest bound when the rank falls into the `+Inf` bucket).
    ///
    /// NaN for NaN φ, fewer than two distinct bounds, no `+Inf` bucket or zero observations; -Inf for φ < 0 and
    /// +Inf for φ > 1. `buckets` is sorted, coalesced and made monotonic in place.
    static func bucketQuantile(_ phi: Double, _ buckets: inout [Bucket]) -> Double {
        if phi.isNaN { return .nan }
        if phi < 0 { return -.infinity }
        if phi > 1 { return .infinity }
        guard !buckets.isEmpty else { return .nan }
        buckets.sort { $0.upperBound < $1.upperBound }
        guard buckets[buckets.count - 1].upperBound == .infinity else { return .nan }

        coalesce(&buckets)
        ensureMonotonic(&buckets)

        guard buckets.count > 1 else { return .nan }
        let observations = buckets[buckets.count - 1].count
        if observations == 0 { return .nan }
        var rank = phi * observations
        let found = searchFirst(buckets.count - 1) { buckets[$0].count >= rank }
        if found == buckets.count - 1 {
            return buckets[buckets.count - 2].upperBound
        }
        if found == 0 && buckets[0].upperBound <= 0 {
            return buckets[0].upperBound
        }
        var bucketStart = 0.0
        let bucketEnd = buckets[found].upperBound
        var count = buckets[found].count
        if found > 0 {
            bucketStart = buckets[found - 1].upperBound
            count -= buckets[found - 1].count
            rank -= buckets[found - 1].count
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count)
    }

    /// Merges buckets with the same upper bound (sorted input) by adding their counts.
    static func coalesce(_ buckets: inout [Bucket]) {
        var last = buckets[0]
        var kept = 0
        for bucket in buckets.dropFirst() {
            if bucket.upperBound == last.upperBound {
                last.count += bucket.count
            } else {
                buckets[kept] = last
                last = bucket
                kept += 1
            }
        }
        buckets[kept] = last
        buckets.removeSubrange((kept + 1)...)
    }

    /// Prometheus's `ensureMonotonicAndIgnoreSmallDeltas`: a count within `smallDeltaTolerance` of the last kept
    /// count, or below it, is replaced by it, so the counts never decrease.
    static func ensureMonotonic(_ buckets: inout [Bucket]) {
        var previous = buckets[0].count
        for index in buckets.indices.dropFirst() {
            let current = buckets[index].count
            if current == previous { continue }
            if almostEqual(previous, current, tolerance: smallDeltaTolerance) || current < previous {
                buckets[index].count = previous
                continue
            }
            previous = current
        }
    }

    /// Prometheus's `almost.Equal`: both NaN, equal, or a relative difference below `tolerance` (absolute, scaled
    /// by the smallest normal number, near zero).
    static func almostEqual(_ lhs: Double, _ rhs: Double, tolerance: Double) -> Bool {
        if lhs.isNaN && rhs.isNaN { return true }
        if lhs == rhs { return true }
        let absoluteSum = abs(lhs) + abs(rhs)
        let difference = abs(lhs - rhs)
        if lhs == 0 || rhs == 0 || absoluteSum < Double.leastNormalMagnitude {
            return difference < tolerance * Double.leastNormalMagnitude
        }
        return difference / Swift.min(absoluteSum, Double.greatestFiniteMagnitude) < tolerance
    }

    /// Go's `sort.Search`: the smallest index in `0..<count` for which `predicate` holds, by the same bisection (so
    /// a non-monotonic predicate, e.g. over NaN counts, gives Go's answer), or `count` when there is none.
    static func searchFirst(_ count: Int, where predicate: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = Int(UInt(low + high) >> 1)
            if !predicate(middle) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
