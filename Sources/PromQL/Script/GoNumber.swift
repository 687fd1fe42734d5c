import TimeSeries

/// Number and string conversions with the rules of Go's `strconv`, which the Prometheus test harness and the series
/// notation use (`ParseInt(s, 0, 64)` then `ParseFloat(s, 64)`, `ParseUint(s, 10, 64)`, `Unquote`).
enum GoNumber {
    /// `strconv.ParseInt(text, 0, 64)` and, when that fails, `strconv.ParseFloat(text, 64)`: decimal, `0x`/`0o`/`0b`
    /// and leading-zero octal integers with `_` separators, floats with exponents, hex floats, `Inf`, `NaN`. NaN comes
    /// back with Prometheus's NaN bit pattern.
    static func parse(_ text: String) -> Double? {
        if let integer = parseInt(text) { return Double(integer) }
        guard !text.contains("_"), let value = Double(text) else { return nil }
        return value.isNaN ? Double(bitPattern: Sample.normalNaNBits) : value
    }

    /// `strconv.ParseUint(text, 10, 64)`: decimal digits only.
    static func parseUInt(_ text: String) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return UInt64(text)
    }

    /// `strconv.ParseInt(text, 0, 64)`.
    static func parseInt(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var base: UInt64 = 10
        var prefixed = false
        if bytes.first == UInt8(ascii: "0"), bytes.count > 1 {
            let marker = bytes[bytes.startIndex + 1] | 0x20
            if bytes.count >= 3,
                marker == UInt8(ascii: "x") || marker == UInt8(ascii: "o") || marker == UInt8(ascii: "b")
            {
                base = marker == UInt8(ascii: "x") ? 16 : marker == UInt8(ascii: "o") ? 8 : 2
                bytes = bytes.dropFirst(2)
                prefixed = true
            } else {
                base = 8
                bytes = bytes.dropFirst()
                prefixed = true
            }
        }
        guard underscoresSeparateDigits(bytes, afterPrefix: prefixed) else { return nil }
        var magnitude: UInt64 = 0
        var digits = 0
        for byte in bytes where byte != UInt8(ascii: "_") {
            guard let digit = digitValue(byte), UInt64(digit) < base else { return nil }
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: base)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            digits += 1
        }
        guard digits > 0 else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Go's rule: `_` only between digits, or between a base prefix and a digit.
    private static func underscoresSeparateDigits(_ bytes: ArraySlice<UInt8>, afterPrefix: Bool) -> Bool {
        var previousIsDigit = afterPrefix
        var previousIsUnderscore = false
        for byte in bytes {
            if byte == UInt8(ascii: "_") {
                guard previousIsDigit else { return false }
                previousIsDigit = false
                previousIsUnderscore = true
            } else {
                previousIsDigit = true
                previousIsUnderscore = false
            }
        }
        return !previousIsUnderscore
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// `strconv.Unquote`: a double-quoted string with Go escapes, a back-quoted raw string, or a single-quoted
    /// character. Nil when `text` is not one of those.
    static func unquote(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2, let quote = scalars.first, scalars.last == quote else { return nil }
        let body = scalars[1..<(scalars.count - 1)]
        switch quote {
        case "`":
            guard !body.contains("`") else { return nil }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: body.filter { $0 != "\r" })
            return String(out)
        case "\"", "'":
            guard let decoded = unescape(body, quote: quote) else { return nil }
            if quote == "'" { return decoded.unicodeScalars.count == 1 ? decoded : nil }
            return decoded
        default:
            return nil
        }
    }

    private static func unescape(_ body: ArraySlice<Unicode.Scalar>, quote: Unicode.Scalar) -> String? {
        var out = String.UnicodeScalarView()
        var index = body.startIndex
        while index < body.endIndex {
            let scalar = body[index]
            index += 1
            if scalar == quote || scalar == "\n" { return nil }
            guard scalar == "\\" else {
                out.append(scalar)
                continue
            }
            guard index < body.endIndex else { return nil }
            let escape = body[index]
            index += 1
            let simple: [Unicode.Scalar: Unicode.Scalar] = [
                "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "n": "\n", "r": "\r", "t": "\t", "v": "\u{0B}",
                "\\": "\\",
            ]
            if let replacement = simple[escape] {
                out.append(replacement)
            } else if escape == quote {
                out.append(quote)
            } else {
                let (count, radix): (Int, UInt32)
                switch escape {
                case "x": (count, radix) = (2, 16)
                case "u": (count, radix) = (4, 16)
                case "U": (count, radix) = (8, 16)
                case "0"..."7":
                    (count, radix) = (3, 8)
                    index -= 1
                default: return nil
                }
                guard body.endIndex - index >= count else { return nil }
                var code: UInt32 = 0
                for digit in body[index..<(index + count)] {
                    guard let value = digitValue(UInt8(truncatingIfNeeded: digit.value)), digit.isASCII,
                        UInt32(value) < radix
                    else { return nil }
                    code = code * radix + UInt32(value)
                }
                index += count
                guard let decoded = Unicode.Scalar(code), radix == 16 || code <= 255 else { return nil }
                out.append(decoded)
            }
        }
        return String(out)
    }
}
