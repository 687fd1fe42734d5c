/// DecimalDigits renderings of doubles for label values, from the shortest digit string that round-trips.
enum FloatFormat {
    /// Go's `strconv.FormatFloat(x, 'f', -1, 64)` with Prometheus's infinity spelling: the shortest round-trip
    /// digits in plain notation (`0.005`, `1`, `2.5`, `1000`, `1e21` as `1000000000000000000000`), `+Inf`, `-Inf`,
    /// `NaN`. Used for `le` and `quantile` label values.
    static func fixed(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let decimal = DecimalDigits(value)
        return decimal.plain()
    }

    /// An attribute double as a label value (reference/otlp.md §6.5): plain notation, switching to an exponent
    /// (`1e-07`, `1.5e+21`) when |x| < 1e-6 or |x| ≥ 1e21; `NaN`, `Infinity`, `-Infinity`.
    static func attribute(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let magnitude = value.magnitude
        let decimal = DecimalDigits(value)
        if magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 { return decimal.scientific() }
        return decimal.plain()
    }

    /// A finite double as `0.digits × 10^exponent`, with no leading or trailing zero digits.
    private struct DecimalDigits {
        var negative: Bool
        var digits: [UInt8]
        var exponent: Int

        /// Decomposes Swift's shortest round-trip rendering (`description`) of a finite value.
        init(_ value: Double) {
            negative = value.sign == .minus
            digits = []
            exponent = 0
            var pointPosition: Int?
            var exponentPart = 0
            var exponentNegative = false
            var inExponent = false
            for byte in value.magnitude.description.utf8 {
                if inExponent {
                    switch byte {
                    case UInt8(ascii: "-"): exponentNegative = true
                    case UInt8(ascii: "+"): break
                    default: exponentPart = exponentPart &* 10 &+ Int(byte &- UInt8(ascii: "0"))
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "."): pointPosition = digits.count
                case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
                default: digits.append(byte)
                }
            }
            var point = (pointPosition ?? digits.count) &+ (exponentNegative ? -exponentPart : exponentPart)
            var leading = 0
            while leading < digits.count, digits[leading] == UInt8(ascii: "0") { leading &+= 1 }
            digits.removeFirst(leading)
            point &-= leading
            while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
            if digits.isEmpty { point = 1 }
            exponent = point
        }

        /// Plain notation without an exponent.
        func plain() -> String {
            var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
            if digits.isEmpty {
                out.append(UInt8(ascii: "0"))
            } else if exponent <= 0 {
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -exponent))
                out.append(contentsOf: digits)
            } else if exponent >= digits.count {
                out.append(contentsOf: digits)
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: exponent - digits.count))
            } else {
                out.append(contentsOf: digits[..<exponent])
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[exponent...])
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// `d.ddde±XX` with at least two exponent digits, like Go's `%e` family.
        func scientific() -> String {
            var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
            guard let first = digits.first else { return negative ? "-0" : "0" }
            out.append(first)
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[1...])
            }
            let power = exponent - 1
            out.append(UInt8(ascii: "e"))
            out.append(power < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let powerDigits = String(power.magnitude)
            if powerDigits.utf8.count < 2 { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: powerDigits.utf8)
            return String(decoding: out, as: UTF8.self)
        }
    }
}
