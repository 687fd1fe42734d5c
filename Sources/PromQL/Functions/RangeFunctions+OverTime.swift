import TimeSeries

extension RangeFunctions {
    /// The `*_over_time` aggregations (and `changes`, `resets`) that reduce a window's samples to one value.
    enum OverTimeFunction: Sendable, Hashable, CaseIterable {
        /// `avg_over_time`.
        case avg
        /// `sum_over_time`.
        case sum
        /// `count_over_time`.
        case count
        /// `min_over_time`.
        case min
        /// `max_over_time`.
        case max
        /// `last_over_time`.
        case last
        /// `first_over_time` (experimental in Prometheus).
        case first
        /// `stddev_over_time`.
        case stddev
        /// `stdvar_over_time`.
        case stdvar
        /// `present_over_time`.
        case present
        /// `changes`.
        case changes
        /// `resets`.
        case resets
        /// `mad_over_time` (experimental in Prometheus).
        case madOverTime

        /// The function called `name` in PromQL, or nil when `name` is not one of these.
        init?(functionName name: String) {
            switch name {
            case "avg_over_time": self = .avg
            case "sum_over_time": self = .sum
            case "count_over_time": self = .count
            case "min_over_time": self = .min
            case "max_over_time": self = .max
            case "last_over_time": self = .last
            case "first_over_time": self = .first
            case "stddev_over_time": self = .stddev
            case "stdvar_over_time": self = .stdvar
            case "present_over_time": self = .present
            case "changes": self = .changes
            case "resets": self = .resets
            case "mad_over_time": self = .madOverTime
            default: return nil
            }
        }

        /// Whether the output keeps the metric name (`last_over_time`, `first_over_time`); every other function
        /// drops it.
        var keepsMetricName: Bool {
            self == .last || self == .first
        }
    }

    /// The value of `function` over the window's samples, or nil when the window is empty.
    static func overTime(_ function: OverTimeFunction, _ samples: ArraySlice<Sample>) -> Double? {
        guard !samples.isEmpty else { return nil }
        switch function {
        case .avg: return average(samples)
        case .sum: return sum(samples)
        case .count: return Double(samples.count)
        case .min: return extreme(samples, replaces: { current, best in current < best })
        case .max: return extreme(samples, replaces: { current, best in current > best })
        case .last: return samples[samples.endIndex - 1].value
        case .first: return samples[samples.startIndex].value
        case .stddev: return variance(samples).squareRoot()
        case .stdvar: return variance(samples)
        case .present: return 1
        case .changes: return changes(samples)
        case .resets: return resets(samples)
        case .madOverTime: return medianAbsoluteDeviation(samples)
        }
    }

    /// `quantile_over_time(φ, …)`: the φ-quantile of the window's values (`Quantile.of`), or nil when the window is
    /// empty.
    static func quantileOverTime(_ phi: Double, _ samples: ArraySlice<Sample>) -> Double? {
        guard !samples.isEmpty else { return nil }
        var values = samples.map(\.value)
        return Quantile.of(&values, phi)
    }

    // MARK: - Implementations

    /// `avg_over_time`: a Kahan-compensated sum divided by the count, switching to an incremental mean (still
    /// compensated) only once the running sum would overflow, as Prometheus's `funcAvgOverTime`.
    private static func average(_ samples: ArraySlice<Sample>) -> Double {
        var sum = samples[samples.startIndex].value
        var count = 1.0
        var mean = 0.0
        var compensation = 0.0
        var incrementalMean = false
        var index = samples.startIndex + 1
        while index < samples.endIndex {
            let value = samples[index].value
            index += 1
            count += 1
            if !incrementalMean {
                var newSum = sum
                var newCompensation = compensation
                kahanAdd(value, to: &newSum, compensation: &newCompensation)
                if !newSum.isInfinite {
                    sum = newSum
                    compensation = newCompensation
                    continue
                }
                // The sum overflows: continue with the incremental mean from here on.
                incrementalMean = true
                mean = sum / (count - 1)
                compensation /= count - 1
            }
            let weight = (count - 1) / count
            var newMean = weight * mean
            var newCompensation = weight * compensation
            kahanAdd(value / count, to: &newMean, compensation: &newCompensation)
            mean = newMean
            compensation = newCompensation
        }
        if incrementalMean {
            return mean + compensation
        }
        return sum / count + compensation / count
    }

    /// `sum_over_time`: Kahan-compensated; an infinite sum is returned without its compensation.
    private static func sum(_ samples: ArraySlice<Sample>) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for sample in samples {
            kahanAdd(sample.value, to: &sum, compensation: &compensation)
        }
        return sum.isInfinite ? sum : sum + compensation
    }

    /// `min_over_time` / `max_over_time`: starts at the first value and takes any value that `replaces` the best
    /// so far; a NaN best is replaced by anything, so NaN results only when every value is NaN.
    private static func extreme(
        _ samples: ArraySlice<Sample>, replaces: (_ current: Double, _ best: Double) -> Bool
    ) -> Double {
        var best = samples[samples.startIndex].value
        for sample in samples where replaces(sample.value, best) || best.isNaN {
            best = sample.value
        }
        return best
    }

    /// The population variance by Welford's method with Kahan-compensated mean and sum of squares, as
    /// Prometheus's `varianceOverTime`.
    private static func variance(_ samples: ArraySlice<Sample>) -> Double {
        var count = 0.0
        var mean = 0.0
        var meanCompensation = 0.0
        var aux = 0.0
        var auxCompensation = 0.0
        for sample in samples {
            count += 1
            let delta = sample.value - (mean + meanCompensation)
            kahanAdd(delta / count, to: &mean, compensation: &meanCompensation)
            kahanAdd(delta * (sample.value - (mean + meanCompensation)), to: &aux, compensation: &auxCompensation)
        }
        return (aux + auxCompensation) / count
    }

    /// `changes`: how often the value differs from the previous one; two NaNs in a row are no change.
    private static func changes(_ samples: ArraySlice<Sample>) -> Double {
        var changes = 0
        var previous = samples[samples.startIndex].value
        var index = samples.startIndex + 1
        while index < samples.endIndex {
            let current = samples[index].value
            if current != previous && !(current.isNaN && previous.isNaN) {
                changes += 1
            }
            previous = current
            index += 1
        }
        return Double(changes)
    }

    /// `resets`: how often the value drops below the previous one.
    private static func resets(_ samples: ArraySlice<Sample>) -> Double {
        var resets = 0
        var previous = samples[samples.startIndex].value
        var index = samples.startIndex + 1
        while index < samples.endIndex {
            let current = samples[index].value
            if current < previous {
                resets += 1
            }
            previous = current
            index += 1
        }
        return Double(resets)
    }

    /// `mad_over_time`: the median of the absolute deviations from the median; NaN when any value is NaN
    /// (Prometheus propagates NaN here rather than letting the sort hide it).
    private static func medianAbsoluteDeviation(_ samples: ArraySlice<Sample>) -> Double {
        if samples.contains(where: { $0.value.isNaN }) { return .nan }
        var values = samples.map(\.value)
        let median = Quantile.of(&values, 0.5)
        var deviations = samples.map { abs($0.value - median) }
        return Quantile.of(&deviations, 0.5)
    }
}
