/// Byte classes from RFC 9110 §5.6 used by the parser, the response encoder and header lookups.
enum ASCII {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let comma: UInt8 = 0x2C

    /// `tchar`: the bytes allowed in a method or a header name.
    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    /// `field-vchar`, SP or HTAB: the bytes allowed in a header value (obs-text 0x80–0xFF included).
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// SP or HTAB (`OWS`).
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// Lower-cases an ASCII letter; other bytes are unchanged.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Whether two strings are equal ignoring ASCII case (header names, tokens).
    static func equalsIgnoringCase(_ left: String, _ right: String) -> Bool {
        var leftBytes = left.utf8.makeIterator()
        var rightBytes = right.utf8.makeIterator()
        while true {
            switch (leftBytes.next(), rightBytes.next()) {
            case (nil, nil): return true
            case (let a?, let b?) where lower(a) == lower(b): continue
            default: return false
            }
        }
    }

    /// Whether `bytes` equal `literal` ignoring ASCII case; `literal` must be lower-case.
    static func equalsIgnoringCase(_ bytes: some Collection<UInt8>, lowercased literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        return literal.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { lower($0) == $1 }
        }
    }

    /// Splits a comma-separated header value into trimmed, non-empty elements (RFC 9110 §5.6.1).
    static func listElements(_ value: String) -> [Substring] {
        value.split(separator: ",").compactMap { element in
            let trimmed = element.drop { $0 == " " || $0 == "\t" }
            let end = trimmed.lastIndex { $0 != " " && $0 != "\t" }
            guard let end else { return nil }
            return trimmed[...end]
        }
    }
}
