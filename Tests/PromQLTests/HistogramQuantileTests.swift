import Testing
import TimeSeries

@testable import PromQL

/// Classic-bucket `histogram_quantile`.
@Suite("histogram_quantile over classic buckets")
struct HistogramQuantileTests {
    private func bucket(_ le: String, _ value: Double, _ extra: [String: String] = [:], dropName: Bool = false)
        -> VectorSample
    {
        var labels = extra
        labels["__name__"] = labels["__name__"] ?? "testhistogram_bucket"
        labels["le"] = le
        return VectorSample(labels: Labels(labels), value: value, dropName: dropName)
    }

    /// The two histograms of Prometheus's histogram tests at 50m: `0+5x10 0+7x10 0+11x10 0+12x10` with bounds
    /// 0.1, .2, 1e0, +Inf, and `0+1x10 0+2x10 0+2x10 0+3x10` with bounds -.2, -0.1, 0.3, +Inf.
    private var histograms: [VectorSample] {
        [
            bucket("0.1", 50, ["start": "positive"]), bucket(".2", 70, ["start": "positive"]),
            bucket("1e0", 110, ["start": "positive"]), bucket("+Inf", 120, ["start": "positive"]),
            bucket("-.2", 10, ["start": "negative"]), bucket("-0.1", 20, ["start": "negative"]),
            bucket("0.3", 20, ["start": "negative"]), bucket("+Inf", 30, ["start": "negative"]),
        ]
    }

    private func quantiles(_ phi: Double, _ input: [VectorSample]) -> [String: Double] {
        var result: [String: Double] = [:]
        for element in HistogramQuantile.evaluate(phi, input) {
            result[element.labels["start"] ?? ""] = element.value
        }
        return result
    }

    @Test(
        "quantiles of a positive and a partly negative histogram",
        arguments: [
            (0, 0, -0.2), (0.2, 0.048, -0.2), (0.5, 0.15, -0.15), (0.8, 0.72, 0.3), (1, 1, 0.3),
        ] as [(Double, Double, Double)])
    func quantiles(phi: Double, positive: Double, negative: Double) {
        let result = quantiles(phi, histograms)
        #expect(Fixture.close(result["positive"], positive))
        #expect(Fixture.close(result["negative"], negative))
    }

    @Test("φ out of range or NaN", arguments: [(-0.1, -Double.infinity), (1.01, .infinity), (.nan, .nan)])
    func outOfRange(phi: Double, expected: Double) {
        let result = quantiles(phi, histograms)
        #expect(result.count == 2)
        #expect(Fixture.close(result["positive"], expected))
        #expect(Fixture.close(result["negative"], expected))
    }

    @Test("output keeps the labels without le, name included, and marks the name for removal")
    func outputLabels() {
        let output = HistogramQuantile.evaluate(0.5, histograms)
        #expect(output.count == 2)
        #expect(output.allSatisfy { $0.dropName && $0.labels["le"] == nil })
        #expect(
            output.map(\.labels) == [
                Labels(["__name__": "testhistogram_bucket", "start": "positive"]),
                Labels(["__name__": "testhistogram_bucket", "start": "negative"]),
            ])
        #expect(output[0].effectiveLabels == Labels(["start": "positive"]))
    }

    @Test("the metric name is part of the grouping")
    func groupsByName() {
        let input = [
            bucket("1", 1, ["__name__": "a_bucket"]), bucket("+Inf", 2, ["__name__": "a_bucket"]),
            bucket("1", 2, ["__name__": "b_bucket"]), bucket("+Inf", 2, ["__name__": "b_bucket"]),
        ]
        let output = HistogramQuantile.evaluate(0.5, input)
        #expect(output.count == 2)
        #expect(output.map(\.value) == [1, 0.5])
    }

    @Test("NaN without a +Inf bucket, with a single bucket, or with no observations")
    func degenerate() {
        #expect(HistogramQuantile.evaluate(0.5, [bucket("0.1", 1), bucket("0.2", 2)]).first?.value.isNaN == true)
        #expect(HistogramQuantile.evaluate(0.5, [bucket("+Inf", 2)]).first?.value.isNaN == true)
        #expect(HistogramQuantile.evaluate(0.5, [bucket("0.1", 0), bucket("+Inf", 0)]).first?.value.isNaN == true)
        // Two +Inf buckets coalesce into one: still fewer than two buckets.
        #expect(HistogramQuantile.evaluate(0.5, [bucket("+Inf", 1), bucket("inf", 1)]).first?.value.isNaN == true)
    }

    @Test("elements without a parsable le are ignored")
    func unparsableBounds() {
        let input = [
            bucket("0.1", 5), bucket("+Inf", 10), bucket("abc", 100),
            VectorSample(labels: Labels(["__name__": "testhistogram_bucket"]), value: 100),
        ]
        let output = HistogramQuantile.evaluate(0.5, input)
        #expect(output.count == 1)
        #expect(output.first?.value == 0.1)
        #expect(HistogramQuantile.evaluate(0.5, [bucket("x", 1)]).isEmpty)
        #expect(HistogramQuantile.evaluate(0.5, []).isEmpty)
    }

    @Test("the rank in the +Inf bucket gives the highest finite bound; a lowest bound <= 0 is returned as is")
    func boundaries() {
        let input = [bucket("1", 1), bucket("2", 2), bucket("+Inf", 10)]
        #expect(HistogramQuantile.evaluate(0.9, input).first?.value == 2)
        let negative = [bucket("-1", 5), bucket("+Inf", 10)]
        #expect(HistogramQuantile.evaluate(0.3, negative).first?.value == -1)
        let zero = [bucket("0", 5), bucket("+Inf", 10)]
        #expect(HistogramQuantile.evaluate(0.3, zero).first?.value == 0)
    }

    @Test("buckets are sorted, equal bounds coalesced and decreasing counts forced up")
    func normalisation() {
        // Rank 5 falls into (0.1, 0.2] holding 4 observations, 1 into it: 0.1 + 0.1 * 1/4.
        let unsorted = [bucket("+Inf", 10), bucket("0.2", 8), bucket("0.1", 4)]
        #expect(Fixture.close(HistogramQuantile.evaluate(0.5, unsorted).first?.value, 0.125))
        // le "0.1" and "1e-1" are the same bound: their counts add up to 4.
        let split = [bucket("0.1", 2), bucket("1e-1", 2), bucket("0.2", 8), bucket("+Inf", 10)]
        #expect(Fixture.close(HistogramQuantile.evaluate(0.5, split).first?.value, 0.125))
        // 10, 5, 10: the 5 is raised to 10.
        let decreasing = [bucket("0.1", 10), bucket("0.2", 5), bucket("+Inf", 10)]
        #expect(Fixture.close(HistogramQuantile.evaluate(0.5, decreasing).first?.value, 0.05))
    }

    @Test("differences below 1e-12 relative are ignored in both directions")
    func smallDeltas() {
        var buckets: [HistogramQuantile.Bucket] = [
            .init(upperBound: 1, count: 100), .init(upperBound: 2, count: 100.00000000000001),
            .init(upperBound: 3, count: 99.99999999999999), .init(upperBound: .infinity, count: 200),
        ]
        HistogramQuantile.ensureMonotonic(&buckets)
        #expect(buckets.map(\.count) == [100, 100, 100, 200])
        #expect(HistogramQuantile.almostEqual(1, 1 + 1e-13, tolerance: 1e-12))
        #expect(!HistogramQuantile.almostEqual(1, 1 + 1e-11, tolerance: 1e-12))
        #expect(HistogramQuantile.almostEqual(.nan, .nan, tolerance: 1e-12))
        #expect(!HistogramQuantile.almostEqual(0, 1e-300, tolerance: 1e-12))
    }

    @Test("sort.Search bisects like Go's")
    func search() {
        #expect(HistogramQuantile.searchFirst(5) { $0 >= 3 } == 3)
        #expect(HistogramQuantile.searchFirst(5) { _ in false } == 5)
        #expect(HistogramQuantile.searchFirst(0) { _ in true } == 0)
    }
}
