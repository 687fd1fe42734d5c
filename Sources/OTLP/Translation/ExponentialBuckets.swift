#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exponential histogram that can be downscaled, merged with another, and turned into classic cumulative
/// buckets.
///
/// Bucket index `k` at scale `s` covers absolute values in `(base^k, base^(k+1)]` with `base = 2^(2^-s)`; merging
/// neighbouring pairs (`k >> 1`) gives the same boundaries at scale `s - 1`, which is how finer histograms are brought
/// to a common, stable resolution.
struct ExponentialBuckets: Sendable, Hashable {
    /// A dense run of bucket counts starting at bucket index `offset`.
    struct Run: Sendable, Hashable {
        /// The index of `counts[0]`.
        var offset: Int
        /// Counts of consecutive buckets; no leading or trailing zeros.
        var counts: [UInt64]

        /// A run without the zero counts at either end.
        init(offset: Int, counts: [UInt64]) {
            let first = counts.firstIndex { $0 != 0 }
            let last = counts.lastIndex { $0 != 0 }
            if let first, let last {
                self.offset = offset &+ first
                self.counts = Array(counts[first...last])
            } else {
                self.offset = 0
                self.counts = []
            }
        }

        /// The run at a scale `shift` steps coarser.
        func downscaled(by shift: Int) -> Run {
            guard shift > 0, !counts.isEmpty else { return self }
            let newOffset = offset >> shift
            let newLast = (offset &+ counts.count &- 1) >> shift
            var merged = [UInt64](repeating: 0, count: newLast &- newOffset &+ 1)
            for (index, count) in counts.enumerated() {
                merged[((offset &+ index) >> shift) &- newOffset] &+= count
            }
            return Run(offset: newOffset, counts: merged)
        }

        /// The number of buckets from the lowest to the highest index of either run.
        func unionSpan(_ other: Run) -> Int {
            if other.counts.isEmpty { return counts.count }
            if counts.isEmpty { return other.counts.count }
            let start = Swift.min(offset, other.offset)
            let end = Swift.max(offset &+ counts.count, other.offset &+ other.counts.count)
            return end &- start
        }

        /// The bucket-wise sum of two runs at the same scale.
        func adding(_ other: Run) -> Run {
            if other.counts.isEmpty { return self }
            if counts.isEmpty { return other }
            let start = Swift.min(offset, other.offset)
            let end = Swift.max(offset &+ counts.count, other.offset &+ other.counts.count)
            var sum = [UInt64](repeating: 0, count: end &- start)
            for (index, count) in counts.enumerated() { sum[offset &- start &+ index] &+= count }
            for (index, count) in other.counts.enumerated() { sum[other.offset &- start &+ index] &+= count }
            return Run(offset: start, counts: sum)
        }
    }

    /// OTLP's range of scales.
    static let scales = -10...20

    /// The resolution.
    private(set) var scale: Int
    /// Observations in `[-zeroThreshold, zeroThreshold]`.
    private(set) var zeroCount: UInt64
    /// The zero bucket's upper bound.
    let zeroThreshold: Double
    /// Positive observations.
    private(set) var positive: Run
    /// Negative observations, by absolute value.
    private(set) var negative: Run
    /// The number of observations.
    private(set) var count: UInt64
    /// The sum of observations, when known.
    private(set) var sum: Double?

    /// The histogram of an OTLP point, or nil when its scale is outside -10...20 or its zero threshold is negative
    /// or not a number.
    init?(_ point: MetricsRequest.ExponentialHistogramDataPoint) {
        guard ExponentialBuckets.scales.contains(Int(point.scale)), point.zeroThreshold >= 0 else { return nil }
        scale = Int(point.scale)
        zeroCount = point.zeroCount
        zeroThreshold = point.zeroThreshold
        positive = Run(offset: Int(point.positive.offset), counts: point.positive.bucketCounts)
        negative = Run(offset: Int(point.negative.offset), counts: point.negative.bucketCounts)
        count = point.count
        sum = point.sum
    }

    /// Merges buckets until the scale is at most `maxScale` and each sign has at most `maxBuckets` buckets (or the
    /// scale reaches -10).
    mutating func limit(maxScale: Int, maxBuckets: Int) {
        let target = Swift.min(
            Swift.max(maxScale, ExponentialBuckets.scales.lowerBound),
            ExponentialBuckets.scales.upperBound)
        if scale > target { downscale(by: scale - target) }
        while positive.counts.count > maxBuckets || negative.counts.count > maxBuckets,
            scale > ExponentialBuckets.scales.lowerBound
        {
            downscale(by: 1)
        }
    }

    /// Lowers the resolution by `shift` scale steps.
    private mutating func downscale(by shift: Int) {
        guard shift > 0 else { return }
        positive = positive.downscaled(by: shift)
        negative = negative.downscaled(by: shift)
        scale -= shift
    }

    /// Adds another histogram's observations (a later delta of the same stream), merging buckets while the sum
    /// would need more than `maxBuckets` of one sign. False when the zero thresholds differ or the sum cannot be made
    /// to fit; this histogram may then be left at a coarser scale.
    mutating func add(_ other: ExponentialBuckets, maxBuckets: Int) -> Bool {
        guard zeroThreshold == other.zeroThreshold else { return false }
        var other = other
        let common = Swift.min(scale, other.scale)
        downscale(by: scale - common)
        other.downscale(by: other.scale - common)
        func fits() -> Bool {
            positive.unionSpan(other.positive) <= maxBuckets && negative.unionSpan(other.negative) <= maxBuckets
        }
        while !fits(), scale > ExponentialBuckets.scales.lowerBound {
            downscale(by: 1)
            other.downscale(by: 1)
        }
        guard fits() else { return false }
        positive = positive.adding(other.positive)
        negative = negative.adding(other.negative)
        zeroCount &+= other.zeroCount
        count &+= other.count
        if let mine = sum, let theirs = other.sum { sum = mine + theirs } else { sum = nil }
        return true
    }

    /// `base^index` at the current scale: exact powers of two for scales ≤ 0; 0 or infinity when out of range.
    func power(_ index: Int) -> Double {
        if scale <= 0 {
            let (exponent, overflow) = index.multipliedReportingOverflow(by: 1 << -scale)
            if overflow || exponent > Double.greatestFiniteMagnitude.exponent { return index > 0 ? .infinity : 0 }
            if exponent < -1074 { return 0 }
            return Double(sign: .plus, exponent: exponent, significand: 1)
        }
        return exp2(Double(index) / Double(1 << scale))
    }

    /// Classic cumulative buckets in ascending `le` order: negative buckets (upper bound `-base^k`), the zero bucket
    /// (upper bound `zeroThreshold`, when it holds observations), then positive buckets (upper bound `base^(k+1)`).
    /// A bucket whose bound is not finite or not above the previous one is not listed; its count shows in the next
    /// listed bucket. The `+Inf` bucket is not included: it equals `count`.
    func cumulativeBuckets() -> [(upperBound: Double, count: UInt64)] {
        var result: [(upperBound: Double, count: UInt64)] = []
        result.reserveCapacity(positive.counts.count &+ negative.counts.count &+ 1)
        var cumulative: UInt64 = 0
        var previous = -Double.infinity
        func add(_ bound: Double, _ increment: UInt64) {
            cumulative &+= increment
            guard bound.isFinite, bound > previous else { return }
            result.append((bound, cumulative))
            previous = bound
        }
        for index in negative.counts.indices.reversed() {
            add(-power(negative.offset &+ index), negative.counts[index])
        }
        if zeroCount > 0 { add(zeroThreshold, zeroCount) }
        for index in positive.counts.indices {
            add(power(positive.offset &+ index &+ 1), positive.counts[index])
        }
        return result
    }
}
