import Synchronization
import TestSupport
import Testing
import TimeSeries

@testable import PromQL

/// A querier that counts `select` calls, to check each selector is read once per query.
private final class CountingQuerier: SeriesQuerier {
    let inner: MemorySeriesStore
    let calls = Mutex(0)

    init(_ inner: MemorySeriesStore) { self.inner = inner }

    func select(_ matchers: [Matcher], start: Int64, end: Int64) throws -> [Series] {
        calls.withLock { $0 += 1 }
        return try inner.select(matchers, start: start, end: end)
    }
}

@Suite("Engine")
struct EngineTests {
    /// A store with `series` samples at `interval` ms from t=0.
    private func store(_ series: [(Labels, [Double])], interval: Int64 = 60_000) throws -> MemorySeriesStore {
        let store = MemorySeriesStore()
        _ = try store.append(
            series.map { labels, values in
                Series(
                    labels: labels,
                    samples: values.enumerated().map {
                        Sample(timestamp: Int64($0.offset) * interval, value: $0.element)
                    })
            })
        return store
    }

    private func vector(_ value: QueryValue) -> [Labels: Double] {
        guard case .vector(_, let samples) = value else { return [:] }
        return Dictionary(uniqueKeysWithValues: samples.map { ($0.labels, $0.value) })
    }

    @Test("an instant selector sees the newest sample up to 5 minutes back, and a stale marker hides the series")
    func lookbackAndStaleness() throws {
        let memory = MemorySeriesStore()
        _ = try memory.append([
            Series(labels: ["__name__": "a"], samples: [Sample(timestamp: 30_000, value: 1)]),
            Series(
                labels: ["__name__": "b"],
                samples: [Sample(timestamp: 0, value: 1), Sample.stale(at: 60_000)]),
        ])
        let engine = Engine(querier: memory)
        #expect(vector(try engine.instantQuery("a", at: 329_000)) == [["__name__": "a"]: 1])
        #expect(vector(try engine.instantQuery("a", at: 330_000)).isEmpty)
        #expect(vector(try engine.instantQuery("b", at: 30_000)) == [["__name__": "b"]: 1])
        #expect(vector(try engine.instantQuery("b", at: 90_000)).isEmpty)
    }

    @Test("a range query reads each selector once, not once per step")
    func selectOncePerQuery() throws {
        let memory = try store([(["__name__": "m", "pod": "a"], (0..<200).map(Double.init))])
        let querier = CountingQuerier(memory)
        let engine = Engine(querier: querier)
        let result = try engine.rangeQuery(
            "deriv(m[10m]) + predict_linear(m[30m], 60)", start: 3_600_000, end: 7_200_000, step: 60_000)
        #expect(querier.calls.withLock { $0 } == 2)
        guard case .matrix(let series) = result else {
            Issue.record("expected a matrix")
            return
        }
        #expect(series.count == 1)
        #expect(series.first?.labels == ["pod": "a"])
        #expect(series.first?.samples.count == 61)
        // slope 1/60 per second plus the value predicted one minute ahead.
        let first = try #require(series.first?.samples.first)
        #expect(abs(first.value - (1.0 / 60 + 61)) < 1e-9)
    }

    @Test("a scalar range query gives one series without labels")
    func scalarRange() throws {
        let engine = Engine(querier: MemorySeriesStore())
        guard case .matrix(let series) = try engine.rangeQuery("time() * 2", start: 0, end: 120_000, step: 60_000)
        else {
            Issue.record("expected a matrix")
            return
        }
        #expect(
            series == [
                Series(
                    labels: .empty,
                    samples: [
                        Sample(timestamp: 0, value: 0), Sample(timestamp: 60_000, value: 120),
                        Sample(timestamp: 120_000, value: 240),
                    ])
            ])
    }

    @Test("the sample limit stops a query with Prometheus's message")
    func sampleLimit() throws {
        let memory = try store((0..<20).map { (["__name__": "m", "i": "\($0)"], Array(repeating: 1.0, count: 100)) })
        var options = EngineOptions()
        options.maxSamples = 500
        let engine = Engine(querier: memory, options: options)
        let error = #expect(throws: QueryError.self) { try engine.instantQuery("sum_over_time(m[1h])", at: 3_600_000) }
        #expect(error == QueryError.tooManySamples)
        #expect(error?.kind == .execution)
        #expect(throws: Never.self) { try engine.instantQuery("sum_over_time(m[10m])", at: 3_600_000) }
    }

    @Test("an expired deadline stops a query with a timeout error")
    func timeout() throws {
        let memory = try store([(["__name__": "m"], Array(repeating: 1.0, count: 100))])
        let engine = Engine(querier: memory)
        let error = #expect(throws: QueryError.self) {
            try engine.rangeQuery("m", start: 0, end: 6_000_000, step: 60_000, timeout: .zero)
        }
        #expect(error?.kind == .timeout)
    }

    @Test("subquery points are aligned to multiples of the step inside the left-open range")
    func subqueryAlignment() throws {
        let memory = try store([(["__name__": "m"], (0..<20).map(Double.init))])
        let engine = Engine(querier: memory)
        #expect(vector(try engine.instantQuery("count_over_time(m[1m:1m])", at: 600_000)) == [.empty: 1])
        #expect(vector(try engine.instantQuery("count_over_time(m[5m:1m])", at: 600_000)) == [.empty: 5])
        #expect(vector(try engine.instantQuery("count_over_time(m[5m:1m])", at: 630_000)) == [.empty: 5])
        // Range query: the cached inner results give the same answers as fresh instant evaluations.
        guard
            case .matrix(let series) = try engine.rangeQuery(
                "max_over_time(m[5m:1m])", start: 300_000, end: 900_000, step: 30_000)
        else {
            Issue.record("expected a matrix")
            return
        }
        for sample in try #require(series.first).samples {
            #expect(
                vector(try engine.instantQuery("max_over_time(m[5m:1m])", at: sample.timestamp)) == [
                    .empty: sample.value
                ])
        }
    }

    @Test("names are removed at the end: colliding label sets fail, label_replace onto __name__ keeps the name")
    func delayedNameRemoval() throws {
        let memory = try store([
            (["__name__": "a", "pod": "x"], (0..<10).map(Double.init)),
            (["__name__": "b", "pod": "x"], (0..<10).map(Double.init)),
        ])
        let engine = Engine(querier: memory)
        let error = #expect(throws: QueryError.self) { try engine.instantQuery("rate({pod=\"x\"}[5m])", at: 540_000) }
        #expect(error?.message == "vector cannot contain metrics with the same labelset")
        let renamed = vector(
            try engine.instantQuery(#"label_replace(rate(a[5m]), "__name__", "a_rate", "", "")"#, at: 540_000))
        #expect(renamed.keys.map(\.metricName) == ["a_rate"])
        #expect(vector(try engine.instantQuery("a + 1", at: 540_000)) == [["pod": "x"]: 10])
    }

    @Test("absent takes its labels from the selector's equality matchers")
    func absent() throws {
        let engine = Engine(querier: MemorySeriesStore())
        #expect(
            vector(try engine.instantQuery(#"absent(m{job="api", pod=~"x.*", env="a", env="b"})"#, at: 0))
                == [["job": "api"]: 1])
        #expect(vector(try engine.instantQuery("absent(sum(m))", at: 0)) == [.empty: 1])
    }

    @Test("timestamp() of a selector is the sample's own time, of other expressions the evaluation time")
    func timestamps() throws {
        let memory = try store([(["__name__": "m"], [1, 2])])
        let engine = Engine(querier: memory)
        #expect(vector(try engine.instantQuery("timestamp(m)", at: 100_000)) == [.empty: 60])
        #expect(vector(try engine.instantQuery("timestamp(m + 0)", at: 100_000)) == [.empty: 100])
    }

    @Test("a range query rejects a range vector, a bad step and too many points")
    func rangeQueryValidation() throws {
        let engine = Engine(querier: MemorySeriesStore())
        let matrix = #expect(throws: QueryError.self) {
            try engine.rangeQuery("m[5m]", start: 0, end: 60_000, step: 1_000)
        }
        #expect(
            matrix?.message
                == #"invalid expression type "range vector" for range query, must be Scalar or instant Vector"#)
        #expect(throws: QueryError.self) { try engine.rangeQuery("m", start: 0, end: 60_000, step: 0) }
        #expect(throws: QueryError.self) { try engine.rangeQuery("m", start: 0, end: 100_000_000, step: 1) }
    }
}

extension EngineTests {
    @Test(
        "range functions straight over a selector give, series by series, what each step's instant query gives",
        arguments: [
            "rate(m[5m])", "deriv(m[10m])", "predict_linear(m[10m], 600)", "last_over_time(m[3m])",
            "quantile_over_time(0.9, m[7m])", "max_over_time(m[2m] offset 3m)", "count_over_time(m[4m] @ 1200)",
        ])
    func seriesWiseMatchesStepwise(_ query: String) throws {
        var random = SplitMix64(seed: 7)
        let memory = MemorySeriesStore()
        _ = try memory.append(
            (0..<3).map { pod in
                Series(
                    labels: ["__name__": "m", "pod": "\(pod)"],
                    samples: (0..<60).compactMap { index in
                        // Gaps and a reset now and then, so windows differ from step to step.
                        random.next() % 7 == 0
                            ? nil : Sample(timestamp: Int64(index) * 45_000, value: Double(index * 10 + pod))
                    })
            })
        let engine = Engine(querier: memory)
        guard case .matrix(let series) = try engine.rangeQuery(query, start: 600_000, end: 2_400_000, step: 30_000)
        else {
            Issue.record("expected a matrix")
            return
        }
        var points = 0
        for entry in series {
            for sample in entry.samples {
                let instant = vector(try engine.instantQuery(query, at: sample.timestamp))
                #expect(instant[entry.labels] == sample.value, "\(query) at \(sample.timestamp)")
                points += 1
            }
        }
        #expect(points > 0)
        // And nothing the instant queries return is missing from the range result.
        var time: Int64 = 600_000
        while time <= 2_400_000 {
            for (labels, _) in vector(try engine.instantQuery(query, at: time)) {
                let entry = series.first { $0.labels == labels }
                #expect(entry?.samples.contains { $0.timestamp == time } == true, "\(query) \(labels) at \(time)")
            }
            time += 30_000
        }
    }
}
