/// How Prometheus turns a number token into a float: `strconv.ParseInt(s, 0, 64)` first (decimal, `0x` hex, leading-0
/// octal, `_` separators), then `strconv.ParseFloat(s, 64)`, with Go's error text when both fail.
enum GoNumberSyntax {
    /// The value of `text`, or the message Prometheus reports (`error parsing number: strconv.ParseFloat: …`).
    static func value(of text: String) -> Result<Double, LiteralError> {
        let bytes = Array(text.utf8)
        if let integer = parseInteger(bytes) { return .success(Double(integer)) }
        switch parseFloat(bytes) {
        case .value(let value): return .success(value)
        case .outOfRange:
            return .failure(failure(text, "value out of range"))
        case .invalid:
            return .failure(failure(text, "invalid syntax"))
        }
    }

    private static func failure(_ text: String, _ reason: String) -> LiteralError {
        LiteralError(
            message: "error parsing number: strconv.ParseFloat: parsing \(GoQuoting.quote(text)): \(reason)")
    }

    /// `strconv.ParseInt(s, 0, 64)`; nil on any error.
    static func parseInteger(_ bytes: [UInt8]) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var base: UInt64 = 10
        if bytes[0] == UInt8(ascii: "0") {
            let second = bytes.count >= 3 ? bytes[1] | 0x20 : 0
            switch second {
            case UInt8(ascii: "x"): base = 16; index = 2
            case UInt8(ascii: "o"): base = 8; index = 2
            case UInt8(ascii: "b"): base = 2; index = 2
            default: base = 8; index = 1
            }
        }
        var value: UInt64 = 0
        var sawUnderscore = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "_") {
                sawUnderscore = true
                continue
            }
            guard let digit = digitValue(byte), UInt64(digit) < base else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: base)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        if sawUnderscore && !underscoresAreValid(bytes) { return nil }
        guard value <= UInt64(Int64.max) else { return nil }
        return Int64(value)
    }

    private enum FloatResult {
        case value(Double)
        case outOfRange
        case invalid
    }

    /// `strconv.ParseFloat(s, 64)` for the forms the lexer produces: decimal with optional fraction and exponent,
    /// `Inf`/`NaN` in any case; a hexadecimal mantissa without a `p` exponent is invalid, as in Go.
    private static func parseFloat(_ bytes: [UInt8]) -> FloatResult {
        let lower = Lexer.lowercased(bytes[...])
        switch lower {
        case "inf", "+inf", "infinity", "+infinity": return .value(.infinity)
        case "-inf", "-infinity": return .value(-.infinity)
        case "nan": return .value(.nan)
        default: break
        }
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            index += 1
        }
        if bytes.count - index >= 2, bytes[index] == UInt8(ascii: "0"), bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
            return .invalid
        }
        var cleaned: [UInt8] = []
        var mantissaDigits = 0
        var sawDot = false
        var sawUnderscore = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 48 && byte <= 57 {
                mantissaDigits += 1
            } else if byte == UInt8(ascii: ".") && !sawDot {
                sawDot = true
            } else if byte == UInt8(ascii: "_") {
                sawUnderscore = true
                index += 1
                continue
            } else {
                break
            }
            cleaned.append(byte)
            index += 1
        }
        guard mantissaDigits > 0 else { return .invalid }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            cleaned.append(bytes[index])
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                cleaned.append(bytes[index])
                index += 1
            }
            var exponentDigits = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 48 && byte <= 57 {
                    exponentDigits += 1
                    cleaned.append(byte)
                } else if byte == UInt8(ascii: "_") {
                    sawUnderscore = true
                } else {
                    break
                }
                index += 1
            }
            guard exponentDigits > 0 else { return .invalid }
        }
        guard index == bytes.count else { return .invalid }
        if sawUnderscore && !underscoresAreValid(bytes) { return .invalid }
        let prefix = bytes.first == UInt8(ascii: "-") ? "-" : ""
        guard let value = Double(prefix + String(decoding: cleaned, as: UTF8.self)) else { return .invalid }
        return value.isInfinite ? .outOfRange : .value(value)
    }

    /// Go's `underscoreOK`: underscores only between digits, or between a base prefix and a digit.
    private static func underscoresAreValid(_ bytes: [UInt8]) -> Bool {
        var text = bytes[...]
        if let first = text.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { text = text.dropFirst() }
        var saw: UInt8 = UInt8(ascii: "^")
        var hex = false
        var index = text.startIndex
        if text.count >= 2, text[index] == UInt8(ascii: "0") {
            let marker = text[index + 1] | 0x20
            if marker == UInt8(ascii: "b") || marker == UInt8(ascii: "o") || marker == UInt8(ascii: "x") {
                index += 2
                saw = UInt8(ascii: "0")
                hex = marker == UInt8(ascii: "x")
            }
        }
        while index < text.endIndex {
            let byte = text[index]
            index += 1
            let lower = byte | 0x20
            if (byte >= 48 && byte <= 57) || (hex && lower >= 97 && lower <= 102) {
                saw = UInt8(ascii: "0")
                continue
            }
            if byte == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = UInt8(ascii: "_")
                continue
            }
            if saw == UInt8(ascii: "_") { return false }
            saw = UInt8(ascii: "!")
        }
        return saw != UInt8(ascii: "_")
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 48...57: Int(byte - 48)
        case 97...102: Int(byte - 87)
        case 65...70: Int(byte - 55)
        default: nil
        }
    }
}
