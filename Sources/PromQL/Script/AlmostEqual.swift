import TimeSeries

/// Prometheus's `util/almost.Equal`, the float comparison of its test harness.
enum AlmostEqual {
    /// The relative tolerance of the harness (`defaultEpsilon`).
    static let defaultEpsilon = 1e-6

    /// Equal when both are the staleness marker (a marker equals nothing else), both are NaN, they are identical,
    /// or their relative difference `|a-b| / (|a|+|b|)` is below `epsilon`; near zero (either is 0 or the sum is
    /// subnormal) the absolute difference must be below `epsilon` times the smallest normal float.
    static func equal(_ lhs: Double, _ rhs: Double, epsilon: Double = defaultEpsilon) -> Bool {
        if lhs.isStaleMarker || rhs.isStaleMarker { return lhs.isStaleMarker && rhs.isStaleMarker }
        if lhs.isNaN && rhs.isNaN { return true }
        if lhs == rhs { return true }
        let absoluteSum = abs(lhs) + abs(rhs)
        let difference = abs(lhs - rhs)
        if lhs == 0 || rhs == 0 || absoluteSum < Double.leastNormalMagnitude {
            return difference < epsilon * Double.leastNormalMagnitude
        }
        return difference / min(absoluteSum, Double.greatestFiniteMagnitude) < epsilon
    }
}
