import Testing
import TimeSeries

@testable import PromQL

/// The `*_over_time` aggregations, `changes`, `resets` and `quantile_over_time` against `functions.test`.
@Suite("Range functions: over time")
struct OverTimeFunctionsTests {
    let minute = Fixture.minute

    private func overTime(
        _ function: RangeFunctions.OverTimeFunction, _ values: [Double], every step: Int64 = 10_000,
        at end: Int64, range: Int64
    ) -> Double? {
        let samples = Fixture.samples(every: step, values)
        return RangeFunctions.overTime(function, Fixture.window(samples, end: end, range: range))
    }

    // MARK: - resets, changes

    static let foo: [Double] = [1, 2, 3, 0, 1, 0, 0, 1, 2, 0]
    static let bar: [Double] = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
    static let biz: [Double] = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]

    @Test(
        "resets over growing windows",
        arguments: [
            (5, nil, nil, nil), (10, 0, 0, 0), (20, 1, 0, 0), (30, 1, 0, 0), (32, 2, 1, 0), (50, 3, 1, 0),
        ] as [(Int64, Double?, Double?, Double?)])
    func resets(rangeMinutes: Int64, foo: Double?, bar: Double?, biz: Double?) {
        let at = 50 * minute
        let range = rangeMinutes * minute
        #expect(overTime(.resets, Self.foo, every: 5 * minute, at: at, range: range) == foo)
        #expect(overTime(.resets, Self.bar, every: 5 * minute, at: at, range: range) == bar)
        #expect(overTime(.resets, Self.biz, every: 5 * minute, at: at, range: range) == biz)
    }

    @Test(
        "changes over growing windows",
        arguments: [
            (5, nil, nil, nil), (6, 0, 0, 0), (20, 2, 2, 0), (30, 3, 4, 0), (50, 7, 8, 1),
        ] as [(Int64, Double?, Double?, Double?)])
    func changes(rangeMinutes: Int64, foo: Double?, bar: Double?, biz: Double?) {
        let at = 50 * minute
        let range = rangeMinutes * minute
        #expect(overTime(.changes, Self.foo, every: 5 * minute, at: at, range: range) == foo)
        #expect(overTime(.changes, Self.bar, every: 5 * minute, at: at, range: range) == bar)
        #expect(overTime(.changes, Self.biz, every: 5 * minute, at: at, range: range) == biz)
    }

    @Test("changes: NaN to NaN is no change, a number to NaN and back is")
    func changesWithNaN() {
        #expect(overTime(.changes, [.nan, .nan, .nan], every: 5 * minute, at: 15 * minute, range: 20 * minute) == 0)
        #expect(overTime(.changes, [0, .nan, 0], every: 5 * minute, at: 15 * minute, range: 20 * minute) == 2)
        // resets: comparisons with NaN are false, so no reset is seen around it.
        #expect(overTime(.resets, [3, .nan, 1], every: 5 * minute, at: 15 * minute, range: 20 * minute) == 0)
    }

    // MARK: - avg, sum

    @Test("avg_over_time over none, one and all samples")
    func averageWindows() {
        let values: [Double] = [1, 2, 3, 4, 5]
        #expect(overTime(.avg, values, at: 55_000, range: 10_000) == nil)
        #expect(overTime(.avg, values, at: 55_000, range: 20_000) == 5)
        #expect(overTime(.avg, values, at: 55_000, range: minute) == 3)
        #expect(overTime(.sum, values, at: 55_000, range: minute) == 15)
        #expect(overTime(.count, values, at: 55_000, range: minute) == 5)
    }

    @Test(
        "avg_over_time with infinities",
        arguments: [
            ([1, 2, 3, 4, .infinity], Double.infinity),
            ([1, 2, 3, 4, -.infinity], -.infinity),
            ([1, 2, 3, .infinity, -.infinity], .nan),
            ([.infinity, 0, .infinity], .infinity),
            ([.infinity, .infinity, .infinity, -.infinity], .nan),
            ([1, 2, 3, -.infinity, -.infinity], -.infinity),
            ([-.infinity, 0, -.infinity], -.infinity),
            ([-.infinity, -.infinity, -.infinity, .infinity], .nan),
            ([1, 2, -.infinity, -.infinity, .infinity], .nan),
        ] as [([Double], Double)])
    func averageInfinities(values: [Double], expected: Double) {
        let average = overTime(.avg, values, at: 55_000, range: minute)
        #expect(Fixture.close(average, expected))
        let sum = overTime(.sum, values, at: 55_000, range: minute)
        #expect(Fixture.close(sum.map { $0 / Double(values.count) }, expected))
    }

    @Test("avg_over_time switches to the incremental mean instead of overflowing")
    func averageOverflow() {
        let big = 9.988465674311579e+307
        #expect(overTime(.avg, [big, big], at: 55_000, range: minute) == big)
        #expect(overTime(.sum, [big, big], at: 55_000, range: minute) == .infinity)
        #expect(overTime(.avg, [-big, -big, -big], at: 55_000, range: minute) == -big)
        #expect(overTime(.sum, [-big, -big, -big], at: 55_000, range: minute) == -.infinity)
        #expect(overTime(.avg, [-big, big], at: 55_000, range: minute) == 0)
        #expect(overTime(.sum, [-big, big], at: 55_000, range: minute) == 0)
    }

    @Test("avg_over_time and NaN")
    func averageNaN() {
        let values: [Double] = [1, 2, 3, .nan, .nan]
        #expect(overTime(.avg, values, at: 20_000, range: minute) == 2)
        #expect(overTime(.avg, values, at: 30_000, range: minute)?.isNaN == true)
        #expect(overTime(.avg, values, at: 55_000, range: minute)?.isNaN == true)
        #expect(overTime(.sum, values, at: 55_000, range: minute)?.isNaN == true)
    }

    @Test("Kahan summation keeps small terms between huge ones")
    func compensatedSums() {
        #expect(overTime(.sum, [1, 1e100, 1, -1e100], at: minute, range: 2 * minute) == 2)
        #expect(overTime(.avg, [1, 1e100, 1, -1e100], at: minute, range: 2 * minute) == 0.5)
        #expect(
            overTime(.avg, [1e10, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6], every: 5000, at: 55_000, range: minute)
                == 1.6666666666666675e+09)
    }

    @Test(
        "avg_over_time of extreme values",
        arguments: [
            (
                [
                    5.30921651659898, 0.961118537914768, 1.62091361305318, 0.865089463758091, 0.323055185914577,
                    0.951811357687154,
                ], 1.67186744582113
            ),
            ([1.78264e50, 0.76342771, 1.9592258, 7.69805412, 458.90154], 3.56528E+49),
            ([0.76342771, 1.9592258, 7.69805412, 1.78264e50, 458.90154], 3.56528E+49),
            ([1.78264E+50, 0.76342771, 1.9592258, 2.258E+220, 7.69805412, 458.90154], 3.76333333333333E+219),
            ([-1.78264E+50, 0.76342771, 1.9592258, 2.258E+220, 7.69805412, -458.90154], 3.76333333333333E+219),
            ([-1.78264E+50, 0.76342771, 1.9592258, -2.258E+220, 7.69805412, -458.90154], -3.76333333333333E+219),
            ([-1.78264E+215, 0.76342771, 1.9592258, 2.258E+220, 7.69805412, -458.90154], 3.76330362266667E+219),
            (
                [-1.78264E+215, 0.76342771, 1.9592258, 2.258E+220, 7.69805412, 1.78264E+215, -458.90154],
                3.225714285714286e+219
            ),
            (
                [
                    -1.78264E+219, 0.76342771, 1.9592258, 2.3757689E+217, -2.3757689E+217, 2.258E+220, 7.69805412,
                    1.78264E+219, -458.90154,
                ], 2.5088888888888888e+219
            ),
            (
                [
                    -2.258E+220, -1.78264E+219, 0.76342771, 1.9592258, 2.3757689E+217, -2.3757689E+217, 2.258E+220,
                    7.69805412, 1.78264E+219, -458.90154,
                ], 0
            ),
        ] as [([Double], Double)])
    func averageExtremes(values: [Double], expected: Double) {
        // The test script's values are rounded to 15 digits; promqltest compares to 1e-6.
        let average = overTime(.avg, values, every: 5000, at: 55_000, range: minute)
        #expect(Fixture.close(average, expected, tolerance: 1e-6))
        if expected == 0 { #expect(average == 0) }
    }

    @Test("avg_over_time of a constant is exact", arguments: [100, 110, 120, 130] as [Int64])
    func averageOfConstant(rangeSeconds: Int64) {
        let values = [Double](repeating: 52, count: 101)
        #expect(overTime(.avg, values, at: 10 * minute, range: rangeSeconds * 1000) == 52)
    }

    @Test(
        "sum_over_time on dense millisecond samples", arguments: [1000, 1001, 1002, 1003, 2000, 2003, 3003] as [Int64])
    func denseSums(rangeMilliseconds: Int64) {
        let values = [Double](repeating: 1, count: 4001)
        #expect(overTime(.sum, values, every: 1, at: 4000, range: rangeMilliseconds) == Double(rangeMilliseconds))
    }

    // MARK: - stddev, stdvar, mad

    @Test("stddev and stdvar are population statistics")
    func deviation() {
        let values: [Double] = [0, 8, 8, 2, 3]
        #expect(Fixture.close(overTime(.stdvar, values, at: minute, range: 2 * minute), 10.56))
        #expect(Fixture.close(overTime(.stddev, values, at: minute, range: 2 * minute), 3.249615, tolerance: 1e-6))
        let constant = [Double](repeating: 1.5990505637277868, count: 3)
        #expect(overTime(.stdvar, constant, at: 55_000, range: minute) == 0)
        #expect(overTime(.stddev, constant, at: 55_000, range: minute) == 0)
        #expect(overTime(.stddev, [4], at: 0, range: minute) == 0)
        #expect(overTime(.stdvar, [1, .nan], at: 10_000, range: minute)?.isNaN == true)
    }

    @Test("mad_over_time is the median absolute deviation; NaN propagates")
    func medianAbsoluteDeviation() {
        #expect(overTime(.madOverTime, [4, 6, 2, 1, 999, 1, 2], at: 70_000, range: 70_000) == 1)
        #expect(overTime(.madOverTime, [1, 2, 3, 4, 5], at: 40_000, range: 50_000) == 1)
        #expect(overTime(.madOverTime, [7, 7, 7, 7, 7], at: 40_000, range: 50_000) == 0)
        #expect(overTime(.madOverTime, [5], at: 0, range: 10_000) == 0)
        #expect(overTime(.madOverTime, [1, 2, .nan, 4], at: 30_000, range: 40_000)?.isNaN == true)
    }

    // MARK: - min, max, first, last, count, present

    @Test(
        "min, max, first, last and count with NaN",
        arguments: [
            ([2, 0, 3], 0, 3, 2, 3),
            ([2, 0, .nan], 0, 2, 2, .nan),
            ([2, .nan, 1], 1, 2, 2, 1),
            ([.nan, 0, 1], 0, 1, .nan, 1),
            ([.nan, .nan, .nan], .nan, .nan, .nan, .nan),
        ] as [([Double], Double, Double, Double, Double)])
    func selectors(values: [Double], min: Double, max: Double, first: Double, last: Double) {
        let at = minute
        let range = 2 * minute
        #expect(Fixture.close(overTime(.min, values, at: at, range: range), min))
        #expect(Fixture.close(overTime(.max, values, at: at, range: range), max))
        #expect(Fixture.close(overTime(.first, values, at: at, range: range), first))
        #expect(Fixture.close(overTime(.last, values, at: at, range: range), last))
        #expect(overTime(.count, values, at: at, range: range) == 3)
        #expect(overTime(.present, values, at: at, range: range) == 1)
    }

    @Test("every function emits nothing for an empty window", arguments: RangeFunctions.OverTimeFunction.allCases)
    func emptyWindow(function: RangeFunctions.OverTimeFunction) {
        let empty: ArraySlice<Sample> = []
        #expect(RangeFunctions.overTime(function, empty) == nil)
        #expect(RangeFunctions.quantileOverTime(0.5, empty) == nil)
    }

    @Test("function names map to the aggregations, and only last/first keep the name")
    func names() {
        #expect(RangeFunctions.OverTimeFunction(functionName: "avg_over_time") == .avg)
        #expect(RangeFunctions.OverTimeFunction(functionName: "mad_over_time") == .madOverTime)
        #expect(RangeFunctions.OverTimeFunction(functionName: "changes") == .changes)
        #expect(RangeFunctions.OverTimeFunction(functionName: "rate") == nil)
        #expect(RangeFunctions.OverTimeFunction.allCases.filter(\.keepsMetricName) == [.last, .first])
    }

    // MARK: - quantile_over_time

    @Test(
        "quantile_over_time interpolates between ranks",
        arguments: [
            (0, 0, 0, 0), (0.5, 0.5, 1, 1), (0.75, 0.75, 1.5, 2.5), (0.8, 0.8, 1.6, 2.8), (1, 1, 2, 4),
            (-1, -.infinity, -.infinity, -.infinity), (2, .infinity, .infinity, .infinity),
        ] as [(Double, Double, Double, Double)])
    func quantile(phi: Double, two: Double, three: Double, uneven: Double) {
        func quantile(_ values: [Double]) -> Double? {
            let samples = Fixture.samples(every: 10_000, values)
            return RangeFunctions.quantileOverTime(phi, Fixture.window(samples, end: minute, range: 2 * minute))
        }
        #expect(Fixture.close(quantile([0, 1]), two))
        #expect(Fixture.close(quantile([0, 1, 2]), three))
        #expect(Fixture.close(quantile([0, 1, 4]), uneven))
    }

    @Test("quantile_over_time with NaN φ is NaN")
    func quantileNaN() {
        let samples = Fixture.samples(every: 10_000, [1, 2, 3])
        #expect(RangeFunctions.quantileOverTime(.nan, samples[...])?.isNaN == true)
    }
}
