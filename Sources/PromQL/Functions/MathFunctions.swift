#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// PromQL's element-wise math functions with Go's `math` semantics (`promql/functions.go`).
///
/// The transcendental functions come from the C library, which agrees with Go's `math` package on every special
/// value (NaN, ±Inf, ±0, out-of-domain arguments give NaN) but may differ from it in the last bit of some results.
/// `log2` and `log10` follow Go's own formulas on top of the natural logarithm, so exact powers of two and the
/// values Go's tests pin down come out the same.
enum MathFunctions {
    /// The function PromQL calls `name` (`abs`, `ceil`, `floor`, `exp`, `ln`, `log2`, `log10`, `sqrt`, `sgn`, the
    /// trigonometric and hyperbolic functions and their inverses, `deg`, `rad`), or nil for any other name.
    static func unary(_ name: String) -> (@Sendable (Double) -> Double)? {
        switch name {
        case "abs": return { $0.magnitude }
        case "ceil": return { $0.rounded(.up) }
        case "floor": return { $0.rounded(.down) }
        case "exp": return { exp($0) }
        case "ln": return { log($0) }
        case "log2": return { goLog2($0) }
        case "log10": return { goLog10($0) }
        case "sqrt": return { $0.squareRoot() }
        case "sgn": return { sign($0) }
        case "acos": return { acos($0) }
        case "acosh": return { acosh($0) }
        case "asin": return { asin($0) }
        case "asinh": return { asinh($0) }
        case "atan": return { atan($0) }
        case "atanh": return { atanh($0) }
        case "cos": return { cos($0) }
        case "cosh": return { cosh($0) }
        case "sin": return { sin($0) }
        case "sinh": return { sinh($0) }
        case "tan": return { tan($0) }
        case "tanh": return { tanh($0) }
        case "deg": return { $0 * 180 / Double.pi }
        case "rad": return { $0 * Double.pi / 180 }
        default: return nil
        }
    }

    /// `round(v, toNearest)`: `floor(x / toNearest + 0.5) * toNearest`, computed through the inverse as
    /// Prometheus does (`floor(x * inv + 0.5) / inv`), so ties round up.
    static func round(_ x: Double, toNearest: Double) -> Double {
        let inverse = 1.0 / toNearest
        return (x * inverse + 0.5).rounded(.down) / inverse
    }

    /// `clamp(v, min, max)` for one value: `max(min, min(max, x))` with Go's `math.Max`/`math.Min` (an infinity
    /// of the deciding sign wins over NaN, otherwise NaN wins; `+0` is larger than `-0`). The caller drops the
    /// whole vector when `max < min`.
    static func clamp(_ x: Double, min lower: Double, max upper: Double) -> Double {
        goMax(lower, goMin(upper, x))
    }

    /// `sgn`: -1, 1, or the value itself for ±0 and NaN.
    static func sign(_ x: Double) -> Double {
        if x < 0 { return -1 }
        if x > 0 { return 1 }
        return x
    }

    /// Go's `math.Max`.
    static func goMax(_ x: Double, _ y: Double) -> Double {
        if x == .infinity || y == .infinity { return .infinity }
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 && x == y { return x.sign == .minus ? y : x }
        return x > y ? x : y
    }

    /// Go's `math.Min`.
    static func goMin(_ x: Double, _ y: Double) -> Double {
        if x == -.infinity || y == -.infinity { return -.infinity }
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 && x == y { return x.sign == .minus ? x : y }
        return x < y ? x : y
    }

    /// `1 / ln 2` rounded once from the exact value, as Go's constant arithmetic does.
    private static let inverseLn2 = 0x1.7154_7652_b82f_ep+0
    /// `1 / ln 10` rounded once from the exact value.
    private static let inverseLn10 = 0x1.bcb7_b152_6e50_ep-2

    /// Go's `math.Log2`: exact for powers of two, `log1p` near 1, otherwise `log(frac)/ln 2 + exp`.
    static func goLog2(_ x: Double) -> Double {
        let (fraction, exponent) = frexp(x)
        if fraction == 0.5 { return Double(exponent - 1) }
        if exponent == 0 || exponent == 1 { return log1p(x - 1) * inverseLn2 }
        return log(fraction) * inverseLn2 + Double(exponent)
    }

    /// Go's `math.Log10`: `log(x) * (1/ln 10)`.
    static func goLog10(_ x: Double) -> Double {
        log(x) * inverseLn10
    }

    /// Go's `math.Frexp`: `x = fraction · 2^exponent` with `|fraction|` in [0.5, 1); zero, infinities and NaN
    /// come back unchanged with exponent 0.
    static func frexp(_ x: Double) -> (fraction: Double, exponent: Int) {
        guard x.isFinite, x != 0 else { return (x, 0) }
        let exponent = Int(x.exponent) + 1
        let fraction = Double(sign: x.sign, exponent: -1, significand: x.significand)
        return (fraction, exponent)
    }
}
