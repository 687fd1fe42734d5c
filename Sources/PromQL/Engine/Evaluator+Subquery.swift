import TimeSeries

extension Evaluator {
    /// Evaluates the inner expression at every multiple of the step inside `(reference - range, reference]` and
    /// returns the resulting series as a range vector.
    func evaluateSubquery(_ subquery: SubqueryExpr, at time: Int64) throws(QueryError) -> RangeVector {
        let reference = referenceTime(at: subquery.at, offset: subquery.offset, stepTime: time)
        let step = subquery.step > 0 ? subquery.step : options.defaultSubqueryStep
        let rangeStart = reference - subquery.range
        var first = floorDivide(rangeStart, step) * step
        if first <= rangeStart { first += step }

        // A range function straight over a selector: evaluate it series by series over all inner steps.
        if let function = SeriesFunction(subquery.expr) {
            let series = try evaluateSeriesWise(function, from: first, through: reference, step: step)
            return RangeVector(
                series: series.map { RangeSeries(labels: $0.labels, samples: $0.samples[...], dropName: $0.dropName) },
                rangeStart: rangeStart, rangeEnd: reference)
        }

        let useCache = interval > 0
        if useCache {
            var cache = subqueryCache[subquery.position] ?? SubqueryCache()
            samplesInMemory -= cache.evict(through: rangeStart)
            subqueryCache[subquery.position] = cache
        }

        var index: [Labels: Int] = [:]
        var series: [(labels: Labels, dropName: Bool, samples: [Sample])] = []
        var previousPositions: [Int] = []
        var pointTime = first
        while pointTime <= reference {
            try checkDeadline()
            let samples: [VectorSample]
            if useCache, let cached = subqueryCache[subquery.position]?.lookup(pointTime) {
                samples = cached
            } else {
                samples = try evaluateVector(subquery.expr, at: pointTime)
                if useCache, subqueryCache[subquery.position]?.store(samples, at: pointTime) == true {
                    try reserve(samples: samples.count)
                }
            }
            // Inner steps usually produce the same series in the same order: try the previous step's position.
            var positions: [Int] = []
            positions.reserveCapacity(samples.count)
            for (offset, sample) in samples.enumerated() {
                let position: Int
                if offset < previousPositions.count, series[previousPositions[offset]].labels == sample.labels {
                    position = previousPositions[offset]
                } else if let found = index[sample.labels] {
                    position = found
                } else {
                    position = series.count
                    index[sample.labels] = position
                    series.append((sample.labels, sample.dropName, []))
                }
                series[position].samples.append(Sample(timestamp: pointTime, value: sample.value))
                positions.append(position)
            }
            previousPositions = positions
            pointTime += step
        }
        let result = series.map { RangeSeries(labels: $0.labels, samples: $0.samples[...], dropName: $0.dropName) }
        return RangeVector(series: result, rangeStart: rangeStart, rangeEnd: reference)
    }
}

/// Integer division rounding towards negative infinity.
func floorDivide(_ dividend: Int64, _ divisor: Int64) -> Int64 {
    let quotient = dividend / divisor
    return (dividend % divisor != 0 && (dividend < 0) != (divisor < 0)) ? quotient - 1 : quotient
}
