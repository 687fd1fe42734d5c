import TimeSeries

/// The pure algorithms of PromQL's range-vector functions (`promql/functions.go`).
///
/// Every function takes the float samples of one series that lie strictly inside the window `(rangeStart, rangeEnd]`
/// (milliseconds), in time order, with stale markers already removed, and returns the value Prometheus emits for
/// that series, or nil when Prometheus emits no sample for it. Selecting samples, stepping and output labels are the
/// evaluator's business.
enum RangeFunctions {
    // MARK: - rate, increase, delta

    /// `rate` (`isCounter` and `isRate`), `increase` (`isCounter` only) and `delta` (neither): Prometheus's
    /// `extrapolatedRate`.
    ///
    /// The difference between the last and first sample (for counters plus the value before every decrease, which
    /// is taken as a reset to zero) is extrapolated towards the window's edges: all the way when the first or last
    /// sample lies within 110 % of the average sample interval of the edge, otherwise by half an interval; counters
    /// are never extrapolated below zero. `rate` divides by the window's length in seconds.
    ///
    /// - Returns: nil for fewer than two samples.
    static func extrapolatedRate(
        _ samples: ArraySlice<Sample>, rangeStart: Int64, rangeEnd: Int64, isCounter: Bool, isRate: Bool
    ) -> Double? {
        guard samples.count > 1 else { return nil }
        let first = samples[samples.startIndex]
        let last = samples[samples.endIndex - 1]
        var result = last.value - first.value
        if isCounter {
            var previous = first.value
            var index = samples.startIndex + 1
            while index < samples.endIndex {
                let current = samples[index].value
                if current < previous { result += previous }
                previous = current
                index += 1
            }
        }

        var durationToStart = Double(first.timestamp - rangeStart) / 1000
        var durationToEnd = Double(rangeEnd - last.timestamp) / 1000
        let sampledInterval = Double(last.timestamp - first.timestamp) / 1000
        let averageInterval = sampledInterval / Double(samples.count - 1)
        let threshold = averageInterval * 1.1
        if durationToStart >= threshold {
            durationToStart = averageInterval / 2
        }
        if isCounter {
            // A counter cannot go below zero: when the extrapolation would pass zero, stop where it reaches it.
            var durationToZero = durationToStart
            if result > 0 && first.value >= 0 {
                durationToZero = sampledInterval * (first.value / result)
            }
            if durationToZero < durationToStart {
                durationToStart = durationToZero
            }
        }
        if durationToEnd >= threshold {
            durationToEnd = averageInterval / 2
        }

        var factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval
        if isRate {
            factor /= durationSeconds(milliseconds: rangeEnd - rangeStart)
        }
        return result * factor
    }

    /// A duration in seconds as Go's `time.Duration.Seconds()` computes it (whole seconds plus the fraction), so
    /// the division in `rate` rounds exactly as Prometheus's does.
    static func durationSeconds(milliseconds: Int64) -> Double {
        Double(milliseconds / 1000) + Double((milliseconds % 1000) * 1_000_000) / 1e9
    }

    // MARK: - irate, idelta

    /// `irate` (`isRate`) and `idelta`: Prometheus's `instantValue` over the last two samples.
    ///
    /// `idelta` is the difference of the two values. `irate` is that difference per second, except after a counter
    /// reset (the last value below the previous one), where it is the last value per second.
    ///
    /// - Returns: nil for fewer than two samples or when the last two share a timestamp.
    static func instantValue(_ samples: ArraySlice<Sample>, isRate: Bool) -> Double? {
        guard samples.count > 1 else { return nil }
        let previous = samples[samples.endIndex - 2]
        let last = samples[samples.endIndex - 1]
        let interval = last.timestamp - previous.timestamp
        guard interval != 0 else { return nil }
        var result = last.value
        if !isRate || !(last.value < previous.value) {
            result = last.value - previous.value
        }
        if isRate {
            result /= Double(interval) / 1000
        }
        return result
    }

    // MARK: - deriv, predict_linear

    /// `deriv`: the slope, per second, of the least-squares line through the samples.
    ///
    /// The regression is computed relative to the first sample's time for numerical stability, as Prometheus does.
    ///
    /// - Returns: nil for fewer than two samples; NaN when the values are all the same infinity.
    static func deriv(_ samples: ArraySlice<Sample>) -> Double? {
        guard samples.count > 1 else { return nil }
        return linearRegression(samples, interceptTime: samples[samples.startIndex].timestamp).slope
    }

    /// `predict_linear`: the value the least-squares line through the samples predicts `seconds` after the
    /// evaluation time.
    ///
    /// - Parameter evaluationTime: the step's evaluation time in milliseconds (not the `@` or offset time): the
    ///   regression's intercept is taken there.
    /// - Returns: nil for fewer than two samples.
    static func predictLinear(_ samples: ArraySlice<Sample>, evaluationTime: Int64, seconds: Double) -> Double? {
        guard samples.count > 1 else { return nil }
        let line = linearRegression(samples, interceptTime: evaluationTime)
        return line.slope * seconds + line.intercept
    }

    /// Prometheus's `linearRegression`: least squares with every sum Kahan–Neumaier compensated, `x` in seconds
    /// from `interceptTime`. All-equal values give slope 0 and that value as intercept (NaN for both when the value
    /// is infinite).
    static func linearRegression(
        _ samples: ArraySlice<Sample>, interceptTime: Int64
    ) -> (slope: Double, intercept: Double) {
        var count = 0.0
        var sumX = 0.0
        var compensationX = 0.0
        var sumY = 0.0
        var compensationY = 0.0
        var sumXY = 0.0
        var compensationXY = 0.0
        var sumX2 = 0.0
        var compensationX2 = 0.0
        let initialY = samples[samples.startIndex].value
        // Whether every value after the first equals the first (a NaN never does).
        var constantY = true
        var index = samples.startIndex
        while index < samples.endIndex {
            let sample = samples[index]
            constantY = constantY && (index == samples.startIndex || sample.value == initialY)
            count += 1
            let x = Double(sample.timestamp - interceptTime) / 1e3
            kahanAdd(x, to: &sumX, compensation: &compensationX)
            kahanAdd(sample.value, to: &sumY, compensation: &compensationY)
            kahanAdd(x * sample.value, to: &sumXY, compensation: &compensationXY)
            kahanAdd(x * x, to: &sumX2, compensation: &compensationX2)
            index += 1
        }
        if constantY {
            if initialY.isInfinite { return (.nan, .nan) }
            return (0, initialY)
        }
        sumX += compensationX
        sumY += compensationY
        sumXY += compensationXY
        sumX2 += compensationX2

        let covarianceXY = sumXY - sumX * sumY / count
        let varianceX = sumX2 - sumX * sumX / count
        let slope = covarianceXY / varianceX
        let intercept = sumY / count - slope * sumX / count
        return (slope, intercept)
    }

    /// One step of Kahan–Neumaier summation (`kahansum.Inc`), on plain variables so hot loops keep them in
    /// registers.
    @inline(__always)
    static func kahanAdd(_ increment: Double, to sum: inout Double, compensation: inout Double) {
        let total = sum + increment
        // Written as selects rather than branches so the loops stay branch-free.
        let lost = abs(sum) >= abs(increment) ? (sum - total) + increment : (increment - total) + sum
        compensation = total.isInfinite ? 0 : compensation + lost
        sum = total
    }
}
