import Yams

/// How yaml.v3 (the Go YAML library Prometheus decodes rule files with) resolves a scalar: its short tag for error
/// messages and, for numbers, the value.
///
/// Only what rule files need: plain scalars resolve to `!!null`, `!!bool`, `!!int`, `!!float`, `!!timestamp`,
/// `!!merge` or `!!str`; quoted and block scalars are always `!!str`. Explicit tags are not honoured (Yams resolves
/// tags in place, so an explicit tag cannot be told from a resolved one); rule files do not use them.
enum GoYAMLScalar: Equatable {
    case null
    case bool
    case int(Int64)
    case unsignedInt(UInt64)
    case float(Double)
    case timestamp
    case merge
    case string

    /// Resolves a scalar node.
    init(_ scalar: Node.Scalar) {
        switch scalar.style {
        case .singleQuoted, .doubleQuoted, .literal, .folded: self = .string
        case .any, .plain: self = Self.resolvePlain(scalar.string)
        }
    }

    /// The short tag Go prints in `cannot unmarshal !!str ...`.
    var shortTag: String {
        switch self {
        case .null: "!!null"
        case .bool: "!!bool"
        case .int, .unsignedInt: "!!int"
        case .float: "!!float"
        case .timestamp: "!!timestamp"
        case .merge: "!!merge"
        case .string: "!!str"
        }
    }

    /// yaml.v3's `resolve` for an untagged plain scalar.
    static func resolvePlain(_ text: String) -> GoYAMLScalar {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case "<<": return .merge
        default: break
        }
        guard let first = text.utf8.first else { return .string }
        if first == UInt8(ascii: ".") {
            return Self.goFloat(text).map { .float($0) } ?? .string
        }
        let isSign = first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
        guard isSign || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return .string }
        if isTimestamp(text) { return .timestamp }
        let plain = String(text.filter { $0 != "_" })
        if let value = goParseInt(plain) { return .int(value) }
        if let value = goParseUnsigned(plain) { return .unsignedInt(value) }
        if isYAMLStyleFloat(plain), let value = goFloat(plain) { return .float(value) }
        return .string
    }

    /// `strconv.ParseInt(text, 0, 64)`: optional sign, then `0x`, `0o`, `0b`, a leading `0` (octal) or decimal.
    static func goParseInt(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        let (radix, digits) = splitRadix(body)
        guard let magnitude = unsigned(digits, radix: radix) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `strconv.ParseUint(text, 0, 64)`.
    static func goParseUnsigned(_ text: String) -> UInt64? {
        let (radix, digits) = splitRadix(Substring(text))
        return unsigned(digits, radix: radix)
    }

    /// Digits only (Swift's parser would also take a sign).
    private static func unsigned(_ digits: Substring, radix: Int) -> UInt64? {
        guard let first = digits.first, first != "+", first != "-" else { return nil }
        return UInt64(digits, radix: radix)
    }

    private static func splitRadix(_ body: Substring) -> (Int, Substring) {
        let lower = body.lowercased()
        if lower.hasPrefix("0x") { return (16, body.dropFirst(2)) }
        if lower.hasPrefix("0o") { return (8, body.dropFirst(2)) }
        if lower.hasPrefix("0b") { return (2, body.dropFirst(2)) }
        if body.count > 1, body.first == "0" { return (8, body.dropFirst()) }
        return (10, body)
    }

    /// yaml.v3's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    private static func isYAMLStyleFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            var count = 0
            while let byte = bytes.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                bytes = bytes.dropFirst()
                count += 1
            }
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                _ = digits()
            }
        }
        if let exponent = bytes.first, exponent == UInt8(ascii: "e") || exponent == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// `strconv.ParseFloat` for the decimal forms YAML floats take; nil when out of range, as Go reports.
    private static func goFloat(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// yaml.v3's `parseTimestamp`: `YYYY-M-D` with an optional time part.
    private static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func isDigit(_ index: Int) -> Bool {
            index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
        }
        var index = 0
        while isDigit(index) { index += 1 }
        guard index == 4, index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return false }
        index += 1
        for field in 0..<2 {
            let start = index
            while isDigit(index) { index += 1 }
            guard index - start >= 1, index - start <= 2 else { return false }
            if field == 0 {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return false }
                index += 1
            }
        }
        if index == bytes.count { return true }
        let separator = bytes[index]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else {
            return false
        }
        // `15:4:5` with an optional fraction and zone: accept hours:minutes:seconds.
        index += 1
        for field in 0..<3 {
            let start = index
            while isDigit(index) { index += 1 }
            guard index - start >= 1, index - start <= 2 else { return false }
            if field < 2 {
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                index += 1
            }
        }
        return true
    }
}
