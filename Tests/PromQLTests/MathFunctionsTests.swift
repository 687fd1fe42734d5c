import Testing

@testable import PromQL

/// The element-wise math functions against `functions.test` and `trig_functions.test`.
@Suite("Math functions")
struct MathFunctionsTests {
    private func apply(_ name: String, _ value: Double) -> Double {
        guard let function = MathFunctions.unary(name) else {
            Issue.record("no function \(name)")
            return .nan
        }
        return function(value)
    }

    @Test(
        "trigonometric and hyperbolic functions",
        arguments: [
            ("sin", 10, -0.5440211108893699), ("sin", 20, 0.9129452507276277),
            ("cos", 10, -0.8390715290764524), ("cos", 20, 0.40808206181339196),
            ("tan", 10, 0.6483608274590867), ("tan", 20, 2.2371609442247427),
            ("asin", -0.1, -0.10016742116155944), ("asin", 9.9, .nan),
            ("acos", -0.1, 1.670963747956456), ("acos", 9.9, .nan),
            ("atan", 10, 1.4711276743037345), ("atan", 20, 1.5208379310729538),
            // trig_functions.test writes cosh(10) for sinh(10) too (it compares to 1e-6); this is Go's math.Sinh(10).
            ("sinh", 10, 11013.232874703393), ("sinh", 20, 2.4258259770489514e+08),
            ("cosh", 10, 11013.232920103324), ("cosh", 20, 2.4258259770489514e+08),
            ("tanh", 10, 0.9999999958776927), ("tanh", 20, 1),
            ("asinh", 10, 2.99822295029797), ("asinh", 20, 3.6895038689889055),
            ("acosh", 10, 2.993222846126381), ("acosh", 20, 3.6882538673612966), ("acosh", 0.5, .nan),
            ("atanh", -0.1, -0.10033534773107522), ("atanh", 9.9, .nan), ("atanh", 1, .infinity),
            ("rad", 10, 0.17453292519943295), ("rad", 20, 0.3490658503988659), ("rad", 0, 0),
            ("rad", -10, -0.17453292519943295),
            ("deg", 10, 572.9577951308232), ("deg", 20, 1145.9155902616465), ("deg", -10, -572.9577951308232),
        ] as [(String, Double, Double)])
    func trigonometry(name: String, input: Double, expected: Double) {
        // `trig - 10.1` in the test script: 10 - 10.1 and 20 - 10.1.
        let argument = input == -0.1 ? 10 - 10.1 : input == 9.9 ? 20 - 10.1 : input
        #expect(Fixture.close(apply(name, argument), expected, tolerance: 1e-14))
        #expect(apply(name, .nan).isNaN)
    }

    @Test(
        "exp, ln, sqrt, log2, log10",
        arguments: [
            ("exp", 10, 22026.465794806718), ("exp", 20, 485165195.4097903), ("exp", 0, 1),
            ("exp", -10, 4.5399929762484854e-05),
            ("ln", 10, 2.302585092994046), ("ln", 20, 2.995732273553991), ("ln", 0, -.infinity), ("ln", -10, .nan),
            ("sqrt", 10, 3.1622776601683795), ("sqrt", 20, 4.47213595499958), ("sqrt", -1, .nan),
            ("log2", 10, 3.3219280948873626), ("log2", 20, 4.321928094887363), ("log2", 0, -.infinity),
            ("log2", -10, .nan),
            ("log10", 10, 1), ("log10", 20, 1.301029995663981), ("log10", 0, -.infinity), ("log10", -10, .nan),
        ] as [(String, Double, Double)])
    func logarithms(name: String, input: Double, expected: Double) {
        #expect(Fixture.close(apply(name, input), expected, tolerance: 1e-15))
    }

    @Test("log2 is exact for powers of two and log10 follows Go's formula")
    func goLogarithms() {
        #expect(MathFunctions.goLog2(1024) == 10)
        #expect(MathFunctions.goLog2(0.125) == -3)
        #expect(MathFunctions.goLog2(1) == 0)
        #expect(MathFunctions.goLog2(.infinity) == .infinity)
        #expect(MathFunctions.goLog2(0x1p-1074) == -1074)
        // Go's `math.Log10(20)`; the C library's log10 gives 1.3010299956639813.
        #expect(MathFunctions.goLog10(20) == 1.301029995663981)
        #expect(MathFunctions.frexp(10) == (0.625, 4))
        #expect(MathFunctions.frexp(-0.75) == (-0.75, 0))
        #expect(MathFunctions.frexp(0x1p-1070) == (0.5, -1069))
        #expect(MathFunctions.frexp(0).exponent == 0)
    }

    @Test(
        "abs, ceil, floor, round and sgn on the data of functions.test",
        arguments: [
            (2.5, 2.5, 3, 2, 3, 1), (2, 2, 2, 2, 2, 1), (-2.5, 2.5, -2, -3, -2, -1), (-2, 2, -2, -2, -2, -1),
            (0, 0, 0, 0, 0, 0), (-0.0, 0, 0, 0, 0, 0), (.infinity, .infinity, .infinity, .infinity, .infinity, 1),
            (-.infinity, .infinity, -.infinity, -.infinity, -.infinity, -1),
        ] as [(Double, Double, Double, Double, Double, Double)])
    func rounding(input: Double, abs: Double, ceil: Double, floor: Double, round: Double, sgn: Double) {
        #expect(apply("abs", input) == abs)
        #expect(apply("ceil", input) == ceil)
        #expect(apply("floor", input) == floor)
        #expect(MathFunctions.round(input, toNearest: 1) == round)
        #expect(apply("sgn", input) == sgn)
    }

    @Test("special values: abs of -0 is +0, sgn keeps -0 and NaN, NaN stays NaN")
    func specialValues() {
        #expect(apply("abs", -0.0).sign == .plus)
        #expect(apply("sgn", -0.0).sign == .minus)
        #expect(apply("sgn", .nan).isNaN)
        for name in ["abs", "ceil", "floor", "exp", "ln", "log2", "log10", "sqrt", "sgn", "deg", "rad"] {
            #expect(apply(name, .nan).isNaN, "\(name)(NaN)")
        }
        #expect(MathFunctions.unary("round") == nil)
        #expect(MathFunctions.unary("pi") == nil)
    }

    @Test("round to a multiple rounds ties up")
    func roundToNearest() {
        #expect(MathFunctions.round(1.23, toNearest: 0.1) == 1.2)
        #expect(MathFunctions.round(1.25, toNearest: 0.5) == 1.5)
        #expect(MathFunctions.round(-1.25, toNearest: 0.5) == -1)
        #expect(MathFunctions.round(5, toNearest: 10) == 10)
        #expect(MathFunctions.round(4.9, toNearest: 10) == 0)
        #expect(MathFunctions.round(.nan, toNearest: 1).isNaN)
        #expect(MathFunctions.round(3, toNearest: .nan).isNaN)
    }

    @Test(
        "clamp with Go's min and max",
        arguments: [
            (-50, -25, 75, -25), (0, -25, 75, 0), (100, -25, 75, 75),
            (-50, -20, .infinity, -20), (100, -.infinity, 70, 70),
            (-50, 0, .nan, .nan), (100, .nan, 0, .nan), (.nan, -.infinity, .infinity, .nan),
            (.nan, .infinity, .infinity, .infinity),
        ] as [(Double, Double, Double, Double)])
    func clamp(value: Double, lower: Double, upper: Double, expected: Double) {
        #expect(Fixture.close(MathFunctions.clamp(value, min: lower, max: upper), expected))
    }

    @Test("Go's math.Max and math.Min on zeros and infinities")
    func goMinMax() {
        #expect(MathFunctions.goMax(-0.0, 0).sign == .plus)
        #expect(MathFunctions.goMax(0, -0.0).sign == .plus)
        #expect(MathFunctions.goMin(0, -0.0).sign == .minus)
        #expect(MathFunctions.goMin(-0.0, 0).sign == .minus)
        #expect(MathFunctions.goMax(.nan, .infinity) == .infinity)
        #expect(MathFunctions.goMin(.nan, -.infinity) == -.infinity)
        #expect(MathFunctions.goMax(.nan, 1).isNaN)
        #expect(MathFunctions.goMin(1, .nan).isNaN)
    }
}
