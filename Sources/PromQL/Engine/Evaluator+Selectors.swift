import TimeSeries

/// The time window one selector needs over a whole query, and how it is used.
struct SelectorWindow {
    var matchers: [Matcher]
    /// Inclusive bounds in ms.
    var minTime: Int64
    var maxTime: Int64
    /// Range selectors drop stale markers; instant selectors need them.
    var isRange: Bool
}

extension Evaluator {
    /// Loads the series of every selector in `expr` once, over the union of the windows all steps need.
    func load(_ expr: Expr) throws(QueryError) {
        var windows: [Int: SelectorWindow] = [:]
        collectWindows(expr, from: start, to: end, into: &windows)
        for (id, window) in windows.sorted(by: { $0.key < $1.key }) {
            try checkDeadline()
            let selected: [Series]
            do {
                selected = try querier.select(window.matchers, start: window.minTime, end: window.maxTime)
            } catch let error as QueryError {
                throw error
            } catch {
                throw QueryError(.storage, "reading series: \(error)")
            }
            var series: [LoadedSeries] = []
            series.reserveCapacity(selected.count)
            for entry in selected {
                try reserve(samples: entry.samples.count)
                if window.isRange {
                    let samples =
                        entry.samples.contains(where: \.isStale)
                        ? entry.samples.filter { !$0.isStale } : entry.samples
                    if !samples.isEmpty { series.append(LoadedSeries(labels: entry.labels, samples: samples)) }
                } else {
                    series.append(LoadedSeries(labels: entry.labels, samples: entry.samples))
                }
            }
            loaded[id] = series
        }
    }

    /// Records, for every selector under `expr`, the samples needed when `expr` is evaluated at times in
    /// `from...to`.
    private func collectWindows(_ expr: Expr, from: Int64, to: Int64, into windows: inout [Int: SelectorWindow]) {
        switch expr {
        case .number, .string:
            return
        case .vectorSelector(let selector):
            let (low, high) = referenceBounds(selector.at, offset: selector.offset, from: from, to: to)
            widen(&windows, selector, minTime: low - options.lookbackDelta + 1, maxTime: high, isRange: false)
        case .matrixSelector(let matrix):
            let selector = matrix.selector
            let (low, high) = referenceBounds(selector.at, offset: selector.offset, from: from, to: to)
            widen(&windows, selector, minTime: low - matrix.range + 1, maxTime: high, isRange: true)
        case .subquery(let subquery):
            let (low, high) = referenceBounds(subquery.at, offset: subquery.offset, from: from, to: to)
            collectWindows(subquery.expr, from: low - subquery.range + 1, to: high, into: &windows)
        case .paren(let inner, _), .unary(_, let inner, _):
            collectWindows(inner, from: from, to: to, into: &windows)
        case .binary(let binary):
            collectWindows(binary.lhs, from: from, to: to, into: &windows)
            collectWindows(binary.rhs, from: from, to: to, into: &windows)
        case .aggregate(let aggregate):
            if let parameter = aggregate.parameter { collectWindows(parameter, from: from, to: to, into: &windows) }
            collectWindows(aggregate.expr, from: from, to: to, into: &windows)
        case .call(let call):
            for argument in call.arguments { collectWindows(argument, from: from, to: to, into: &windows) }
        }
    }

    private func referenceBounds(_ at: AtModifier?, offset: Int64, from: Int64, to: Int64) -> (Int64, Int64) {
        (referenceTime(at: at, offset: offset, stepTime: from), referenceTime(at: at, offset: offset, stepTime: to))
    }

    private func widen(
        _ windows: inout [Int: SelectorWindow], _ selector: VectorSelector, minTime: Int64, maxTime: Int64,
        isRange: Bool
    ) {
        if var window = windows[selector.id] {
            window.minTime = min(window.minTime, minTime)
            window.maxTime = max(window.maxTime, maxTime)
            windows[selector.id] = window
        } else {
            windows[selector.id] = SelectorWindow(
                matchers: selector.matchers, minTime: minTime, maxTime: maxTime, isRange: isRange)
        }
    }

    // MARK: - Selectors at one step

    /// The newest sample of each series within the lookback window before the reference time, as Prometheus
    /// selects it: a stale marker as the newest sample hides the series.
    func instantVector(_ selector: VectorSelector, at time: Int64) -> [VectorSample] {
        instantSamples(selector, at: time).map { VectorSample(labels: $0.labels, value: $0.sample.value) }
    }

    /// Like `instantVector(_:at:)`, with each series' selected sample (for `timestamp()`).
    func instantSamples(_ selector: VectorSelector, at time: Int64) -> [(labels: Labels, sample: Sample)] {
        let reference = referenceTime(at: selector.at, offset: selector.offset, stepTime: time)
        let oldest = reference - options.lookbackDelta
        var result: [(labels: Labels, sample: Sample)] = []
        for series in loaded[selector.id] ?? [] {
            let index = series.samples.firstIndex(atOrAfter: reference + 1) - 1
            guard index >= 0 else { continue }
            let sample = series.samples[index]
            if sample.timestamp > oldest, !sample.isStale {
                result.append((series.labels, sample))
            }
        }
        return result
    }

    /// Each series' samples in `(reference - range, reference]`, series without samples there left out.
    func rangeVector(_ matrix: MatrixSelector, at time: Int64) -> RangeVector {
        let selector = matrix.selector
        let reference = referenceTime(at: selector.at, offset: selector.offset, stepTime: time)
        let rangeStart = reference - matrix.range
        guard let series = loaded[selector.id] else {
            return RangeVector(series: [], rangeStart: rangeStart, rangeEnd: reference)
        }
        var cursors =
            self.cursors.removeValue(forKey: selector.id) ?? Array(repeating: SeriesCursor(), count: series.count)
        var result: [RangeSeries] = []
        result.reserveCapacity(series.count)
        for index in series.indices {
            let window = cursors[index].window(in: series[index].samples, rangeStart: rangeStart, reference: reference)
            if !window.isEmpty {
                result.append(
                    RangeSeries(labels: series[index].labels, samples: series[index].samples[window], dropName: false))
            }
        }
        self.cursors[selector.id] = cursors
        return RangeVector(series: result, rangeStart: rangeStart, rangeEnd: reference)
    }
}
