/// Prometheus's `quantile` over plain values (`promql/quantile.go`), shared by the `quantile` aggregation and
/// `quantile_over_time`.
public enum Quantile {
    /// The φ-quantile of `values` (sorted in place): NaN for no values or NaN φ, -Inf for φ < 0, +Inf for φ > 1;
    /// otherwise linear interpolation between the closest ranks, NaN sorting first.
    public static func of(_ values: inout [Double], _ phi: Double) -> Double {
        if values.isEmpty || phi.isNaN { return .nan }
        if phi < 0 { return -.infinity }
        if phi > 1 { return .infinity }
        // Go's sort.Float64s puts NaN first.
        values.sort { lhs, rhs in lhs.isNaN ? !rhs.isNaN : lhs < rhs }
        let count = Double(values.count)
        let rank = phi * (count - 1)
        let lower = max(0, Int(rank.rounded(.down)))
        let upper = min(values.count - 1, lower + 1)
        let weight = rank - rank.rounded(.down)
        return values[lower] * (1 - weight) + values[upper] * weight
    }
}
