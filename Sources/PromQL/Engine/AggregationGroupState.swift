/// The running state of one group of `sum avg min max count group stddev stdvar quantile`.
struct AggregationGroupState {
    /// The sum (`sum`, `avg` before it overflows), the extreme (`min`, `max`) or Welford's sum of squared
    /// deviations (`stddev`, `stdvar`).
    var value: Double
    /// The Kahan compensation of `value` (`sum`, `avg`), or of `mean` once `avg` has switched to incremental means.
    var compensation = 0.0
    /// The running mean (`stddev`, `stdvar`, and `avg` once its sum would overflow).
    var mean: Double
    /// How many elements were added.
    var count = 1.0
    /// Whether `avg` switched from summing to an incremental mean because the sum would overflow.
    var incrementalMean = false
    /// The values (`quantile`).
    var values: [Double] = []

    /// A group whose first element is `first`.
    init(_ first: Double, _ op: AggregateOperator) {
        value = first
        mean = first
        switch op {
        case .stddev, .stdvar: value = first.isNaN || first.isInfinite ? .nan : 0
        case .quantile: values = [first]
        default: break
        }
    }

    /// Adds the next element of the group.
    mutating func add(_ element: Double, _ op: AggregateOperator) {
        switch op {
        case .sum:
            kahanAdd(element, to: &value, &compensation)
        case .avg:
            count += 1
            addToMean(element)
        case .max:
            if value < element || value.isNaN { value = element }
        case .min:
            if value > element || value.isNaN { value = element }
        case .count:
            count += 1
        case .stddev, .stdvar:
            count += 1
            let delta = element - mean
            mean += delta / count
            value += delta * (element - mean)
        case .quantile:
            values.append(element)
        default:
            break
        }
    }

    /// Prometheus's `avg`: a Kahan sum divided at the end, switching to an incremental Kahan mean from the first
    /// element whose addition would overflow the sum.
    private mutating func addToMean(_ element: Double) {
        if !incrementalMean {
            var sum = value
            var sumCompensation = compensation
            kahanAdd(element, to: &sum, &sumCompensation)
            if !sum.isInfinite {
                value = sum
                compensation = sumCompensation
                return
            }
            incrementalMean = true
            mean = value / (count - 1)
            compensation /= count - 1
        }
        let shrink = (count - 1) / count
        var newMean = shrink * mean
        var newCompensation = shrink * compensation
        kahanAdd(element / count, to: &newMean, &newCompensation)
        mean = newMean
        compensation = newCompensation
    }

    /// The group's output value (`parameter` is quantile's φ).
    mutating func result(_ op: AggregateOperator, parameter: Double) -> Double {
        switch op {
        case .sum: return value + compensation
        case .avg: return incrementalMean ? mean + compensation : value / count + compensation / count
        case .count: return count
        case .group: return 1
        case .stdvar: return value / count
        case .stddev: return (value / count).squareRoot()
        case .quantile: return Quantile.of(&values, parameter)
        default: return value
        }
    }

    /// Prometheus's `kahanSumInc`, the same step as `KahanSum.add`.
    private func kahanAdd(_ increment: Double, to sum: inout Double, _ compensation: inout Double) {
        var kahan = KahanSum(sum)
        kahan.compensation = compensation
        kahan.add(increment)
        sum = kahan.sum
        compensation = kahan.compensation
    }
}
