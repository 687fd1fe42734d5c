extension Lexer {
    /// Prometheus's `lexString`: a `"…"` or `'…'` string whose escapes must be valid (the opening quote is read).
    mutating func lexString(quote: UInt8) throws(LexError) -> Token {
        while true {
            guard let byte = peekByte else { throw fail("unterminated quoted string") }
            if byte == UInt8(ascii: "\\") {
                position += 1
                try lexEscape(quote: quote)
                continue
            }
            if isReplacementCharacter(at: position) { throw fail("invalid UTF-8 rune") }
            if byte == UInt8(ascii: "\n") { throw fail("unterminated quoted string") }
            position += rune(at: position).width
            if byte == quote { return token(.string) }
        }
    }

    /// Prometheus's `lexRawString`: a `` `…` `` string without escapes (the opening backquote is read).
    mutating func lexRawString() throws(LexError) -> Token {
        while true {
            guard let byte = peekByte else { throw fail("unterminated raw string") }
            if isReplacementCharacter(at: position) { throw fail("invalid UTF-8 rune") }
            position += rune(at: position).width
            if byte == UInt8(ascii: "`") { return token(.string) }
        }
    }

    /// Prometheus's `lexEscape` (after a backslash): Go's escapes, checked but not decoded.
    private mutating func lexEscape(quote: UInt8) throws(LexError) {
        var current = nextRune()
        guard let first = current else { throw fail("escape sequence not terminated") }
        var count: Int
        let base: UInt32
        let maximum: UInt32
        switch first {
        case "a", "b", "f", "n", "r", "t", "v", "\\":
            return
        case Unicode.Scalar(quote):
            return
        case "0", "1", "2", "3", "4", "5", "6", "7":
            (count, base, maximum) = (3, 8, 255)
        case "x":
            current = nextRune()
            (count, base, maximum) = (2, 16, 255)
        case "u":
            current = nextRune()
            (count, base, maximum) = (4, 16, 0x10FFFF)
        case "U":
            current = nextRune()
            (count, base, maximum) = (8, 16, 0x10FFFF)
        default:
            throw fail("unknown escape sequence \(GoQuoting.unicodeVerbose(first))")
        }
        var value: UInt64 = 0
        while count > 0 {
            guard let scalar = current else { throw fail("escape sequence not terminated") }
            let digit = Lexer.digitValue(scalar)
            guard digit < base else {
                throw fail("illegal character \(GoQuoting.unicodeVerbose(scalar)) in escape sequence")
            }
            value = value * UInt64(base) + UInt64(digit)
            count -= 1
            if count > 0 { current = nextRune() }
        }
        if value > UInt64(maximum) || (0xD800..<0xE000).contains(value) {
            throw fail("escape sequence is an invalid Unicode code point")
        }
    }

    private mutating func nextRune() -> Unicode.Scalar? {
        let (scalar, width) = rune(at: position)
        position += width
        return scalar
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> UInt32 {
        switch scalar.value {
        case 48...57: scalar.value - 48
        case 97...102: scalar.value - 87
        case 65...70: scalar.value - 55
        default: 16
        }
    }
}
