/// Decoding of PromQL string literals (Prometheus's `strutil.Unquote`): `"…"` and `'…'` with Go escapes,
/// `` `…` `` raw.
enum StringLiteral {
    /// The bytes a literal stands for (the lexer has already checked its escapes). `\x` and octal escapes give raw
    /// bytes, as in Go.
    static func unquotedBytes(_ literal: ArraySlice<UInt8>) -> [UInt8] {
        guard literal.count >= 2, let quote = literal.first else { return [] }
        let body = literal.dropFirst().dropLast()
        if quote == UInt8(ascii: "`") || !body.contains(UInt8(ascii: "\\")) { return Array(body) }
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < body.endIndex else {
                out.append(byte)
                continue
            }
            let escape = body[index]
            index += 1
            switch escape {
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(escape - 48)
                for _ in 0..<2 where index < body.endIndex {
                    value = value * 8 + UInt32(body[index] - 48)
                    index += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                var value: UInt32 = 0
                for _ in 0..<count where index < body.endIndex {
                    value = value &* 16 &+ hexValue(body[index])
                    index += 1
                }
                if escape == UInt8(ascii: "x") {
                    out.append(UInt8(truncatingIfNeeded: value))
                } else if let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
            default:
                // `\\`, `\"`, `\'`.
                out.append(escape)
            }
        }
        return out
    }

    /// The string a literal stands for; bytes that are not UTF-8 become U+FFFD.
    static func unquote(_ literal: ArraySlice<UInt8>) -> String {
        String(decoding: unquotedBytes(literal), as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt32 {
        switch byte {
        case 48...57: UInt32(byte - 48)
        case 97...102: UInt32(byte - 87)
        case 65...70: UInt32(byte - 55)
        default: 0
        }
    }
}
