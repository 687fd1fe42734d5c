/// Go's text conventions that show up in template output and error messages: `strconv.Quote`, `unicode.IsPrint`,
/// `%#U`, byte-wise string ordering.
enum GoText {
    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Go's `strconv.Quote`.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            appendQuoted(scalar, quote: "\"", asciiOnly: false, to: &out)
        }
        out += "\""
        return out
    }

    /// Go's `strconv.QuoteToASCII` (the `%+q` verb).
    static func quoteASCII(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            appendQuoted(scalar, quote: "\"", asciiOnly: true, to: &out)
        }
        out += "\""
        return out
    }

    /// Go's `strconv.QuoteRune` (the `%q` verb on an integer).
    static func quoteRune(_ value: Int64) -> String {
        let scalar = (0...0x10FFFF).contains(value) ? Unicode.Scalar(UInt32(value)) : nil
        var out = "'"
        appendQuoted(scalar ?? "\u{FFFD}", quote: "'", asciiOnly: false, to: &out)
        out += "'"
        return out
    }

    /// Go's `%.Nq` on a string: the first `maxRunes` runes, quoted.
    static func quotePrefix(_ text: String, maxRunes: Int) -> String {
        quote(String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxRunes))))
    }

    /// Go's `strconv.CanBackquote`.
    static func canBackquote(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            if scalar == "`" || scalar == "\u{FEFF}" { return false }
            if scalar.value < 0x20 && scalar != "\t" { return false }
            if scalar.value == 0x7F { return false }
        }
        return true
    }

    private static func appendQuoted(
        _ scalar: Unicode.Scalar, quote: Unicode.Scalar, asciiOnly: Bool,
        to out: inout String
    ) {
        if scalar == quote || scalar == "\\" {
            out.unicodeScalars.append("\\")
            out.unicodeScalars.append(scalar)
            return
        }
        if asciiOnly ? (scalar.value < 0x80 && isPrint(scalar)) : isPrint(scalar) {
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
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\x" + hex(UInt64(scalar.value), width: 2)
            } else if scalar.value < 0x10000 {
                out += "\\u" + hex(UInt64(scalar.value), width: 4)
            } else {
                out += "\\U" + hex(UInt64(scalar.value), width: 8)
            }
        }
    }

    /// Lower-case hexadecimal, zero-padded to `width`.
    static func hex(_ value: UInt64, width: Int, uppercase: Bool = false) -> String {
        let digits = String(value, radix: 16, uppercase: uppercase)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Go's `%#U`: `U+0041 'A'`, or just `U+00A0` when the rune is not printable.
    static func sharpU(_ scalar: Unicode.Scalar) -> String {
        let code = "U+" + hex(UInt64(scalar.value), width: 4, uppercase: true)
        return isPrint(scalar) ? code + " '" + String(scalar) + "'" : code
    }

    /// Go's string `<`: byte-wise on the UTF-8 encoding.
    static func less(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// The number of runes (Unicode scalars) in `text`, as Go's `utf8.RuneCountInString`.
    static func runeCount(_ text: String) -> Int {
        text.unicodeScalars.count
    }
}
