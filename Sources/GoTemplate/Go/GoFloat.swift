import Foundation

/// Go's float formatting (`strconv.FormatFloat` and the `fmt` float verbs).
enum GoFloat {
    /// Shortest round-trip decimal digits of a finite, non-zero magnitude: `digits` (no leading or trailing zeros)
    /// and `point`, the position of the decimal point relative to the first digit (value = 0.digits × 10^point).
    struct Digits {
        var digits: [UInt8]
        var point: Int
    }

    /// The shortest digits that read back as `value` (which must be finite).
    static func shortestDigits(_ value: Double) -> Digits {
        let text = value.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let eIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<eIndex]
            exponent = Int(text[text.index(after: eIndex)...]) ?? 0
        }
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." {
                seenPoint = true
                continue
            }
            guard let ascii = character.asciiValue else { continue }
            digits.append(ascii - UInt8(ascii: "0"))
            if !seenPoint { point += 1 }
        }
        while let first = digits.first, first == 0, digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == 0, digits.count > 1 {
            digits.removeLast()
        }
        if digits == [0] { return Digits(digits: [0], point: 1) }
        return Digits(digits: digits, point: point + exponent)
    }

    /// Go's `%v` / `strconv.FormatFloat(value, 'g', -1, 64)`: shortest digits, in `%e` form when the decimal exponent
    /// is below -4 or at least 6 (so 123456 prints as is and 1234567 as `1.234567e+06`).
    static func formatShortest(_ value: Double, uppercase: Bool = false) -> String {
        if let special = specialText(value) { return special }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0" }
        let decimal = shortestDigits(value)
        let exponent = decimal.point - 1
        if exponent < -4 || exponent >= 6 {
            return sign + exponentForm(decimal, fractionDigits: decimal.digits.count - 1, uppercase: uppercase)
        }
        return sign + fixedForm(decimal, fractionDigits: max(decimal.digits.count - decimal.point, 0))
    }

    /// `NaN`, `+Inf`, `-Inf` as Go prints them, nil for finite values.
    static func specialText(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return nil
    }

    private static func exponentForm(_ decimal: Digits, fractionDigits: Int, uppercase: Bool) -> String {
        var out = String(decimal.digits[0])
        if fractionDigits > 0 {
            out += "."
            for index in 1...fractionDigits {
                out += index < decimal.digits.count ? String(decimal.digits[index]) : "0"
            }
        }
        let exponent = decimal.point - 1
        out += uppercase ? "E" : "e"
        out += exponent < 0 ? "-" : "+"
        let magnitude = abs(exponent)
        out += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
        return out
    }

    private static func fixedForm(_ decimal: Digits, fractionDigits: Int) -> String {
        var out = ""
        if decimal.point <= 0 {
            out = "0"
        } else {
            for index in 0..<decimal.point {
                out += index < decimal.digits.count ? String(decimal.digits[index]) : "0"
            }
        }
        if fractionDigits > 0 {
            out += "."
            for position in 0..<fractionDigits {
                let index = decimal.point + position
                out += index >= 0 && index < decimal.digits.count ? String(decimal.digits[index]) : "0"
            }
        }
        return out
    }

    /// Go's `strconv.FormatFloat(value, verb, precision, 64)` for `e`, `E`, `f`, `F`, `g`, `G` with an explicit
    /// precision (exactly rounded, like C's `printf`, which Go matches for these verbs).
    static func format(_ value: Double, verb: Character, precision: Int) -> String {
        if let special = specialText(value) { return special }
        let cVerb: String
        switch verb {
        case "F": cVerb = "f"
        default: cVerb = String(verb)
        }
        let clamped = min(precision, 1000)
        return String(format: "%.\(clamped)\(cVerb)", value)
    }

    /// The mantissa (with the implicit bit) and unbiased binary exponent, as `strconv` splits a float64.
    private static func split(_ value: Double) -> (mantissa: UInt64, exponent: Int) {
        let biased = Int(value.bitPattern >> 52) & 0x7FF
        var mantissa = value.bitPattern & ((1 << 52) - 1)
        var exponent = biased
        if biased == 0 {
            exponent += 1
        } else {
            mantissa |= 1 << 52
        }
        return (mantissa, exponent - 1023)
    }

    /// Go's `%x`/`%X` for floats (`strconv.FormatFloat(value, 'x', precision, 64)`): `-0x1.8p+01`.
    static func formatHex(_ value: Double, precision: Int?, uppercase: Bool) -> String {
        if let special = specialText(value) { return special }
        var (mantissa, exponent) = split(value)
        if mantissa == 0 { exponent = 0 }
        mantissa <<= 8
        while mantissa != 0 && mantissa & (1 << 60) == 0 {
            mantissa <<= 1
            exponent -= 1
        }
        if let precision, precision < 15 {
            let shift = UInt64(precision * 4)
            let extra = (mantissa << shift) & ((1 << 60) - 1)
            mantissa >>= 60 - shift
            if extra | (mantissa & 1) > 1 << 59 { mantissa += 1 }
            mantissa <<= 60 - shift
            if mantissa & (1 << 61) != 0 {
                mantissa >>= 1
                exponent += 1
            }
        }
        let digits = Array(uppercase ? "0123456789ABCDEF" : "0123456789abcdef")
        var out = value.sign == .minus ? "-" : ""
        out += uppercase ? "0X" : "0x"
        out += String((mantissa >> 60) & 1)
        mantissa <<= 4
        if precision == nil && mantissa != 0 {
            out += "."
            while mantissa != 0 {
                out.append(digits[Int((mantissa >> 60) & 15)])
                mantissa <<= 4
            }
        } else if let precision, precision > 0 {
            out += "."
            for _ in 0..<precision {
                out.append(digits[Int((mantissa >> 60) & 15)])
                mantissa <<= 4
            }
        }
        out += uppercase ? "P" : "p"
        out += exponent < 0 ? "-" : "+"
        let magnitude = abs(exponent)
        out += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
        return out
    }

    /// Go's `%b` for floats: decimal mantissa and binary exponent (`4503599627370496p-52`).
    static func formatBinary(_ value: Double) -> String {
        if let special = specialText(value) { return special }
        let (mantissa, exponent) = split(value)
        let sign = value.sign == .minus ? "-" : ""
        let binaryExponent = exponent - 52
        return sign + String(mantissa) + "p" + (binaryExponent >= 0 ? "+" : "-") + String(abs(binaryExponent))
    }
}
