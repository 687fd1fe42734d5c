/// Go's `strconv.FormatFloat` forms that Prometheus's messages and `String()` use.
enum GoFloatFormat {
    /// `FormatFloat(v, 'f', -1, 64)`: the shortest digits that read back as `v`, without an exponent (`+Inf`, `-Inf`,
    /// `NaN` for the special values).
    static func shortest(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let sign = value.sign == .minus ? "-" : ""
        // Swift's description is also the shortest round-tripping form, sometimes with an exponent.
        let (digits, pointPosition) = decimalDigits(value.magnitude.description)
        return sign + layout(digits: digits, pointPosition: pointPosition, minimumFractionDigits: 0)
    }

    /// `fmt.Sprintf("%f", v)` (six decimals) for the values Prometheus prints it with: whole numbers of any size and
    /// the special values (`+Inf`, `-Inf`, `NaN`).
    static func fixed(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let sign = value.sign == .minus ? "-" : ""
        let magnitude = value.magnitude
        guard magnitude == magnitude.rounded(.towardZero) else {
            let (digits, pointPosition) = decimalDigits(magnitude.description)
            return sign + layout(digits: digits, pointPosition: pointPosition, minimumFractionDigits: 6)
        }
        return sign + exactInteger(magnitude) + ".000000"
    }

    /// The exact decimal digits of a whole, non-negative double.
    private static func exactInteger(_ value: Double) -> String {
        if value < 9.007_199_254_740_992e15 { return String(UInt64(value)) }
        // value = significand × 2^exponent with a 53-bit integer significand.
        let exponent = Int(value.exponent) - 52
        var digits = Array(String(UInt64(value.significandBitPattern | (1 << 52))).utf8).map { Int($0) - 48 }
        for _ in 0..<max(exponent, 0) {
            var carry = 0
            for index in stride(from: digits.count - 1, through: 0, by: -1) {
                let doubled = digits[index] * 2 + carry
                digits[index] = doubled % 10
                carry = doubled / 10
            }
            if carry > 0 { digits.insert(carry, at: 0) }
        }
        return String(decoding: digits.map { UInt8($0 + 48) }, as: UTF8.self)
    }

    /// Digits without leading zeros and the position of the decimal point relative to them, from a Swift description
    /// such as `123.45`, `1e-05` or `1.5e+20`.
    private static func decimalDigits(_ description: String) -> ([UInt8], Int) {
        var mantissa = Substring(description)
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = description[..<e]
            exponent = Int(description[description.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var pointPosition: Int?
        for byte in mantissa.utf8 {
            if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else {
                digits.append(byte)
            }
        }
        var point = (pointPosition ?? digits.count) + exponent
        while digits.first == UInt8(ascii: "0"), digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == UInt8(ascii: "0"), digits.count > 1 { digits.removeLast() }
        if digits == [UInt8(ascii: "0")] { point = 1 }
        return (digits, point)
    }

    private static func layout(digits: [UInt8], pointPosition: Int, minimumFractionDigits: Int) -> String {
        var integer: [UInt8]
        var fraction: [UInt8]
        if pointPosition <= 0 {
            integer = [UInt8(ascii: "0")]
            fraction = Array(repeating: UInt8(ascii: "0"), count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            integer = digits + Array(repeating: UInt8(ascii: "0"), count: pointPosition - digits.count)
            fraction = []
        } else {
            integer = Array(digits[..<pointPosition])
            fraction = Array(digits[pointPosition...])
        }
        while fraction.count < minimumFractionDigits { fraction.append(UInt8(ascii: "0")) }
        if integer.isEmpty { integer = [UInt8(ascii: "0")] }
        let integerText = String(decoding: integer, as: UTF8.self)
        return fraction.isEmpty ? integerText : integerText + "." + String(decoding: fraction, as: UTF8.self)
    }
}
