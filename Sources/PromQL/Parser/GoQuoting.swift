/// Go's quoting rules (`strconv.Quote`, `strconv.QuoteRune`, `fmt`'s `%#U`), which Prometheus's messages and
/// `String()` forms use.
enum GoQuoting {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `strconv.Quote(s)`: a double-quoted string with Go escapes. With `escapeReplacement`, U+FFFD is written as
    /// `\ufffd` so that printed expressions parse again (a Swift string cannot hold the invalid byte Go would print).
    static func quote(_ text: String, escapeReplacement: Bool = false) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if escapeReplacement && scalar.value == 0xFFFD {
                out += "\\ufffd"
            } else {
                appendEscaped(scalar, quote: "\"", to: &out)
            }
        }
        out += "\""
        return out
    }

    /// `strconv.Quote` of raw bytes: like `quote(_:)`, with each byte that is not part of valid UTF-8 written as
    /// `\xHH` (what Go prints for a string literal such as `"a\xc5z"`; see `StringLiteral.unquotedBytes`).
    static func quote(bytes: [UInt8]) -> String {
        var out = "\""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
            var decoder = UTF8()
            var iterator = bytes[index..<min(index + max(width, 1), bytes.count)].makeIterator()
            if width > 0, index + width <= bytes.count, case .scalarValue(let scalar) = decoder.decode(&iterator),
                scalar.utf8.count == width
            {
                appendEscaped(scalar, quote: "\"", to: &out)
                index += width
            } else {
                out += "\\x"
                appendHex(UInt32(lead), digits: 2, to: &out)
                index += 1
            }
        }
        out += "\""
        return out
    }

    /// `%.Nq` of a string: the first `limit` runes, quoted.
    static func quote(_ text: String, limit: Int) -> String {
        quote(String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))))
    }

    /// `strconv.QuoteRune(r)`: a single-quoted rune; nil (end of input or an invalid rune) prints as U+FFFD.
    static func quoteRune(_ scalar: Unicode.Scalar?) -> String {
        var out = "'"
        appendEscaped(scalar ?? "\u{FFFD}", quote: "'", to: &out)
        out += "'"
        return out
    }

    /// `fmt.Sprintf("%#U", r)`: `U+0063 'c'`, or just `U+0001` for a rune that does not print.
    static func unicodeVerbose(_ scalar: Unicode.Scalar?) -> String {
        let value = scalar?.value ?? 0xFFFD
        var hex = String(value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        var out = "U+" + hex
        if let scalar, isPrint(scalar) {
            out += " '"
            out.unicodeScalars.append(scalar)
            out += "'"
        }
        return out
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x20 && scalar.value < 0x7F }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Whether `name` matches `[a-zA-Z_][a-zA-Z0-9_]*` (Prometheus's legacy label name rule).
    static func isLegacyLabelName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        for (index, byte) in name.utf8.enumerated() {
            let isLetter = (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || byte == 95
            let isDigit = byte >= 48 && byte <= 57
            if !(isLetter || (index > 0 && isDigit)) { return false }
        }
        return true
    }

    private static func appendEscaped(_ scalar: Unicode.Scalar, quote: Unicode.Scalar, to out: inout String) {
        if scalar == quote || scalar == "\\" {
            out += "\\"
            out.unicodeScalars.append(scalar)
            return
        }
        if isPrint(scalar) {
            out.unicodeScalars.append(scalar)
            return
        }
        switch scalar {
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        default:
            let value = scalar.value
            if value < 0x20 || value == 0x7F {
                out += "\\x"
                appendHex(value, digits: 2, to: &out)
            } else if value < 0x10000 {
                out += "\\u"
                appendHex(value, digits: 4, to: &out)
            } else {
                out += "\\U"
                appendHex(value, digits: 8, to: &out)
            }
        }
    }

    private static func appendHex(_ value: UInt32, digits: Int, to out: inout String) {
        var shift = (digits - 1) * 4
        while shift >= 0 {
            out.unicodeScalars.append(Unicode.Scalar(hexDigits[Int((value >> UInt32(shift)) & 0xF)]))
            shift -= 4
        }
    }
}
