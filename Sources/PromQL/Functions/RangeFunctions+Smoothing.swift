import TimeSeries

extension RangeFunctions {
    /// `double_exponential_smoothing(v, sf, tf)` (experimental; formerly `holt_winters`): Holt's linear smoothing of
    /// the window's values with smoothing factor `smoothing` and trend factor `trend`, as Prometheus computes it.
    ///
    /// The factors must have been checked with `validateSmoothingFactors` first.
    ///
    /// - Returns: nil for fewer than two samples.
    static func doubleExponentialSmoothing(
        _ samples: ArraySlice<Sample>, smoothing: Double, trend: Double
    ) -> Double? {
        guard samples.count > 1 else { return nil }
        let start = samples.startIndex
        var previousSmoothed = 0.0
        var smoothed = samples[start].value
        var trendValue = samples[start + 1].value - samples[start].value
        var index = start + 1
        while index < samples.endIndex {
            let scaled = smoothing * samples[index].value
            // The trend is the first difference at the first step and is smoothed from the second on.
            if index - start > 1 {
                trendValue = trend * (smoothed - previousSmoothed) + (1 - trend) * trendValue
            }
            let carried = (1 - smoothing) * (smoothed + trendValue)
            previousSmoothed = smoothed
            smoothed = scaled + carried
            index += 1
        }
        return smoothed
    }

    /// Checks `double_exponential_smoothing`'s factors with Prometheus's messages: both must lie strictly between
    /// 0 and 1 (a NaN factor passes, as in Prometheus).
    static func validateSmoothingFactors(smoothing: Double, trend: Double) throws(QueryError) {
        if smoothing <= 0 || smoothing >= 1 {
            throw QueryError(
                .execution,
                "invalid smoothing factor. Expected: 0 < sf < 1, got: \(GoNumbers.fixed(smoothing, precision: 6))")
        }
        if trend <= 0 || trend >= 1 {
            throw QueryError(
                .execution, "invalid trend factor. Expected: 0 < tf < 1, got: \(GoNumbers.fixed(trend, precision: 6))")
        }
    }
}
