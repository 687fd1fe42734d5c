extension Lexer {
    /// Prometheus's `lexNumberOrDuration`: a number (`1`, `.5`, `1e3`, `0x1F`, `1_000`) or a duration (`5m`, `1h30m`).
    mutating func lexNumberOrDuration() throws(LexError) -> Token {
        if scanNumber() { return token(.number) }
        if acceptRemainingDuration() {
            return token(.duration)
        }
        let text = String(decoding: bytes[tokenStart..<position], as: UTF8.self)
        throw fail("bad number or duration syntax: \(GoQuoting.quote(text))")
    }

    /// Prometheus's `scanNumber`, which also decides what cannot follow a `.`, an exponent or a `_`.
    private mutating func scanNumber() -> Bool {
        let initial = position
        var hex = false
        if accept("0") && accept("xX") {
            _ = accept("_")
            hex = true
        }
        _ = accept(".")
        _ = acceptDigit(hex: hex)
        var dotConsumed = false
        var exponentConsumed = false
        while let byte = peekByte, isNumberCharacter(byte, hex: hex) {
            if byte == UInt8(ascii: "."), dotConsumed {
                position += 1
                return false
            }
            if byte | 0x20 == UInt8(ascii: "e"), exponentConsumed {
                position += 1
                return false
            }
            if accept(".") {
                dotConsumed = true
                if accept("_.") || hex { return false }
                continue
            }
            if accept("eE") {
                exponentConsumed = true
                _ = accept("+-")
                if accept("._eE") || atEnd { return false }
                continue
            }
            if accept("_") {
                if accept("._eE") || atEnd { return false }
                continue
            }
            while acceptDigit(hex: hex) {}
        }
        if position == initial { return false }
        return !Lexer.isAlphaNumeric(peekByte)
    }

    private func isNumberCharacter(_ byte: UInt8, hex: Bool) -> Bool {
        Lexer.isDigit(byte) || (hex && isHexLetter(byte)) || Lexer.contains("._eE", byte)
    }

    private func isHexLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= 97 && lower <= 102
    }

    private mutating func acceptDigit(hex: Bool) -> Bool {
        guard let byte = peekByte, Lexer.isDigit(byte) || (hex && isHexLetter(byte)) else { return false }
        position += 1
        return true
    }

    /// Prometheus's `acceptRemainingDuration`: after the digits, units and more digit-unit pairs, then no letter.
    private mutating func acceptRemainingDuration() -> Bool {
        guard accept("smhdwy") else { return false }
        _ = accept("s")
        while accept("0123456789") {
            while accept("0123456789") {}
            guard accept("smhdw") else { return false }
            _ = accept("s")
        }
        // Go reads one more rune and steps back over it only on success.
        guard let byte = peekByte else { return true }
        if Lexer.isAlphaNumeric(byte) {
            position += 1
            return false
        }
        return true
    }
}
