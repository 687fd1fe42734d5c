/// Scanning and parsing of JSON number tokens and of the numeric strings the proto3 JSON mapping allows.
enum JSONNumber {
    /// Scans the JSON number grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` from `start`; returns where
    /// it ends and whether it had neither fraction nor exponent, or nil when no valid number starts there.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, integer: Bool)? {
        var index = start
        var integer = true
        func digits() -> Int {
            let first = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index &+= 1
            }
            return index &- first
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index &+= 1 }
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index &+= 1
        } else if digits() == 0 {
            return nil
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index &+= 1
            integer = false
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index &+= 1
            integer = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index &+= 1
            }
            guard digits() > 0 else { return nil }
        }
        return (index, integer)
    }

    /// Whether `token` is exactly one JSON number.
    private static func isNumber(_ token: UnsafeBufferPointer<UInt8>) -> (valid: Bool, integer: Bool) {
        guard let scanned = scan(token, from: 0), scanned.end == token.count else { return (false, false) }
        return (true, scanned.integer)
    }

    /// The magnitude of a plain integer token (optional `-`, then digits), or nil on overflow.
    private static func magnitude(_ token: UnsafeBufferPointer<UInt8>) -> (negative: Bool, value: UInt64)? {
        var index = 0
        let negative = token.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var value: UInt64 = 0
        while index < token.count {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(token[index] &- UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
            index &+= 1
        }
        return (negative, value)
    }

    /// A uint64 from an integer token, or from a fraction/exponent form whose value is a whole number in range.
    static func unsigned(_ token: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let (valid, integer) = isNumber(token)
        guard valid else { return nil }
        if integer {
            guard let (negative, value) = magnitude(token) else { return nil }
            if negative { return value == 0 ? 0 : nil }
            return value
        }
        guard let double = parseDouble(token), double == double.rounded(), double >= 0,
            double < 18_446_744_073_709_551_616.0
        else { return nil }
        return UInt64(double)
    }

    /// An int64 from an integer token, or from a fraction/exponent form whose value is a whole number in range.
    static func signed(_ token: UnsafeBufferPointer<UInt8>) -> Int64? {
        let (valid, integer) = isNumber(token)
        guard valid else { return nil }
        if integer {
            guard let (negative, value) = magnitude(token) else { return nil }
            if negative {
                guard value <= UInt64(Int64.max) &+ 1 else { return nil }
                return Int64(bitPattern: 0 &- value)
            }
            return Int64(exactly: value)
        }
        guard let double = parseDouble(token), double == double.rounded(), double >= -9_223_372_036_854_775_808.0,
            double < 9_223_372_036_854_775_808.0
        else { return nil }
        return Int64(double)
    }

    /// A double from a number token or the special strings `NaN`, `Infinity` and `-Infinity`.
    static func double(_ token: UnsafeBufferPointer<UInt8>) -> Double? {
        if token.elementsEqual("NaN".utf8) { return .nan }
        if token.elementsEqual("Infinity".utf8) { return .infinity }
        if token.elementsEqual("-Infinity".utf8) { return -.infinity }
        guard isNumber(token).valid else { return nil }
        return parseDouble(token)
    }

    /// Converts a token already known to match the JSON number grammar.
    private static func parseDouble(_ token: UnsafeBufferPointer<UInt8>) -> Double? {
        Double(String(decoding: token, as: UTF8.self))
    }
}
