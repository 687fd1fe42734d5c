import Testing
import TimeSeries

@testable import PromQL

/// rate, increase, delta, irate, idelta, deriv and predict_linear against the numbers of Prometheus's
/// `functions.test`, worked out for the windows the evaluator would select.
@Suite("Range functions: rates and regression")
struct RangeFunctionsTests {
    let minute = Fixture.minute

    private func rate(
        _ samples: [Sample], at end: Int64, range: Int64, offset: Int64 = 0, counter: Bool = true,
        perSecond: Bool = true
    ) -> Double? {
        let window = Fixture.window(samples, end: end - offset, range: range)
        return RangeFunctions.extrapolatedRate(
            window, rangeStart: end - offset - range, rangeEnd: end - offset, isCounter: counter, isRate: perSecond)
    }

    // MARK: - increase

    @Test("increase extrapolates to the window's edges and stops at zero for counters")
    func increase() {
        let step = 5 * minute
        let foo = Fixture.samples(every: step, Fixture.expand(0, 10, times: 10))
        let bar = Fixture.samples(every: step, Fixture.expand(0, 18, times: 5) + Fixture.expand(0, 18, times: 5))
        let dings = Fixture.samples(every: step, Fixture.expand(10, 10, times: 10))
        let bumms = Fixture.samples(every: step, Fixture.expand(1, 10, times: 10))
        let at = 50 * minute
        #expect(rate(foo, at: at, range: 50 * minute, perSecond: false) == 100)
        #expect(Fixture.close(rate(bar, at: at, range: 50 * minute, perSecond: false), 160))
        #expect(Fixture.close(rate(dings, at: at, range: 50 * minute, perSecond: false), 100))
        #expect(Fixture.close(rate(bumms, at: at, range: 50 * minute, perSecond: false), 100))
        // With a 100m window the start is beyond reach: half an interval, or less where the counter would pass 0.
        #expect(rate(foo, at: at, range: 100 * minute, perSecond: false) == 100)
        #expect(rate(bar, at: at, range: 100 * minute, perSecond: false) == 162)
        #expect(Fixture.close(rate(dings, at: at, range: 100 * minute, perSecond: false), 105))
        #expect(Fixture.close(rate(bumms, at: at, range: 100 * minute, perSecond: false), 101))
    }

    @Test("increase counts a decrease as a reset to zero")
    func increaseWithReset() {
        let samples = Fixture.samples(every: 5 * minute, [0, 1, 2, 3, 2, 3, 4])
        #expect(Fixture.close(rate(samples, at: 30 * minute, range: 30 * minute, perSecond: false), 7))
    }

    // MARK: - rate

    @Test("rate divides by the window and handles resets in the middle and at the end")
    func rateResets() {
        let step = 5 * minute
        let middle = Fixture.samples(every: step, Fixture.expand(0, 27, times: 4) + Fixture.expand(0, 27, times: 5))
        #expect(Fixture.close(rate(middle, at: 50 * minute, range: 50 * minute), 0.08))
        let end = Fixture.samples(every: step, Fixture.expand(0, 10, times: 9) + [0, 10])
        #expect(rate(end, at: 50 * minute, range: 5 * minute) == nil)
        #expect(rate(end, at: 50 * minute, range: 6 * minute) == 0)
    }

    @Test("rate per second matches Prometheus to the last digit")
    func ratePerSecond() {
        let window = Fixture.samples(every: 5 * minute, Fixture.expand(0, 80, times: 10))
        // functions.test writes 0.26666666666666666 (compared to 1e-6); Go's float arithmetic gives this.
        #expect(rate(window, at: 50 * minute, range: 50 * minute) == 0.2666666666666667)
        let a = Fixture.samples(every: 5 * minute, Fixture.expand(0, 10, times: 10))
        let b = Fixture.samples(every: 5 * minute, Fixture.expand(0, 20, times: 10))
        #expect(rate(a, at: 50 * minute, range: 10 * minute, offset: 5 * minute) == 0.03333333333333333)
        #expect(rate(b, at: 50 * minute, range: 10 * minute, offset: 5 * minute) == 0.06666666666666667)
    }

    @Test(
        "the zero cutoff limits left extrapolation to half an interval",
        arguments: [
            (0.0, 0.5, 0.6), (60, 0.55, 0.6), (120, 0.6, 0.6), (180, 0.6, 0.6), (240, 0.6, 0.6), (300, 0.6, 0.6),
        ])
    func zeroCutoff(start: Double, at10m: Double, at50m: Double) {
        let samples = Fixture.samples(every: 4 * minute, Fixture.expand(start, 240, times: 10))
        #expect(Fixture.close(rate(samples, at: 10 * minute, range: 20 * minute), at10m))
        #expect(Fixture.close(rate(samples, at: 50 * minute, range: 20 * minute), at50m))
    }

    @Test("rate needs two samples; sub-second windows divide like Go's Duration.Seconds")
    func rateEdges() {
        let one = Fixture.samples(every: minute, [5])
        #expect(
            RangeFunctions.extrapolatedRate(
                one[...], rangeStart: -minute, rangeEnd: 0, isCounter: true, isRate: true) == nil)
        let empty: ArraySlice<Sample> = []
        #expect(
            RangeFunctions.extrapolatedRate(
                empty, rangeStart: 0, rangeEnd: 1, isCounter: false, isRate: false) == nil)
        #expect(RangeFunctions.durationSeconds(milliseconds: 1500) == 1.5)
        #expect(RangeFunctions.durationSeconds(milliseconds: 100) == 0.1)
        #expect(RangeFunctions.durationSeconds(milliseconds: 3_000_000) == 3000)
    }

    @Test("NaN in the middle of a rate window is invisible; at an end it propagates, as does infinity")
    func rateSpecialValues() {
        let nanInside = Fixture.samples(every: minute, [1, .nan, 3])
        #expect(rate(nanInside, at: 2 * minute, range: 3 * minute, perSecond: false) == 3)
        let nanLast = Fixture.samples(every: minute, [1, 2, .nan])
        #expect(rate(nanLast, at: 2 * minute, range: 3 * minute)?.isNaN == true)
        let withInfinity = Fixture.samples(every: minute, [1, 2, .infinity])
        #expect(rate(withInfinity, at: 2 * minute, range: 3 * minute) == .infinity)
    }

    // MARK: - delta

    @Test("delta extrapolates gauges in both directions without reset handling")
    func delta() {
        let up = Fixture.samples(every: 5 * minute, [0, 50, 100, 150, 200])
        let down = Fixture.samples(every: 5 * minute, [200, 150, 100, 50, 0])
        #expect(rate(up, at: 20 * minute, range: 20 * minute, counter: false, perSecond: false) == 200)
        #expect(rate(down, at: 20 * minute, range: 20 * minute, counter: false, perSecond: false) == -200)
        // A gauge below zero is extrapolated past zero: no zero clamp for delta.
        let negative = Fixture.samples(every: 5 * minute, [0, -10, -20], start: 5 * minute)
        #expect(rate(negative, at: 15 * minute, range: 15 * minute, counter: false, perSecond: false) == -30)
    }

    // MARK: - irate, idelta

    @Test("irate uses the last two samples and takes a drop as a reset")
    func irate() {
        let foo = Fixture.samples(every: 5 * minute, Fixture.expand(0, 10, times: 10))
        let bar = Fixture.samples(every: 5 * minute, Fixture.expand(0, 10, times: 5) + Fixture.expand(0, 10, times: 5))
        let window = 50 * minute
        func irate(_ samples: [Sample], at end: Int64) -> Double? {
            RangeFunctions.instantValue(Fixture.window(samples, end: end, range: window), isRate: true)
        }
        #expect(Fixture.close(irate(foo, at: 50 * minute), 0.03333333333333333333))
        #expect(Fixture.close(irate(bar, at: 50 * minute), 0.03333333333333333333))
        #expect(Fixture.close(irate(foo, at: 30 * minute), 0.03333333333333333333))
        #expect(irate(bar, at: 30 * minute) == 0)
    }

    @Test("irate and idelta with NaN values, as the range query in functions.test")
    func instantNaN() {
        let samples = Fixture.samples(every: 5 * minute, [1, .nan, .nan, 5, 11])
        let range = 15 * minute + 1000
        let steps: [Int64] = [0, 5, 10, 15, 20].map { $0 * minute }
        let irates = steps.map {
            RangeFunctions.instantValue(Fixture.window(samples, end: $0, range: range), isRate: true)
        }
        let ideltas = steps.map {
            RangeFunctions.instantValue(Fixture.window(samples, end: $0, range: range), isRate: false)
        }
        #expect(irates[0] == nil)
        #expect(irates[1]?.isNaN == true && irates[2]?.isNaN == true && irates[3]?.isNaN == true)
        #expect(Fixture.close(irates[4], 0.02))
        #expect(ideltas[0] == nil)
        #expect(ideltas[1]?.isNaN == true && ideltas[2]?.isNaN == true && ideltas[3]?.isNaN == true)
        #expect(ideltas[4] == 6)
    }

    @Test("idelta is the plain difference of the last two samples")
    func idelta() {
        let foo = Fixture.samples(every: 5 * minute, [0, 50, 100, 150])
        let bar = Fixture.samples(every: 5 * minute, [0, 50, 100, 50])
        #expect(
            RangeFunctions.instantValue(Fixture.window(foo, end: 20 * minute, range: 20 * minute), isRate: false)
                == 50)
        #expect(
            RangeFunctions.instantValue(Fixture.window(bar, end: 20 * minute, range: 20 * minute), isRate: false)
                == -50)
    }

    @Test("irate needs two samples with distinct timestamps")
    func instantEdges() {
        let single = [Sample(timestamp: 0, value: 1)]
        #expect(RangeFunctions.instantValue(single[...], isRate: true) == nil)
        let sameTime = [Sample(timestamp: 5, value: 1), Sample(timestamp: 5, value: 2)]
        #expect(RangeFunctions.instantValue(sameTime[...], isRate: true) == nil)
        #expect(RangeFunctions.instantValue(sameTime[...], isRate: false) == nil)
        let reset = [Sample(timestamp: 0, value: 10), Sample(timestamp: 2000, value: 4)]
        #expect(RangeFunctions.instantValue(reset[...], isRate: true) == 2)
        #expect(RangeFunctions.instantValue(reset[...], isRate: false) == -6)
    }

    // MARK: - deriv, predict_linear

    /// `0+10x4 0+10x5` every 5m: the series of the regression tests.
    private var resetMiddle: [Sample] {
        Fixture.samples(every: 5 * minute, Fixture.expand(0, 10, times: 4) + Fixture.expand(0, 10, times: 5))
    }

    @Test("deriv is the least-squares slope per second")
    func deriv() {
        #expect(
            RangeFunctions.deriv(Fixture.window(resetMiddle, end: 50 * minute, range: 100 * minute))
                == 0.010606060606060607)
        let counter = Fixture.samples(every: 5 * minute, Fixture.expand(0, 80, times: 10))
        #expect(
            Fixture.close(
                RangeFunctions.deriv(Fixture.window(counter, end: 50 * minute, range: 50 * minute)), 0.26666666666666666
            ))
    }

    @Test("deriv and predict_linear give NaN when an infinity is in the window")
    func regressionWithInfinity() {
        let samples = Fixture.samples(every: 5 * minute, [-.infinity] + Fixture.expand(0, 80, times: 10) + [.infinity])
        let window = Fixture.window(samples, end: 100 * minute, range: 100 * minute)
        #expect(RangeFunctions.deriv(window)?.isNaN == true)
        #expect(RangeFunctions.predictLinear(window, evaluationTime: 100 * minute, seconds: 6000)?.isNaN == true)
    }

    @Test("predict_linear predicts from the evaluation time, also under @")
    func predictLinear() {
        let window50 = Fixture.window(resetMiddle, end: 50 * minute, range: 50 * minute)
        #expect(Fixture.close(RangeFunctions.predictLinear(window50, evaluationTime: 50 * minute, seconds: 3600), 70))
        // `[55m] @ 3000`: the window ends at 3000 s whatever the step; the intercept moves with the step.
        let pinned = Fixture.window(resetMiddle, end: 3_000_000, range: 55 * minute)
        #expect(
            Fixture.close(
                RangeFunctions.predictLinear(pinned, evaluationTime: 50 * minute, seconds: 3600), 76.81818181818181))
        #expect(
            Fixture.close(
                RangeFunctions.predictLinear(pinned, evaluationTime: 10 * minute, seconds: 3600), 51.36363636363637))
        #expect(
            Fixture.close(
                RangeFunctions.predictLinear(pinned, evaluationTime: 70 * minute, seconds: 3600), 89.54545454545455))
    }

    @Test("predict_linear agrees with the last value plus deriv on a perfect line")
    func predictLinearOnALine() {
        let counter = Fixture.samples(every: 5 * minute, Fixture.expand(0, 80, times: 10))
        let window = Fixture.window(counter, end: 50 * minute, range: 50 * minute)
        let predicted = RangeFunctions.predictLinear(window, evaluationTime: 50 * minute, seconds: 3600)
        let viaDeriv = 800 + (RangeFunctions.deriv(window) ?? .nan) * 3600
        #expect(Fixture.close(predicted, viaDeriv))
    }

    @Test("regression edge cases: one sample, constant values, constant infinity")
    func regressionEdges() {
        let one = [Sample(timestamp: 0, value: 3)]
        #expect(RangeFunctions.deriv(one[...]) == nil)
        #expect(RangeFunctions.predictLinear(one[...], evaluationTime: 0, seconds: 1) == nil)
        let constant = Fixture.samples(every: minute, [7, 7, 7])
        #expect(RangeFunctions.deriv(constant[...]) == 0)
        #expect(RangeFunctions.predictLinear(constant[...], evaluationTime: 10 * minute, seconds: 100) == 7)
        let infinite = Fixture.samples(every: minute, [.infinity, .infinity])
        #expect(RangeFunctions.deriv(infinite[...])?.isNaN == true)
        let nans = Fixture.samples(every: minute, [.nan, .nan])
        #expect(RangeFunctions.deriv(nans[...])?.isNaN == true)
    }

    @Test("regression works on a slice that does not start at index 0")
    func regressionOnSubSlice() {
        let samples = Fixture.samples(every: 1000, [100, 100, 1, 2, 3, 4])
        #expect(RangeFunctions.deriv(samples[2...]) == 1)
        #expect(RangeFunctions.predictLinear(samples[2...], evaluationTime: 5000, seconds: 2) == 6)
        #expect(
            RangeFunctions.extrapolatedRate(
                samples[2...], rangeStart: 1000, rangeEnd: 5000, isCounter: true, isRate: false) == 4)
    }

    // MARK: - double_exponential_smoothing

    @Test(
        "double exponential smoothing reproduces a straight line",
        arguments: [
            (0.0, 10.0, 8000.0), (0, 20, 16000), (0, 30, 24000), (0, 40, 32000), (8000, -10, 0), (0, -20, -16000),
        ])
    func smoothingOfLines(initial: Double, increment: Double, expected: Double) {
        let samples = Fixture.samples(every: 10_000, Fixture.expand(initial, increment, times: 1000))
        let window = Fixture.window(samples, end: 8_000_000, range: minute)
        #expect(
            Fixture.close(
                RangeFunctions.doubleExponentialSmoothing(window, smoothing: 0.01, trend: 0.1), expected,
                tolerance: 1e-9))
    }

    @Test("double exponential smoothing of the second segment, as at 20010s in functions.test")
    func smoothingSecondSegment() {
        let values = Fixture.expand(0, 10, times: 1000) + Fixture.expand(100, 30, times: 1000)
        let samples = Fixture.samples(every: 10_000, values)
        let window = Fixture.window(samples, end: 20_010_000, range: minute)
        #expect(
            Fixture.close(
                RangeFunctions.doubleExponentialSmoothing(window, smoothing: 0.01, trend: 0.1), 30100, tolerance: 1e-9))
    }

    @Test("double exponential smoothing by hand on three points, and its argument checks")
    func smoothingByHand() throws {
        let samples = Fixture.samples(every: 1000, [1, 3, 4])
        // s1 = 1, b = 2; i=1: s = 0.5*3 + 0.5*(1+2) = 3; i=2: b = 0.5*(3-1) + 0.5*2 = 2, s = 0.5*4 + 0.5*(3+2) = 4.5
        #expect(RangeFunctions.doubleExponentialSmoothing(samples[...], smoothing: 0.5, trend: 0.5) == 4.5)
        #expect(RangeFunctions.doubleExponentialSmoothing(samples[..<1], smoothing: 0.5, trend: 0.5) == nil)
        #expect(throws: QueryError(.execution, "invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000")) {
            try RangeFunctions.validateSmoothingFactors(smoothing: 1, trend: 0.5)
        }
        #expect(throws: QueryError(.execution, "invalid trend factor. Expected: 0 < tf < 1, got: -0.500000")) {
            try RangeFunctions.validateSmoothingFactors(smoothing: 0.5, trend: -0.5)
        }
        #expect(throws: QueryError(.execution, "invalid smoothing factor. Expected: 0 < sf < 1, got: +Inf")) {
            try RangeFunctions.validateSmoothingFactors(smoothing: .infinity, trend: 0.5)
        }
        try RangeFunctions.validateSmoothingFactors(smoothing: 0.01, trend: 0.99)
        try RangeFunctions.validateSmoothingFactors(smoothing: .nan, trend: .nan)
    }
}
