#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Number parsing and formatting that reproduce Go's `strconv` and `fmt`, for the places where Prometheus's results
/// or messages depend on them.
enum GoNumbers {
    /// Go's `%.<precision>f`: fixed notation correctly rounded from the exact binary value (as C's `printf`, which
    /// does the digits), with Go's spellings `+Inf`, `-Inf` and `NaN`.
    static func fixed(_ value: Double, precision: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        // 309 integer digits, a sign, a point and the fraction always fit.
        var buffer = [CChar](repeating: 0, count: 320 + precision)
        let written = withVaList([value]) { arguments in
            vsnprintf(&buffer, buffer.count, "%.\(precision)f", arguments)
        }
        guard written > 0 else { return "" }
        return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Go's `strconv.ParseFloat(text, 64)`, or nil where it reports an error.
    ///
    /// Accepts decimal and hexadecimal (`0x…p…`, exponent required) literals with an optional sign, `_` between
    /// digits, `inf`/`infinity` with an optional sign and `nan` without one (case-insensitive). A finite literal
    /// too large for a `Double` is an error (Go returns ±Inf with `ErrRange`); one too small rounds to zero.
    static func parseFloat(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        if let special = parseSpecial(bytes) { return special }
        guard isWellFormedNumber(bytes) else { return nil }
        let underscore = UInt8(ascii: "_")
        var digits = text
        if bytes.contains(underscore) {
            digits = String(decoding: bytes.filter { $0 != underscore }, as: UTF8.self)
        }
        guard let value = Double(digits), value.isFinite else { return nil }
        return value
    }

    /// `inf`, `infinity` (optionally signed) and `nan`, matched case-insensitively over the whole text.
    private static func parseSpecial(_ bytes: [UInt8]) -> Double? {
        var body = bytes[...]
        var negative = false
        var signed = false
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            signed = true
            body = body.dropFirst()
        }
        let lowered = String(decoding: body.map { $0 | 0x20 }, as: UTF8.self)
        if lowered == "inf" || lowered == "infinity" { return negative ? -.infinity : .infinity }
        if !signed && lowered == "nan" { return .nan }
        return nil
    }

    /// Whether `bytes` is a decimal or hexadecimal float literal in Go's syntax, underscores included.
    private static func isWellFormedNumber(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var hexadecimal = false
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "0"), bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
            hexadecimal = true
            index += 2
        }
        let isDigit: (UInt8) -> Bool = { byte in
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (hexadecimal && byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
        }
        var sawDigits = false
        var sawPoint = false
        var sawUnderscore = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") {
                sawUnderscore = true
            } else if byte == UInt8(ascii: ".") {
                if sawPoint { return false }
                sawPoint = true
            } else if isDigit(byte) {
                sawDigits = true
            } else {
                break
            }
            index += 1
        }
        guard sawDigits else { return false }
        let exponentMarker = hexadecimal ? UInt8(ascii: "p") : UInt8(ascii: "e")
        if index < bytes.count, bytes[index] | 0x20 == exponentMarker {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            var sawExponentDigits = false
            while index < bytes.count,
                (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9"))
                    || bytes[index] == UInt8(ascii: "_")
            {
                if bytes[index] == UInt8(ascii: "_") { sawUnderscore = true } else { sawExponentDigits = true }
                index += 1
            }
            guard sawExponentDigits else { return false }
        } else if hexadecimal {
            return false
        }
        guard index == bytes.count else { return false }
        return !sawUnderscore || underscoresSeparateDigits(bytes, hexadecimal: hexadecimal)
    }

    /// Go's `underscoreOK`: every `_` sits between two digits, or between the base prefix and a digit.
    private static func underscoresSeparateDigits(_ bytes: [UInt8], hexadecimal: Bool) -> Bool {
        enum Last { case start, digit, underscore, other }
        var last = Last.start
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        if hexadecimal {
            index += 2
            last = .digit
        }
        while index < bytes.count {
            let byte = bytes[index]
            let digit =
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (hexadecimal && byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
            if digit {
                last = .digit
            } else if byte == UInt8(ascii: "_") {
                if last != .digit { return false }
                last = .underscore
            } else {
                if last == .underscore { return false }
                last = .other
            }
            index += 1
        }
        return last != .underscore
    }
}
