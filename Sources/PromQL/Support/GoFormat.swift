import TimeSeries

/// Go's text renderings that Prometheus's results and error messages use: `strconv.FormatFloat` (`'f'`, -1),
/// `fmt`'s `%v` of a float, `strconv.Quote`, and `labels.Labels.String()`.
enum GoFormat {
    /// `strconv.FormatFloat(value, 'f', -1, 64)`: the shortest round-trip digits in plain notation (`0.005`, `1`,
    /// `1000000000000000000000`), `+Inf`, `-Inf`, `NaN`. `count_values` uses it for its label values.
    static func fixed(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return ShortestDigits(value).plain()
    }

    /// `fmt.Sprintf("%v", value)`: the shortest round-trip digits, in exponent form (`1e+06`, `1.5e-05`) when the
    /// decimal exponent is below -4 or at least 6 (Go's `%g` with the shortest precision), plain otherwise.
    static func general(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let digits = ShortestDigits(value)
        let exponent = digits.point - 1
        if !digits.digits.isEmpty, exponent < -4 || exponent >= 6 { return digits.scientific() }
        return digits.plain()
    }

    /// Prometheus's `labels.Labels.String()`: `{a="b", c="d"}` with every label (the metric name included) inside
    /// the braces, values quoted like `strconv.Quote`, names quoted too when they are not legacy identifiers.
    static func labels(_ labels: Labels) -> String {
        var out = "{"
        for (index, label) in labels.enumerated() {
            if index > 0 { out += ", " }
            out += isLegacyName(label.name) ? label.name : GoQuote.quote(label.name)
            out += "="
            out += GoQuote.quote(label.value)
        }
        out += "}"
        return out
    }

    /// Whether `name` matches `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func isLegacyName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        for (index, byte) in name.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9") where index > 0:
                continue
            default:
                return false
            }
        }
        return true
    }
}

/// A finite double as its shortest round-trip decimal digits: `0.d₁d₂… × 10^point`, without leading or trailing
/// zero digits (no digits at all for zero).
private struct ShortestDigits {
    var negative: Bool
    var digits: [UInt8]
    var point: Int

    /// Reads the digits off Swift's `description`, which is the shortest string that round-trips.
    init(_ value: Double) {
        negative = value.sign == .minus
        digits = []
        var pointIndex: Int?
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in value.magnitude.description.utf8 {
            if inExponent {
                if byte == UInt8(ascii: "-") {
                    exponentSign = -1
                } else if byte != UInt8(ascii: "+") {
                    exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "."): pointIndex = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            default: digits.append(byte)
            }
        }
        var position = (pointIndex ?? digits.count) + exponentSign * exponent
        let leadingZeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        digits.removeFirst(leadingZeros)
        position -= leadingZeros
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        point = digits.isEmpty ? 1 : position
    }

    /// Plain notation: `123.45`, `0.00012`, `1200`, `0`.
    func plain() -> String {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if digits.isEmpty {
            out.append(UInt8(ascii: "0"))
        } else if point <= 0 {
            out += Array("0.".utf8)
            out += repeatElement(UInt8(ascii: "0"), count: -point)
            out += digits
        } else if point >= digits.count {
            out += digits
            out += repeatElement(UInt8(ascii: "0"), count: point - digits.count)
        } else {
            out += digits[..<point]
            out.append(UInt8(ascii: "."))
            out += digits[point...]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Exponent notation with at least two exponent digits: `1e+06`, `1.5e-05`, `9.223372036854776e+18`.
    func scientific() -> String {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        out.append(digits[0])
        if digits.count > 1 {
            out.append(UInt8(ascii: "."))
            out += digits[1...]
        }
        let exponent = point - 1
        out.append(UInt8(ascii: "e"))
        out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let magnitude = Array(String(exponent.magnitude).utf8)
        if magnitude.count < 2 { out.append(UInt8(ascii: "0")) }
        out += magnitude
        return String(decoding: out, as: UTF8.self)
    }
}
