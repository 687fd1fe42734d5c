/// Float renderings that Prometheus's HTTP API produces with Go's `strconv` and `encoding/json`.
///
/// Every form starts from the shortest digit string that reads back as the same `Double` (Swift's `description`
/// and Go's `-1` precision both pick it), laid out in plain or exponent notation.
enum GoFloat {
    /// Go's `strconv.FormatFloat(value, 'f', -1, 64)`: plain notation at any magnitude (`1e21` is
    /// `1000000000000000000000`, `1e-7` is `0.0000001`), `-0` for negative zero, and `NaN`, `+Inf`, `-Inf`.
    static func fixed(_ value: Double) -> String {
        if let special = special(value) { return special }
        return Decimal(value).plain()
    }

    /// Go's `strconv.FormatFloat(value, 'e', -1, 64)`: `1e+21`, `1.5e-07`, `0e+00`.
    static func exponent(_ value: Double) -> String {
        if let special = special(value) { return special }
        return Decimal(value).scientific(minimumExponentDigits: 2)
    }

    /// A sample value in a vector or matrix result (Prometheus's `jsonutil.MarshalFloat`): plain notation, but the
    /// exponent form when the magnitude is below 1e-6 or at least 1e21; `NaN`, `+Inf`, `-Inf`.
    static func sampleValue(_ value: Double) -> String {
        let magnitude = value.magnitude
        if value.isFinite, magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 { return exponent(value) }
        return fixed(value)
    }

    /// A JSON number as Go's `encoding/json` writes a `float64` (finite values only): plain notation, the exponent
    /// form below 1e-6 or from 1e21, with a negative exponent's leading zero dropped (`1e-7`, `1e+21`).
    static func jsonNumber(_ value: Double) -> String {
        precondition(value.isFinite, "JSON has no spelling for \(value)")
        let magnitude = value.magnitude
        guard magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 else { return Decimal(value).plain() }
        // Exponents here are at least 21 or at most -7, so one minimum digit only differs for -7...-9.
        return Decimal(value).scientific(minimumExponentDigits: 1)
    }

    /// A Prometheus timestamp in seconds (`jsonutil.MarshalTimestamp`): the whole seconds, then `.` and exactly three
    /// millisecond digits unless they are all zero (`1435781451.781`, `1435781451.780`, `1435781451`).
    static func timestamp(milliseconds: Int64) -> String {
        let magnitude = milliseconds.magnitude
        var text = milliseconds < 0 ? "-" : ""
        text += String(magnitude / 1000)
        let fraction = magnitude % 1000
        if fraction != 0 {
            text += fraction < 10 ? ".00" : fraction < 100 ? ".0" : "."
            text += String(fraction)
        }
        return text
    }

    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return nil
    }

    /// A finite value as `±0.d1 d2 … dn × 10^pointPosition`, no leading or trailing zero digit (none for 0).
    private struct Decimal {
        var negative: Bool
        var digits: [UInt8] = []
        var pointPosition = 0

        /// Reads Swift's shortest round-trip rendering (`123.45`, `1e-07`, `1.5e+21`, `0.0`).
        init(_ value: Double) {
            negative = value.sign == .minus
            var point: Int?
            var exponent = 0
            var exponentSign = 1
            var inExponent = false
            for byte in value.magnitude.description.utf8 {
                switch byte {
                case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
                case UInt8(ascii: "-") where inExponent: exponentSign = -1
                case UInt8(ascii: "+"): break
                case UInt8(ascii: "."): point = digits.count
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if inExponent {
                        exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                    } else {
                        digits.append(byte)
                    }
                default: break
                }
            }
            pointPosition = (point ?? digits.count) + exponentSign * exponent
            while digits.first == UInt8(ascii: "0") {
                digits.removeFirst()
                pointPosition -= 1
            }
            while digits.last == UInt8(ascii: "0") { digits.removeLast() }
            if digits.isEmpty { pointPosition = 0 }
        }

        func plain() -> String {
            var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
            if digits.isEmpty {
                out.append(UInt8(ascii: "0"))
            } else if pointPosition <= 0 {
                out += Array("0.".utf8) + [UInt8](repeating: UInt8(ascii: "0"), count: -pointPosition) + digits
            } else if pointPosition >= digits.count {
                out += digits + [UInt8](repeating: UInt8(ascii: "0"), count: pointPosition - digits.count)
            } else {
                out += digits[..<pointPosition] + [UInt8(ascii: ".")] + digits[pointPosition...]
            }
            return String(decoding: out, as: UTF8.self)
        }

        func scientific(minimumExponentDigits: Int) -> String {
            var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
            let exponent = digits.isEmpty ? 0 : pointPosition - 1
            out.append(digits.first ?? UInt8(ascii: "0"))
            if digits.count > 1 { out += [UInt8(ascii: ".")] + digits.dropFirst() }
            out += [UInt8(ascii: "e"), exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")]
            let exponentDigits = Array(String(exponent.magnitude).utf8)
            out += [UInt8](repeating: UInt8(ascii: "0"), count: max(0, minimumExponentDigits - exponentDigits.count))
            out += exponentDigits
            return String(decoding: out, as: UTF8.self)
        }
    }
}
