/// The parts of Go's `strconv` that templates rely on: integer and float parsing with Go's syntax (base prefixes,
/// underscores, hexadecimal floats, `Inf`/`NaN`) and unquoting of string and character literals.
enum GoStrconv {
    /// Why a conversion failed, worded like Go's `strconv.ErrSyntax` / `strconv.ErrRange`.
    enum NumberError: Error {
        case syntax
        case range

        var text: String {
            switch self {
            case .syntax: "invalid syntax"
            case .range: "value out of range"
            }
        }
    }

    // MARK: - Integers

    /// `strconv.ParseUint(text, 0, 64)`.
    static func parseUInt(_ text: String) -> Result<UInt64, NumberError> {
        parseUInt(Array(text.utf8), allowUnderscores: true)
    }

    /// `strconv.ParseInt(text, 0, 64)`.
    static func parseInt(_ text: String) -> Result<Int64, NumberError> {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return .failure(.syntax) }
        var negative = false
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
            negative = bytes[0] == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        switch parseUInt(bytes, allowUnderscores: true) {
        case .failure(let error):
            return .failure(error)
        case .success(let magnitude):
            let limit = UInt64(1) << 63
            if !negative && magnitude >= limit { return .failure(.range) }
            if negative && magnitude > limit { return .failure(.range) }
            return .success(negative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude))
        }
    }

    private static func parseUInt(_ bytes: [UInt8], allowUnderscores: Bool) -> Result<UInt64, NumberError> {
        guard !bytes.isEmpty else { return .failure(.syntax) }
        var base: UInt64 = 10
        var index = 0
        if bytes[0] == UInt8(ascii: "0") {
            if bytes.count >= 3, let prefixBase = prefixBase(bytes[1]) {
                base = prefixBase
                index = 2
            } else {
                base = 8
                index = 1
            }
        }
        var value: UInt64 = 0
        var sawUnderscore = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "_") && allowUnderscores {
                sawUnderscore = true
                continue
            }
            guard let digit = digitValue(byte), UInt64(digit) < base else { return .failure(.syntax) }
            let (product, overflow) = value.multipliedReportingOverflow(by: base)
            if overflow { return .failure(.range) }
            let (sum, overflowSum) = product.addingReportingOverflow(UInt64(digit))
            if overflowSum { return .failure(.range) }
            value = sum
        }
        if sawUnderscore && !underscoreOK(bytes) { return .failure(.syntax) }
        return .success(value)
    }

    private static func prefixBase(_ byte: UInt8) -> UInt64? {
        switch byte | 0x20 {
        case UInt8(ascii: "b"): 2
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "x"): 16
        default: nil
        }
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// Go's `underscoreOK`: underscores only between digits, or between a base prefix and a digit.
    private static func underscoreOK(_ input: [UInt8]) -> Bool {
        var bytes = input[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            bytes = bytes.dropFirst()
        }
        var saw: Character = "^"
        var hex = false
        var index = bytes.startIndex
        if bytes.count >= 2 && bytes[index] == UInt8(ascii: "0"),
            let base = prefixBase(bytes[index + 1])
        {
            index += 2
            saw = "0"
            hex = base == 16
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            let lower = byte | 0x20
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (hex && (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(lower))
            {
                saw = "0"
                continue
            }
            if byte == UInt8(ascii: "_") {
                if saw != "0" { return false }
                saw = "_"
                continue
            }
            if saw == "_" { return false }
            saw = "!"
        }
        return saw != "_"
    }

    // MARK: - Floats

    /// `strconv.ParseFloat(text, 64)`; on a range error Go also returns ±Inf, which is dropped here.
    static func parseFloat(_ text: String) -> Result<Double, NumberError> {
        let bytes = Array(text.utf8)
        if let special = special(bytes) { return .success(special) }
        guard let cleaned = validatedFloatLiteral(bytes), let value = Double(cleaned) else {
            return .failure(.syntax)
        }
        if value.isInfinite { return .failure(.range) }
        return .success(value)
    }

    /// The error text Go prints for a failed `strconv.ParseFloat`.
    static func parseFloatErrorText(_ text: String, _ error: NumberError) -> String {
        "strconv.ParseFloat: parsing \(GoText.quote(text)): \(error.text)"
    }

    private static func special(_ bytes: [UInt8]) -> Double? {
        guard let first = bytes.first else { return nil }
        var rest = bytes[...]
        var sign = 1.0
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "I"):
            if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                sign = first == UInt8(ascii: "-") ? -1 : 1
                rest = rest.dropFirst()
            }
            let word = String(decoding: rest, as: UTF8.self).lowercased()
            if word == "inf" || word == "infinity" { return sign * Double.infinity }
            return nil
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return String(decoding: rest, as: UTF8.self).lowercased() == "nan" ? Double.nan : nil
        default:
            return nil
        }
    }

    /// Checks Go's float literal syntax (`readFloat`) and returns the text without underscores.
    private static func validatedFloatLiteral(_ bytes: [UInt8]) -> String? {
        var index = 0
        if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
            index += 1
        }
        var hex = false
        if index + 2 < bytes.count && bytes[index] == UInt8(ascii: "0") && bytes[index + 1] | 0x20 == UInt8(ascii: "x")
        {
            hex = true
            index += 2
        }
        var underscores = false
        var sawDot = false
        var sawDigits = false
        mantissa: while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "_"):
                underscores = true
            case UInt8(ascii: "."):
                if sawDot { break mantissa }
                sawDot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigits = true
            default:
                if hex && (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20) {
                    sawDigits = true
                } else {
                    break mantissa
                }
            }
            index += 1
        }
        guard sawDigits else { return nil }
        let exponentMark = hex ? UInt8(ascii: "p") : UInt8(ascii: "e")
        if index < bytes.count && bytes[index] | 0x20 == exponentMark {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
                return nil
            }
            while index < bytes.count
                && ((UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) || bytes[index] == UInt8(ascii: "_"))
            {
                if bytes[index] == UInt8(ascii: "_") { underscores = true }
                index += 1
            }
        } else if hex {
            return nil
        }
        guard index == bytes.count else { return nil }
        if underscores && !underscoreOK(bytes) { return nil }
        return String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
    }

    // MARK: - Quoted literals

    /// `strconv.Unquote`; nil when Go reports `invalid syntax`.
    static func unquote(_ literal: String) -> String? {
        let bytes = Array(literal.utf8)
        guard bytes.count >= 2, let quote = bytes.first, bytes.last == quote else { return nil }
        var body = bytes[1..<(bytes.count - 1)]
        if quote == UInt8(ascii: "`") {
            if body.contains(UInt8(ascii: "`")) { return nil }
            if body.contains(UInt8(ascii: "\r")) { body = body.filter { $0 != UInt8(ascii: "\r") }[...] }
            return String(decoding: body, as: UTF8.self)
        }
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        if body.contains(UInt8(ascii: "\n")) { return nil }
        var output: [UInt8] = []
        var rest = body
        var count = 0
        while !rest.isEmpty {
            guard let (piece, tail) = unquoteChar(rest, quote: quote) else { return nil }
            switch piece {
            case .byte(let byte): output.append(byte)
            case .rune(let scalar): output.append(contentsOf: Array(String(scalar).utf8))
            }
            rest = tail
            count += 1
            if quote == UInt8(ascii: "'") && !rest.isEmpty { return nil }
        }
        if quote == UInt8(ascii: "'") && count != 1 { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// One decoded character of a quoted literal: a raw byte (`\xNN`, octal) or a rune.
    enum QuotedPiece {
        case byte(UInt8)
        case rune(Unicode.Scalar)

        /// The value as an integer, as a Go character constant holds it.
        var integerValue: Int64 {
            switch self {
            case .byte(let byte): Int64(byte)
            case .rune(let scalar): Int64(scalar.value)
            }
        }
    }

    /// `strconv.UnquoteChar`: decodes one character from the start of `input`.
    static func unquoteChar(_ input: ArraySlice<UInt8>, quote: UInt8) -> (QuotedPiece, ArraySlice<UInt8>)? {
        guard let first = input.first else { return nil }
        if first == quote && (quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"")) { return nil }
        if first >= 0x80 {
            let (scalar, length) = decodeScalar(input)
            return (.rune(scalar), input.dropFirst(length))
        }
        if first != UInt8(ascii: "\\") { return (.byte(first), input.dropFirst()) }
        guard input.count > 1 else { return nil }
        let escape = input[input.startIndex + 1]
        var rest = input.dropFirst(2)
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "f"): 12, UInt8(ascii: "n"): 10,
            UInt8(ascii: "r"): 13, UInt8(ascii: "t"): 9, UInt8(ascii: "v"): 11, UInt8(ascii: "\\"): 92,
        ]
        if let byte = simple[escape] { return (.byte(byte), rest) }
        switch escape {
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let length = escape == UInt8(ascii: "x") ? 2 : (escape == UInt8(ascii: "u") ? 4 : 8)
            guard rest.count >= length else { return nil }
            var value: UInt32 = 0
            for byte in rest.prefix(length) {
                guard let digit = digitValue(byte), digit < 16 else { return nil }
                value = value << 4 | UInt32(digit)
            }
            rest = rest.dropFirst(length)
            if escape == UInt8(ascii: "x") { return (.byte(UInt8(value)), rest) }
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return (.rune(scalar), rest)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            guard rest.count >= 2 else { return nil }
            var value = UInt32(escape - UInt8(ascii: "0"))
            for byte in rest.prefix(2) {
                guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) else { return nil }
                value = value << 3 | UInt32(byte - UInt8(ascii: "0"))
            }
            guard value <= 255 else { return nil }
            return (.byte(UInt8(value)), rest.dropFirst(2))
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            guard escape == quote else { return nil }
            return (.byte(escape), rest)
        default:
            return nil
        }
    }

    /// Decodes the UTF-8 scalar at the start of `bytes` (U+FFFD with length 1 when invalid).
    static func decodeScalar(_ bytes: ArraySlice<UInt8>) -> (Unicode.Scalar, Int) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar): return (scalar, UTF8.width(scalar))
        default: return ("\u{FFFD}", 1)
        }
    }
}
