import Foundation

/// Go's `math` functions whose results PromQL exposes, computed the way Go computes them so results match Prometheus
/// to the last bit where the algorithm is pure Go (`Pow` with an integer exponent, `Atan2`, `Mod`).
enum GoMath {
    /// `math.Mod`: the remainder of `x / y` with the sign of `x`; NaN when `y` is 0, `x` is infinite or either is NaN;
    /// `x` when `y` is infinite. Both Go and C compute it exactly, so `fmod` gives the same bits.
    static func mod(_ x: Double, _ y: Double) -> Double {
        x.truncatingRemainder(dividingBy: y)
    }

    /// `math.Pow` with Go's special cases and its exact evaluation order: the integer part of the exponent by binary
    /// powering of the mantissa (exact to Go's bits), a fractional part through `exp(yf·log x)` (Foundation's `exp`
    /// and `log`, which may differ from Go's in the last bit).
    static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 || x == 1 { return 1 }
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 {
            if y < 0 { return isOddInteger(y) ? Double(signOf: x, magnitudeOf: .infinity) : .infinity }
            return isOddInteger(y) ? x : 0
        }
        if y.isInfinite {
            if x == -1 { return 1 }
            return (x.magnitude < 1) == (y > 0) ? 0 : .infinity
        }
        if x.isInfinite {
            if x < 0 { return pow(1 / x, -y) }
            return y < 0 ? 0 : .infinity
        }
        if y == 0.5 { return x.squareRoot() }
        if y == -0.5 { return 1 / x.squareRoot() }
        return generalPower(x, y)
    }

    /// `math.Atan2` as Go computes it (Cephes arctangent after its quadrant special cases).
    static func atan2(_ y: Double, _ x: Double) -> Double {
        if y.isNaN || x.isNaN { return .nan }
        if y == 0 {
            if x >= 0 && x.sign == .plus { return Double(signOf: y, magnitudeOf: 0) }
            return Double(signOf: y, magnitudeOf: .pi)
        }
        if x == 0 { return Double(signOf: y, magnitudeOf: .pi / 2) }
        if x.isInfinite {
            if x > 0 { return Double(signOf: y, magnitudeOf: y.isInfinite ? .pi / 4 : 0) }
            return Double(signOf: y, magnitudeOf: y.isInfinite ? threeQuarterPi : .pi)
        }
        if y.isInfinite { return Double(signOf: y, magnitudeOf: .pi / 2) }
        let quotient = atan(y / x)
        if x < 0 { return quotient <= 0 ? quotient + .pi : quotient - .pi }
        return quotient
    }

    /// 3π/4 rounded once, as Go's constant arithmetic gives it.
    private static let threeQuarterPi = 2.356194490192345

    private static func isOddInteger(_ value: Double) -> Bool {
        guard value.rounded(.towardZero) == value, value.magnitude < 0x1p63 else { return false }
        return Int64(value) & 1 == 1
    }

    private static func generalPower(_ x: Double, _ y: Double) -> Double {
        var integral = y.magnitude.rounded(.towardZero)
        var fraction = y.magnitude - integral
        if fraction != 0 && x < 0 { return .nan }
        if integral >= 0x1p63 {
            if x == -1 { return 1 }
            return (x.magnitude < 1) == (y > 0) ? 0 : .infinity
        }
        var mantissaProduct = 1.0
        var binaryExponent = 0
        if fraction != 0 {
            if fraction > 0.5 {
                fraction -= 1
                integral += 1
            }
            mantissaProduct = Foundation.exp(fraction * Foundation.log(x))
        }
        var (mantissa, exponent) = frexp(x)
        var bits = Int64(integral)
        while bits != 0 {
            if exponent < -(1 << 12) || exponent > 1 << 12 {
                binaryExponent += exponent
                break
            }
            if bits & 1 == 1 {
                mantissaProduct *= mantissa
                binaryExponent += exponent
            }
            mantissa *= mantissa
            exponent <<= 1
            if mantissa < 0.5 {
                mantissa += mantissa
                exponent -= 1
            }
            bits >>= 1
        }
        if y < 0 {
            mantissaProduct = 1 / mantissaProduct
            binaryExponent = -binaryExponent
        }
        return ldexp(mantissaProduct, binaryExponent)
    }

    /// `math.Frexp`: `value = mantissa × 2^exponent` with `|mantissa|` in [0.5, 1).
    private static func frexp(_ value: Double) -> (Double, Int) {
        if value == 0 || !value.isFinite { return (value, 0) }
        return (Double(sign: value.sign, exponent: -1, significand: value.significand), Int(value.exponent) + 1)
    }

    /// `math.Ldexp`: `mantissa × 2^exponent`, rounding once when the result is subnormal.
    private static func ldexp(_ mantissa: Double, _ exponent: Int) -> Double {
        if mantissa == 0 || !mantissa.isFinite { return mantissa }
        let clamped = min(max(exponent, -4000), 4000)
        return Double(sign: .plus, exponent: clamped, significand: mantissa)
    }

    /// Go's arctangent: range reduction into [0, 0.66] and Cephes' rational approximation.
    private static func atan(_ x: Double) -> Double {
        if x == 0 { return x }
        return x > 0 ? reducedAtan(x) : -reducedAtan(-x)
    }

    private static func reducedAtan(_ x: Double) -> Double {
        let moreBits = 6.123233995736765886130e-17
        let tanThreePiOverEight = 2.41421356237309504880
        if x <= 0.66 { return seriesAtan(x) }
        if x > tanThreePiOverEight { return Double.pi / 2 - seriesAtan(1 / x) + moreBits }
        return Double.pi / 4 + seriesAtan((x - 1) / (x + 1)) + 0.5 * moreBits
    }

    private static func seriesAtan(_ x: Double) -> Double {
        let p0 = -8.750608600031904122785e-01
        let p1 = -1.615753718733365076637e+01
        let p2 = -7.500855792314704667340e+01
        let p3 = -1.228866684490136173410e+02
        let p4 = -6.485021904942025371773e+01
        let q0 = +2.485846490142306297962e+01
        let q1 = +1.650270098316988542046e+02
        let q2 = +4.328810604912902668951e+02
        let q3 = +4.853903996359136964868e+02
        let q4 = +1.945506571482613964425e+02
        var z = x * x
        let numerator = (((p0 * z + p1) * z + p2) * z + p3) * z + p4
        let denominator = ((((z + q0) * z + q1) * z + q2) * z + q3) * z + q4
        z = z * numerator / denominator
        return x * z + x
    }
}
