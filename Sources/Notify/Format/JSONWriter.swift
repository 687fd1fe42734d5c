/// A small JSON writer that produces the same bytes as Go's `encoding/json` for the shapes we send: strings escaped
/// with HTML escaping (`<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`), map keys sorted by their UTF-8 bytes, no
/// insignificant whitespace.
struct JSONWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends raw, already valid JSON text (punctuation, numbers, `true`).
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends an unsigned integer.
    mutating func number(_ value: Int) {
        raw(String(value))
    }

    /// Appends `"name":`.
    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends a JSON string the way Go's encoder escapes it.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20, 0x3C, 0x3E, 0x26, 0x2028, 0x2029:
                unicodeEscape(scalar.value)
            default:
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a string→string object with keys sorted like Go sorts map keys.
    mutating func object(_ values: [String: String]) {
        bytes.append(UInt8(ascii: "{"))
        for (index, name) in values.keys.sorted(by: GoText.bytewiseLess).enumerated() {
            if index > 0 {
                bytes.append(UInt8(ascii: ","))
            }
            key(name)
            string(values[name] ?? "")
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func unicodeEscape(_ value: UInt32) {
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(Self.hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
