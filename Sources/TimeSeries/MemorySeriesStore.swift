import Synchronization

/// An in-memory series store: the reference implementation of `SeriesQuerier` and `SampleAppender`.
///
/// Used by `leakwatch test promql` and `test rules` (their `load` and `input_series` data) and by tests. It keeps
/// every sample uncompressed, accepts samples in any order, and keeps the last value for a repeated timestamp.
public final class MemorySeriesStore: SeriesQuerier, SampleAppender {
    private struct State {
        var ids: [Labels: PostingsIndex.ID] = [:]
        var series: [Series] = []
        var index = PostingsIndex()
    }

    private let state = Mutex(State())

    /// Creates an empty store.
    public init() {}

    /// Removes every series.
    public func clear() {
        state.withLock { $0 = State() }
    }

    /// The number of series stored.
    public var seriesCount: Int { state.withLock { $0.series.count } }

    /// Appends a batch; see `SampleAppender.append(_:)`.
    public func append(_ batch: [Series]) throws -> AppendResult {
        state.withLock { state in
            var result = AppendResult()
            for entry in batch where !entry.samples.isEmpty {
                guard entry.labels.metricName != nil else {
                    result.reject(
                        .invalidLabels, count: entry.samples.count, example: "series \(entry.labels) has no metric name"
                    )
                    continue
                }
                let id: PostingsIndex.ID
                if let existing = state.ids[entry.labels] {
                    id = existing
                } else {
                    id = PostingsIndex.ID(state.series.count)
                    state.ids[entry.labels] = id
                    state.series.append(Series(labels: entry.labels, samples: []))
                    state.index.add(id, entry.labels)
                }
                for sample in entry.samples {
                    MemorySeriesStore.insert(sample, into: &state.series[Int(id)].samples)
                }
                result.accepted += entry.samples.count
            }
            return result
        }
    }

    /// Selects series; see `SeriesQuerier.select(_:start:end:)`.
    public func select(_ matchers: [Matcher], start: Int64, end: Int64) throws -> [Series] {
        state.withLock { state in
            var result: [Series] = []
            for id in state.index.select(matchers) {
                let series = state.series[Int(id)]
                let lower = series.samples.firstIndex(atOrAfter: start)
                var upper = lower
                while upper < series.samples.count, series.samples[upper].timestamp <= end { upper += 1 }
                if upper > lower {
                    result.append(Series(labels: series.labels, samples: Array(series.samples[lower..<upper])))
                }
            }
            return result.sorted { $0.labels < $1.labels }
        }
    }

    private static func insert(_ sample: Sample, into samples: inout [Sample]) {
        if let last = samples.last, last.timestamp >= sample.timestamp {
            let position = samples.firstIndex(atOrAfter: sample.timestamp)
            if samples[position].timestamp == sample.timestamp {
                samples[position] = sample
            } else {
                samples.insert(sample, at: position)
            }
        } else {
            samples.append(sample)
        }
    }
}
